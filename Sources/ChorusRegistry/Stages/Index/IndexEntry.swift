import ChorusFeed
import Foundation

/// What the index stage writes for one group, worked out from its feed before any transaction: the public document
/// and its encodings, the result card, the text, the facets and the coming occurrences. Making it is pure, so many
/// groups' entries can be made at once on every core while one writer stores them.
struct IndexEntry: Sendable {
    let group: PublicGroup
    let document: Data
    let card: DirectoryCard
    let notices: Data?
    let noticeDocuments: [Data]
    let placesText: String
    let facets: Set<String>
    let occurrences: [MaterialisedOccurrence]
    let madeAt: Date

    init(feed: GroupFeed, now: Date) throws {
        group = PublicGroup(feed)
        document = try DirectoryCoding.encoder.encode(group)
        card = DirectoryCard(group)
        notices = group.notices.isEmpty ? nil : try DirectoryCoding.encoder.encode(group.notices)
        noticeDocuments = try group.notices.map { try DirectoryCoding.encoder.encode($0) }
        placesText = group.places.flatMap { [$0.withheld ? nil : $0.name, $0.locality, $0.region, $0.postcode, $0.country] }
            .compactMap { $0 }.joined(separator: " ")
        facets = DirectoryFacets.of(group)
        occurrences = Self.occurrences(feed, now: now)
        madeAt = now
    }

    /// A group's occurrences from a day ago to the end of the directory's window.
    static func occurrences(_ feed: GroupFeed, now: Date) -> [MaterialisedOccurrence] {
        Occurrences.materialise(feed, from: now.addingTimeInterval(-86_400), to: now.addingTimeInterval(Occurrences.window))
    }
}
