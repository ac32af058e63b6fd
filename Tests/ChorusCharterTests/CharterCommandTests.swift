import ChorusFeed
import ChorusTestSupport
import Foundation
import Testing

@Suite struct CharterCommandTests {
    @Test func checkReportsEachProblemOnItsLineAndExitsOne() throws {
        let good = try Run.chorus("charter", "check", Repository.path("Federation/charters/uk-ireland.xml"),
                                  "--key", Repository.path("Feeds/keys/network-uk-ireland.pub"))
        #expect(good.status == 0, "\(good.error)")
        #expect(good.output.contains("ok: network uk-ireland") && good.output.contains("signature verified"))
        let directory = try scratchDirectory()
        let broken = directory + "/broken.xml"
        try charterXML(rules: rule(#"<commitment id="be-nice"/>"#, tiers: "gold")).write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try Run.chorus("charter", "check", broken)
        #expect(bad.status == 1)
        #expect(bad.lines.count == 2)
        #expect(bad.lines.allSatisfy { $0.hasPrefix(broken + ":") && $0.contains(": error: ") })
        let wrongKey = try Run.chorus("charter", "check", Repository.path("Federation/charters/uk-ireland.xml"),
                                      "--key", Repository.path("Feeds/keys/network-usa.pub"))
        #expect(wrongKey.status == 1)
        #expect(wrongKey.output.contains("signature.key-id-mismatch"))
    }

    @Test func explainPrintsEveryRuleInPlainWords() throws {
        let result = try Run.chorus("charter", "explain", Repository.path("Federation/charters/usa.xml"))
        #expect(result.status == 0)
        #expect(result.output.contains("Family") && result.output.contains("To meet it:") && result.output.contains("Checked:"))
        #expect(result.output.contains("cannot check that the declarations are true"))
    }

    @Test func signWritesASignatureThatVerifies() throws {
        let directory = try scratchDirectory()
        let charter = directory + "/charter.xml"
        try charterXML(rules: rule(#"<commitment id="peer-led"/>"#), network: "riverside").write(toFile: charter, atomically: true, encoding: .utf8)
        #expect(try Run.chorus("key", "generate", "--out", directory, "--name", "network").status == 0)
        let signed = try Run.chorus("charter", "sign", charter, "--key", directory + "/network.key")
        #expect(signed.status == 0, "\(signed.error)")
        #expect(try String(contentsOfFile: charter + ".minisig", encoding: .utf8).contains("trusted comment: chorus-charter v1 network=riverside version=1"))
        #expect(try Run.chorus("charter", "check", charter, "--key", directory + "/network.pub").status == 0)
        if let minisign = ExternalTool.find("minisign") {
            #expect(try Run.program(minisign, ["-V", "-p", directory + "/network.pub", "-m", charter]).status == 0)
        }
    }

    @Test func lintWithACharterSaysTheTierAndWhatToChange() throws {
        let result = try Run.chorus("feed", "lint", Repository.path("Feeds/nyanza-voices-circle.xml"),
                                    "--charter", Repository.path("Federation/charters/kenya.xml"), "--now", "2026-12-01T00:00:00Z")
        #expect(result.status == 0, "a verdict below every tier is advice, not a lint error")
        #expect(result.output.contains("Tier reached: none yet."))
        #expect(result.output.contains("FAIL  lived-experience-majority: does not declare the share of members with lived experience"))
        #expect(result.output.contains("what to change:"))
        #expect(result.output.contains("To reach"))
        #expect(result.output.contains("not the truth behind"))
        let full = try Run.chorus("feed", "lint", Repository.path("Feeds/sheffield-central-voices.xml"),
                                  "--charter", Repository.path("Federation/charters/uk-ireland.xml"), "--now", "2026-12-01T00:00:00Z")
        #expect(full.output.contains("Tier reached: Full"))
    }

    @Test func lintWithABrokenOrMissingCharterFailsInOneLine() throws {
        let missing = try Run.chorus("feed", "lint", Repository.path("Feeds/nakano-koe.xml"), "--charter", "/nonexistent/charter.xml")
        #expect(missing.status == 1)
        #expect(missing.error.split(separator: "\n").count == 1)
        let notACharter = try Run.chorus("feed", "lint", Repository.path("Feeds/nakano-koe.xml"), "--charter", Repository.path("Feeds/nakano-koe.xml"))
        #expect(notACharter.status == 1)
        #expect(notACharter.error.contains("charter.root"))
    }

    @Test func lintWithoutACharterStillFlagsContradictions() throws {
        let directory = try scratchDirectory()
        let path = try copy(Repository.path("Feeds/nakano-koe.xml"), into: directory)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let summary = try #require(text.range(of: "<g:summary>"))
        try text.replacingCharacters(in: summary, with: "<g:summary>Free of charge. ").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Run.chorus("feed", "lint", path)
        #expect(result.status == 0)
        #expect(result.output.contains("warning: consistency.free-with-fee"))
        #expect(try Run.chorus("feed", "lint", "--strict", path).status == 1)
    }
}
