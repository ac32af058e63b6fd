/// Writes PO files in the layout `msgmerge` and translators' editors write, so a round trip changes nothing.
public enum POWriter {
    public static func write(_ file: POFile) -> String {
        var out = ""
        for comment in file.headerComments { out += comment.isEmpty ? "#\n" : "# \(comment)\n" }
        out += "msgid \"\"\nmsgstr \"\"\n"
        for (name, value) in file.header { out += quote("\(name): \(value)\n") + "\n" }
        for entry in file.entries {
            out += "\n"
            for comment in entry.translatorComments { out += comment.isEmpty ? "#\n" : "# \(comment)\n" }
            for comment in entry.extractedComments { out += "#. \(comment)\n" }
            if !entry.references.isEmpty { out += "#: " + entry.references.joined(separator: " ") + "\n" }
            if !entry.flags.isEmpty { out += "#, " + entry.flags.joined(separator: ", ") + "\n" }
            if let context = entry.context { out += "msgctxt " + quote(context) + "\n" }
            out += "msgid " + quote(entry.id) + "\n"
            if let plural = entry.idPlural {
                out += "msgid_plural " + quote(plural) + "\n"
                for (index, string) in entry.strings.enumerated() { out += "msgstr[\(index)] " + quote(string) + "\n" }
            } else {
                out += "msgstr " + quote(entry.strings.first ?? "") + "\n"
            }
        }
        return out
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
