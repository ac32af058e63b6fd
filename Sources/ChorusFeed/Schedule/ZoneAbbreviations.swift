import Foundation

/// The abbreviations people know a zone's time by ("BST", "EST", "AEDT"), read from the system's tz database.
/// Foundation on Linux names most zones only by offset, but every TZif file carries its abbreviations: one per
/// local time type, chosen by the transitions, and after the last transition by the POSIX rule in the file's footer.
/// tzdata writes numeric abbreviations ("+03") where no name is in common use; those are not names and are not given.
public enum ZoneAbbreviations {
    /// The abbreviation in force at an instant whose UTC offset is `offset` seconds, or nil when the database has none.
    public static func name(zone identifier: String, at instant: Date, offset: Int) -> String? {
        guard let zone = zone(identifier) else { return nil }
        let candidate = zone.name(at: Int64(instant.timeIntervalSince1970.rounded(.down)), offset: offset)
        guard let candidate, !candidate.isEmpty, candidate.allSatisfy({ $0.isLetter }) else { return nil }
        return candidate
    }

    /// Where the TZif files are: `TZDIR` when it is set, as the C library reads it, otherwise the usual place.
    static var directory: String { ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo" }

    private static let cache = Cache()

    static func zone(_ identifier: String) -> TZif? {
        if let known = cache.value(identifier) { return known }
        let parts = identifier.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        let parsed = FileManager.default.contents(atPath: directory + "/" + identifier).flatMap(TZif.init)
        cache.store(identifier, parsed)
        return parsed
    }

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var zones: [String: TZif?] = [:]

        func value(_ identifier: String) -> TZif?? { lock.withLock { zones[identifier] } }
        func store(_ identifier: String, _ zone: TZif?) { lock.withLock { if zones.count < 1_000 { zones[identifier] = zone } } }
    }
}

/// The parts of one TZif file (RFC 8536) that name local time: transitions, local time types and the footer rule.
struct TZif: Sendable {
    struct LocalTimeType: Sendable {
        let offset: Int
        let name: String
    }

    let transitions: [Int64]
    let typeIndices: [Int]
    let types: [LocalTimeType]
    /// From the footer's POSIX rule: the names and offsets of standard time and, when the zone has it, daylight time.
    let rule: [LocalTimeType]

    init?(_ data: Data) {
        var reader = BigEndianReader(bytes: [UInt8](data))
        guard let header = reader.header() else { return nil }
        var block = header
        var timeSize = 4
        if header.version >= 2 {
            guard reader.skip(header.v1Length), let second = reader.header() else { return nil }
            block = second
            timeSize = 8
        }
        guard let times = reader.integers(count: block.timeCount, size: timeSize),
              let indices = reader.bytes(count: block.timeCount),
              let infos = reader.bytes(count: block.typeCount * 6),
              let characters = reader.bytes(count: block.characterCount),
              block.typeCount > 0 else { return nil }
        var types: [LocalTimeType] = []
        for index in 0..<block.typeCount {
            let entry = Array(infos[index * 6..<index * 6 + 6])
            let offset = Int(Int32(bitPattern: UInt32(entry[0]) << 24 | UInt32(entry[1]) << 16 | UInt32(entry[2]) << 8 | UInt32(entry[3])))
            let start = Int(entry[5])
            guard start < characters.count else { return nil }
            let end = characters[start...].firstIndex(of: 0) ?? characters.count
            types.append(LocalTimeType(offset: offset, name: String(decoding: characters[start..<end], as: UTF8.self)))
        }
        guard indices.allSatisfy({ Int($0) < types.count }) else { return nil }
        transitions = times
        typeIndices = indices.map(Int.init)
        self.types = types
        if header.version >= 2, reader.skip(block.timeSize8TailLength), let footer = reader.footer() {
            rule = PosixZoneRule.types(footer)
        } else {
            rule = []
        }
    }

