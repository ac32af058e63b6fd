import ChorusFeed
import Foundation
import GRDB

/// What a network's admins do to a membership once the group is enrolled.
extension Enrolment {
    /// Admits a group to this network: confirms a proposed key, approves a pending membership, lifts a suspension.
    /// It changes this network's membership only; the group's harvesting is shared and stays as it is.
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
            if let vetoed = membership.vetoedKeyId {
                if try GroupKeyRecord.of(group.id!, .pinned).fetchOne(db)?.keyId == vetoed {
                    throw RegistryError.conflict(.keyRevoked, "this network revoked key \(vetoed), which is still the group's pinned key; approve it once the group has moved to a new key, or enrol it with its new key")
                }
                membership.vetoedKeyId = nil
            }
            let before = membership.status
            membership.status = .active
            membership.reason = nil
            membership.updatedAt = now
            try membership.update(db)
            try tenants.audit(db, network: network.id!, actor: actor, action: "group.approve", groupId: groupId, detail: "\(before.rawValue) → active")
            try changeLog.record(db, scope: .group(group.id!))
            return membership.status
        }
    }

    func suspend(network slug: String, groupId: String, reason: String?, actor: Registry.Actor) async throws {
        try await setMembership(network: slug, groupId: groupId, to: .suspended, reason: reason, action: "group.suspend", actor: actor)
    }

    func remove(network slug: String, groupId: String, reason: String? = nil, actor: Registry.Actor) async throws {
        try await setMembership(network: slug, groupId: groupId, to: .removed, reason: reason, action: "group.remove", actor: actor)
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

    /// Revokes the group's pinned key for this network: a veto. The network stops listing the group until the group
    /// has moved to another key and an admin approves or enrols it again; other networks that hold the group keep
    /// what they see. When every network that holds the group has revoked its key, the key is revoked for the whole
    /// registry: the pin ends, harvesting stops, and the next enrolment pins the group's new key.
    func revokeKey(network slug: String, groupId: String, reason: String?, actor: Registry.Actor) async throws {
        try await context.database.write { db in
            let now = context.now
            let network = try tenants.network(db, slug)
            var (membership, group) = try MembershipRecord.find(db, network: network, groupId: groupId)
            guard let pinned = try GroupKeyRecord.of(group.id!, .pinned).fetchOne(db) else {
                throw RegistryError.conflict(.noKey, "group \(groupId) has no key to revoke")
            }
            membership.vetoedKeyId = pinned.keyId
            membership.status = .suspended
            membership.reason = "key \(pinned.keyId) revoked by this network" + (reason.map { ": \($0)" } ?? "")
            membership.updatedAt = now
            try membership.update(db)
            try tenants.audit(db, network: network.id!, actor: actor, action: "key.revoke", groupId: groupId,
                              detail: "revoked \(pinned.keyId) for this network" + (reason.map { ": \($0)" } ?? ""))
            let holders = try MembershipRecord.current(of: group.id!).fetchAll(db)
            if holders.allSatisfy({ $0.vetoedKeyId == pinned.keyId }) {
                for status in [KeyStatus.pinned, .announced, .proposed] { try ingest.setKeyStatus(db, group: group.id!, from: status, to: .revoked) }
                group.harvestState = .keyRevoked
                group.harvestReason = "key \(pinned.keyId) revoked by every network that holds the group"
                try group.update(db)
                try tenants.auditEveryNetwork(db, groupRow: group.id!, groupId: groupId, action: "key.revoked-everywhere",
                                              detail: "every network that holds the group revoked key \(pinned.keyId); enrol it again with its new key")
            }
            try changeLog.record(db, scope: .group(group.id!))
        }
    }
}
