import ChorusFeed
import Foundation
import GRDB

/// A network here follows networks at other registries through their signed directories
/// (`Federation/federation.md`, "Following a network"): the directory is checked from the followed network's own
/// key, every group's feed from the group's own key, and the follower's charter and policy decide the rest. Whatever
/// is refused leaves the last good state as it was.
struct Following: Sendable {
    let context: StageContext
    let tenants: Tenants
    let enrolment: Enrolment
    let harvester: Harvester
    let fetcher: FeedFetcher
    let outputs: Outputs
    let runs = FollowRuns()

    /// Starts following the directory at `url`, whose network (by default the slug in `/n/SLUG/directory.xml`) has
    /// the public key `networkKey`, and takes it a first time; for a follow that exists with the same key, looks again.
    func follow(network slug: String, url: String, networkKey: MinisignPublicKey, remoteNetwork: String?,
                actor: Registry.Actor) async throws -> FollowReport {
        guard let parsed = WebAddress.parse(url) else {
            throw RegistryError.invalid(.url, "\(url.prefix(200)) is not an http or https address of a network directory")
        }
        guard let remote = remoteNetwork ?? Self.networkSlug(in: parsed) else {
            throw RegistryError.invalid(.url, "\(url) does not end in /n/SLUG/directory.xml; name the followed network with --network")
        }
        let id = try await context.database.write { db in
            let network = try tenants.network(db, slug)
            if let existing = try FollowedDirectoryRecord.filter(Column("networkId") == network.id! && Column("url") == url).fetchOne(db) {
                guard existing.networkKey == networkKey.base64, existing.remoteNetwork == remote else {
                    throw RegistryError.conflict(.followExists, "\(slug) already follows \(url) as network \(existing.remoteNetwork) with another key; a followed network's key is pinned when the follow begins")
                }
                return existing.id!
            }
            var record = FollowedDirectoryRecord(networkId: network.id!, url: url, remoteNetwork: remote, networkKey: networkKey.base64,
                                                 createdAt: context.now, nextFetchAt: context.now)
            try record.insert(db)
            try tenants.audit(db, network: network.id!, actor: actor, action: "network.follow",
                              detail: "\(url) (network \(remote), key \(networkKey.keyIDHex))")
            return record.id!
        }
        return try await refresh(id)
    }

    /// `/n/SLUG/directory.xml` names the network SLUG.
    static func networkSlug(in url: URL) -> String? {
        let parts = url.path.split(separator: "/")
        guard parts.count >= 3, parts[parts.count - 3] == "n", parts.last == "directory.xml" else { return nil }
        return String(parts[parts.count - 2])
    }

