import ChorusFeed
import Foundation

public enum CharterNamespace {
    public static let charter = "urn:chorus:charter:1"
}

/// The result of reading a charter: the charter when it is valid, and every problem found, with lines.
public struct CharterReport: Sendable {
    public let charter: Charter?
    public let problems: [FeedProblem]
}

/// Reads charter bytes with the same hardened XML rules as feeds, and checks every id the rules use.
public enum CharterReader {
    public static let maximumBytes = 512 * 1024

    public static func check(_ bytes: some ContiguousBytes) -> CharterReport {
        do {
            return try XMLDocumentReading.withRoot(bytes, maximumBytes: maximumBytes) { root in
                let reading = CharterReading()
                let charter = reading.read(root)
                let problems = reading.problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
                return CharterReport(charter: problems.isEmpty ? charter : nil, problems: problems)
            }
        } catch {
            return CharterReport(charter: nil, problems: [error])
        }
    }

    /// Reads a charter that must be valid; throws its first problem.
    public static func read(_ bytes: some ContiguousBytes) throws(FeedProblem) -> Charter {
        let report = check(bytes)
        if let first = report.problems.first { throw first }
        guard let charter = report.charter else { throw FeedProblem(code: "charter.invalid", "the charter could not be read") }
        return charter
    }
}
