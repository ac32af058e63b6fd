import ChorusFeed
import Foundation

/// What a search result needs of a group, kept in plain columns so a page of results decodes no documents.
struct DirectoryCard {
    let summary: String
    let area: String?
    let modes: String
    /// One line per meeting: id, title, mode and zone, tab-separated.
    let meetings: String
    /// Who the group is only for, as JSON audiences so each page can say it in its own language, then on the next
    /// line the first of its reasons, shortened: `[{"id":"men"}]\nThe group meets inside …`.
    let restriction: String?

    init(_ group: PublicGroup) {
        summary = group.summary.count > 280 ? String(group.summary.prefix(277)) + "…" : group.summary
        area = group.places.first(where: { $0.setting != .online })?.area
        modes = Array(Set(group.meetings.map(\.mode.rawValue))).sorted().joined(separator: ",")
        meetings = group.meetings.map { [$0.id, $0.title, $0.mode.rawValue, $0.timeZone].map(Self.clean).joined(separator: "\t") }.joined(separator: "\n")
        restriction = group.restriction.map { restriction in
            let reason = restriction.reasons.first.map { $0.count > 200 ? String($0.prefix(199)) + "…" : $0 }
            let audiences = (try? JSONEncoder().encode(restriction.audiences)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
            return audiences + (reason.map { "\n" + Self.clean($0) } ?? "")
        }
    }

    /// The stored restriction as its sentence, in the current language, and the group's reason (the group's language).
    /// A row indexed before the audiences were stored keeps its English sentence until the group is indexed again.
    static func restriction(_ stored: String?) -> (sentence: String, reason: String?)? {
        guard let stored else { return nil }
        let parts = stored.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let reason = parts.count > 1 ? String(parts[1]) : nil
        guard let audiences = try? JSONDecoder().decode([PublicGroup.Audience].self, from: Data(parts[0].utf8)) else {
            return (String(parts[0]), reason)
        }
        return (PublicGroup.Restriction(audiences: audiences, reasons: []).sentence, reason)
    }

    private static func clean(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    static func meeting(_ id: String, in lines: String) -> (title: String, mode: AttendanceMode, timeZone: String)? {
        for line in lines.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count == 4, fields[0] == id, let mode = AttendanceMode(rawValue: String(fields[2])) {
                return (String(fields[1]), mode, String(fields[3]))
            }
        }
        return nil
    }
}
