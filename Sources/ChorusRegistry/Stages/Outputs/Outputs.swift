import ChorusFeed
import ChorusLanguage
import Foundation
import GRDB

/// What an output depends on, read without building it: equal stamps mean equal bytes, so a client's cached copy
/// can be confirmed (HTTP 304) at the cost of one indexed read.
public struct OutputStamp: Sendable, Equatable {
    public let tag: String
    public let modified: Date
    /// `modified` as HTTP writes it, made once with the stamp rather than on every revalidation.
    public let httpDate: String

    public init(tag: String, modified: Date) {
        self.tag = tag
        self.modified = modified
        httpDate = Syndication.rfc822(modified)
    }
}

/// The last stage: what the directory publishes for other software. Atom and RSS feeds of directory changes and
/// notices, search feeds, calendars, exports, and the stamps that answer conditional requests without building them.
struct Outputs: Sendable {
    let context: StageContext
    let tenants: Tenants
    let judge: Judge
    let directory: Directory
    let stamps: StampCache
    let exports: BuiltOnce<ExportCache.Key, ExportCache.Built>

    static let feedLength = 50

    /// Stamp of a network's change and notice feeds and its exports: they change only when a change is recorded.
    func networkStamp(network slug: String) async throws -> OutputStamp {
        try await stamps.stamp("n " + slug) { try await readNetworkStamp(network: slug) }
    }

    private func readNetworkStamp(network slug: String) async throws -> OutputStamp {
        try await context.database.read { db in
            guard let row = try NetworkStampRow.of(db, slug: slug) else { throw RegistryError.notFound(.network(slug: slug)) }
            let tag = "n\(row.id)-c\(row.lastChange ?? 0)-k\(row.charterId ?? 0)-" + FeedDigest.sha256(Data(row.name.utf8)).prefix(8)
            return OutputStamp(tag: tag, modified: row.lastChangeAt ?? row.createdAt)
        }
    }

    /// Stamp of a listed group's outputs: its notices feed, its calendars and its JSON-LD change with its snapshot.
    func groupStamp(groupId: String) async throws -> OutputStamp {
        try await stamps.stamp("g " + groupId) { try await readGroupStamp(groupId: groupId) }
    }

    private func readGroupStamp(groupId: String) async throws -> OutputStamp {
        try await context.database.read { db in
            guard let row = try GroupStampRow.of(db, groupId: groupId), row.listings > 0 else {
                throw RegistryError.notFound(.listedGroup(id: groupId))
            }
            return OutputStamp(tag: "s\(row.snapshotId)-l\(row.listings)", modified: row.fetchedAt)
        }
    }

    /// A tag that moves whenever anything a group's page shows changes (its feed, places, memberships, verdicts, its
    /// networks' names, contacts and charters), read once per commit; nil for a group the registry does not know.
    func groupPageVersion(groupId: String) async throws -> String? {
        do {
            return try await stamps.stamp("p " + groupId) {
                try await context.database.read { db in
                    guard let row = try GroupPageVersionRow.of(db, groupId: groupId) else { throw RegistryError.notFound(.listedGroup(id: groupId)) }
                    return OutputStamp(tag: "t\(row.own)-\(row.everything)", modified: Date(timeIntervalSince1970: 0))
                }
            }.tag
        } catch RegistryError.notFound { return nil }
    }

    /// The directory's changes in one network, newest first: joined, changed, changed tier, went stale, left.
    func changesFeed(network slug: String, at address: PublicAddress) async throws -> Syndication {
        let network = try await tenants.network(slug)
        let tiers = try await judge.charter(network: slug)
        let changes = try await context.database.read { db in
            try DirectoryChangeRecord.filter(Column("networkId") == network.id!).order(Column("id").desc).limit(Self.feedLength)
                .fetchAll(db).map { record in
                    DirectoryChange(id: record.id!, groupId: record.groupId, title: record.title, kind: record.kind, tier: record.tier,
                                    previousTier: record.previousTier, at: record.at)
                }
        }
        let tierName = { (id: String?) -> String? in id.map { tiers?.tier($0)?.name ?? $0 } }
        let path = "/n/" + PublicAddress.segment(slug)
        return Syndication(
            id: address.tag(since: network.createdAt, "\(slug)/changes"),
            title: tr("{network}: directory changes", ["network": network.name]),
            subtitle: tr("Groups joining and leaving the {network} directory, changing their details or tier, or letting their feed expire.",
                         ["network": network.name]),
            language: Localizer.current.language, updated: changes.first?.at ?? network.createdAt,
            pageURL: address.networkPage(slug), atomURL: address.url(path + "/changes.atom"), rssURL: address.url(path + "/changes.rss"),
            author: network.name,
            entries: changes.map { change in
                let text = ChangeText(change: change, networkName: network.name, tier: tierName(change.tier), previousTier: tierName(change.previousTier))
                return Syndication.Entry(
                    id: address.tag(since: network.createdAt, "\(slug)/change/\(change.id)"), title: text.title, updated: change.at,
                    published: change.at, link: change.kind == .left ? address.networkPage(slug) : address.groupPage(change.groupId),
                    summary: text.summary, categories: [change.kind.rawValue])
            },
            deletions: changes.filter { $0.kind == .left }.map { change in
                Syndication.Deletion(ref: change.groupId, when: change.at,
                                     comment: tr("{group} left the {network} directory", ["group": change.title, "network": network.name]))
            })
    }

