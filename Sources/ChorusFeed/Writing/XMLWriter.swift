/// Builds indented XML text with every value escaped.
public struct XMLWriter {
    public private(set) var text = ""
    private var depth = 0

    public init() { text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" }

    public static func escape(_ value: String, quote: Bool) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quote: result += "&quot;"
            case "\n" where quote: result += "&#10;"
            case "\t" where quote: result += "&#9;"
            case "\r": result += "&#13;"
            default:
                // Characters XML 1.0 cannot carry are dropped rather than written.
                let value = scalar.value
                if value < 0x20 && value != 0x09 && value != 0x0A { continue }
                if value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name)=\"\(XMLWriter.escape($0, quote: true))\"" } }.joined()
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    public mutating func open(_ name: String, _ pairs: [(String, String?)] = []) {
        text += "\(indent)<\(name)\(attributes(pairs))>\n"
        depth += 1
    }

    public mutating func close(_ name: String) {
        depth -= 1
        text += "\(indent)</\(name)>\n"
    }

    public mutating func empty(_ name: String, _ pairs: [(String, String?)] = []) {
        text += "\(indent)<\(name)\(attributes(pairs))/>\n"
    }

    public mutating func element(_ name: String, _ pairs: [(String, String?)] = [], text value: String?) {
        guard let value else { return }
        text += "\(indent)<\(name)\(attributes(pairs))>\(XMLWriter.escape(value, quote: false))</\(name)>\n"
    }
}
