import Foundation

/// The fields a browser would send for one form of a page served by Chorus, submitted as it stands: text inputs and
/// text areas with their values, ticked boxes, and each select's chosen option (else its first). Enough for the
/// project's own templates; not a general HTML parser.
enum HTMLFormFields {
    static func fields(in html: String, action: String) -> [String: String]? {
        guard let start = html.range(of: #"<form[^>]*action="\#(NSRegularExpression.escapedPattern(for: action))""#, options: .regularExpression),
              let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex) else { return nil }
        let form = String(html[start.lowerBound..<end.lowerBound])
        var fields: [String: String] = [:]
        func add(_ name: String?, _ value: String) {
            guard let name, fields[name] == nil else { return }
            fields[name] = value
        }
        for tag in matches(#"<input\b[^>]*>"#, in: form) {
            let type = attribute("type", of: tag) ?? "text"
            if ["file", "submit", "button"].contains(type) { continue }
            if ["checkbox", "radio"].contains(type), !has("checked", tag) { continue }
            add(attribute("name", of: tag), attribute("value", of: tag) ?? (type == "checkbox" ? "on" : ""))
        }
        for area in matches(#"<textarea\b[^>]*>[\s\S]*?</textarea>"#, in: form) {
            let open = area.prefix { $0 != ">" }
            var content = String(area.dropFirst(open.count + 1).dropLast("</textarea>".count))
            if content.hasPrefix("\n") { content.removeFirst() }
            add(attribute("name", of: String(open)), unescape(content))
        }
        for select in matches(#"<select\b[^>]*>[\s\S]*?</select>"#, in: form) {
            let options = matches(#"<option\b[^>]*>"#, in: select)
            guard let chosen = options.first(where: { has("selected", $0) }) ?? options.first else { continue }
            add(attribute("name", of: String(select.prefix { $0 != ">" })), attribute("value", of: chosen) ?? "")
        }
        return fields
    }

    private static func matches(_ pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }

    private static func attribute(_ name: String, of tag: String) -> String? {
        guard let range = tag.range(of: #"\s\#(name)="[^"]*""#, options: .regularExpression) else { return nil }
        return unescape(String(tag[range].drop { $0 != "\"" }.dropFirst().dropLast()))
    }

    private static func has(_ flag: String, _ tag: String) -> Bool {
        tag.range(of: #"\s\#(flag)(?=[\s>/])"#, options: .regularExpression) != nil
    }

    static func unescape(_ text: String) -> String {
        var result = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&#x2F;", "/"), ("&#10;", "\n"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result
    }
}
