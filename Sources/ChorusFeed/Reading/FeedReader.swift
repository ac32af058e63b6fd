import CLibXML2
import Foundation

/// The result of reading a feed: the typed value when it could be built, and every problem found.
public struct FeedReport: Sendable {
    public let feed: GroupFeed?
    public let problems: [FeedProblem]

    public var errors: [FeedProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [FeedProblem] { problems.filter { $0.severity == .warning } }
    public var isValid: Bool { feed != nil && errors.isEmpty }
}

/// Reads group feed bytes into a `GroupFeed`: hardened XML parsing, then structure, vocabularies and consistency.
public enum FeedReader {
    /// Reads and checks a feed, collecting every problem.
    public static func check(_ bytes: some ContiguousBytes, limits: FeedLimits = .standard) -> FeedReport {
        bytes.withUnsafeBytes { buffer in
            let document: xmlDocPtr
            do throws(FeedProblem) {
                document = try HardenedXMLParser.parse(buffer, maximumBytes: limits.maximumBytes)
            } catch {
                return FeedReport(feed: nil, problems: [error])
            }
            defer { xmlFreeDoc(document) }
            guard let root = xmlDocGetRootElement(document) else {
                return FeedReport(feed: nil, problems: [FeedProblem(code: "xml.malformed", "the document has no root element")])
            }
            let reader = ElementReader(limits: limits)
            var sources = SourceLines()
            let feed = AtomFeedReading(reader: reader).read(root: XMLElementView(node: root), sources: &sources)
            var problems = reader.problems
            if let feed { problems += FeedValidator.problems(in: feed, sources: sources) }
            problems.sort { ($0.line ?? 0, $0.severity == .error ? 0 : 1) < ($1.line ?? 0, $1.severity == .error ? 0 : 1) }
            return FeedReport(feed: feed, problems: problems)
        }
    }

    /// Reads a feed that must be valid; throws its first error.
    public static func read(_ bytes: some ContiguousBytes, limits: FeedLimits = .standard) throws(FeedProblem) -> GroupFeed {
        let report = check(bytes, limits: limits)
        if let first = report.errors.first { throw first }
        guard let feed = report.feed else { throw FeedProblem(code: "feed.invalid", "the feed could not be read") }
        return feed
    }
}

/// Lines of the elements that later checks point at, keyed by kind and id (`meeting/tue`).
/// An id used twice keeps both lines, so a duplicate is reported where it occurs.
struct SourceLines {
    private var lines: [String: [Int]] = [:]

    mutating func record(_ key: String, _ line: Int) {
        lines[key, default: []].append(line)
    }

    subscript(_ key: String) -> Int? { lines[key]?.first }

    func line(of key: String, occurrence: Int) -> Int? {
        guard let all = lines[key], all.indices.contains(occurrence) else { return self[key] }
        return all[occurrence]
    }
}