    /// Takes every follow that is due (all of them with `force`).
    func refreshDue(force: Bool = false) async throws -> [FollowReport] {
        let now = context.now
        let due = try await context.database.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM followedDirectory WHERE ? OR nextFetchAt <= ? ORDER BY nextFetchAt", arguments: [force, now])
        }
        var reports: [FollowReport] = []
        for id in due {
            guard runs.begin(id) else { continue }
            repeat { reports.append(try await refresh(id)) } while runs.end(id)
        }
        return reports
    }

    /// A registry says a followed directory changed. The follow is looked at now (or once more, after the look under
    /// way); the ping proves nothing, since the directory is fetched and checked as always. Returns false when this
    /// network does not follow that address.
    func pinged(network slug: String, directory url: String) async throws -> Bool {
        let id = try await context.database.write { db -> Int64? in
            let network = try tenants.network(db, slug)
            guard let follow = try FollowedDirectoryRecord.filter(Column("networkId") == network.id! && Column("url") == url).fetchOne(db) else {
                return nil
            }
            try db.execute(sql: "UPDATE followedDirectory SET nextFetchAt = ? WHERE id = ?", arguments: [context.now, follow.id!])
            return follow.id!
        }
        guard let id else { return false }
        if runs.begin(id) {
            Task {
                repeat { _ = try? await refresh(id) } while runs.end(id)
            }
        }
        return true
    }

    /// Asks the followed registry to ping `callback` when the directory changes (`POST …/directory-subscribers`);
    /// returns the HTTP status it answered.
    func askToBeTold(network slug: String, directory url: String, callback: String) async throws -> Int {
        guard let followed = WebAddress.parse(url), let subscribe = URL(string: "directory-subscribers", relativeTo: followed)?.absoluteString else {
            throw RegistryError.invalid(.url, "\(url) is not an address")
        }
        let body = try JSONEncoder().encode(["callback": callback, "directory": url])
        do { return try await fetcher.post(subscribe, json: body) } catch {
            throw RegistryError.invalid(.url, "\(subscribe) could not be reached: \(error.code.rawValue): \(error.message)")
        }
    }

    /// Fetches and checks the followed directory; when it is newer, takes its groups. A directory that says the
    /// network moved is followed to its new address, which must check with the same pinned network key.
    func refresh(_ id: Int64, moves: Int = 0) async throws -> FollowReport {
        let found = try await context.database.read { db -> (FollowedDirectoryRecord, Network)? in
            guard let follow = try FollowedDirectoryRecord.fetchOne(db, key: id), let network = try Network.fetchOne(db, key: follow.networkId) else { return nil }
            return (follow, network)
        }
        guard let (follow, network) = found else { throw RegistryError.storage("follow \(id) or its network is missing") }
        var report: FollowReport
        var movedTo: String?
        do {
            let checked = try await fetchAndCheck(follow, network: network)
            let accepted = checked.accepted
            report = FollowReport(url: follow.url, outcome: accepted.isRepeat || accepted.bytes == follow.document ? .unchanged : .accepted,
                                  detail: "", sequence: accepted.claim.sequence)
            try await store(checked, follow: follow)
            try await FollowedGroups(following: self, follow: follow, network: network).take(accepted.directory, report: &report)
            movedTo = accepted.directory.movedTo
        } catch let refusal as FollowRefusal {
            report = FollowReport(url: follow.url, outcome: refusal.outcome, code: refusal.code, detail: refusal.message,
                                  sequence: follow.seq.map(UInt64.init))
        }
        try await recordAttempt(report, follow: follow)
        if moves < 3, let movedTo, try await move(follow, to: movedTo) {
            return try await refresh(id, moves: moves + 1)
        }
        return report
    }

    /// Takes the new address an accepted directory announces as the follow's address; false when there is nothing to move to.
    private func move(_ follow: FollowedDirectoryRecord, to moved: String) async throws -> Bool {
        try await context.database.write { db -> Bool in
            guard var record = try FollowedDirectoryRecord.fetchOne(db, key: follow.id!), moved != record.url, WebAddress.parse(moved) != nil,
                  try FollowedDirectoryRecord.filter(Column("networkId") == record.networkId && Column("url") == moved).fetchCount(db) == 0 else {
                return false
            }
            try tenants.audit(db, network: record.networkId, actor: Registry.Actor("follow:\(record.remoteNetwork)"), action: "follow.moved",
                              detail: "\(record.url) → \(moved), announced in its signed directory seq \(record.seq.map(String.init) ?? "?")")
            record.url = moved
            record.etag = nil
            record.nextFetchAt = context.now
            try record.update(db)
            return true
        }
    }

    /// Why a look at a directory ended without taking it, as one code and one line.
    struct FollowRefusal: Error {
        let outcome: FollowReport.Outcome
        let code: String
        let message: String
    }

    /// An accepted directory with the files it was checked from, kept so the follower can show and export them.
    private struct Checked {
        let accepted: AcceptedDirectory
        let signature: String
        let delegationKeyFile: Data
        let delegationSignature: String
        let etag: String?
    }

    private func fetchAndCheck(_ follow: FollowedDirectoryRecord, network: Network) async throws -> Checked {
        let delegationURL = URL(string: "delegation.pub", relativeTo: URL(string: follow.url)!)!.absoluteString
        let validators = follow.document == nil ? Validators.none : Validators(etag: follow.etag, lastModified: nil)
        let signature: String, result: FetchResult, delegationKeyFile: String, delegationSignature: String
        do throws(FetchFailure) {
            signature = try await fetcher.fetchSignature(follow.url)
            result = try await fetcher.fetchDirectory(follow.url, validators: validators)
            delegationKeyFile = try await fetcher.fetchText(delegationURL, maxBytes: 4096)
            delegationSignature = try await fetcher.fetchText(delegationURL + ".minisig", maxBytes: 4096)
        } catch {
            throw FollowRefusal(outcome: .failed, code: error.code.rawValue, message: error.message)
        }
        let bytes: Data
        let etag: String?
        switch result {
        case .body(let data, let meta):
            bytes = data
            etag = meta.etag
        case .notModified(let meta):
            bytes = follow.document ?? Data()
            etag = meta.etag ?? follow.etag
        case .gone(let meta):
            throw FollowRefusal(outcome: .failed, code: "fetch.gone", message: "the directory answered HTTP \(meta.httpStatus)")
        }
        let networkKey = try MinisignPublicKey(base64: follow.networkKey)
        let previous = follow.seq.flatMap { seq in follow.digest.map { SignedDirectoryReader.Previous(sequence: UInt64(seq), sha256: $0) } }
        let accepted: AcceptedDirectory
        do throws(SignedDirectoryRejection) {
            accepted = try SignedDirectoryReader.read(bytes, signatureFile: signature, delegationKeyFile: Data(delegationKeyFile.utf8),
                                                      delegationSignature: delegationSignature, networkKey: networkKey,
                                                      network: follow.remoteNetwork, now: context.now, previous: previous,
                                                      maximumBytes: fetcher.limits.maxDirectoryBytes)
        } catch {
            throw FollowRefusal(outcome: .refused, code: error.code, message: error.description)
        }
        let own = try await outputs.directoryIdentity(network: network.slug)
        if accepted.directory.id == own || accepted.directory.gathers.contains(where: { $0.id == own }) {
            throw FollowRefusal(outcome: .refused, code: "follow.loop",
                                message: "\(follow.remoteNetwork)'s directory already gathers \(network.slug)'s own directory, so following it would be a loop")
        }
        return Checked(accepted: accepted, signature: signature, delegationKeyFile: Data(delegationKeyFile.utf8),
                       delegationSignature: delegationSignature, etag: etag)
    }

    private func store(_ checked: Checked, follow: FollowedDirectoryRecord) async throws {
        let accepted = checked.accepted
        try await context.database.write { db in
            guard var record = try FollowedDirectoryRecord.fetchOne(db, key: follow.id!) else { return }
            record.directoryId = accepted.directory.id
            record.seq = Int64(accepted.claim.sequence)
            record.digest = FeedDigest.sha256(accepted.bytes)
            record.expires = accepted.claim.expires
            record.acceptedAt = context.now
            record.document = accepted.bytes
            record.signature = checked.signature
            record.delegationKeyFile = checked.delegationKeyFile
            record.delegationSignature = checked.delegationSignature
            record.etag = checked.etag
            record.gathers = accepted.directory.gathers.map { "\($0.id) \($0.network)" }.joined(separator: "\n")
            try record.update(db)
        }
    }

    private func recordAttempt(_ report: FollowReport, follow: FollowedDirectoryRecord) async throws {
        let now = context.now
        try await context.database.write { db in
            try db.execute(sql: """
                UPDATE followedDirectory SET lastAttemptAt = ?, lastOutcome = ?, lastDetail = ?, nextFetchAt = ? WHERE id = ?
                """, arguments: [now, report.outcome.rawValue, report.line, now.addingTimeInterval(fetcher.limits.pollInterval), follow.id!])
            if report.outcome == .refused || report.outcome == .failed || !report.held.isEmpty {
                try tenants.audit(db, network: follow.networkId, actor: Registry.Actor("follow:\(follow.remoteNetwork)"),
                                  action: report.outcome == .refused ? "follow.refused" : report.outcome == .failed ? "follow.failed" : "follow.held",
                                  detail: report.line)
            }
        }
    }

    /// Every follow of a network, with its held groups.
    func follows(network slug: String) async throws -> [FollowStatus] {
        let now = context.now
        return try await context.database.read { db in
            let network = try tenants.network(db, slug)
            return try FollowedDirectoryRecord.filter(Column("networkId") == network.id!).order(Column("id")).fetchAll(db).map { record in
                let rows = try FollowedGroupRecord.filter(Column("followId") == record.id!).fetchAll(db)
                let key = try? MinisignPublicKey(base64: record.networkKey)
                return FollowStatus(
                    id: record.id!, url: record.url, remoteNetwork: record.remoteNetwork, networkKeyId: key?.keyIDHex ?? "?",
                    sequence: record.seq.map(UInt64.init), expires: record.expires, acceptedAt: record.acceptedAt,
                    stale: record.expires.map { $0 <= now } ?? true, lastAttemptAt: record.lastAttemptAt, lastOutcome: record.lastOutcome,
                    lastDetail: record.lastDetail, groups: rows.filter { $0.held == nil }.count,
                    held: rows.compactMap { row in row.held.map { HeldGroup(groupId: row.groupId, reason: $0) } })
            }
        }
    }
}
