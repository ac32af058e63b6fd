import ArgumentParser
import ChorusFeed
import Foundation

struct FeedLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check feeds against format v1: one line per problem as FILE:LINE: error|warning: CODE: message.",
        discussion: "Exit status: 0 when no file has an error, 1 when any has, 2 for a usage error.")

    @Argument(help: "The feed files to check.") var files: [String]
    @Flag(help: "Treat warnings as errors.") var strict = false

    func run() throws {
        var failed = false
        for path in files {
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
        }
        if failed { throw ExitCode(1) }
    }
}
