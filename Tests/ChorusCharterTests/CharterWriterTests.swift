import ChorusCharter
import ChorusFeed
import ChorusTestSupport
import Foundation
import Testing

@Suite struct CharterWriterTests {
    static let examples = ["uk-ireland", "usa", "worldwide", "kenya"]

    func withoutLines(_ charter: Charter) -> Charter {
        var copy = charter
        copy.rules = copy.rules.map { var rule = $0; rule.line = nil; return rule }
        return copy
    }

    @Test(arguments: examples) func everyExampleCharterReadsBackAsTheSameCharter(_ slug: String) throws {
        let charter = try exampleCharter(slug)
        let again = try CharterReader.read(CharterWriter.data(charter))
        #expect(withoutLines(again) == withoutLines(charter))
    }

    @Test(arguments: examples) func writingAnExampleCharterGivesItsCommittedBytes(_ slug: String) throws {
        let committed = try String(contentsOfFile: Repository.path("Federation/charters/\(slug).xml"), encoding: .utf8)
        #expect(CharterWriter.xml(try exampleCharter(slug)) == committed)
    }

    @Test func everyPredicateAndExemptionReadsBack() throws {
        let predicates: [ChorusCharter.Predicate] = [
            .commitment("peer-led"), .groundRule("confidentiality"), .present(.coordinates),
            .oneOf(.fee, values: ["free"], match: .all), .oneOf(.audience, values: ["women", "young-people"], match: .any),
            .count(.facilitatorPool, atLeast: 2, atMost: nil), .count(.meetings, atLeast: nil, atMost: 9),
            .count(.membersLivedExperiencePercent, atLeast: 10, atMost: 90), .fresh(withinDays: 30),
        ]
        let exemptions: [[Exemption]] = [[], [.setting(["prison", "inpatient-unit"])], [.audience(["women"])], [.mode(["online"]), .setting(["prison"])]]
        let rules = predicates.enumerated().map { index, predicate in
            Rule(id: "rule-\(index)", severity: Severity.allCases[index % 3], tiers: index.isMultiple(of: 2) ? [] : ["basic"],
                 text: "Text with <markup> & \"quotes\" \(index).", source: "Source \(index)", fix: "Fix \(index)",
                 predicate: predicate, exemptions: exemptions[index % exemptions.count])
        }
        let charter = Charter(
            network: "test", version: "2026.2", language: "es", title: "Título", summary: nil,
            sources: [Citation(text: "Written for the tests"), Citation(text: "A page", href: "https://example.org/a?b=1&c=2")],
            tiers: [Tier(id: "basic", rank: 1, name: "Basic"), Tier(id: "full", rank: 2, name: "Full", description: "More.", includes: ["basic"])],
            listedFrom: "basic", rules: rules)
        #expect(withoutLines(try CharterReader.read(CharterWriter.data(charter))) == charter)
    }

    @Test func theSchemaAcceptsWhatTheWriterWrites() throws {
        guard let xmllint = ExternalTool.find("xmllint") else { return }
        let directory = try scratchDirectory()
        var paths: [String] = []
        for slug in Self.examples {
            var charter = try exampleCharter(slug)
            charter.rules[0].exemptions = [.audience(["women"])]
            let path = "\(directory)/\(slug).xml"
            try CharterWriter.data(charter).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let result = try Run.program(xmllint, ["--noout", "--relaxng", Repository.path("Federation/schema/charter.rng")] + paths)
        #expect(result.status == 0, "\(result.error)")
    }
}