    /// The notices (cancellations, venue changes, announcements) of every group a network lists, newest first.
    func noticesFeed(network slug: String, at address: PublicAddress) async throws -> Syndication {
        let network = try await tenants.network(slug)
        let notices = try await context.database.read { db in
            try decoded(NoticeRow.listed(db, network: network.id!, limit: Self.feedLength))
        }
        let path = "/n/" + PublicAddress.segment(slug)
        return Syndication(
            id: address.tag(since: network.createdAt, "\(slug)/notices"),
            title: tr("{network}: group notices", ["network": network.name]),
            subtitle: tr("Cancellations, venue changes and announcements from the groups {network} lists.", ["network": network.name]),
            language: Localizer.current.language, updated: notices.first?.notice.updated ?? network.createdAt,
            pageURL: address.networkPage(slug), atomURL: address.url(path + "/notices.atom"), rssURL: address.url(path + "/notices.rss"),
            author: network.name, entries: notices.map { noticeEntry($0, address: address, withGroupName: true) })
    }

    /// One listed group's notices, newest first.
    func groupNoticesFeed(groupId: String, at address: PublicAddress) async throws -> Syndication {
        let found = try await directory.publicGroup(groupId: groupId)
        let (enrolled, notices) = try await context.database.read { db in
            (try GroupRecord.filter(Column("groupId") == groupId).fetchOne(db)?.createdAt ?? found.verified,
             try decoded(NoticeRow.of(db, groupId: groupId, limit: Self.feedLength)))
        }
        let path = "/groups/" + PublicAddress.segment(groupId)
        return Syndication(
            id: address.tag(since: enrolled, "group/\(groupId)/notices"),
            title: tr("{group}: notices", ["group": found.group.title]),
            subtitle: tr("Cancellations, venue changes and announcements from {group}.", ["group": found.group.title]),
            language: found.group.language ?? Localizer.current.language, updated: notices.first?.notice.updated ?? found.group.updated,
            pageURL: address.groupPage(groupId), atomURL: address.url(path + "/notices.atom"), rssURL: address.url(path + "/notices.rss"),
            author: found.group.title, entries: notices.map { noticeEntry($0, address: address, withGroupName: false) })
    }

    private struct GroupNotice {
        var notice: PublicGroup.Notice
        var groupId: String
        var groupTitle: String
        var language: String?
    }

    private func decoded(_ rows: [NoticeRow]) -> [GroupNotice] {
        rows.compactMap { row in
            guard let notice = try? DirectoryCoding.decoder.decode(PublicGroup.Notice.self, from: row.notice) else { return nil }
            return GroupNotice(notice: notice, groupId: row.groupId, groupTitle: row.title, language: row.language)
        }
    }

    private func noticeEntry(_ row: GroupNotice, address: PublicAddress, withGroupName: Bool) -> Syndication.Entry {
        let notice = row.notice
        var summary = notice.text ?? notice.title
        if let date = notice.date {
            summary += " " + (notice.kind == .cancellation ? tr("(cancelled: the meeting on {date})", ["date": date]) : tr("(affects {date})", ["date": date]))
        }
        return Syndication.Entry(
            id: notice.id, title: withGroupName ? "\(row.groupTitle): \(notice.title)" : notice.title, updated: notice.updated,
            published: notice.updated, link: address.groupPage(row.groupId) + "#notices", summary: summary,
            categories: [notice.kind.rawValue], language: row.language)
    }
}

/// The plain words of a directory change.
struct ChangeText {
    let title: String
    let summary: String

    init(change: DirectoryChange, networkName: String, tier: String?, previousTier: String?) {
        let name = change.title
        let values = ["group": name, "network": networkName]
        switch change.kind {
        case .joined:
            title = tr("Joined: {group}", values)
            summary = tier.map { tr("{group} is now listed in the {network} directory ({tier}).", values.merging(["tier": $0]) { $1 }) }
                ?? tr("{group} is now listed in the {network} directory.", values)
        case .changed:
            title = tr("Updated: {group}", values)
            summary = tr("{group} published new details: check its meetings, place and notices before you go.", values)
        case .tier:
            title = tr("Tier changed: {group}", values)
            summary = tr("{group} moved from {before} to {after} under the {network} charter.",
                         values.merging(["before": previousTier ?? tr("no tier"), "after": tier ?? tr("no tier")]) { $1 })
        case .stale:
            title = tr("Not updated: {group}", values)
            summary = tr("{group}'s feed has expired, so its details may be out of date. It stays listed until it publishes again or leaves.", values)
        case .left:
            title = tr("Left: {group}", values)
            summary = tr("{group} is no longer listed in the {network} directory.", values)
        }
    }
}
