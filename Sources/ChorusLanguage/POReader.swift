import Foundation

/// Reads PO files as gettext's `msgfmt` does, with one-line errors that give the line.
public enum POReader {
    public static func read(_ text: String) throws(POSyntaxError) -> POFile {
        var file = POFile()
        var comments: (translator: [String], extracted: [String], references: [String], flags: [String]) = ([], [], [], [])
        var field: String?
        var values: [String: String] = [:]
        var started = false
        var sawHeader = false
        var lineNumber = 0

        func finish() throws(POSyntaxError) {
            guard started else { return }
            guard let id = values["msgid"] else { throw POSyntaxError(line: lineNumber, message: "an entry without msgid") }
            var finished = POFile.Entry(id: id, strings: [])
            finished.context = values["msgctxt"]
            finished.idPlural = values["msgid_plural"]
            if finished.idPlural != nil {
                var index = 0
                while let string = values["msgstr[\(index)]"] { finished.strings.append(string); index += 1 }
                guard index > 0 else { throw POSyntaxError(line: lineNumber, message: "a plural entry without msgstr[0]") }
            } else {
                guard let string = values["msgstr"] else { throw POSyntaxError(line: lineNumber, message: "an entry without msgstr") }
                finished.strings = [string]
            }
            finished.translatorComments = comments.translator
            finished.extractedComments = comments.extracted
            finished.references = comments.references
            finished.flags = comments.flags
            if !sawHeader && finished.id.isEmpty && finished.context == nil {
                sawHeader = true
                file.headerComments = finished.translatorComments
                file.header = (finished.strings.first ?? "").split(separator: "\n").compactMap { line in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
            } else {
                file.entries.append(finished)
            }
            comments = ([], [], [], [])
            values = [:]
            field = nil
            started = false
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { try finish(); continue }
            if line.hasPrefix("#") {
                if field != nil && values["msgid"] != nil && values.keys.contains(where: { $0.hasPrefix("msgstr") }) { try finish() }
                if line.hasPrefix("#~") { continue }
                started = true
                let body = { (prefix: Int) in String(line.dropFirst(prefix)).trimmingCharacters(in: .whitespaces) }
                if line.hasPrefix("#.") { comments.extracted.append(body(2)) }
                else if line.hasPrefix("#:") { comments.references += body(2).split(separator: " ").map(String.init) }
                else if line.hasPrefix("#,") { comments.flags += body(2).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
                else if line.hasPrefix("#|") { continue }
                else { comments.translator.append(String(line.dropFirst(line.hasPrefix("# ") ? 2 : 1))) }
                continue
            }
            if line.hasPrefix("\"") {
                guard let field else { throw POSyntaxError(line: lineNumber, message: "a string outside any msgid or msgstr") }
                values[field, default: ""] += try unquote(line, line: lineNumber)
                continue
            }
            guard let space = line.firstIndex(of: " ") else {
                throw POSyntaxError(line: lineNumber, message: "expected a keyword and a quoted string")
            }
            let keyword = String(line[..<space])
            guard ["msgctxt", "msgid", "msgid_plural", "msgstr"].contains(keyword) || keyword.hasPrefix("msgstr[") else {
                throw POSyntaxError(line: lineNumber, message: "unknown keyword \(keyword)")
            }
            if (keyword == "msgctxt" || keyword == "msgid") && values["msgid"] != nil { try finish() }
            if values[keyword] != nil { throw POSyntaxError(line: lineNumber, message: "\(keyword) twice in one entry") }
            started = true
            field = keyword
            values[keyword] = try unquote(line[line.index(after: space)...].trimmingCharacters(in: .whitespaces), line: lineNumber)
        }
        try finish()
        return file
    }

    static func unquote(_ quoted: String, line: Int) throws(POSyntaxError) -> String {
        guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") else {
            throw POSyntaxError(line: line, message: "expected a string in double quotes")
        }
        var result = ""
        var escaping = false
        for character in quoted.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "\"", "\\": result.append(character)
                default: throw POSyntaxError(line: line, message: "unknown escape \\\(character)")
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                throw POSyntaxError(line: line, message: "a double quote inside a string must be escaped")
            } else {
                result.append(character)
            }
        }
        if escaping { throw POSyntaxError(line: line, message: "a string ends in a backslash") }
        return result
    }
}
