import ChorusFeed
import Foundation
import GRDB

/// The result of offering one signed feed to the registry, by pull or by push.
public struct IngestResult: Sendable {
    public let outcome: HarvestOutcome
    public let code: String?
    public let message: String
    public let sequence: UInt64?
}

extension Registry {
    func trust(_ db: Database, _ group: GroupRecord) throws -> GroupTrust {
        func key(_ status: KeyStatus) throws -> MinisignPublicKey? {
            try GroupKeyRecord.filter(Column("groupRow") == group.id! && Column("status") == status.rawValue)
                .order(Column("id").desc).fetchOne(db)
                .flatMap { try? MinisignPublicKey(base64: $0.publicKey) }
        }
        let last = try SnapshotRecord.filter(Column("groupRow") == group.id!).order(Column("seq").desc).fetchOne(db)
        return GroupTrust(groupID: group.groupId, pinnedKey: try key(.pinned), announcedKey: try key(.announced),
                          lastSequence: last.map { UInt64($0.seq) }, lastDigest: last?.digest)
    }

    func groupRecord(_ db: Database, id groupId: String) throws -> GroupRecord {
        guard let group = try GroupRecord.filter(Column("groupId") == groupId).fetchOne(db) else {
            throw RegistryError.notFound(.group(id: groupId))
        }
        return group
    }

    /// Offers signed bytes for a known group. Decides and stores in one transaction, so a new snapshot is either
    /// wholly recorded or not at all, and an invalid feed never replaces the last good one.
    func ingest(groupRow: Int64, bytes: Data, signature: String, via: Arrival, started: Date,
                httpStatus: Int? = nil, afterDecision: ((Database, inout GroupRecord, HarvestOutcome) throws -> Void)? = nil) throws -> IngestResult {
        try pool.write { db in
            guard var group = try GroupRecord.fetchOne(db, key: groupRow) else { throw RegistryError.notFound(.groupRow(groupRow)) }
            let decision = FeedAcceptance.decide(bytes: bytes, signatureFile: signature, trust: try trust(db, group), now: now)
            let result: IngestResult
            switch decision {
            case .unchanged:
                result = IngestResult(outcome: .unchanged, code: nil, message: "the same signed feed as before", sequence: nil)
            case .rejected(let rejection):
                result = IngestResult(outcome: .rejected, code: rejection.code, message: rejection.description, sequence: nil)
            case .accepted(let accepted, let rotatedTo):
                try store(db, accepted, signature: signature, group: &group, rotatedTo: rotatedTo, via: via)
                let seq = accepted.verified.claim.sequence
                result = IngestResult(outcome: .accepted, code: nil, message: "accepted seq \(seq)", sequence: seq)
            }
            try afterDecision?(db, &group, result.outcome)
            try group.update(db)
            var attempt = HarvestAttemptRecord(
                groupRow: groupRow, at: now, via: via, outcome: result.outcome, code: result.code,
                detail: result.outcome == .accepted ? nil : result.message, httpStatus: httpStatus,
                durationMs: Int(now.timeIntervalSince(started) * 1000))
            try attempt.insert(db)
            return result
        }
    }

    func store(_ db: Database, _ accepted: AcceptedFeed, signature: String, group: inout GroupRecord,
               rotatedTo: MinisignPublicKey?, via: Arrival) throws {
        let verified = accepted.verified
        var snapshot = SnapshotRecord(
            groupRow: group.id!, seq: Int64(verified.claim.sequence), expires: verified.claim.expires, keyId: verified.keyID,
            digest: verified.digest, bytes: verified.bytes, signature: signature, fetchedAt: now, via: via)
        try snapshot.insert(db)
        group.title = accepted.feed.title
        try judgeEveryNetwork(db, groupRow: group.id!, feed: accepted.feed, snapshotId: snapshot.id!)
        try indexForDirectory(db, groupRow: group.id!, feed: accepted.feed, snapshotId: snapshot.id!)
        if let rotatedTo {
            try setKeyStatus(db, group: group.id!, from: .pinned, to: .retired)
            try db.execute(sql: "UPDATE groupKey SET status = 'pinned', changedAt = ? WHERE groupRow = ? AND status = 'announced' AND keyId = ?",
                           arguments: [now, group.id!, rotatedTo.keyIDHex])
            try auditEveryNetwork(db, group: group, action: "key.rotated",
                                  detail: "the group's announced key \(rotatedTo.keyIDHex) signed seq \(verified.claim.sequence); the pin moved to it")
        }
        try recordAnnouncement(db, group: group, nextKey: accepted.feed.profile.nextKey)
        try recordDirectoryChanges(db, scope: .group(group.id!))
    }

    /// Keeps the announced next key equal to what the latest accepted feed says.
    private func recordAnnouncement(_ db: Database, group: GroupRecord, nextKey: String?) throws {
        let current = try GroupKeyRecord.filter(Column("groupRow") == group.id! && Column("status") == KeyStatus.announced.rawValue).fetchOne(db)
        let pinned = try GroupKeyRecord.filter(Column("groupRow") == group.id! && Column("status") == KeyStatus.pinned.rawValue).fetchOne(db)
        guard let nextKey, let key = try? MinisignPublicKey(base64: nextKey), key.keyIDHex != pinned?.keyId else {
            if current != nil {
                try setKeyStatus(db, group: group.id!, from: .announced, to: .retired)
                try auditEveryNetwork(db, group: group, action: "key.announcement-withdrawn", detail: "the latest feed names no next key")
            }
            return
        }
        if current?.keyId == key.keyIDHex { return }
        try setKeyStatus(db, group: group.id!, from: .announced, to: .retired)
        var record = GroupKeyRecord(groupRow: group.id!, keyId: key.keyIDHex, publicKey: key.base64, status: .announced,
                                    source: "announced in feed", createdAt: now, changedAt: now)
        try record.insert(db)
        try auditEveryNetwork(db, group: group, action: "key.announced",
                              detail: "next key \(key.keyIDHex) (fingerprint \(key.fingerprint)) announced by a feed signed with the pinned key")
    }

    func setKeyStatus(_ db: Database, group: Int64, from: KeyStatus, to: KeyStatus) throws {
        try db.execute(sql: "UPDATE groupKey SET status = ?, changedAt = ? WHERE groupRow = ? AND status = ?",
                       arguments: [to.rawValue, now, group, from.rawValue])
    }

    /// A change to the group itself (not to one membership) is written into the audit log of every network it belongs to.
    func auditEveryNetwork(_ db: Database, group: GroupRecord, action: String, detail: String) throws {
        let networks = try Int64.fetchAll(db, sql: "SELECT networkId FROM membership WHERE groupRow = ?", arguments: [group.id!])
        for network in networks {
            try audit(db, network: network, actor: Actor("registry"), action: action, groupId: group.groupId, detail: detail)
        }
    }
}
