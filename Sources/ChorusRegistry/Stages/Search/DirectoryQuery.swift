import ChorusFeed
import Foundation

/// One directory search, as the search page, the JSON API and the search feeds all express it.
public struct DirectoryQuery: Sendable, Equatable {
    public var text: String?
    /// A place name, optionally qualified: "Springfield, Illinois".
    public var place: String?
    public var latitude: Double?
    public var longitude: Double?
    public var radiusKm: Double = 25
    /// Local weekdays of the meeting, 0 = Monday.
    public var days: Set<Int> = []
    /// Local start time of the meeting, in minutes after midnight, both ends included.
    public var startMinutes: ClosedRange<Int>?
    public var withinHours: Int?
    /// A hybrid meeting answers all three modes.
    public var mode: AttendanceMode?
    public var audience: AudienceKind?
    /// A BCP 47 tag; its primary language is matched.
    public var language: String?
    public var accessibility: [AccessibilityFeature] = []
    public var freeOnly = false
    /// A network slug.
    public var network: String?
    /// A tier id of the network's charter.
    public var tier: String?
    /// Listed groups only (the default); network admins may search every active member.
    public var listedOnly = true
    public var offset = 0
    public var limit = 20

    public init() {}

    public static let maximumRadiusKm = 500.0
    /// A meeting that began at most this long ago and has not ended is still offered, as on now.
    public static let underWaySeconds: Int64 = 12 * 3_600
    public static let maximumLimit = 100

    public var isNearSearch: Bool { place != nil || (latitude != nil && longitude != nil) }

    public var hasOccurrenceConditions: Bool { !days.isEmpty || startMinutes != nil || withinHours != nil }

    /// Named parts of the day, in local meeting time.
    public static let partsOfDay: [String: ClosedRange<Int>] = [
        "morning": 5 * 60...(12 * 60 - 1),
        "afternoon": 12 * 60...(17 * 60 - 1),
        "evening": 17 * 60...(24 * 60 - 1),
    ]
}

extension DirectoryQuery {
    /// Refuses values no caller could mean before any of them reaches the index: the typed fields cannot hold a
    /// foreign value, and the free-form ones must have the shape of what they name.
    public func validated() throws(RegistryError) -> DirectoryQuery {
        func refuse(_ message: String) -> RegistryError { .invalid(.query, message) }
        if let language, !LanguageTag.isWellFormed(language) { throw refuse("language '\(language)' is not a BCP 47 tag such as en or es") }
        if let network, (try? Registry.validateSlug(network)) == nil { throw refuse("network '\(network)' is not a network slug") }
        if let tier, !Self.isIdentifier(tier) { throw refuse("tier '\(tier)' is not a tier id") }
        if let text, text.count > 200 { throw refuse("the search text is longer than 200 characters") }
        if let place, place.count > 200 { throw refuse("the place name is longer than 200 characters") }
        if let latitude, !(-90...90).contains(latitude) { throw refuse("latitude \(latitude) is out of range") }
        if let longitude, !(-180...180).contains(longitude) { throw refuse("longitude \(longitude) is out of range") }
        guard radiusKm > 0, radiusKm <= Self.maximumRadiusKm else { throw refuse("the radius must be above 0 and at most \(Int(Self.maximumRadiusKm)) km") }
        guard days.allSatisfy((0...6).contains) else { throw refuse("days are 0 (Monday) to 6 (Sunday)") }
        if let startMinutes, startMinutes.lowerBound < 0 || startMinutes.upperBound >= 24 * 60 { throw refuse("start times are minutes 0 to 1439") }
        if let withinHours, !(1...(24 * 56)).contains(withinHours) { throw refuse("within must be 1 to 1344 hours") }
        guard (0...10_000).contains(offset), (1...Self.maximumLimit).contains(limit) else { throw refuse("offset must be 0 to 10000 and limit 1 to \(Self.maximumLimit)") }
        return self
    }

    /// Lowercase letters, digits and hyphens, as charter tier ids are.
    static func isIdentifier(_ text: String) -> Bool {
        (1...64).contains(text.count) && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
