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

/// The first stage: verify a signed feed against what the registry trusts about its group, decide, and store the
/// accepted snapshot with its exact bytes. What follows an accepted feed (verdicts, the index, the change log) is
/// handed to those stages inside the same transaction, so a snapshot is recorded wholly or not at all.
struct Ingest: Sendable {
    let context: StageContext
    let tenants: Tenants
    let judge: Judge
    let index: DirectoryIndex
    let changeLog: ChangeLog
    let harvestLimits: FetchLimits

    func trust(_ db: Database, _ group: GroupRecord) throws -> GroupTrust {
        let last = try SnapshotRecord.latest(of: group.id!).fetchOne(db)
        return GroupTrust(groupID: group.groupId, pinnedKey: try GroupKeyRecord.key(of: group.id!, .pinned, db),
                          announcedKey: try GroupKeyRecord.key(of: group.id!, .announced, db),
                          lastSequence: last.map { UInt64($0.seq) }, lastDigest: last?.digest)
    }

    func groupRecord(_ db: Database, id groupId: String) throws -> GroupRecord {
        guard let group = try GroupRecord.filter(Column("groupId") == groupId).fetchOne(db) else {
            throw RegistryError.notFound(.group(id: groupId))
        }
        return group
    }

    /// A feed a group pushes itself. The signature is the authentication: it must verify with the pinned key
    /// under the same order and freshness rules as a pulled feed. A refused push changes nothing but the log;
    /// in particular it never counts towards suspending the group's harvesting.
    func push(groupId: String, bytes: Data, signature: String) async throws -> IngestResult {
        let started = context.now
        let row = try await context.database.read { db -> Int64 in
            let group = try groupRecord(db, id: groupId)
            let enrolled = try MembershipRecord.filter(Column("groupRow") == group.id! && Column("status") != MembershipStatus.removed).fetchCount(db) > 0
            guard enrolled else { throw RegistryError.notFound(.group(id: groupId)) }
            return group.id!
        }
        let limits = harvestLimits
        return try await ingest(groupRow: row, bytes: bytes, signature: signature, via: .push, started: started) { _, group, outcome in
            // The group's own valid push shows its feed is alive again: a harvest suspended after failures resumes.
            Harvester.resumeIfSuspended(&group, outcome: outcome, limits: limits, now: started)
        }
    }

    /// Offers signed bytes for a known group. Decides and stores in one transaction, so a new snapshot is either
    /// wholly recorded or not at all, and an invalid feed never replaces the last good one.
    func ingest(groupRow: Int64, bytes: Data, signature: String, via: Arrival, started: Date, httpStatus: Int? = nil,
                afterDecision: (@Sendable (Database, inout GroupRecord, HarvestOutcome) throws -> Void)? = nil) async throws -> IngestResult {
        try await context.database.write { db in
            guard var group = try GroupRecord.fetchOne(db, key: groupRow) else { throw RegistryError.notFound(.groupRow(groupRow)) }
            let now = context.now
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
                groupRow: groupRow, at: context.now, via: via, outcome: result.outcome, code: result.code,
                detail: result.outcome == .accepted ? nil : result.message, httpStatus: httpStatus,
                durationMs: Int(context.now.timeIntervalSince(started) * 1000))
            try attempt.insert(db)
            return result
        }
    }

    /// Records an accepted feed and hands it on: verdicts for every network, the directory index, the change log.
    func store(_ db: Database, _ accepted: AcceptedFeed, signature: String, group: inout GroupRecord,
               rotatedTo: MinisignPublicKey?, via: Arrival) throws {
        let verified = accepted.verified
        var snapshot = SnapshotRecord(
            groupRow: group.id!, seq: Int64(verified.claim.sequence), expires: verified.claim.expires, keyId: verified.keyID,
            digest: verified.digest, bytes: verified.bytes, signature: signature, fetchedAt: context.now, via: via)
        try snapshot.insert(db)
        group.title = accepted.feed.title
        try followSignedAddress(db, accepted.feed.selfURL, group: &group)
        try judge.judgeEveryNetwork(db, groupRow: group.id!, feed: accepted.feed, snapshotId: snapshot.id!)
        try index.index(db, groupRow: group.id!, feed: accepted.feed, snapshotId: snapshot.id!)
        if let rotatedTo {
            try setKeyStatus(db, group: group.id!, from: .pinned, to: .retired)
            try GroupKeyRecord.of(group.id!, .announced).filter(Column("keyId") == rotatedTo.keyIDHex)
                .updateAll(db, Column("status").set(to: KeyStatus.pinned), Column("changedAt").set(to: context.now))
            try tenants.auditEveryNetwork(db, groupRow: group.id!, groupId: group.groupId, action: "key.rotated",
                                          detail: "the group's announced key \(rotatedTo.keyIDHex) signed seq \(verified.claim.sequence); the pin moved to it")
        }
        try recordAnnouncement(db, group: group, nextKey: accepted.feed.profile.nextKey)
        try changeLog.record(db, scope: .group(group.id!))
    }

    /// The group's origin moves only when the group itself says so: its signed `rel="self"` names another address,
    /// and some network enrolled the group at that address. No network can move it by enrolling another URL.
    private func followSignedAddress(_ db: Database, _ selfURL: String?, group: inout GroupRecord) throws {
        guard let selfURL, selfURL != group.feedURL,
              try MembershipRecord.current(of: group.id!).filter(Column("feedURL") == selfURL).fetchCount(db) > 0 else { return }
        try tenants.auditEveryNetwork(db, groupRow: group.id!, groupId: group.groupId, action: "group.feed-url",
                                      detail: "\(group.feedURL) → \(selfURL) (the group's signed feed names it as its address)")
        group.feedURL = selfURL
        group.etag = nil
        group.lastModified = nil
        group.redirectURL = nil
        group.redirectSeen = 0
    }

    /// Keeps the announced next key equal to what the latest accepted feed says.
    private func recordAnnouncement(_ db: Database, group: GroupRecord, nextKey: String?) throws {
        let current = try GroupKeyRecord.of(group.id!, .announced).fetchOne(db)
        let pinned = try GroupKeyRecord.of(group.id!, .pinned).fetchOne(db)
        guard let nextKey, let key = try? MinisignPublicKey(base64: nextKey), key.keyIDHex != pinned?.keyId else {
            if current != nil {
                try setKeyStatus(db, group: group.id!, from: .announced, to: .retired)
                try tenants.auditEveryNetwork(db, groupRow: group.id!, groupId: group.groupId, action: "key.announcement-withdrawn",
                                              detail: "the latest feed names no next key")
            }
            return
        }
        if current?.keyId == key.keyIDHex { return }
        try setKeyStatus(db, group: group.id!, from: .announced, to: .retired)
        var record = GroupKeyRecord(groupRow: group.id!, keyId: key.keyIDHex, publicKey: key.base64, status: .announced,
                                    source: "announced in feed", createdAt: context.now, changedAt: context.now)
        try record.insert(db)
        try tenants.auditEveryNetwork(db, groupRow: group.id!, groupId: group.groupId, action: "key.announced",
                                      detail: "next key \(key.keyIDHex) (fingerprint \(key.fingerprint)) announced by a feed signed with the pinned key")
    }

    func setKeyStatus(_ db: Database, group: Int64, from: KeyStatus, to: KeyStatus) throws {
        try GroupKeyRecord.of(group, from).updateAll(db, Column("status").set(to: to), Column("changedAt").set(to: context.now))
    }
}
