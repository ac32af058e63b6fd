import ChorusFeed
import Foundation

/// Declarations in one feed that contradict each other. These need no charter: they hold for any network.
public enum ConsistencyCheck {
    public static func warnings(in feed: GroupFeed) -> [ConsistencyWarning] {
        var warnings: [ConsistencyWarning] = []
        func warn(_ code: String, _ message: String) { warnings.append(ConsistencyWarning(code: code, message: message)) }
        let profile = feed.profile

        if profile.fee.kind == "fee", let phrase = saysFree([feed.title, profile.summary, profile.whatToExpect]) {
            warn("consistency.free-with-fee", "the group's text says \"\(phrase)\" but it declares a fee of \(profile.fee.amount ?? "?") \(profile.fee.currency ?? "")")
        }
        for location in profile.locations where location.setting == "community" {
            if let word = clinicalWord(in: [location.name, location.address.street]) {
                warn("consistency.setting", "location '\(location.id)' is declared a community setting but its name or street mentions \"\(word)\"; use the hospital setting if it is on hospital grounds")
            }
        }
        for location in profile.locations where location.setting == "online" && location.address.street != nil {
            warn("consistency.online-venue", "location '\(location.id)' is online but gives a street address")
        }
        let settingByLocation = Dictionary(profile.locations.map { ($0.id, $0.setting) }, uniquingKeysWith: { first, _ in first })
        for meeting in profile.meetings where meeting.mode == "online" {
            if let locationID = meeting.locationID, let setting = settingByLocation[locationID], setting != "online" {
                warn("consistency.online-venue", "meeting '\(meeting.id)' is online-only but is tied to the \(setting) venue '\(locationID)'; make it hybrid or remove the venue")
            }
        }
        for meeting in profile.meetings {
            if let count = meeting.facilitators, count > profile.facilitation.poolSize {
                warn("consistency.facilitators", "meeting '\(meeting.id)' has \(count) facilitators but the pool has \(profile.facilitation.poolSize)")
            }
        }
        let commitments = Set(profile.commitments)
        if commitments.contains("lived-experience-facilitation"), profile.facilitation.livedExperience == 0 {
            warn("consistency.lived-experience", "the group aims for facilitation by people with lived experience but declares none among its facilitators")
        }
        if commitments.contains("peer-led"), profile.independence.id == "part-of-service" {
            warn("consistency.peer-led", "the group says it is peer-led but also that it is part of a service")
        }
        if profile.accessRoutes.contains("drop-in"), profile.membership == "closed" {
            warn("consistency.access", "the group invites people to drop in but its membership is closed")
        }
        if commitments.contains("open-beyond-services"), !profile.accessRoutes.isEmpty,
           profile.accessRoutes.allSatisfy({ ["referral-accepted", "invitation"].contains($0) }) {
            warn("consistency.access", "the group says it is open beyond services but can only be joined by referral or invitation")
        }
        return warnings
    }

    private static let freePhrases = ["free of charge", "no charge", "no cost", "free to attend", "free group", "it's free", "it is free",
                                      "gratis", "gratuito", "gratuita", "無料", "免費"]

    private static func saysFree(_ texts: [String?]) -> String? {
        for text in texts.compactMap({ $0?.lowercased() }) {
            if let phrase = freePhrases.first(where: text.contains) { return phrase }
        }
        return nil
    }

    private static let clinicalWords: Set<String> = ["hospital", "infirmary", "clinic", "ward", "psychiatric", "inpatient"]

    private static func clinicalWord(in texts: [String?]) -> String? {
        for text in texts.compactMap({ $0?.lowercased() }) {
            let words = text.split { !$0.isLetter }.map(String.init)
            if let word = words.first(where: clinicalWords.contains) { return word }
        }
        return nil
    }
}
