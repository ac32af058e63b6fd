import ArgumentParser
import ChorusCharter
import ChorusFeed
import Foundation

struct FeedLint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check feeds against format v1: one line per problem as FILE:LINE: error|warning: CODE: message.",
        discussion: """
            With --charter, also judges each valid feed against a network's charter and says, in plain words, \
            which tier it reaches and what to change to reach the next one. \
            Exit status: 0 when no file has an error, 1 when any has, 2 for a usage error.
            """)

    @Argument(help: "The feed files to check.") var files: [String]
    @Flag(help: "Treat warnings as errors.") var strict = false
    @Option(help: "A network's charter (a file or an https:// URL) to judge the feeds against.") var charter: String?
    @Option(help: "With --charter: the network's public key, to verify the charter's signature first.") var charterKey: String?
    @Option(help: "Judge freshness as of this RFC 3339 time instead of now.") var now: InstantArgument?

    func run() async throws {
        var evaluator: CharterEvaluator?
        if let charter { evaluator = CharterEvaluator(try await CharterSource.loadOrFail(charter, publicKey: charterKey).charter) }
        var failed = false
        for (index, path) in files.enumerated() {
            let bytes: Data
            do { bytes = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                print("\(path): error: file.unreadable: cannot read the file")
                failed = true
                continue
            }
            let report = FeedReader.check(bytes)
            for problem in report.problems {
                print(problem.located(in: path))
            }
            if !report.errors.isEmpty || (strict && !report.warnings.isEmpty) { failed = true }
            guard let feed = report.feed, report.errors.isEmpty else { continue }
            let reported = Set(report.problems.map(\.code))
            let warnings = ConsistencyCheck.warnings(in: feed).filter { !reported.contains($0.code) }
            for warning in warnings where evaluator == nil {
                print("\(path):0: warning: \(warning.code): \(warning.message)")
            }
            if strict && !warnings.isEmpty { failed = true }
            if let evaluator {
                if index > 0 || !report.problems.isEmpty { print("") }
                print("\(path):")
                print(VerdictText.render(evaluator.evaluate(feed, now: now?.date ?? Date()), evaluator: evaluator), terminator: "")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
