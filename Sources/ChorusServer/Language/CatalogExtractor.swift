import ChorusCharter
import ChorusFeed
import ChorusLanguage
import Foundation

/// Builds the catalog template (`Sources/ChorusLanguage/Catalogs/chorus.pot`) from the source tree: every
/// `{{#t}}…{{/t}}` in the page templates, every `tr("…")` and `trPlural("…", "…")` literal in the server and
/// registry, every `t("…")` in the scripts, the label and definition of every vocabulary term and the publisher's
/// questions.
public enum CatalogExtractor {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    static let swiftFolders = ["Sources/ChorusServer", "Sources/ChorusRegistry"]
    static let templateFolder = "Sources/ChorusServer/Templates"
    /// The scripts, whose `t("…")` strings are served to them by `/assets/words/LANG.json`.
    static let scriptFolder = "Sources/ChorusServer/Assets"

    public static func template(root: URL) throws -> POFile {
        var entries: [POFile.Entry] = []
        var index: [CatalogKey: Int] = [:]
        func add(_ entry: POFile.Entry) {
            if let at = index[entry.key] {
                entries[at].references += entry.references.filter { !entries[at].references.contains($0) }
                if entries[at].idPlural == nil { entries[at].idPlural = entry.idPlural }
            } else {
                var entry = entry
                entry.extractedComments += notes(for: entry.id + (entry.idPlural ?? ""))
                index[entry.key] = entries.count
                entries.append(entry)
            }
        }
        for (path, text) in try files(in: root.appendingPathComponent(templateFolder), ending: ".mustache", root: root) {
            for (number, line) in text.components(separatedBy: "\n").enumerated() {
                for id in matches(of: #"\{\{#t\}\}(.*?)\{\{/t\}\}"#, in: line).map({ $0[0] }) {
                    add(POFile.Entry(id: id, extractedComments: ["Page: \(pageName(path))."], references: ["\(path):\(number + 1)"]))
                }
            }
        }
        for folder in swiftFolders {
            for (path, text) in try files(in: root.appendingPathComponent(folder), ending: ".swift", root: root) {
                for (number, line) in text.components(separatedBy: "\n").enumerated()
                where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                    let reference = "\(path):\(number + 1)"
                    for groups in matches(of: #"\btrPlural\("((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)""#, in: line) {
                        add(POFile.Entry(id: try literal(groups[0], reference), idPlural: try literal(groups[1], reference), strings: ["", ""],
                                         references: [reference]))
                    }
                    for groups in matches(of: #"\btr\("((?:[^"\\]|\\.)*)"(?:,\s*context:\s*"((?:[^"\\]|\\.)*)")?"#, in: line) {
                        add(POFile.Entry(context: groups[1].isEmpty ? nil : try literal(groups[1], reference),
                                         id: try literal(groups[0], reference), references: [reference]))
                    }
                }
            }
        }
        for (path, text) in try files(in: root.appendingPathComponent(scriptFolder), ending: ".js", root: root) {
            for (number, line) in text.components(separatedBy: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for groups in matches(of: #"\bt\("((?:[^"\\]|\\.)*)""#, in: line) {
                    add(POFile.Entry(id: try literal(groups[0], "\(path):\(number + 1)"), extractedComments: ["Shown by a script."],
                                     references: ["\(path):\(number + 1)"]))
                }
            }
        }
        for vocabulary in Vocabulary.all {
            for term in vocabulary.terms {
                let comment = "The \(vocabulary.name) “\(term.id)”, from Federation/group-feed.md."
                add(POFile.Entry(context: TermContext.label(vocabulary.name, term.id), id: term.label,
                                 extractedComments: [comment + " A short label."]))
                add(POFile.Entry(context: TermContext.definition(vocabulary.name, term.id), id: term.definition,
                                 extractedComments: [comment + " Its one-line definition."]))
            }
        }
        for question in FeedQuestion.allCases {
            add(POFile.Entry(context: "question \(question.rawValue) text", id: question.text,
                             extractedComments: ["A question the publisher asks a group that writes its first listing."]))
            if let help = question.help {
                add(POFile.Entry(context: "question \(question.rawValue) help", id: help, extractedComments: ["The hint under that question."]))
            }
        }
        for field in PresenceField.allCases {
            add(POFile.Entry(context: "rule test present:\(field.rawValue)", id: RuleDescription.presence(field),
                             extractedComments: ["A charter rule's test, in the console's charter form: the feed gives this."]))
        }
        for subject in CountSubject.allCases {
            add(POFile.Entry(context: "rule test count:\(subject.rawValue)", id: RuleDescription.count(subject),
                             extractedComments: ["A charter rule's test, in the console's charter form: a number the feed gives."]))
        }
        return POFile(headerComments: [
            "The interface strings of Chorus, in English (the source language).",
            "Made by `chorus translations extract`; do not edit by hand. Each language's catalog is Catalogs/LANG.po.",
        ], header: [
            ("Project-Id-Version", "Chorus"),
            ("Language", ""),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
        ], entries: entries)
    }

    /// What a translator must keep as it is.
    static func notes(for text: String) -> [String] {
        var notes: [String] = []
        if text.contains("{{") { notes.append("Keep {{names}} in double braces as they are: the page fills them in.") }
        if text.range(of: #"(?<!\{)\{[a-z]+\}"#, options: .regularExpression) != nil {
            notes.append("Keep {names} in braces as they are: the program fills them in.")
        }
        if text.contains("<") { notes.append("Keep the HTML tags and their attributes; translate only the words between them.") }
        return notes
    }

    static func pageName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? "").replacingOccurrences(of: ".mustache", with: "")
    }

    private static func files(in folder: URL, ending: String, root: URL) throws -> [(String, String)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            throw Failure(description: "\(folder.path) is not a folder: run this from the root of the Chorus source tree")
        }
        var found: [(String, String)] = []
        for case let url as URL in walker where url.lastPathComponent.hasSuffix(ending) {
            let relative = String(url.path.dropFirst(root.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            found.append((relative, try String(contentsOf: url, encoding: .utf8)))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    private static func matches(of pattern: String, in line: String) -> [[String]] {
        guard line.contains("t") else { return [] }
        let expression = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(line.startIndex..., in: line)
        return expression.matches(in: line, range: range).map { match in
            (1..<match.numberOfRanges).map { Range(match.range(at: $0), in: line).map { String(line[$0]) } ?? "" }
        }
    }

    /// A Swift string literal's text, without interpolation (the extractor could not know its words).
    private static func literal(_ source: String, _ reference: String) throws -> String {
        if source.contains("\\(") { throw Failure(description: "\(reference): a translated string may not interpolate; use {name} placeholders") }
        return source.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\n", with: "\n")
            .replacingOccurrences(of: "\\\\", with: "\\")
    }
}
