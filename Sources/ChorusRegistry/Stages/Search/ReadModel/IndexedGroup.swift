import ChorusFeed
import Foundation

/// One group as the directory's read model holds it: everything a search filters, ranks and shows, decoded once
/// when the group changes. Immutable, so a snapshot shares it with the next one.
final class IndexedGroup: Sendable {
    struct Place: Sendable {
        var id: Int64
        var withheld: Bool
        /// The venue's point, or the centre of a withheld venue's area; nil when it has neither.
        var latitude: Double?
        var longitude: Double?
        var locality: String?
        var region: String?
        var country: String
        var localityKey: String?
        var regionKey: String?
        var postcodeKey: String?
        /// No point of its own and no area centre: found only by the name of its area.
        var pointless: Bool

        func key(_ kind: PlaceKind) -> String? {
            switch kind {
            case .locality, .coordinates: localityKey
            case .region: regionKey
            case .postcode: postcodeKey
            }
        }

        var area: String { [locality, region, country].compactMap { $0 }.joined(separator: ", ") }
    }

    struct Occurrence: Sendable {
        var start: Int64
        var end: Int64
        var meeting: Int
        var weekday: Int
        var minute: Int
        var mode: AttendanceMode
        var cancelled: Bool
    }

    struct Membership: Sendable {
        var slug: String
        var name: String
        var tier: String?
        var active: Bool
        var listed: Bool
        var listing: DirectoryHit.Listing
    }

    /// A meeting as its result card names it.
    struct Meeting: Sendable {
        var key: String
        var title: String
        var mode: AttendanceMode
        var timeZone: String
    }

    let row: Int64
    let groupId: String
    let title: String
    let summary: String
    let language: String?
    let area: String?
    let modes: [AttendanceMode]
    let free: Bool
    let status: ActivityStatus
    let restriction: String?
    let facets: Set<String>
    let notices: [PublicGroup.Notice]
    let places: [Place]
    /// Sorted by start, then meeting key.
    let occurrences: [Occurrence]
    /// The meeting of each occurrence, by `Occurrence.meeting`.
    let meetingKeys: [String]
    let meetings: [Meeting]
    /// Sorted by network name.
    let memberships: [Membership]
    /// The folded words of its name, summary and places, as the text search matches them.
    let words: Set<String>

    init(row: Int64, groupId: String, title: String, summary: String, language: String?, area: String?, modes: [AttendanceMode],
         free: Bool, status: ActivityStatus, restriction: String?, facets: Set<String>, notices: [PublicGroup.Notice], places: [Place],
         occurrences: [Occurrence], meetingKeys: [String], meetings: [Meeting], memberships: [Membership], words: Set<String>) {
        self.row = row
        self.groupId = groupId
        self.title = title
        self.summary = summary
        self.language = language
        self.area = area
        self.modes = modes
        self.free = free
        self.status = status
        self.restriction = restriction
        self.facets = facets
        self.notices = notices
        self.places = places
        self.occurrences = occurrences
        self.meetingKeys = meetingKeys
        self.meetings = meetings
        self.memberships = memberships
        self.words = words
    }

    /// The first occurrence at or after `from` that `accepts` takes.
    func nextOccurrence(from: Int64, where accepts: (Occurrence) -> Bool) -> Occurrence? {
        let first = occurrences.lowerBound { $0.start < from }
        for occurrence in occurrences[first...] where accepts(occurrence) { return occurrence }
        return nil
    }

    func meeting(_ occurrence: Occurrence) -> Meeting? {
        let key = meetingKeys[occurrence.meeting]
        return meetings.first { $0.key == key }
    }

    func listings(listedOnly: Bool) -> [DirectoryHit.Listing] {
        memberships.filter { listedOnly ? $0.listed : $0.active }.map(\.listing)
    }
}
