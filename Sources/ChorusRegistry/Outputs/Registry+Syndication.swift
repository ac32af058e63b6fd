import ChorusFeed
import Foundation
import GRDB

/// What an output depends on, read without building it: equal stamps mean equal bytes, so a client's cached copy
/// can be confirmed (HTTP 304) at the cost of one indexed read.
public struct OutputStamp: Sendable, Equatable {
    public var tag: String
    public var modified: Date
}

extension Registry {
    public static let feedLength = 50

    /// Brings every network's listing record up to date, recording what changed (run hourly by the harvest loop,
    /// so a feed that expired shows up as stale).
    @discardableResult
    public func reconcileDirectory() throws -> Int {
        try pool.write { db in try recordDirectoryChanges(db, scope: .everything) }
    }

    /// Records what changed in the listings within `scope` and forgets the remembered output stamps.
    @discardableResult
    func recordDirectoryChanges(_ db: Database, scope: DirectoryChanges.Scope) throws -> Int {
        let stamps = outputStamps
        stamps.clear()
        db.afterNextTransaction { _ in stamps.clear() }
        return try DirectoryChanges.reconcile(db, scope: scope, now: now)
    }

    /// Stamp of a network's change and notice feeds and its exports: they change only when a change is recorded.
    public func networkStamp(network slug: String) throws -> OutputStamp {
        try outputStamps.stamp("n " + slug) { try readNetworkStamp(network: slug) }
    }

