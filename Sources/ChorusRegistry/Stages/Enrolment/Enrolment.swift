import ChorusCharter
import ChorusFeed
import Foundation
import GRDB

public struct EnrolmentResult: Codable, Sendable {
    public let groupId: String
    public let title: String?
    public let membership: MembershipStatus
    public let keyId: String
    public let fingerprint: String
    public let keyStatus: KeyStatus
    public let message: String
}

/// Enrolment: a network takes a group in by its feed URL, pins its key, and admits it under the network's policy
/// and charter gate; the network's admins then approve, suspend, remove or revoke.
struct Enrolment: Sendable {
    let context: StageContext
    let tenants: Tenants
    let ingest: Ingest
    let judge: Judge
    let changeLog: ChangeLog
    let fetcher: FeedFetcher

    /// Enrols the group whose signed feed is at `feedURL` into a network. With the group's public key the key is
    /// pinned at once; without one the registry fetches the key published beside the feed (`NAME.pub`), checks the
    /// feed against it and holds the membership until an admin confirms the key's fingerprint.
    func enroll(network slug: String, feedURL: String, publicKey: String?, actor: Registry.Actor) async throws -> EnrolmentResult {
        let network = try await tenants.network(slug)
        let started = context.now
        let given: MinisignPublicKey?
        do { given = try publicKey.map(Self.parseKey) } catch {
            throw RegistryError.invalid(.key, "the public key is not usable: \(error.message)")
        }
        let (bytes, signature, metadata) = try await fetchSigned(feedURL)
        let claim: FeedClaim
        do { claim = try FeedClaim(trustedComment: MinisignSignature(fileContents: signature).trustedComment) } catch {
            throw RegistryError.invalid(.signature, "the feed's signature is not usable: \(error)")
        }
        let existing = try await context.database.read { db in try GroupRecord.filter(Column("groupId") == claim.groupID).fetchOne(db) }
        let existingPin = try await existingPinnedKey(existing)
        var key: MinisignPublicKey
        var status: KeyStatus = .pinned
        switch (given, existingPin) {
        case (let given?, let pinned?) where given != pinned:
            throw RegistryError.conflict(.keyPinned, "group \(claim.groupID) is already pinned to key \(pinned.keyIDHex); a key changes only by announcement in a feed signed with the current key, or after an admin revokes it")
        case (let given?, _):
            key = given
        case (nil, let pinned?):
            key = pinned
        case (nil, nil):
            key = try await fetchPublishedKey(beside: feedURL)
            status = .proposed
        }
        let chosenKey = key
        let chosenStatus = status
        return try await context.database.write { db in
            let now = context.now
            var group = existing.flatMap { try? GroupRecord.fetchOne(db, key: $0.id) } ?? GroupRecord(
                groupId: claim.groupID, feedURL: feedURL, etag: metadata.etag, lastModified: metadata.lastModified,
                harvestState: .active, consecutiveFailures: 0, nextFetchAt: Harvester.nextPoll(after: metadata, limits: fetcher.limits, now: now), redirectSeen: 0, createdAt: now)
            var trust = group.id == nil ? GroupTrust(groupID: claim.groupID, pinnedKey: nil) : try ingest.trust(db, group)
            trust.pinnedKey = chosenKey
            let decision = FeedAcceptance.decide(bytes: bytes, signatureFile: signature, trust: trust, now: now)
            if case .rejected(let rejection) = decision {
                throw RegistryError.invalid(.feed, "the feed was refused: \(rejection.description)")
            }
            if group.feedURL != feedURL {
                try tenants.audit(db, network: network.id!, actor: actor, action: "group.feed-url", groupId: group.groupId,
                                  detail: "this network enrolled \(feedURL); the registry harvests the group from its origin \(group.feedURL)")
            }
            if group.id == nil { try group.insert(db) }
            if existingPin == nil {
                if group.harvestState == .keyRevoked { group.harvestState = .active; group.harvestReason = nil }
                try ingest.setKeyStatus(db, group: group.id!, from: .proposed, to: .retired)
                var record = GroupKeyRecord(groupRow: group.id!, keyId: chosenKey.keyIDHex, publicKey: chosenKey.base64,
                                            status: chosenStatus, source: given == nil ? "published beside the feed" : "given at enrolment",
                                            createdAt: now, changedAt: now)
                try record.insert(db)
                try tenants.audit(db, network: network.id!, actor: actor, action: chosenStatus == .pinned ? "key.pinned" : "key.proposed",
                          groupId: group.groupId, detail: "key \(chosenKey.keyIDHex) fingerprint \(chosenKey.fingerprint)")
            }
            if case .accepted(let accepted, _) = decision {
                try ingest.store(db, accepted, signature: signature, group: &group, rotatedTo: nil, via: .enrolment)
            }
            try group.update(db)
            var attempt = HarvestAttemptRecord(groupRow: group.id!, at: now, via: .enrolment,
                                               outcome: Self.outcome(of: decision), httpStatus: metadata.httpStatus,
                                               durationMs: Int(context.now.timeIntervalSince(started) * 1000))
            try attempt.insert(db)

            let previous = try MembershipRecord.of(network: network.id!, groupRow: group.id!).fetchOne(db)
            var membership: MembershipStatus
            var message: String
            if let previous, previous.status != .removed, previous.vetoedKeyId == nil || previous.vetoedKeyId == chosenKey.keyIDHex {
                membership = previous.status
                if membership == .pendingKey && chosenStatus == .pinned { membership = network.policy == .open ? .active : .pendingApproval }
                message = previous.vetoedKeyId == nil ? "already enrolled in \(network.slug)"
                    : "already enrolled in \(network.slug), and key \(chosenKey.keyIDHex) is revoked for this network"
            } else {
                switch (chosenStatus, network.policy) {
                case (.proposed, _): membership = .pendingKey
                case (_, .approval): membership = .pendingApproval
                default: membership = .active
                }
                message = "enrolled in \(network.slug)"
            }
            let vetoed = previous?.vetoedKeyId == chosenKey.keyIDHex ? previous?.vetoedKeyId : nil
            var record = MembershipRecord(networkId: network.id!, groupRow: group.id!, status: membership,
                                          reason: vetoed == nil ? nil : previous?.reason,
                                          createdAt: previous?.createdAt ?? now, updatedAt: now, feedURL: feedURL, vetoedKeyId: vetoed,
                                          followed: previous.map { $0.status != .removed && $0.followed } ?? false)
            try record.save(db)
            if let verdict = try judge.judge(db, network: network, groupRow: group.id!), membership == .active,
               previous?.status != .active, !verdict.listed {
                membership = .pendingApproval
                record.status = membership
                record.reason = Self.belowTierReason(verdict)
                try record.update(db)
                message += "; it does not yet meet the charter's required rules (\(record.reason!)), so it waits for an admin"
            }
            try tenants.audit(db, network: network.id!, actor: actor, action: "group.enrol", groupId: group.groupId,
                      detail: "\(feedURL) → \(membership.rawValue)")
            try changeLog.record(db, scope: .group(group.id!))
            switch membership {
            case .pendingKey: message += "; confirm key \(chosenKey.keyIDHex) (fingerprint \(chosenKey.fingerprint)) with the group, then approve"
            case .pendingApproval: message += "; waiting for an admin to approve"
            default: break
            }
            return EnrolmentResult(groupId: group.groupId, title: group.title, membership: membership, keyId: chosenKey.keyIDHex,
                                   fingerprint: chosenKey.fingerprint, keyStatus: chosenStatus, message: message)
        }
    }

