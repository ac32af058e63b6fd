import ChorusFeed
import Foundation
import GRDB

/// What a network's admins do to a membership once the group is enrolled.
extension Enrolment {
    /// Admits a group: confirms a proposed key, approves a pending membership, lifts a suspension and
    /// restarts harvesting that had been suspended after repeated failures.
    func approve(network slug: String, groupId: String, actor: Registry.Actor) async throws -> MembershipStatus {
        try await context.database.write { db in
            let now = context.now
            let network = try tenants.network(db, slug)
            var (membership, group) = try MembershipRecord.find(db, network: network, groupId: groupId)
            guard membership.status != .removed else {
                throw RegistryError.conflict(.membershipRemoved, "group \(groupId) was removed from \(slug); enrol it again")
            }
            if membership.status == .pendingKey {
                if try GroupKeyRecord.of(group.id!, .pinned).fetchCount(db) == 0 {
                    guard var proposed = try GroupKeyRecord.of(group.id!, .proposed).fetchOne(db) else {
                        throw RegistryError.conflict(.noKey, "group \(groupId) has no key to confirm; enrol it again with its public key")
                    }
                    proposed.status = .pinned
                    proposed.changedAt = now
                    try proposed.update(db)
                    try tenants.audit(db, network: network.id!, actor: actor, action: "key.pinned", groupId: groupId,
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
            try tenants.audit(db, network: network.id!, actor: actor, action: "group.approve", groupId: groupId, detail: "\(before.rawValue) → active")
            try changeLog.record(db, scope: .group(group.id!))
            return membership.status
        }
    }

    func suspend(network slug: String, groupId: String, reason: String?, actor: Registry.Actor) async throws {
        try await setMembership(network: slug, groupId: groupId, to: .suspended, reason: reason, action: "group.suspend", actor: actor)
    }

    func remove(network slug: String, groupId: String, actor: Registry.Actor) async throws {
        try await setMembership(network: slug, groupId: groupId, to: .removed, reason: nil, action: "group.remove", actor: actor)
    }

    private func setMembership(network slug: String, groupId: String, to status: MembershipStatus, reason: String?,
                               action: String, actor: Registry.Actor) async throws {
        try await context.database.write { db in
            let now = context.now
            let network = try tenants.network(db, slug)
            var (membership, group) = try MembershipRecord.find(db, network: network, groupId: groupId)
            let before = membership.status
            membership.status = status
            membership.reason = reason
            membership.updatedAt = now
            try membership.update(db)
            try changeLog.record(db, scope: .group(group.id!))
            try tenants.audit(db, network: network.id!, actor: actor, action: action, groupId: groupId,
                      detail: "\(before.rawValue) → \(status.rawValue)" + (reason.map { ": \($0)" } ?? ""))
        }
    }

    /// Revokes the group's pinned and announced keys. Nothing more is accepted from the group until an admin
    /// enrols it again with its new public key. The last good snapshot stays, marked as from a revoked key.
    func revokeKey(network slug: String, groupId: String, reason: String?, actor: Registry.Actor) async throws {
        try await context.database.write { db in
            let network = try tenants.network(db, slug)
            var (_, group) = try MembershipRecord.find(db, network: network, groupId: groupId)
            let live = [KeyStatus.pinned, .announced, .proposed]
            let keys = try GroupKeyRecord.filter(Column("groupRow") == group.id! && live.contains(Column("status"))).fetchAll(db)
            guard !keys.isEmpty else { throw RegistryError.conflict(.noKey, "group \(groupId) has no key to revoke") }
            for status in live { try ingest.setKeyStatus(db, group: group.id!, from: status, to: .revoked) }
            group.harvestState = .keyRevoked
            group.harvestReason = "key revoked by an admin of \(slug)" + (reason.map { ": \($0)" } ?? "")
            try group.update(db)
            let detail = "revoked \(keys.map(\.keyId).joined(separator: ", "))" + (reason.map { ": \($0)" } ?? "")
            try tenants.audit(db, network: network.id!, actor: actor, action: "key.revoke", groupId: groupId, detail: detail)
            let others = try MembershipRecord.filter(Column("groupRow") == group.id! && Column("networkId") != network.id!)
                .select(Column("networkId"), as: Int64.self).fetchAll(db)
            for other in others {
                try tenants.audit(db, network: other, actor: Registry.Actor("registry"), action: "key.revoke", groupId: groupId,
                          detail: "the group's key was revoked by another network's admin; enrol it again with its new key")
            }
        }
    }
}
