import ChorusCharter
import ChorusTestSupport
import Testing

@Suite struct CharterDifferenceTests {
    @Test func aFirstVersionIsCountedAndAnUnchangedOneSaysSo() throws {
        let charter = try exampleCharter("uk-ireland")
        #expect(CharterDifference.sentences(from: nil, to: charter) == ["The first version: 2 tiers, \(charter.rules.count) rules."])
        var next = charter
        next.version = "2027.1"
        #expect(CharterDifference.sentences(from: charter, to: next) == ["No change to the tiers or rules."])
    }

    @Test func everyKindOfChangeIsNamed() throws {
        let old = try exampleCharter("uk-ireland")
        var new = old
        new.title = "A new title"
        new.tiers.append(Tier(id: "mentor", rank: 3, name: "Mentor group", includes: ["full"]))
        new.tiers[0].name = "Affiliated member"
        new.listedFrom = "full"
        let removed = new.rules.removeFirst().id
        new.rules[0].severity = .advisory
        new.rules[1].predicate = .fresh(withinDays: 90)
        new.rules[2].text = "Reworded."
        new.rules[3].exemptions = [.mode(["online"])]
        new.rules.append(Rule(id: "new-rule", severity: .required, text: "t", source: "s", fix: "f", predicate: .commitment("peer-led")))
        let said = CharterDifference.sentences(from: old, to: new)
        #expect(said.contains("Title changed."))
        #expect(said.contains("Tiers added: mentor."))
        #expect(said.contains("Tiers changed: affiliated."))
        #expect(said.contains("Groups are now listed from the tier full, not the tier affiliated."))
        #expect(said.contains("Rules added: new-rule."))
        #expect(said.contains("Rules removed: \(removed)."))
        let changed = try #require(said.first { $0.hasPrefix("Rules changed: ") })
        #expect(changed.contains("\(new.rules[0].id) (required → advisory)"))
        #expect(changed.contains("\(new.rules[1].id) (now: the feed was updated within the last 90 days)"))
        #expect(changed.contains("\(new.rules[2].id) (its wording)"))
        #expect(changed.contains("\(new.rules[3].id) (when it does not apply)"))
    }
}
