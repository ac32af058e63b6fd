import ChorusCharter
import ChorusFeed
import Foundation
import GRDB

/// A group the registry does not know asks to join a network by pushing its first signed feed with its public key,
/// from the browser publisher or a script. The key is pinned on first sight, and the registry then hosts the feed:
/// its mirror is the group's feed address, and it changes only by push. An `approval` network holds the request
/// for an admin; an `open` one admits the group when its charter gate allows.
extension Enrolment {
    /// At most this many requests wait in one network at once, so strangers cannot bury a network's admins.
    static let pendingRequestsPerNetwork = 50

    func request(network slug: String, bytes: Data, signature: String, publicKey: String, mirrorBase: String,
                 actor: Registry.Actor) async throws -> EnrolmentResult {
        let network = try await tenants.network(slug)
        let key: MinisignPublicKey
        do { key = try Self.parseKey(publicKey) } catch {
            throw RegistryError.invalid(.key, "the public key is not usable: \(error.message)")
        }
        let claim: FeedClaim
        do { claim = try FeedClaim(trustedComment: MinisignSignature(fileContents: signature).trustedComment) } catch {
            throw RegistryError.invalid(.signature, "the feed's signature is not usable: \(error)")
        }
        let feedURL = "\(mirrorBase)/mirror/\(claim.groupID)/feed.xml"
        return try await context.database.write { db in
            let now = context.now
            if try GroupRecord.filter(Column("groupId") == claim.groupID).fetchCount(db) > 0 {
                throw RegistryError.conflict(.groupKnown, "group \(claim.groupID) is already known to this registry; publish an update signed with its key instead")
            }
            let waiting = try MembershipRecord.filter(Column("networkId") == network.id! && Column("status") == MembershipStatus.pendingApproval).fetchCount(db)
            guard waiting < Self.pendingRequestsPerNetwork else {
                throw RegistryError.conflict(.tooManyRequests, "\(network.slug) already has \(waiting) groups waiting for its admins; try again after they have answered")
            }
            let decision = FeedAcceptance.decide(bytes: bytes, signatureFile: signature, trust: GroupTrust(groupID: claim.groupID, pinnedKey: key), now: now)
            guard case .accepted(let accepted, _) = decision else {
                if case .rejected(let rejection) = decision { throw RegistryError.invalid(.feed, "the feed was refused: \(rejection.description)") }
                throw RegistryError.invalid(.feed, "the feed was refused")
            }
            var group = GroupRecord(groupId: claim.groupID, feedURL: feedURL, harvestState: .active, consecutiveFailures: 0,
                                    nextFetchAt: .distantFuture, redirectSeen: 0, createdAt: now, hostedHere: true)
            try group.insert(db)
            var keyRecord = GroupKeyRecord(groupRow: group.id!, keyId: key.keyIDHex, publicKey: key.base64, status: .pinned,
                                           source: "first seen in an enrolment request", createdAt: now, changedAt: now)
            try keyRecord.insert(db)
            try ingest.store(db, accepted, signature: signature, group: &group, rotatedTo: nil, via: .enrolment)
            try group.update(db)
            var attempt = HarvestAttemptRecord(groupRow: group.id!, at: now, via: .enrolment, outcome: .accepted, durationMs: 0)
            try attempt.insert(db)

            var membership: MembershipStatus = network.policy == .open ? .active : .pendingApproval
            var record = MembershipRecord(networkId: network.id!, groupRow: group.id!, status: membership,
                                          reason: membership == .active ? nil : "asked to join by publishing its first feed here",
                                          createdAt: now, updatedAt: now, feedURL: feedURL)
            try record.insert(db)
            var message = membership == .active ? "listed in \(network.slug)" : "waiting for \(network.slug)'s admins to approve"
            if let verdict = try judge.judge(db, network: network, groupRow: group.id!), membership == .active, !verdict.listed {
                membership = .pendingApproval
                record.status = membership
                record.reason = Self.belowTierReason(verdict)
                try record.update(db)
                message = "it does not yet meet \(network.slug)'s required rules (\(record.reason!)), so it waits for an admin"
            }
            try tenants.audit(db, network: network.id!, actor: actor, action: "key.pinned", groupId: group.groupId,
                              detail: "key \(key.keyIDHex) fingerprint \(key.fingerprint), first seen in an enrolment request")
            try tenants.audit(db, network: network.id!, actor: actor, action: "group.enrol-request", groupId: group.groupId,
                              detail: "\(accepted.verified.claim.sequence) hosted at \(feedURL) → \(membership.rawValue)")
            try changeLog.record(db, scope: .group(group.id!))
            return EnrolmentResult(groupId: group.groupId, title: group.title, membership: membership, keyId: key.keyIDHex,
                                   fingerprint: key.fingerprint, keyStatus: .pinned, message: message)
        }
    }
}
