import ChorusCharter
import ChorusFeed
import Foundation
import Testing

@Suite struct PredicateTests {
    @Test func commitmentIsDeclaredOrNot() throws {
        var feed = try sample("sheffield-central-voices")
        #expect(try outcome(#"<commitment id="voluntary-attendance"/>"#, feed).outcome == .pass)
        feed.profile.commitments.removeAll { $0 == .voluntaryAttendance }
        let result = try outcome(#"<commitment id="voluntary-attendance"/>"#, feed)
        #expect(result.outcome == .fail)
        #expect(result.reason == "does not declare the commitment voluntary-attendance")
        #expect(result.fix == "Fix r.")
    }

    @Test func groundRuleIsDeclaredOrNot() throws {
        var feed = try sample("sheffield-central-voices")
        #expect(try outcome(#"<ground-rule id="confidentiality"/>"#, feed).outcome == .pass)
        feed.profile.groundRules = [GroundRule(text: "Be kind")]
        #expect(try outcome(#"<ground-rule id="confidentiality"/>"#, feed).outcome == .fail)
    }

    @Test func everyPresenceField() throws {
        let full = try sample("sheffield-central-voices")
        var empty = full
        empty.profile.whatToExpect = nil
        empty.profile.groundRules = []
        empty.profile.contacts = []
        empty.alternateURL = nil
        empty.profile.meetings[0].facilitators = nil
        empty.profile.facilitation = Facilitation(poolSize: 3)
        for index in empty.profile.locations.indices {
            empty.profile.locations[index].accessibility = []
            empty.profile.locations[index].geo = nil
        }
        for field in PresenceField.allCases {
            let test = #"<present field="\#(field.rawValue)"/>"#
            if field != .trainingProvider && field != .membersLivedExperiencePercent && field != .webPage {
                #expect(try outcome(test, full).outcome == .pass, "\(field) should pass on the full feed")
            }
            #expect(try outcome(test, empty).outcome == .fail, "\(field) should fail on the emptied feed")
        }
    }

    @Test func presenceOfVenueFieldsDoesNotApplyWithoutVenues() throws {
        let online = try sample("night-owls-online")
        #expect(try outcome(#"<present field="accessibility"/>"#, online).outcome == .notApplicable)
        #expect(try outcome(#"<present field="coordinates"/>"#, online).outcome == .notApplicable)
        let prison = try sample("yorkshire-prison-voices")
        #expect(try outcome(#"<present field="coordinates"/>"#, prison).outcome == .notApplicable, "a withheld venue never needs a point")
    }

    @Test func oneOfMatchesAllOrAny() throws {
        let nakano = try sample("nakano-koe")
        let fee = try outcome(#"<one-of field="fee" values="free voluntary-contribution"/>"#, nakano)
        #expect(fee.outcome == .fail)
        #expect(fee.reason == "fee 'fee' is not one of free, voluntary-contribution")
        let bristol = try sample("bristol-family-friends")
        #expect(try outcome(#"<one-of field="audience" values="family-friends" match="any"/>"#, bristol).outcome == .pass)
        #expect(try outcome(#"<one-of field="audience" values="anyone" match="any"/>"#, bristol).outcome == .fail)
        let sheffield = try sample("sheffield-central-voices")
        #expect(try outcome(#"<one-of field="attendance-mode" values="in-person"/>"#, sheffield).outcome == .fail, "one online meeting breaks an all-match")
        #expect(try outcome(#"<one-of field="attendance-mode" values="online" match="any"/>"#, sheffield).outcome == .pass)
        for field in ValueField.allCases {
            let values = field.vocabulary.terms.map(\.id).joined(separator: " ")
            let result = try outcome(#"<one-of field="\#(field.rawValue)" values="\#(values)"/>"#, sheffield)
            #expect(result.outcome == .pass, "\(field): every id of its vocabulary is allowed")
        }
        #expect(try outcome(#"<one-of field="setting" values="community"/>"#, try sample("night-owls-online")).outcome == .notApplicable)
    }

    @Test func countsAtLeastAndAtMost() throws {
        var feed = try sample("sheffield-central-voices")
        feed.profile.meetings[0].facilitators = 1
        feed.profile.meetings[1].facilitators = 3
        let atLeast = try outcome(#"<count of="facilitators-per-meeting" at-least="2"/>"#, feed)
        #expect(atLeast.outcome == .fail)
        #expect(atLeast.reason.contains("1 facilitator at meeting"))
        #expect(try outcome(#"<count of="facilitators-per-meeting" at-most="2"/>"#, feed).outcome == .fail, "at-most looks at the busiest meeting")
        #expect(try outcome(#"<count of="facilitators-per-meeting" at-least="1" at-most="3"/>"#, feed).outcome == .pass)
        feed.profile.meetings[1].facilitators = nil
        #expect(try outcome(#"<count of="facilitators-per-meeting" at-least="1"/>"#, feed).outcome == .fail, "an undeclared count cannot pass")

        feed.profile.facilitation = Facilitation(poolSize: 1, livedExperience: 0, trained: 1, peer: 0, professional: 1,
                                                 membersWithLivedExperiencePercent: 65)
        #expect(try outcome(#"<count of="facilitator-pool" at-least="2"/>"#, feed).outcome == .fail)
        #expect(try outcome(#"<count of="lived-experience-facilitators" at-least="1"/>"#, feed).outcome == .fail)
        #expect(try outcome(#"<count of="trained-facilitators" at-least="1"/>"#, feed).outcome == .pass)
        #expect(try outcome(#"<count of="peer-facilitators" at-least="1"/>"#, feed).outcome == .fail)
        #expect(try outcome(#"<count of="professional-facilitators" at-most="0"/>"#, feed).outcome == .fail)
        #expect(try outcome(#"<count of="meetings" at-least="2"/>"#, feed).outcome == .pass)
        #expect(try outcome(#"<count of="languages" at-least="2"/>"#, feed).outcome == .fail)
        let percent = try outcome(#"<count of="members-lived-experience-percent" at-least="70"/>"#, feed)
        #expect(percent.outcome == .fail)
        #expect(percent.reason == "declares 65% of members with lived experience; at least 70% is needed")
        feed.profile.facilitation.membersWithLivedExperiencePercent = nil
        #expect(try outcome(#"<count of="members-lived-experience-percent" at-least="70"/>"#, feed).reason
                == "does not declare the share of members with lived experience")
    }

    @Test func countsFallBackToTheListedFacilitators() throws {
        var feed = try sample("sheffield-central-voices")
        feed.profile.facilitation.livedExperience = nil
        feed.profile.facilitation.facilitators = [Facilitator(handle: "Wren", livedExperience: true, trained: false, role: .peer)]
        #expect(try outcome(#"<count of="lived-experience-facilitators" at-least="1"/>"#, feed).outcome == .pass)
        #expect(try outcome(#"<count of="lived-experience-facilitators" at-least="2"/>"#, feed).outcome == .fail)
    }

    @Test func freshness() throws {
        let feed = try sample("sheffield-central-voices")
        #expect(try outcome(#"<fresh within-days="90"/>"#, feed, now: feed.updated.addingTimeInterval(89 * 86_400)).outcome == .pass)
        let stale = try outcome(#"<fresh within-days="90"/>"#, feed, now: feed.updated.addingTimeInterval(91 * 86_400))
        #expect(stale.outcome == .fail)
        #expect(stale.reason == "last updated 91 days ago; the limit is 90")
    }
}

@Suite struct ExemptionTests {
    @Test func settingExemptionAppliesWhenEveryVenueIsInIt() throws {
        let test = #"<one-of field="setting" values="community online"/><unless setting="prison inpatient-unit"/>"#
        let prison = try outcome(test, try sample("yorkshire-prison-voices"))
        #expect(prison.outcome == .notApplicable)
        #expect(prison.reason.hasPrefix("does not apply"))
        #expect(try outcome(test, try sample("cork-ward-voices")).outcome == .notApplicable)
        var mixed = try sample("yorkshire-prison-voices")
        mixed.profile.locations.append(Location(id: "hall", setting: .hospital, address: Address(locality: "Leeds", country: "GB")))
        #expect(try outcome(test, mixed).outcome == .fail, "a group that also meets in a hospital is judged")
    }

    @Test func audienceExemptionNeedsTheAudienceWithItsReason() throws {
        let test = #"<one-of field="audience" values="anyone lived-experience"/><unless audience="women men young-people"/>"#
        let women = try sample("inner-west-womens-voices")
        #expect(try outcome(test, women).outcome == .notApplicable)
        var withoutReason = women
        for index in withoutReason.profile.audiences.indices { withoutReason.profile.audiences[index].reason = nil }
        #expect(try outcome(test, withoutReason).outcome == .fail)
    }

    @Test func modeExemptionAppliesWhenEveryMeetingHasTheMode() throws {
        let test = #"<commitment id="moderated-online"/><unless mode="in-person"/>"#
        var feed = try sample("galway-bay-voices")
        #expect(feed.profile.meetings.allSatisfy { $0.mode == .inPerson })
        #expect(try outcome(test, feed).outcome == .notApplicable)
        feed.profile.meetings[0].mode = .hybrid
        #expect(try outcome(test, feed).outcome == .fail)
    }
}

@Suite struct VerdictJSONTests {
    @Test func theStoredFormReadsBackAsTheSameVerdict() throws {
        for slug in ["uk-ireland", "worldwide"] {
            let evaluator = CharterEvaluator(try exampleCharter(slug))
            for name in ["sheffield-central-voices", "nakano-koe", "yorkshire-prison-voices"] {
                var feed = try sample(name)
                feed.profile.summary = "Quotes \" backslash \\ tab \t newline \n free of charge 無料"
                let verdict = evaluator.evaluate(feed, now: sampleNow)
                let data = VerdictJSON.encode(verdict)
                #expect(try JSONDecoder().decode(Verdict.self, from: data) == verdict)
                #expect(data == VerdictJSON.encode(verdict))
                #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
            }
        }
    }
}
