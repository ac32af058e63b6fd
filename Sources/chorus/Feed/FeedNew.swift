import ArgumentParser
import ChorusFeed
import Foundation

struct FeedNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new group feed by answering questions (or from --answers FILE.json).",
        discussion: "The feed written always passes `chorus feed lint`; sign it next with `chorus feed sign`.")

    @Option(help: "Where to write the feed.") var out = "feed.xml"
    @Option(help: "Read every answer from this JSON file instead of asking.") var answers: String?
    @Option(help: ArgumentHelp("Date the feed as if at this RFC 3339 time.", visibility: .hidden)) var now: InstantArgument?

    func run() throws {
        if FileManager.default.fileExists(atPath: out) { throw Console.fail("\(out) already exists; not overwriting it") }
        let given: FeedAnswers
        if let answers {
            do {
                given = try JSONDecoder().decode(FeedAnswers.self, from: try Files.read(answers))
            } catch let error as DecodingError {
                throw Console.fail("\(answers): \(AnswersDescription.describe(error))")
            }
        } else {
            do { given = try Questionnaire(prompter: Prompter()).run() } catch let ended as Prompter.InputEnded {
                throw Console.fail("no answer to '\(ended.question)': input ended; use --answers FILE.json to script this command")
            }
        }
        let feed: GroupFeed
        do { feed = try given.makeFeed(now: now?.date ?? Date()) } catch {
            throw Console.fail("\(error.code): \(error.message)")
        }
        let bytes = FeedWriter.data(feed)
        let report = FeedReader.check(bytes)
        guard report.errors.isEmpty else {
            for problem in report.errors { Console.errorLine("\(answers ?? "answers"): error: \(problem.code): \(problem.message)") }
            throw ExitCode(1)
        }
        try Files.create(out, bytes)
        print("wrote \(out) for group \(feed.id)")
        for warning in report.warnings { print("  note: \(warning.message)") }
        print("next: chorus key generate --out keys, then chorus feed sign \(out) --key keys/group.key")
    }
}
