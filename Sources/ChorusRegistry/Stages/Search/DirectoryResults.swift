import ChorusFeed
import Foundation

/// A place the search was near: from the imported gazetteer or from the localities the feeds publish.
public struct DirectoryPlace: Codable, Sendable, Equatable {
    public var name: String
    public var region: String?
    public var country: String
    public var latitude: Double?
    public var longitude: Double?
    public var kind: PlaceKind
    public var timeZone: String?
    /// What to put in the place box to choose exactly this place.
    public var label: String
}

/// What kind of place a search was near.
public enum PlaceKind: String, Codable, Sendable {
    case locality, region, postcode, coordinates

    /// The folded-name column of `directoryPlace` that finds venues in such a place.
    var keyColumn: String {
        switch self {
        case .locality, .coordinates: "localityKey"
        case .region: "regionKey"
        case .postcode: "postcodeKey"
        }
    }

    /// The column with the name as written.
    var nameColumn: String {
        switch self {
        case .locality, .coordinates: "locality"
        case .region: "region"
        case .postcode: "postcode"
        }
    }
}

public struct DirectoryHit: Codable, Sendable, Equatable {
    public struct Next: Codable, Sendable, Equatable {
        public var meetingId: String
        public var meetingTitle: String
        public var mode: AttendanceMode
        public var start: Date
        public var end: Date
        public var timeZone: String
    }

    public struct Listing: Codable, Sendable, Equatable {
        public var network: String
        public var networkName: String
        public var tier: String?
        public var tierName: String?
        public var tierDescription: String?
    }

    public var groupId: String
    public var title: String
    public var summary: String
    /// The language of the group's own text (BCP 47), when the feed declares it.
    public var language: String?
    /// Kilometres to the nearest public venue; nil when the location is withheld or the search was not near a place.
    public var distanceKm: Double?
    /// The area to show instead of a distance when the venue is withheld: "in the <area> area".
    public var withheldArea: String?
    public var area: String?
    public var modes: [AttendanceMode]
    public var free: Bool
    public var status: ActivityStatus
    /// Who the group is only for ("Only for men."), nil when it is open to anyone with the experiences; and the
    /// first of the group's reasons, shortened, in the group's language.
    public var restriction: String?
    public var restrictionReason: String?
    public var next: Next?
    public var listings: [Listing]
    public var notices: [PublicGroup.Notice]
}

public struct DirectoryResults: Codable, Sendable, Equatable {
    public var place: DirectoryPlace?
    /// Several places answer to the name: the searcher picks one.
    public var choices: [DirectoryPlace] = []
    /// The place name matched nothing.
    public var unknownPlace: String?
    public var hits: [DirectoryHit] = []
    /// When a search near a place finds nothing within its distance: the nearest group that meets its other
    /// conditions, at any distance, so the searcher is not left with nothing.
    public var nearest: DirectoryHit?
    public var hasMore = false
    public var offset = 0

    public init(offset: Int = 0) { self.offset = offset }
}