    private func existingPinnedKey(_ group: GroupRecord?) async throws -> MinisignPublicKey? {
        guard let group else { return nil }
        return try await context.database.read { db in try GroupKeyRecord.key(of: group.id!, .pinned, db) }
    }

    private static func outcome(of decision: FeedDecision) -> HarvestOutcome {
        switch decision {
        case .accepted: .accepted
        case .unchanged: .unchanged
        case .rejected: .rejected
        }
    }

    static func belowTierReason(_ verdict: Verdict) -> String {
        let failing = verdict.failedRequired.map(\.rule)
        return "below the listed tier; failing \(failing.prefix(5).joined(separator: ", "))\(failing.count > 5 ? ", …" : "")"
    }

    static func parseKey(_ text: String) throws(SignatureError) -> MinisignPublicKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.contains("\n") { return try MinisignPublicKey(fileContents: trimmed + "\n") }
        return try MinisignPublicKey(base64: trimmed)
    }

    /// Fetches a feed and its detached signature, for enrolment.
    func fetchSigned(_ feedURL: String) async throws -> (Data, String, FetchMetadata) {
        do {
            guard case .body(let bytes, let metadata) = try await fetcher.fetchFeed(feedURL) else {
                throw RegistryError.invalid(.feed, "the feed URL \(feedURL) gave no feed")
            }
            let signature = try await fetcher.fetchSignature(metadata.permanentLocation ?? feedURL)
            return (bytes, signature, metadata)
        } catch let failure as FetchFailure {
            throw RegistryError.invalid(.feed, "could not fetch the feed: \(failure)")
        }
    }

    /// The public key a group publishes beside its feed: `feed.xml` → `feed.pub`, otherwise the URL + `.pub`.
    func fetchPublishedKey(beside feedURL: String) async throws -> MinisignPublicKey {
        let keyURL = feedURL.hasSuffix(".xml") ? String(feedURL.dropLast(4)) + ".pub" : feedURL + ".pub"
        do {
            return try Self.parseKey(try await fetcher.fetchText(keyURL, maxBytes: 4096))
        } catch let failure as FetchFailure {
            throw RegistryError.invalid(.key, "no public key was given and none could be fetched from \(keyURL) (\(failure.message)); pass the group's key")
        } catch {
            throw RegistryError.invalid(.key, "the key at \(keyURL) is not usable: \(error)")
        }
    }
}
