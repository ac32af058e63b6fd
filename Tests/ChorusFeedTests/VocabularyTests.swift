import ChorusFeed
import Foundation
import Testing

/// Every vocabulary value parses from its id, prints back to it, has words for people, and survives a feed's
/// write and read; an id outside a vocabulary is refused with its line.
@Suite struct VocabularyTests {
    static let types: [any VocabularyTerm.Type] = [
        Commitment.self, StandardGroundRule.self, Experience.self, AudienceKind.self, MembershipKind.self, AccessRoute.self,
        FeeKind.self, FeePeriod.self, IndependenceKind.self, ActivityStatus.self, Setting.self, AccessibilityFeature.self,
        AttendanceMode.self, Precision.self, Disclosure.self, ContactKind.self, NoticeKind.self, FacilitatorRole.self,
    ]

    @Test func everyIdParsesPrintsAndLabels() {
        for type in Self.types { checkRoundTrip(type) }
    }

    private func checkRoundTrip<Term: VocabularyTerm>(_ type: Term.Type) {
        var ids: Set<String> = []
        for term in Term.allCases {
            #expect(Term(rawValue: term.rawValue) == term, "\(Term.vocabularyName) \(term.rawValue)")
            #expect(ids.insert(term.rawValue).inserted, "\(Term.vocabularyName) \(term.rawValue) is defined twice")
            #expect(term.rawValue.allSatisfy { $0.isLowercase || $0 == "-" }, "\(term.rawValue) is not a lowercase id")
            #expect(!term.label.isEmpty && !term.definition.isEmpty, "\(Term.vocabularyName) \(term.rawValue) has no words")
            #expect(term.definition.hasSuffix("."), "the definition of \(term.rawValue) is not a sentence")
            let encoded = try? JSONEncoder().encode([term])
            #expect(encoded.flatMap { try? JSONDecoder().decode([Term].self, from: $0) } == [term])
        }
        let vocabulary = Term.vocabulary
        #expect(vocabulary.terms.map(\.id) == Term.allCases.map(\.rawValue))
        #expect(Vocabulary.all.contains { $0.name == vocabulary.name }, "\(vocabulary.name) is missing from Vocabulary.all")
        #expect(Term(rawValue: "not-a-\(Term.vocabularyName.replacingOccurrences(of: " ", with: "-"))") == nil)
    }

    @Test func everyValueSurvivesAFeedsWriteAndRead() throws {
        var feed = try FeedReader.read(try Example.bytes)
        for mode in AttendanceMode.allCases {
            feed.profile.meetings[1].mode = mode
            feed.profile.meetings[1].locationID = mode.hasVenue ? feed.profile.locations[0].id : nil
            feed.profile.meetings[1].online = mode.hasOnlineRoom ? OnlineAccess(platform: "Video call") : nil
            #expect(try FeedReader.read(FeedWriter.data(feed)).profile.meetings[1].mode == mode)
        }
        for setting in Setting.allCases {
            feed.profile.locations[0].setting = setting
            #expect(try FeedReader.read(FeedWriter.data(feed)).profile.locations[0].setting == setting)
        }
        feed.profile.commitments = Commitment.allCases
        feed.profile.accessRoutes = AccessRoute.allCases
        feed.profile.experiences = Experience.allCases
        feed.profile.locations[0].accessibility = AccessibilityFeature.allCases
        let read = try FeedReader.read(FeedWriter.data(feed))
        #expect(read.profile.commitments == Commitment.allCases)
        #expect(read.profile.accessRoutes == AccessRoute.allCases)
        #expect(read.profile.experiences == Experience.allCases)
        #expect(read.profile.locations[0].accessibility == AccessibilityFeature.allCases)
    }

    @Test func anUnknownValueIsRefusedWithItsLine() throws {
        let text = try Example.text
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("mode=\"in-person\"") }! + 1
        let report = FeedReader.check(try Example.replacing("mode=\"in-person\"", with: "mode=\"teleport\""))
        let problem = try #require(report.errors.first { $0.code == "vocabulary.unknown" })
        #expect(problem.line == line)
        #expect(problem.message.contains("attendance mode 'teleport'") && problem.message.contains("in-person, online, hybrid"))
        #expect(throws: (any Error).self) { try FeedReader.read(try Example.replacing("mode=\"in-person\"", with: "mode=\"teleport\"")) }
    }

    @Test func anUnknownValueInEachVocabularyIsRefused() throws {
        for (target, replacement) in [("setting=\"community\"", "setting=\"castle\""), ("precision=\"exact\"", "precision=\"roughly\""),
                                      ("disclosure=\"public\"", "disclosure=\"secret\"")] {
            let report = FeedReader.check(try Example.replacing(target, with: replacement))
            #expect(report.errors.contains { $0.code == "vocabulary.unknown" && $0.line != nil }, "\(replacement)")
        }
    }
}
