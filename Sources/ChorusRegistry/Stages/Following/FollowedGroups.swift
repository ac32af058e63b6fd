import ChorusFeed
import Foundation
import GRDB

/// Takes the groups of an accepted directory into the following network. A group new to this registry is pinned to
/// the key the directory lists (first sight) and enrolled from the mirror's exact bytes; a known group keeps the key
/// this registry pinned, and a directory that lists another key for it is held, never obeyed. A group that left the
/// directory leaves the network, unless it is a member for another reason. The follower's charter and policy decide
/// each membership, as for any enrolment.
struct FollowedGroups: Sendable {
    let following: Following
    let follow: FollowedDirectoryRecord
    let network: Network

    private var context: StageContext { following.context }
    private var actor: Registry.Actor { Registry.Actor("follow:\(follow.remoteNetwork)") }

    private struct Local {
        var group: GroupRecord
        var pinned: MinisignPublicKey?
        var latest: (seq: Int64, digest: String)?
        var membership: MembershipRecord?
    }

    private enum Taken: Sendable {
        case joined, updated, unchanged
        case held(String)
    }

    func take(_ directory: NetworkDirectory, report: inout FollowReport) async throws {
        let previous = try await context.database.read { db in
            Dictionary(try FollowedGroupRecord.filter(Column("followId") == follow.id!).fetchAll(db).map { ($0.groupId, $0) },
                       uniquingKeysWith: { first, _ in first })
        }
        // A few groups at a time, as the harvester takes one host: one group's fetch overlaps another's checks.
        let width = max(1, following.fetcher.limits.maxConcurrentPerHost)
        var outcomes: [(String, Taken)] = []
        try await withThrowingTaskGroup(of: (String, Taken).self) { tasks in
            var pending = directory.entries[...]
            func start() {
                guard let entry = pending.popFirst() else { return }
                tasks.addTask {
                    let before = previous[entry.groupId]
                    // Taken before at this seq and not held: nothing to read, fetch or write.
                    if let before, before.held == nil, before.listedSeq == Int64(entry.feed.seq), before.groupRow != nil {
                        return (entry.groupId, .unchanged)
                    }
                    let taken: Taken
                    do { taken = try await take(entry, previous: before) } catch { taken = .held("\(error)") }
                    if case .held(let reason) = taken { try await remember(entry, held: reason) } else { try await remember(entry, held: nil) }
                    return (entry.groupId, taken)
                }
            }
            for _ in 0..<width { start() }
            while let outcome = try await tasks.next() {
                outcomes.append(outcome)
                start()
            }
        }
        for (groupId, taken) in outcomes.sorted(by: { $0.0 < $1.0 }) {
            switch taken {
            case .joined: report.joined += 1
            case .updated: report.updated += 1
            case .unchanged: break
            case .held(let reason): report.held.append(HeldGroup(groupId: groupId, reason: reason))
            }
        }
        let listed = Set(directory.entries.map(\.groupId))
        for (groupId, row) in previous where !listed.contains(groupId) {
            if try await leave(groupId, row: row, sequence: report.sequence) { report.removed += 1 }
        }
    }

    private func take(_ entry: NetworkDirectory.Entry, previous: FollowedGroupRecord?) async throws -> Taken {
        guard let key = try? MinisignPublicKey(base64: entry.key.base64), key.keyIDHex == entry.key.id else {
            return .held("the directory's key for this group is not a minisign key, or its id is not \(entry.key.id)")
        }
        guard let resolved = URL(string: entry.feed.mirror, relativeTo: URL(string: follow.url))?.absoluteURL.absoluteString,
              let mirror = WebAddress.parse(resolved)?.absoluteString else {
            return .held("the directory's mirror address for this group is not an http address")
        }
        let local = try await read(entry.groupId)
        if let local, let pinned = local.pinned, pinned != key {
            // The group may have moved to a key it announced: its newer feed, checked under the rules here, says so.
            if !local.group.hostedHere { _ = try await following.harvester.harvestOnce(groupRow: local.group.id!, from: mirror) }
            if try await read(entry.groupId)?.pinned == key, local.membership.map({ $0.status != .removed }) == true { return .updated }
            return .held("the directory lists key \(key.keyIDHex) for this group, but this registry pinned key \(pinned.keyIDHex); "
                + "a key changes only through the group's own announcement in a feed signed with its current key")
        }
        if let membership = local?.membership, membership.status == .removed, !membership.followed {
            return .held("this network's admins removed the group; it is not taken again from a followed directory")
        }
        if let local, let membership = local.membership, membership.status != .removed {
            return try await update(local, entry: entry, mirror: mirror)
        }
        _ = try await following.enrolment.enroll(network: network.slug, feedURL: mirror, publicKey: key.fileContents, actor: actor)
        try await context.database.write { db in
            try db.execute(sql: """
                UPDATE membership SET followed = 1
                WHERE networkId = ? AND groupRow = (SELECT id FROM feedGroup WHERE groupId = ?)
                """, arguments: [network.id!, entry.groupId])
        }
        return .joined
    }

