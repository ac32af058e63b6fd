import Foundation

/// Reads a GeoNames "geoname" table (tab-separated, 19 columns, as in cities15000.txt or a country file) and,
/// optionally, its admin1CodesASCII.txt for region names. Only populated places (feature class P) are kept.
public struct GazetteerFile: Sendable {
    public struct Entry: Sendable, Equatable {
        public var geonameId: String
        public var name: String
        public var names: [String]
        public var latitude: Double
        public var longitude: Double
        public var country: String
        public var regionCode: String?
        public var population: Int
        public var timeZone: String?
    }

    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    public var entries: [Entry] = []
    public var skipped = 0

    /// Parses every line before anything is stored, so a bad file changes nothing.
    public init(_ data: Data) throws(Problem) {
        guard let text = String(data: data, encoding: .utf8) else { throw Problem(line: 1, message: "the file is not UTF-8 text") }
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 19 else {
                throw Problem(line: number, message: "expected 19 tab-separated GeoNames columns, found \(fields.count)")
            }
            guard fields[6] == "P" else { skipped += 1; continue }
            guard let latitude = Double(fields[4]), (-90...90).contains(latitude),
                  let longitude = Double(fields[5]), (-180...180).contains(longitude) else {
                throw Problem(line: number, message: "latitude '\(fields[4])' and longitude '\(fields[5])' are not valid coordinates")
            }
            let country = fields[8].uppercased()
            guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw Problem(line: number, message: "'\(fields[8])' is not a two-letter country code")
            }
            guard !fields[1].isEmpty, fields[1].count <= 200 else { throw Problem(line: number, message: "the place has no usable name") }
            let alternates = fields[3].split(separator: ",").prefix(50).map(String.init).filter { $0.count <= 200 }
            entries.append(Entry(geonameId: fields[0], name: fields[1], names: [fields[1], fields[2]] + alternates,
                                 latitude: latitude, longitude: longitude, country: country,
                                 regionCode: fields[10].isEmpty ? nil : fields[10], population: Int(fields[14]) ?? 0,
                                 timeZone: fields[17].isEmpty ? nil : fields[17]))
        }
    }

    /// admin1CodesASCII.txt: `US.IL<TAB>Illinois<TAB>Illinois<TAB>4896861`.
    public static func regionNames(_ data: Data) throws(Problem) -> [String: String] {
        guard let text = String(data: data, encoding: .utf8) else { throw Problem(line: 1, message: "the region file is not UTF-8 text") }
        var names: [String: String] = [:]
        for (index, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, fields[0].contains(".") else {
                throw Problem(line: index + 1, message: "expected CODE.REGION<TAB>name")
            }
            names[String(fields[0])] = String(fields[1])
        }
        return names
    }
}
