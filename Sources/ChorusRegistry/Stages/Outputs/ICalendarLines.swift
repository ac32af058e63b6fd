import ChorusFeed
import Foundation

/// RFC 5545 content lines: escaped text values, lines folded at 75 octets, CRLF endings.
struct ICalendarLines {
    private(set) var text = ""

    mutating func add(_ name: String, _ value: String) {
        fold(name + ":" + value)
    }

    mutating func add(_ name: String, text value: String) {
        add(name, Self.escape(value))
    }

    static func escape(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "\r": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A parameter value, quoted when it holds a character that would end it.
    static func parameter(_ value: String) -> String {
        let clean = String(value.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 })
        return clean.contains(where: { ":;,".contains($0) }) ? "\"\(clean)\"" : clean
    }

    /// Local date-time form `20261124T190000`.
    static func local(_ date: LocalDate, _ time: LocalTime) -> String {
        date.description.replacingOccurrences(of: "-", with: "") + "T" + String(twoDigits: time.hour) + String(twoDigits: time.minute) + "00"
    }

    /// UTC form `20261124T190000Z`.
    static func utc(_ instant: Date) -> String {
        Timestamp.format(instant).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    private mutating func fold(_ line: String) {
        var octets = 0
        for character in line {
            let size = character.utf8.count
            if octets + size > 75 {
                text += "\r\n "
                octets = 1
            }
            text.append(character)
            octets += size
        }
        text += "\r\n"
    }
}
