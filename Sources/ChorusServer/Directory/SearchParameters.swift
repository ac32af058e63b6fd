import ChorusFeed
import ChorusRegistry
import Foundation

/// The query string of `/search`, `/api/v1/search` and the search feeds, read into a `DirectoryQuery`.
/// Anything unreadable is a one-line error naming the parameter; unknown parameters are ignored.
struct SearchParameters {
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    var query = DirectoryQuery()
    /// The searcher's own IANA zone (filled in by the page's script, or given by an API client).
    var searcherZone: TimeZone?
    var page = 1
    /// Every parameter as given, for links that keep the search (another page, a feed of it).
    var pairs: [(String, String)] = []

    static let dayNames: [String: Int] = [
        "mon": 0, "monday": 0, "tue": 1, "tuesday": 1, "wed": 2, "wednesday": 2, "thu": 3, "thursday": 3,
        "fri": 4, "friday": 4, "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
    ]
    static let radii: [Double] = [5, 10, 25, 50, 100, 250, 500]
    static let known: Set<String> = ["q", "place", "lat", "lon", "radius", "day", "time", "within", "mode", "audience", "language",
                                     "access", "free", "network", "tier", "page", "tz", "limit"]

    init(_ items: [(String, String)], maximumLimit: Int = DirectoryQuery.maximumLimit) throws(Invalid) {
        for (rawName, rawValue) in items {
            let name = rawName.lowercased()
            let value = rawValue.trimmingCharacters(in: .whitespacesAndNewlines)
            guard Self.known.contains(name), !value.isEmpty else { continue }
            guard value.utf8.count <= 200 else { throw Invalid(description: "\(name) is longer than 200 bytes") }
            pairs.append((name, value))
            switch name {
            case "q": query.text = value
            case "place": query.place = value
            case "lat": query.latitude = try Self.number(value, name, -90...90)
            case "lon": query.longitude = try Self.number(value, name, -180...180)
            case "radius": query.radiusKm = try Self.number(value, name, 1...DirectoryQuery.maximumRadiusKm)
            case "day":
                for part in value.lowercased().split(separator: ",") {
                    guard let day = Self.dayNames[String(part)] else {
                        throw Invalid(description: "day '\(part)' is not a day of the week (mon, tue, … or monday, tuesday, …)")
                    }
                    query.days.insert(day)
                }
            case "time": query.startMinutes = try Self.timeRange(value)
            case "within":
                guard value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber), let hours = Int(value), (1...(24 * 56)).contains(hours) else {
                    throw Invalid(description: "within must be a number of hours from 1 to 1344")
                }
                query.withinHours = hours
            case "mode":
                guard let mode = AttendanceMode(rawValue: value) else {
                    let ids = AttendanceMode.allCases.map(\.rawValue)
                    throw Invalid(description: "mode must be \(ids.dropLast().joined(separator: ", ")) or \(ids.last!)")
                }
                query.mode = mode
            case "audience":
                guard let audience = AudienceKind(rawValue: value) else { throw Invalid(description: "audience '\(value)' is not in the audience vocabulary") }
                query.audience = audience
            case "language":
                guard value.count <= 35, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                    throw Invalid(description: "language must be a language tag such as es or pt-BR")
                }
                query.language = value
            case "access":
                for feature in value.split(separator: ",").map(String.init) {
                    guard let feature = AccessibilityFeature(rawValue: feature) else {
                        throw Invalid(description: "access '\(feature)' is not in the accessibility vocabulary")
                    }
                    if !query.accessibility.contains(feature) { query.accessibility.append(feature) }
                }
            case "free": query.freeOnly = ["1", "true", "yes", "on"].contains(value.lowercased())
            case "network": query.network = value
            case "tier": query.tier = value
            case "page":
                guard value.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(value), (1...500).contains(number) else { throw Invalid(description: "page must be a number from 1 to 500") }
                page = number
            case "limit":
                guard value.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(value), (1...maximumLimit).contains(number) else {
                    throw Invalid(description: "limit must be a number from 1 to \(maximumLimit)")
                }
                query.limit = number
            case "tz":
                guard let zone = TimeZone(identifier: value) else { throw Invalid(description: "tz '\(value)' is not an IANA time zone") }
                searcherZone = zone
            default: break
            }
        }
        if (query.latitude == nil) != (query.longitude == nil) { throw Invalid(description: "lat and lon must be given together") }
        if query.place != nil && query.latitude != nil { query.latitude = nil; query.longitude = nil }
        query.offset = (page - 1) * query.limit
    }

    init(uri: String, maximumLimit: Int = DirectoryQuery.maximumLimit) throws(Invalid) {
        let items = URLComponents(string: uri)?.percentEncodedQueryItems ?? []
        try self.init(items.map { item in
            (item.name.removingPercentEncoding ?? item.name,
             (item.value ?? "").replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "")
        }, maximumLimit: maximumLimit)
    }

    private static func number(_ value: String, _ name: String, _ range: ClosedRange<Double>) throws(Invalid) -> Double {
        guard value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let number = Double(value), number.isFinite, range.contains(number) else {
            throw Invalid(description: "\(name) must be a number from \(range.lowerBound.formatted) to \(range.upperBound.formatted)")
        }
        return number
    }

    /// `morning`, `afternoon`, `evening`, or `HH:MM-HH:MM` in the meeting's local time.
    static func timeRange(_ value: String) throws(Invalid) -> ClosedRange<Int> {
        if let part = DirectoryQuery.partsOfDay[value.lowercased()] { return part }
        let ends = value.split(separator: "-").compactMap { LocalTime(iso: $0) }
        guard ends.count == 2, ends[0] <= ends[1] else {
            throw Invalid(description: "time must be morning, afternoon, evening or a range such as 18:00-21:00")
        }
        return ends[0].minutesSinceMidnight...ends[1].minutesSinceMidnight
    }

    /// The query string for the same search, with some parameters replaced (nil removes one).
    func queryString(replacing changes: [String: String?] = [:]) -> String {
        var kept = pairs.filter { changes[$0.0] == nil }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) { if let value = value { kept.append((name, value)) } }
        var components = URLComponents()
        components.queryItems = kept.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.percentEncodedQuery ?? ""
    }
}

extension Double {
    var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}

/// A search's query string read the way the pages and the API read it, for tools that only check one.
public enum SearchInput {
    /// Nil when the search can be read, otherwise its one-line reason.
    public static func problem(in uri: String) -> String? {
        do {
            let parameters = try SearchParameters(uri: uri)
            _ = try parameters.query.validated()
            return nil
        } catch {
            return "\(error)"
        }
    }
}
