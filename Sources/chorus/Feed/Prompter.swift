import ArgumentParser
import ChorusFeed
import Foundation

/// Asks questions on standard input and output, with defaults, plain-language help and checked answers.
struct Prompter {
    struct InputEnded: Error {
        let question: String
    }

    func say(_ text: String) { write(text + "\n") }

    /// Unbuffered, so prompts appear before the program waits for an answer, even on a pipe.
    private func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    func ask(_ question: String, help: String? = nil, default defaultValue: String? = nil, optional: Bool = false,
             check: (String) -> String? = { _ in nil }) throws -> String? {
        if let help { say("  \(help)") }
        while true {
            let suffix = defaultValue.map { " [\($0)]" } ?? (optional ? " (optional, Enter to skip)" : "")
            write("\(question)\(suffix): ")
            guard let line = readLine() else { throw InputEnded(question: question) }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if answer.isEmpty {
                if let defaultValue { return defaultValue }
                if optional { return nil }
                say("  Please answer; this one is needed.")
                continue
            }
            if let complaint = check(answer) {
                say("  \(complaint)")
                continue
            }
            return answer
        }
    }

    func required(_ question: String, help: String? = nil, default defaultValue: String? = nil, check: (String) -> String? = { _ in nil }) throws -> String {
        try ask(question, help: help, default: defaultValue, check: check)!
    }

    func number(_ question: String, help: String? = nil, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        Int(try required(question, help: help, default: String(defaultValue)) { answer in
            guard let value = Int(answer), range.contains(value) else { return "Give a whole number from \(range.lowerBound) to \(range.upperBound)." }
            return nil
        })!
    }

    func yes(_ question: String, help: String? = nil, default defaultValue: Bool) throws -> Bool {
        let answer = try required(question + " (y/n)", help: help, default: defaultValue ? "y" : "n") { answer in
            ["y", "yes", "n", "no"].contains(answer.lowercased()) ? nil : "Answer y or n."
        }
        return answer.lowercased().hasPrefix("y")
    }

    func choose<Term: VocabularyTerm>(_ question: String, default defaultValue: Term, only: [Term]? = nil) throws -> Term {
        let terms = only ?? Term.allCases
        say(question)
        for (index, term) in terms.enumerated() { say("  \(index + 1). \(term.rawValue): \(term.definition)") }
        return try required("Choose a number or name", default: defaultValue.rawValue) { answer in
            resolve(answer, in: terms) == nil ? "Choose one of the numbers or names above." : nil
        }.map { resolve($0, in: terms)! }
    }

    func chooseMany<Term: VocabularyTerm>(_ question: String, defaults: [Term], allowNone: Bool = false) throws -> [Term] {
        let terms = Term.allCases
        say(question)
        for (index, term) in terms.enumerated() { say("  \(index + 1). \(term.rawValue): \(term.definition)") }
        let defaultText = defaults.isEmpty ? (allowNone ? "none" : nil) : defaults.map(\.rawValue).joined(separator: ",")
        let answer = try required("Choose numbers or names, separated by commas", default: defaultText) { answer in
            if allowNone && answer == "none" { return nil }
            let parts = answer.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.allSatisfy({ resolve($0, in: terms) != nil }) ? nil : "Use only numbers or names from the list."
        }
        if answer == "none" { return [] }
        var result: [Term] = []
        for part in answer.split(separator: ",") {
            if let term = resolve(part.trimmingCharacters(in: .whitespaces), in: terms), !result.contains(term) { result.append(term) }
        }
        return result
    }

    private func resolve<Term: VocabularyTerm>(_ answer: String, in terms: [Term]) -> Term? {
        if let index = Int(answer), terms.indices.contains(index - 1) { return terms[index - 1] }
        return terms.first { $0.rawValue == answer.lowercased() }
    }
}

extension String {
    fileprivate func map<T>(_ transform: (String) -> T) -> T { transform(self) }
}
