import Foundation
import ChorusTestSupport
import Testing

@Suite struct FeedNewTests {
    /// The written feed's text, after checking that `chorus feed lint` finds no error in it.
    func lintCleanText(of path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let lint = try Run.chorus("feed", "lint", path)
        #expect(lint.status == 0, "\(lint.output)", sourceLocation: sourceLocation)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func answersFileGivesAFeedThatPassesLint() throws {
        let folder = try scratchDirectory()
        let out = folder + "/feed.xml"
        let result = try Run.chorus("feed", "new", "--answers", Repository.path("Federation/examples/new-group-answers.json"), "--out", out)
        #expect(result.status == 0, "\(result.error)")
        let text = try lintCleanText(of: out)
        #expect(text.contains("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"))
        #expect(text.contains("<g:online platform=\"Video call\" disclosure=\"on-request\"/>"))
        let again = try Run.chorus("feed", "new", "--answers", Repository.path("Federation/examples/new-group-answers.json"), "--out", out)
        #expect(again.status == 1)
        #expect(again.error.contains("already exists"))
    }

    @Test func badAnswersGiveOneLineErrorsAndWriteNothing() throws {
        let folder = try scratchDirectory()
        let source = try String(contentsOfFile: Repository.path("Federation/examples/new-group-answers.json"), encoding: .utf8)
        let cases: [(String, String)] = [
            (source.replacingOccurrences(of: "\"audience\": \"lived-experience\"", with: "\"audience\": \"women\""), "audience.reason-missing"),
            (source.replacingOccurrences(of: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", with: "FREQ=DAILY"), "schedule.rrule-unsupported"),
            (source.replacingOccurrences(of: "\"name\": \"Harbourside Voices\",", with: ""), "missing answer 'name'"),
            (String(source.prefix(200)), "not valid JSON"),
        ]
        for (index, (answers, expected)) in cases.enumerated() {
            let path = folder + "/answers\(index).json"
            try answers.write(toFile: path, atomically: true, encoding: .utf8)
            let out = folder + "/feed\(index).xml"
            let result = try Run.chorus("feed", "new", "--answers", path, "--out", out)
            #expect(result.status == 1, "\(expected)")
            #expect(result.error.contains(expected), "\(result.error)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func interactiveQuestionsAnsweredOnStandardInput() throws {
        let folder = try scratchDirectory()
        let out = folder + "/feed.xml"
        let answers = [
            "Lakeside Voices",                         // name
            "A small group for people who hear voices.",  // summary
            "Tea, then we talk. Nobody has to speak.",    // what to expect
            "",                                        // language: en
            "1,2",                                     // experiences
            "women",                                   // audience
            "Some members feel safer in a women-only space.", // reason
            "",                                        // membership: open
            "drop-in",                                 // access
            "",                                        // independence: independent
            "",                                        // setting: community
            "n",                                       // keep private? no
            "Lakeside Hall",                           // venue name
            "1 Shore Road",                            // street
            "Lakeside",                                // town
            "",                                        // region
            "",                                        // postcode
            "GB",                                      // country
            "54.6,-3.1",                               // position
            "step-free-access",                        // accessibility
            "",                                        // attendance: in-person
            "",                                        // title
            "last",                                    // frequency
            "WE",                                      // day
            "2026-01-28",                              // first date
            "",                                        // time 19:00
            "",                                        // duration 90
            "Europe/London",                           // zone
            "3",                                       // pool
            "",                                        // per meeting: 2
            "",                                        // lived experience: all
            "",                                        // trained: 0
            "",                                        // ground rules: defaults
            "",                                        // own rule
            "",                                        // fee: free
            "",                                        // contact kind: email
            "hello@lakeside.example.org",              // contact
            "",                                        // commitments: defaults
            "",                                        // feed URL
        ].joined(separator: "\n") + "\n"
        let result = try Run.chorus("feed", "new", "--out", out, input: answers)
        #expect(result.status == 0, "\(result.output)\n\(result.error)")
        let text = try lintCleanText(of: out)
        #expect(text.contains("FREQ=MONTHLY;BYDAY=-1WE"))
        #expect(text.contains("reason=\"Some members feel safer in a women-only space.\""))
        #expect(text.contains("mailto:hello@lakeside.example.org"))
    }

    @Test func interactiveRunThatEndsEarlySaysSoInOneLine() throws {
        let folder = try scratchDirectory()
        let result = try Run.chorus("feed", "new", "--out", folder + "/feed.xml", input: "Only a name\n")
        #expect(result.status == 1)
        #expect(result.error.contains("input ended"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/feed.xml"))
    }
}