    private func readNetworkStamp(network slug: String) throws -> OutputStamp {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT n.id, n.name, n.charterId, n.createdAt, c.id AS lastChange, c.at FROM network n
                LEFT JOIN directoryChange c ON c.id = (SELECT MAX(id) FROM directoryChange WHERE networkId = n.id)
                WHERE n.slug = ?
                """, arguments: [slug]) else { throw RegistryError.notFound(.network(slug: slug)) }
            let name: String = row["name"]
            let tag = "n\(row["id"] as Int64)-c\(row["lastChange"] as Int64? ?? 0)-k\(row["charterId"] as Int64? ?? 0)-"
                + FeedDigest.sha256(Data(name.utf8)).prefix(8)
            return OutputStamp(tag: tag, modified: row["at"] as Date? ?? row["createdAt"])
        }
    }

    /// Stamp of a listed group's outputs: its notices feed, its calendars and its JSON-LD change with its snapshot.
    public func groupStamp(groupId: String) throws -> OutputStamp {
        try outputStamps.stamp("g " + groupId) { try readGroupStamp(groupId: groupId) }
    }

    private func readGroupStamp(groupId: String) throws -> OutputStamp {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT d.snapshotId, s.fetchedAt, (SELECT COUNT(*) FROM directoryListing l WHERE l.groupRow = d.groupRow) AS listings
                FROM feedGroup g JOIN directoryGroup d ON d.groupRow = g.id JOIN snapshot s ON s.id = d.snapshotId WHERE g.groupId = ?
                """, arguments: [groupId]), row["listings"] as Int > 0 else { throw RegistryError.notFound(.listedGroup(id: groupId)) }
            return OutputStamp(tag: "s\(row["snapshotId"] as Int64)-l\(row["listings"] as Int)", modified: row["fetchedAt"])
        }
    }

    /// The directory's changes in one network, newest first: joined, changed, changed tier, went stale, left.
    public func changesFeed(network slug: String, at address: PublicAddress) throws -> Syndication {
        let network = try self.network(slug)
        let tiers = try charter(network: slug)
        let changes = try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, groupId, title, kind, tier, previousTier, at FROM directoryChange WHERE networkId = ? ORDER BY id DESC LIMIT ?
                """, arguments: [network.id!, Self.feedLength]).map { row in
                DirectoryChange(id: row["id"], groupId: row["groupId"], title: row["title"],
                                kind: DirectoryChange.Kind(rawValue: row["kind"]) ?? .changed, tier: row["tier"],
                                previousTier: row["previousTier"], at: row["at"])
            }
        }
        let tierName = { (id: String?) -> String? in id.map { tiers?.tier($0)?.name ?? $0 } }
        let path = "/n/" + PublicAddress.segment(slug)
        return Syndication(
            id: address.tag(since: network.createdAt, "\(slug)/changes"),
            title: "\(network.name): directory changes",
            subtitle: "Groups joining and leaving the \(network.name) directory, changing their details or tier, or letting their feed expire.",
            language: "en", updated: changes.first?.at ?? network.createdAt,
            pageURL: address.networkPage(slug), atomURL: address.url(path + "/changes.atom"), rssURL: address.url(path + "/changes.rss"),
            author: network.name,
            entries: changes.map { change in
                let text = ChangeText(change: change, networkName: network.name, tier: tierName(change.tier), previousTier: tierName(change.previousTier))
                return Syndication.Entry(
                    id: address.tag(since: network.createdAt, "\(slug)/change/\(change.id)"), title: text.title, updated: change.at,
                    published: change.at, link: change.kind == .left ? address.networkPage(slug) : address.groupPage(change.groupId),
                    summary: text.summary, categories: [change.kind.rawValue])
            })
    }

    /// The notices (cancellations, venue changes, announcements) of every group a network lists, newest first.
    public func noticesFeed(network slug: String, at address: PublicAddress) throws -> Syndication {
        let network = try self.network(slug)
        let notices = try pool.read { db in
            try noticeRows(db, sql: """
                SELECT dn.notice, g.groupId, d.title, d.language FROM directoryNotice dn
                CROSS JOIN directoryListing l ON l.groupRow = dn.groupRow
                JOIN feedGroup g ON g.id = l.groupRow JOIN directoryGroup d ON d.groupRow = l.groupRow
                WHERE l.networkId = ? ORDER BY dn.updated DESC LIMIT ?
                """, arguments: [network.id!, Self.feedLength])
        }
        let path = "/n/" + PublicAddress.segment(slug)
        return Syndication(
            id: address.tag(since: network.createdAt, "\(slug)/notices"),
            title: "\(network.name): group notices",
            subtitle: "Cancellations, venue changes and announcements from the groups \(network.name) lists.",
            language: "en", updated: notices.first?.notice.updated ?? network.createdAt,
            pageURL: address.networkPage(slug), atomURL: address.url(path + "/notices.atom"), rssURL: address.url(path + "/notices.rss"),
            author: network.name, entries: notices.map { noticeEntry($0, address: address, withGroupName: true) })
    }

    /// One listed group's notices, newest first.
    public func groupNoticesFeed(groupId: String, at address: PublicAddress) throws -> Syndication {
        let found = try publicGroup(groupId: groupId)
        let (enrolled, notices) = try pool.read { db in
            (try Date.fetchOne(db, sql: "SELECT createdAt FROM feedGroup WHERE groupId = ?", arguments: [groupId]) ?? found.verified,
             try noticeRows(db, sql: """
                SELECT dn.notice, g.groupId, d.title, d.language FROM feedGroup g
                JOIN directoryNotice dn ON dn.groupRow = g.id JOIN directoryGroup d ON d.groupRow = g.id
                WHERE g.groupId = ? ORDER BY dn.updated DESC LIMIT ?
                """, arguments: [groupId, Self.feedLength]))
        }
        let path = "/groups/" + PublicAddress.segment(groupId)
        return Syndication(
            id: address.tag(since: enrolled, "group/\(groupId)/notices"),
            title: "\(found.group.title): notices",
            subtitle: "Cancellations, venue changes and announcements from \(found.group.title).",
            language: found.group.language ?? "en", updated: notices.first?.notice.updated ?? found.group.updated,
            pageURL: address.groupPage(groupId), atomURL: address.url(path + "/notices.atom"), rssURL: address.url(path + "/notices.rss"),
            author: found.group.title, entries: notices.map { noticeEntry($0, address: address, withGroupName: false) })
    }

    private struct NoticeRow {
        var notice: PublicGroup.Notice
        var groupId: String
        var groupTitle: String
        var language: String?
    }

    private func noticeRows(_ db: Database, sql: String, arguments: StatementArguments) throws -> [NoticeRow] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
            guard let notice = try? DirectoryCoding.decoder.decode(PublicGroup.Notice.self, from: row["notice"] as Data) else { return nil }
            return NoticeRow(notice: notice, groupId: row["groupId"], groupTitle: row["title"], language: row["language"])
        }
    }

    private func noticeEntry(_ row: NoticeRow, address: PublicAddress, withGroupName: Bool) -> Syndication.Entry {
        let notice = row.notice
        var summary = notice.text ?? notice.title
        if let date = notice.date {
            summary += notice.kind == .cancellation ? " (cancelled: the meeting on \(date))" : " (affects \(date))"
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
        switch change.kind {
        case .joined:
            title = "Joined: \(name)"
            summary = "\(name) is now listed in the \(networkName) directory" + (tier.map { " (\($0))." } ?? ".")
        case .changed:
            title = "Updated: \(name)"
            summary = "\(name) published new details: check its meetings, place and notices before you go."
        case .tier:
            title = "Tier changed: \(name)"
            summary = "\(name) moved from \(previousTier ?? "no tier") to \(tier ?? "no tier") under the \(networkName) charter."
        case .stale:
            title = "Not updated: \(name)"
            summary = "\(name)'s feed has expired, so its details may be out of date. It stays listed until it publishes again or leaves."
        case .left:
            title = "Left: \(name)"
            summary = "\(name) is no longer listed in the \(networkName) directory."
        }
    }
}