    /// A group already in the network: fetched again from the mirror when the directory lists a newer feed than the
    /// one held here, and verified against the key pinned here.
    private func update(_ local: Local, entry: NetworkDirectory.Entry, mirror: String) async throws -> Taken {
        guard let latest = local.latest else { return .held("the group has no accepted feed here yet") }
        if latest.digest == entry.feed.sha256 || latest.seq >= Int64(entry.feed.seq) || local.group.hostedHere { return .unchanged }
        _ = try await following.harvester.harvestOnce(groupRow: local.group.id!, from: mirror)
        guard let after = try await read(entry.groupId)?.latest, after.digest == entry.feed.sha256 || after.seq >= Int64(entry.feed.seq) else {
            let attempt = try await context.database.read { db in
                try HarvestAttemptRecord.filter(Column("groupRow") == local.group.id!).order(Column("id").desc).fetchOne(db)
            }
            return .held("the mirror did not give the listed feed (seq \(entry.feed.seq)): \(attempt?.code ?? "no attempt") \(attempt?.detail ?? "")")
        }
        return .updated
    }

    private func read(_ groupId: String) async throws -> Local? {
        try await context.database.read { db in
            guard let group = try GroupRecord.filter(Column("groupId") == groupId).fetchOne(db) else { return nil }
            let latest = try SnapshotRecord.latest(of: group.id!).fetchOne(db).map { ($0.seq, $0.digest) }
            return Local(group: group, pinned: try GroupKeyRecord.key(of: group.id!, .pinned, db), latest: latest,
                         membership: try MembershipRecord.of(network: network.id!, groupRow: group.id!).fetchOne(db))
        }
    }

    private func remember(_ entry: NetworkDirectory.Entry, held: String?) async throws {
        let now = context.now
        try await context.database.write { db in
            let groupRow = try Int64.fetchOne(db, sql: "SELECT id FROM feedGroup WHERE groupId = ?", arguments: [entry.groupId])
            try FollowedGroupRecord(followId: follow.id!, groupId: entry.groupId, groupRow: groupRow, listedSeq: Int64(entry.feed.seq),
                                    held: held.map { String($0.prefix(500)) }, seenAt: now).save(db)
        }
    }

    /// The group left the followed directory: forgotten by this follow, and removed from the network when no other
    /// follow of the network lists it and it joined through following.
    private func leave(_ groupId: String, row: FollowedGroupRecord, sequence: UInt64?) async throws -> Bool {
        let stillListed = try await context.database.write { db -> Bool in
            try row.delete(db)
            return try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM followedGroup g JOIN followedDirectory d ON d.id = g.followId
                WHERE d.networkId = ? AND g.groupId = ? AND g.held IS NULL
                """, arguments: [network.id!, groupId]) ?? 0 > 0
        }
        guard !stillListed, let local = try await read(groupId), let membership = local.membership, membership.followed,
              membership.status != .removed else { return false }
        try await following.enrolment.remove(network: network.slug, groupId: groupId,
                                             reason: "no longer listed by \(follow.remoteNetwork) (directory seq \(sequence.map(String.init) ?? "?"))",
                                             actor: actor)
        return true
    }
}