    func name(at second: Int64, offset: Int) -> String? {
        if let last = transitions.last, second >= last, !rule.isEmpty {
            return rule.first { $0.offset == offset }?.name
        }
        let type: LocalTimeType
        if let index = transitions.lastIndex(where: { $0 <= second }) {
            type = types[typeIndices[index]]
        } else {
            type = types[0]
        }
        if type.offset == offset { return type.name }
        return (rule + types).first { $0.offset == offset }?.name
    }
}

/// The names and UTC offsets of a POSIX TZ rule such as `GMT0BST,M3.5.0/1,M10.5.0` or `<+03>-3`.
enum PosixZoneRule {
    static func types(_ text: String) -> [TZif.LocalTimeType] {
        var rest = Substring(text)
        guard let standard = name(&rest), let standardOffset = offset(&rest) else { return [] }
        var found = [TZif.LocalTimeType(offset: -standardOffset, name: standard)]
        if let daylight = name(&rest) {
            let daylightOffset = offset(&rest).map { -$0 } ?? (-standardOffset + 3_600)
            found.append(TZif.LocalTimeType(offset: daylightOffset, name: daylight))
        }
        return found
    }

    private static func name(_ rest: inout Substring) -> String? {
        if rest.first == "<" {
            guard let close = rest.firstIndex(of: ">") else { return nil }
            let name = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            return String(name)
        }
        let name = rest.prefix { $0.isLetter }
        guard name.count >= 3 else { return nil }
        rest = rest.dropFirst(name.count)
        return String(name)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, positive west of Greenwich as POSIX has it.
    private static func offset(_ rest: inout Substring) -> Int? {
        var sign = 1
        if rest.first == "+" || rest.first == "-" {
            sign = rest.first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        let field = rest.prefix { $0.isNumber || $0 == ":" }
        guard !field.isEmpty else { return nil }
        rest = rest.dropFirst(field.count)
        let parts = field.split(separator: ":").map { Int($0) ?? 0 }
        let seconds = parts.enumerated().reduce(0) { total, part in total + part.element * [3_600, 60, 1][min(part.offset, 2)] }
        return sign * seconds
    }
}

private struct BigEndianReader {
    struct Header {
        let version: Int
        let utIndicatorCount, standardIndicatorCount, leapCount, timeCount, typeCount, characterCount: Int

        var v1Length: Int { timeCount * 5 + typeCount * 6 + characterCount + leapCount * 8 + standardIndicatorCount + utIndicatorCount }
        /// What follows the designations in a version 2 data block, up to the footer.
        var timeSize8TailLength: Int { leapCount * 12 + standardIndicatorCount + utIndicatorCount }
    }

    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func header() -> Header? {
        guard position + 44 <= bytes.count, bytes[position..<position + 4].elementsEqual(Array("TZif".utf8)) else { return nil }
        let versionByte = bytes[position + 4]
        let version = versionByte == 0 ? 1 : Int(versionByte) - Int(UInt8(ascii: "0"))
        position += 20
        guard let counts = integers(count: 6, size: 4), counts.allSatisfy({ $0 >= 0 && $0 < 1_000_000 }) else { return nil }
        let values = counts.map { Int($0) }
        return Header(version: version, utIndicatorCount: values[0], standardIndicatorCount: values[1], leapCount: values[2],
                      timeCount: values[3], typeCount: values[4], characterCount: values[5])
    }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, position + count <= bytes.count else { return false }
        position += count
        return true
    }

    mutating func bytes(count: Int) -> [UInt8]? {
        guard count >= 0, position + count <= bytes.count else { return nil }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func integers(count: Int, size: Int) -> [Int64]? {
        guard let raw = bytes(count: count * size) else { return nil }
        return (0..<count).map { index in
            let value = raw[index * size..<(index + 1) * size].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return size == 4 ? Int64(Int32(bitPattern: UInt32(value))) : Int64(bitPattern: value)
        }
    }

    mutating func footer() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\n") else { return nil }
        let start = position + 1
        guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
