import ArgumentParser
import ChorusFeed
import Foundation

struct FeedShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a group feed in plain words, with the next five dates of each meeting in its local time.")

    @Argument(help: "The feed file.") var file: String
    @Option(help: ArgumentHelp("Show dates after this RFC 3339 time instead of now.", visibility: .hidden)) var now: InstantArgument?

    func run() throws {
        let feed = try Files.readFeed(file).feed
        print(FeedSummary(feed: feed, now: now?.date ?? Date()).text)
    }
}

/// The plain-words rendering of a feed that `chorus feed show` prints.
struct FeedSummary {
    let feed: GroupFeed
    let now: Date

    var text: String {
        let p = feed.profile
        var lines: [String] = []
        lines.append(feed.title)
        lines.append(String(repeating: "=", count: feed.title.count))
        lines.append(p.summary)
        if let expect = p.whatToExpect { lines += ["", "What to expect: \(expect)"] }
        lines.append("")
        lines.append("Status:      \(p.status.id.rawValue)" + (p.status.until.map { " until \($0)" } ?? "") + (p.status.note.map { " (\($0))" } ?? ""))
        lines.append("For:         " + p.audiences.map(describe).joined(separator: "; "))
        lines.append("Experiences: " + p.experiences.map(\.rawValue).joined(separator: ", "))
        lines.append("Languages:   " + p.languages.joined(separator: ", "))
        lines.append("Membership:  \(p.membership.rawValue); joining: " + p.accessRoutes.map(\.rawValue).joined(separator: ", "))
        lines.append("Cost:        " + describe(p.fee))
        lines.append("Run:         \(p.independence.id.rawValue)" + (p.independence.host.map { " (\($0))" } ?? ""))
        let f = p.facilitation
        var pool = "\(f.poolSize) facilitators"
        if let lived = f.livedExperience { pool += ", \(lived) with lived experience" }
        if let trained = f.trained { pool += ", \(trained) trained" + (f.trainingProvider.map { " by \($0)" } ?? "") }
        lines.append("Facilitation: \(pool)")
        for location in p.locations {
            lines.append("")
            lines.append("Place '\(location.id)' (\(location.setting.rawValue)): " + describe(location))
            if !location.accessibility.isEmpty { lines.append("  Access: " + location.accessibility.map(\.rawValue).joined(separator: ", ")) }
        }
        for meeting in p.meetings {
            lines.append("")
            let s = meeting.schedule
            let rule = s.recurrence?.plainDescription ?? "once, on \(s.startDate)"
            lines.append("Meeting '\(meeting.id)': \(meeting.title) — \(meeting.mode.rawValue), \(rule) at \(s.startTime) for \(s.durationMinutes) min (\(s.timeZone))")
            if let online = meeting.online {
                lines.append("  Online on \(online.platform): " + (online.disclosure == .public ? (online.url ?? "") : "join link on request"))
            }
            let cancelled = Set(feed.notices.filter { $0.kind == .cancellation && $0.meetingID == meeting.id }.compactMap(\.date))
            let clock = ZonedClock(zone: TimeZone(identifier: s.timeZone)!)
            let upcoming = s.nextOccurrences(after: now, count: 5)
            if upcoming.isEmpty { lines.append("  No dates ahead.") }
            for occurrence in upcoming {
                let start = clock.localTime(of: occurrence.start)
                let end = clock.localTime(of: occurrence.end)
                let mark = cancelled.contains(occurrence.date) ? "  (cancelled)" : ""
                lines.append("  \(occurrence.date.weekday.name.prefix(3)) \(occurrence.date) \(start)–\(end) \(clock.abbreviation(at: occurrence.start))\(mark)")
            }
        }
        lines.append("")
        lines.append("Contact: " + p.contacts.map { ($0.label.map { "\($0): " } ?? "") + $0.uri }.joined(separator: "; "))
        if !p.commitments.isEmpty { lines.append("Commitments: " + p.commitments.map(\.rawValue).joined(separator: ", ")) }
        let rules = p.groundRules.map { $0.text ?? $0.id?.rawValue ?? "" }
        if !rules.isEmpty { lines.append("Ground rules: " + rules.joined(separator: "; ")) }
        for notice in feed.notices {
            lines.append("Notice: [\(notice.kind.rawValue)] \(notice.title)" + (notice.date.map { " (\($0))" } ?? ""))
        }
        if p.nextKey != nil { lines.append("Next signing key announced.") }
        return lines.joined(separator: "\n")
    }

    private func describe(_ audience: Audience) -> String {
        var text = audience.id.rawValue
        if let low = audience.minimumAge, let high = audience.maximumAge { text += " aged \(low)–\(high)" }
        if let community = audience.community { text += " (\(community))" }
        if let reason = audience.reason { text += " — \(reason)" }
        return text
    }

    private func describe(_ fee: Fee) -> String {
        switch fee.kind {
        case .fee: return "\(fee.amount ?? "?") \(fee.currency ?? "")" + (fee.per.map { " \($0.label)" } ?? "")
        case .voluntaryContribution: return "free; a voluntary contribution is welcome"
        default: return "free"
        }
    }

    private func describe(_ location: Location) -> String {
        if location.isWithheld { return "in the \(location.address.area) area (exact place given on request)" }
        return [location.name, location.address.street, location.address.locality, location.address.postcode, location.address.country]
            .compactMap { $0 }.joined(separator: ", ")
    }
}
