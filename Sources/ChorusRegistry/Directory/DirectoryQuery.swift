import Foundation

/// One directory search, as the search page, the JSON API and the search feeds all express it.
public struct DirectoryQuery: Sendable, Equatable {
    public var text: String?
    /// A place name, optionally qualified: "Springfield, Illinois".
    public var place: String?
    public var latitude: Double?
    public var longitude: Double?
    public var radiusKm: Double = 25
    /// Local weekdays of the meeting, 0 = Monday.
    public var days: Set<Int> = []
    /// Local start time of the meeting, in minutes after midnight, both ends included.
    public var startMinutes: ClosedRange<Int>?
    public var withinHours: Int?
    /// `in-person`, `online` or `hybrid`; a hybrid meeting answers all three.
    public var mode: String?
    public var audience: String?
    public var language: String?
    public var accessibility: [String] = []
    public var freeOnly = false
    public var network: String?
    public var tier: String?
    /// Listed groups only (the default); network admins may search every active member.
    public var listedOnly = true
    public var offset = 0
    public var limit = 20

    public init() {}

    public static let maximumRadiusKm = 500.0
    public static let maximumLimit = 100

    public var isNearSearch: Bool { place != nil || (latitude != nil && longitude != nil) }

    public var hasOccurrenceConditions: Bool { !days.isEmpty || startMinutes != nil || withinHours != nil }

    /// Named parts of the day, in local meeting time.
    public static let partsOfDay: [String: ClosedRange<Int>] = [
        "morning": 5 * 60...(12 * 60 - 1),
        "afternoon": 12 * 60...(17 * 60 - 1),
        "evening": 17 * 60...(24 * 60 - 1),
    ]
}
