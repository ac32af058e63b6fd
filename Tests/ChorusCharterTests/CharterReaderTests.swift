import ChorusCharter
import ChorusFeed
import Foundation
import Testing

@Suite struct CharterReaderTests {
    func problems(_ xml: String) -> [FeedProblem] { CharterReader.check(Data(xml.utf8)).problems }

    @Test func everyExampleCharterReads() throws {
        for slug in ["uk-ireland", "usa", "worldwide", "kenya"] {
            let charter = try exampleCharter(slug)
            #expect(charter.network == slug)
            #expect(!charter.rules.isEmpty && !charter.tiers.isEmpty && !charter.sources.isEmpty)
            #expect(charter.rules.allSatisfy { !$0.fix.isEmpty && !$0.source.isEmpty })
        }
    }

    @Test func unknownVocabularyIdIsRejectedWithItsLine() {
        let found = problems(charterXML(rules: rule(#"<commitment id="be-nice"/>"#)))
        #expect(found.count == 1)
        #expect(found[0].code == "vocabulary.unknown")
        #expect(found[0].line == 12)
        #expect(found[0].message.contains("'be-nice'"))
        #expect(problems(charterXML(rules: rule(#"<one-of field="fee" values="free cheap"/>"#)))[0].message.contains("'cheap'"))
        #expect(problems(charterXML(rules: rule(#"<one-of field="colour" values="red"/>"#)))[0].code == "vocabulary.unknown")
        #expect(problems(charterXML(rules: rule(#"<commitment id="peer-led"/><unless setting="castle"/>"#)))[0].message.contains("'castle'"))
    }

    @Test func unknownTierIsRejectedWithItsLine() {
        let found = problems(charterXML(rules: rule(#"<commitment id="peer-led"/>"#, tiers: "basic gold")))
        #expect(found.map(\.code) == ["charter.tier-unknown"])
        #expect(found[0].line == 10)
        #expect(found[0].message.contains("'gold'"))
        #expect(problems(charterXML(rules: rule(#"<commitment id="peer-led"/>"#), listedFrom: "silver")).map(\.code) == ["charter.tier-unknown"])
    }

    @Test func duplicateRuleIdIsRejectedWithBothLines() {
        let found = problems(charterXML(rules: rule(#"<commitment id="peer-led"/>"#, id: "same") + "\n" + rule(#"<commitment id="not-treatment"/>"#, id: "same")))
        #expect(found.map(\.code) == ["charter.duplicate-rule"])
        #expect(found[0].line == 14)
        #expect(found[0].message.contains("first on line 10"))
    }

    @Test func structuralMistakes() {
        #expect(problems(charterXML(rules: rule(""))).map(\.code) == ["charter.predicate-count"])
        #expect(problems(charterXML(rules: rule(#"<commitment id="peer-led"/><commitment id="not-treatment"/>"#))).map(\.code) == ["charter.predicate-count"])
        #expect(problems(charterXML(rules: rule(#"<count of="meetings"/>"#))).map(\.code) == ["charter.missing"])
        #expect(problems(charterXML(rules: rule(#"<count of="meetings" at-least="3" at-most="2"/>"#))).map(\.code) == ["charter.value"])
        #expect(problems(charterXML(rules: rule(#"<fresh within-days="soon"/>"#))).map(\.code) == ["charter.value"])
        #expect(problems(charterXML(rules: rule(#"<script>alert(1)</script>"#))).map(\.code) == ["charter.unknown-element"])
        #expect(problems(charterXML(rules: rule(#"<commitment id="peer-led"/>"#, severity: "mandatory"))).map(\.code) == ["charter.value"])
        let cycle = charterXML(rules: rule(#"<commitment id="peer-led"/>"#), tiers: """
                <tier id="basic" rank="1" includes="full"><name>Basic</name></tier>
                <tier id="full" rank="2" includes="basic"><name>Full</name></tier>
            """)
        #expect(problems(cycle).map(\.code) == ["charter.tier-cycle"])
        #expect(problems(charterXML(rules: rule(#"<commitment id="peer-led"/>"#), network: "Bad Slug")).map(\.code) == ["charter.value"])
    }

    @Test func hostileAndBrokenBytesGetOneClearProblem() {
        #expect(problems("").map(\.code) == ["xml.empty"])
        #expect(problems("<charter xmlns=\"urn:chorus:charter:1\"").map(\.code) == ["xml.malformed"])
        let doctype = "<?xml version=\"1.0\"?><!DOCTYPE charter [<!ENTITY x \"y\">]><charter xmlns=\"urn:chorus:charter:1\"/>"
        #expect(problems(doctype).map(\.code) == ["xml.doctype"])
        #expect(problems("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>").map(\.code) == ["charter.root"])
        let huge = charterXML(rules: rule(#"<commitment id="peer-led"/>"#)) + String(repeating: " ", count: CharterReader.maximumBytes)
        #expect(problems(huge).map(\.code) == ["xml.too-large"])
        let truncated = String(charterXML(rules: rule(#"<commitment id="peer-led"/>"#)).prefix(300))
        #expect(problems(truncated).map(\.code) == ["xml.malformed"])
    }
}

@Suite struct TierTests {
    let charter = charterXML(rules: [
        rule(#"<commitment id="voluntary-attendance"/>"#, id: "a", tiers: "basic"),
        rule(#"<commitment id="peer-led"/>"#, id: "b", tiers: "full"),
        rule(#"<commitment id="feedback-route"/>"#, id: "c", severity: "recommended", tiers: "full"),
        rule(#"<one-of field="audience" values="family-friends" match="any"/>"#, id: "d", tiers: "family"),
    ].joined(separator: "\n"), tiers: """
            <tier id="basic" rank="1"><name>Basic</name></tier>
            <tier id="family" rank="1"><name>Family</name></tier>
            <tier id="full" rank="2" includes="basic"><name>Full</name></tier>
        """)

    @Test func fullIncludesBasicAndRecommendedRulesNeverBlock() throws {
        let evaluator = CharterEvaluator(try readCharter(charter))
        var feed = try sample("sheffield-central-voices")
        feed.profile.commitments = [.voluntaryAttendance, .peerLed]
        var verdict = evaluator.evaluate(feed, now: sampleNow)
        #expect(verdict.tier == "full")
        #expect(verdict.tiersReached == ["basic", "full"])
        #expect(verdict.result("c")?.outcome == .fail)
        #expect(verdict.listed)

        feed.profile.commitments = [.peerLed]
        verdict = evaluator.evaluate(feed, now: sampleNow)
        #expect(verdict.tier == nil, "full includes basic's rule a")
        #expect(!verdict.listed)
        let next = evaluator.nextSteps(for: verdict)
        #expect(next.map(\.tier.id) == ["basic", "family"])
        #expect(next[0].failing.map(\.rule) == ["a"])
    }

    @Test func tiersOfEqualRankAreEquallyValid() throws {
        let evaluator = CharterEvaluator(try readCharter(charter))
        var feed = try sample("bristol-family-friends")
        feed.profile.commitments = []
        let verdict = evaluator.evaluate(feed, now: sampleNow)
        #expect(verdict.tiersReached == ["family"])
        #expect(verdict.tier == "family")
        #expect(verdict.listed, "listed-from basic is rank 1, and family has rank 1")
    }

    @Test func everyVerdictSaysItJudgesDeclarations() throws {
        let evaluator = CharterEvaluator(try exampleCharter("uk-ireland"))
        let text = VerdictText.render(evaluator.evaluate(try sample("sheffield-central-voices"), now: sampleNow), evaluator: evaluator)
        #expect(text.contains(Verdict.disclaimer))
        #expect(Verdict.disclaimer.contains("declares"))
        #expect(CharterText.render(evaluator.charter).contains("cannot check that the declarations are true"))
    }
}
