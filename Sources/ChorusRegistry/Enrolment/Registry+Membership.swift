import ChorusFeed
import Foundation
import GRDB

extension Registry {
    func membership(_ db: Database, network: Network, groupId: String) throws -> (MembershipRecord, GroupRecord) {
        guard let group = try GroupRecord.filter(Column("groupId") == groupId).fetchOne(db),
              let membership = try MembershipRecord.fetchOne(db, key: ["networkId": network.id!, "groupRow": group.id!]) else {
            throw RegistryError.notFound(.membership(groupId: groupId, network: network.slug))
        }
        return (membership, group)
    }

    /// Admits a group: confirms a proposed key, approves a pending membership, lifts a suspension and
    /// restarts harvesting that had been suspended after repeated failures.
    public func approve(network slug: String, groupId: String, actor: Actor = .commandLine) throws -> MembershipStatus {
        try pool.write { db in
            let network = try network(db, slug)
            var (membership, group) = try membership(db, network: network, groupId: groupId)
            guard membership.status != .removed else {
                throw RegistryError.conflict(.membershipRemoved, "group \(groupId) was removed from \(slug); enrol it again")
            }
            if membership.status == .pendingKey {
                let pinned = try GroupKeyRecord.filter(Column("groupRow") == group.id! && Column("status") == "pinned").fetchOne(db)
                if pinned == nil {
                    guard let proposed = try GroupKeyRecord.filter(Column("groupRow") == group.id! && Column("status") == "proposed")
                        .order(Column("id").desc).fetchOne(db) else {
                        throw RegistryError.conflict(.noKey, "group \(groupId) has no key to confirm; enrol it again with its public key")
                    }
                    try db.execute(sql: "UPDATE groupKey SET status = 'pinned', changedAt = ? WHERE id = ?", arguments: [now, proposed.id!])
                    try audit(db, network: network.id!, actor: actor, action: "key.pinned", groupId: groupId,
                              detail: "admin confirmed key \(proposed.keyId)")
                }
            }
            let before = membership.status
            membership.status = .active
            membership.reason = nil
            membership.updatedAt = now
            try membership.update(db)
            if group.harvestState == .suspended {
                group.harvestState = .active
                group.harvestReason = nil
                group.consecutiveFailures = 0
                group.nextFetchAt = now
                try group.update(db)
            }
            try audit(db, network: network.id!, actor: actor, action: "group.approve", groupId: groupId, detail: "\(before.rawValue) → active")
            try recordDirectoryChanges(db, scope: .group(group.id!))
            return membership.status
        }
    }

    public func suspend(network slug: String, groupId: String, reason: String?, actor: Actor = .commandLine) throws {
        try setMembership(network: slug, groupId: groupId, to: .suspended, reason: reason, action: "group.suspend", actor: actor)
    }

    public func remove(network slug: String, groupId: String, actor: Actor = .commandLine) throws {
        try setMembership(network: slug, groupId: groupId, to: .removed, reason: nil, action: "group.remove", actor: actor)
    }

    private func setMembership(network slug: String, groupId: String, to status: MembershipStatus, reason: String?,
                               action: String, actor: Actor) throws {
        try pool.write { db in
            let network = try network(db, slug)
            var (membership, group) = try membership(db, network: network, groupId: groupId)
            let before = membership.status
            membership.status = status
            membership.reason = reason
            membership.updatedAt = now
            try membership.update(db)
            try recordDirectoryChanges(db, scope: .group(group.id!))
            try audit(db, network: network.id!, actor: actor, action: action, groupId: groupId,
                      detail: "\(before.rawValue) → \(status.rawValue)" + (reason.map { ": \($0)" } ?? ""))
        }
    }

    /// Revokes the group's pinned and announced keys. Nothing more is accepted from the group until an admin
    /// enrols it again with its new public key. The last good snapshot stays, marked as from a revoked key.
    public func revokeKey(network slug: String, groupId: String, reason: String?, actor: Actor = .commandLine) throws {
        try pool.write { db in
            let network = try network(db, slug)
            var (_, group) = try membership(db, network: network, groupId: groupId)
            let keys = try GroupKeyRecord.filter(Column("groupRow") == group.id! && ["pinned", "announced", "proposed"].contains(Column("status"))).fetchAll(db)
            guard !keys.isEmpty else { throw RegistryError.conflict(.noKey, "group \(groupId) has no key to revoke") }
            for status in [KeyStatus.pinned, .announced, .proposed] { try setKeyStatus(db, group: group.id!, from: status, to: .revoked) }
            group.harvestState = .keyRevoked
            group.harvestReason = "key revoked by an admin of \(slug)" + (reason.map { ": \($0)" } ?? "")
            try group.update(db)
            let detail = "revoked \(keys.map(\.keyId).joined(separator: ", "))" + (reason.map { ": \($0)" } ?? "")
            try audit(db, network: network.id!, actor: actor, action: "key.revoke", groupId: groupId, detail: detail)
            let others = try Int64.fetchAll(db, sql: "SELECT networkId FROM membership WHERE groupRow = ? AND networkId != ?",
                                            arguments: [group.id!, network.id!])
            for other in others {
                try audit(db, network: other, actor: Actor("registry"), action: "key.revoke", groupId: groupId,
                          detail: "the group's key was revoked by another network's admin; enrol it again with its new key")
            }
        }
    }
}
