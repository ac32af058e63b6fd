import ChorusFeed
import Foundation

/// Declarations in one feed that contradict each other. These need no charter: they hold for any network.
public enum ConsistencyCheck {
    public static func warnings(in feed: GroupFeed) -> [ConsistencyWarning] { warnings(FeedFacts(feed)) }

    static func warnings(_ facts: FeedFacts) -> [ConsistencyWarning] {
        let feed = facts.feed
        var warnings: [ConsistencyWarning] = []
        func warn(_ code: String, _ message: String) { warnings.append(ConsistencyWarning(code: code, message: message)) }
        let profile = feed.profile

        if profile.fee.kind == .fee, let phrase = saysFree([feed.title, profile.summary, profile.whatToExpect]) {
            warn("consistency.free-with-fee", "the group's text says \"\(phrase)\" but it declares a fee of \(profile.fee.amount ?? "?") \(profile.fee.currency ?? "")")
        }
        for location in profile.locations where location.setting == .community {
            if let word = clinicalWord(in: [location.name, location.address.street]) {
                warn("consistency.setting", "location '\(location.id)' is declared a community setting but its name or street mentions \"\(word)\"; use the hospital setting if it is on hospital grounds")
            }
        }
        for location in profile.locations where location.setting == .online && location.address.street != nil {
            warn("consistency.online-venue", "location '\(location.id)' is online but gives a street address")
        }
        for meeting in profile.meetings where meeting.mode == .online {
            if let locationID = meeting.locationID, let setting = profile.location(id: locationID)?.setting, setting != .online {
                warn("consistency.online-venue", "meeting '\(meeting.id)' is online-only but is tied to the \(setting.rawValue) venue '\(locationID)'; make it hybrid or remove the venue")
            }
        }
        for meeting in profile.meetings {
            if let count = meeting.facilitators, count > profile.facilitation.poolSize {
                warn("consistency.facilitators", "meeting '\(meeting.id)' has \(count) facilitators but the pool has \(profile.facilitation.poolSize)")
            }
        }
        let commitments = Set(profile.commitments)
        if commitments.contains(.livedExperienceFacilitation), profile.facilitation.livedExperience == 0 {
            warn("consistency.lived-experience", "the group aims for facilitation by people with lived experience but declares none among its facilitators")
        }
        if commitments.contains(.peerLed), profile.independence.id == .partOfService {
            warn("consistency.peer-led", "the group says it is peer-led but also that it is part of a service")
        }
        if profile.accessRoutes.contains(.dropIn), profile.membership == .closed {
            warn("consistency.access", "the group invites people to drop in but its membership is closed")
        }
        if commitments.contains(.openBeyondServices), !profile.accessRoutes.isEmpty,
           profile.accessRoutes.allSatisfy({ $0 == .referralAccepted || $0 == .invitation }) {
            warn("consistency.access", "the group says it is open beyond services but can only be joined by referral or invitation")
        }
        return warnings
    }

    private static let freePhrases = ["free of charge", "no charge", "no cost", "free to attend", "free group", "it's free", "it is free",
                                      "gratis", "gratuito", "gratuita", "無料", "免費"].map { Array($0.utf8) }

    /// The first phrase saying "free" in the texts, matched on bytes with ASCII case ignored.
    private static func saysFree(_ texts: [String?]) -> String? {
        for text in texts.compactMap({ $0 }) {
            let bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            for phrase in freePhrases where bytes.count >= phrase.count {
                for start in 0...(bytes.count - phrase.count) where bytes[start] == phrase[0] {
                    if bytes[start..<(start + phrase.count)].elementsEqual(phrase) { return String(decoding: phrase, as: UTF8.self) }
                }
            }
        }
        return nil
    }

    private static let clinicalWords = ["hospital", "infirmary", "clinic", "ward", "psychiatric", "inpatient"].map { Array($0.utf8) }

    /// The first clinical word in the texts, matched as a whole ASCII word, ignoring case.
    private static func clinicalWord(in texts: [String?]) -> String? {
        var word: [UInt8] = []
        word.reserveCapacity(16)
        for text in texts.compactMap({ $0 }) {
            for byte in text.utf8.lazy.map({ $0 }) + CollectionOfOne(0x20) {
                let lower = byte | 0x20
                if lower >= 0x61 && lower <= 0x7A {
                    word.append(lower)
                    continue
                }
                if let match = clinicalWords.first(where: { $0 == word }) { return String(decoding: match, as: UTF8.self) }
                word.removeAll(keepingCapacity: true)
            }
        }
        return nil
    }
}
