import ChorusCharter
import ChorusFeed
import Foundation
import GRDB

/// The second stage: each network's charter, and the verdict of every member's newest snapshot against it,
/// with the history of verdicts. Feeds are parsed on every core; verdicts are stored in the caller's transaction.
struct Judge: Sendable {
    let context: StageContext
    let tenants: Tenants
    let changeLog: ChangeLog
    let charters: CharterCache

    /// Sets a new charter version for a network and judges every member against it, in one transaction.
    func setCharter(network slug: String, bytes: Data, signature: String?, actor: Registry.Actor) async throws -> CharterChange {
        let charter: Charter
        do { charter = try CharterReader.read(bytes) } catch {
            throw RegistryError.invalid(.charter, "the charter is not valid: \(error.description)")
        }
        guard charter.network == slug else {
            throw RegistryError.invalid(.charter, "the charter is for network \(charter.network), not \(slug)")
        }
        return try await context.database.write { db in
            var network = try tenants.network(db, slug)
            let signatureCheck = CharterSignatureCheck.of(bytes, signature: signature, key: try tenants.currentKey(db, network: network.id!))
            guard signatureCheck.acceptable else { throw RegistryError.invalid(.signature, signatureCheck.sentence) }
            if try CharterRecord.filter(Column("networkId") == network.id! && Column("version") == charter.version).fetchCount(db) > 0 {
                throw RegistryError.conflict(.charterVersionExists, "\(slug) already has charter version \(charter.version); give the new charter a new version")
            }
            var record = CharterRecord(networkId: network.id!, version: charter.version, bytes: bytes, signature: signature,
                                       setAt: context.now, setBy: actor.name, verifiedKeyId: signatureCheck.verifiedKeyId)
            try record.insert(db)
            network.charterId = record.id
            try network.update(db)
            var before: [Int64: String?] = [:]
            for verdict in try VerdictRecord.filter(Column("networkId") == network.id! && Column("current") == true).fetchAll(db) {
                before[verdict.groupRow] = verdict.tier
            }
            let verdicts = try judgeMembers(db, network: network)
            try changeLog.record(db, scope: .network(network.id!))
            let changed = verdicts.filter { (before[$0.key] ?? nil) != $0.value.tier }.count
            let change = CharterChange(
                network: slug, version: charter.version, evaluated: verdicts.count, changedTier: changed,
                listed: verdicts.values.filter(\.listed).count, notListed: verdicts.values.filter { !$0.listed }.count,
                groupsPerTier: Dictionary(grouping: verdicts.values, by: { $0.tier ?? "none" }).mapValues(\.count))
            try tenants.audit(db, network: network.id!, actor: actor, action: "charter.set",
                              detail: "version \(charter.version)\(signatureCheck.verifiedKeyId.map { ", signed with network key \($0)" } ?? ""): \(change.evaluated) groups judged, \(changed) changed tier")
            return change
        }
    }

    /// The network's charter in force: its exact bytes and signature, as published at `/n/<network>/charter.xml`.
    func charterDocument(network slug: String) async throws -> (version: String, bytes: Data, signature: String?)? {
        try await context.database.read { db in
            let network = try tenants.network(db, slug)
            guard let id = network.charterId, let record = try CharterRecord.fetchOne(db, key: id) else { return nil }
            return (record.version, record.bytes, record.signature)
        }
    }

    /// The charter a network has in force, parsed; nil when it has none.
    func charter(network slug: String) async throws -> Charter? {
        try await context.database.read { db in try charterEvaluator(db, network: try tenants.network(db, slug))?.evaluator.charter }
    }

    func charterEvaluator(_ db: Database, network: Network) throws -> (id: Int64, evaluator: CharterEvaluator)? {
        guard let id = network.charterId else { return nil }
        return (id, try evaluator(db, charterId: id))
    }

    func evaluator(_ db: Database, charterId id: Int64) throws -> CharterEvaluator {
        try charters.evaluator(id: id) {
            guard let record = try CharterRecord.fetchOne(db, key: id) else { throw RegistryError.storage("charter \(id) is missing") }
            return record.bytes
        }
    }

    /// Judges every member with a snapshot (except removed ones) against the network's charter and records the verdicts.
    func judgeMembers(_ db: Database, network: Network) throws -> [Int64: Verdict] {
        guard let (charterId, evaluator) = try charterEvaluator(db, network: network) else { return [:] }
        let inputs = try MemberSnapshotRow.all(db, network: network.id!)
        let now = context.now
        let verdicts = ParallelMap.map(inputs) { input -> Verdict? in
            (try? FeedReader.read(input.bytes)).map { evaluator.evaluate($0, now: now) }
        }
        var result: [Int64: Verdict] = [:]
        let isNewCharter = try VerdictRecord.filter(Column("networkId") == network.id! && Column("charterId") == charterId).fetchCount(db) == 0
        if isNewCharter {
            // Every current verdict is for an older charter: retire them at once and insert the new ones.
            try VerdictRecord.filter(Column("networkId") == network.id! && Column("current") == true).updateAll(db, Column("current").set(to: false))
            for (input, verdict) in zip(inputs, verdicts) {
                guard let verdict else { continue }
                var row = VerdictRecord(networkId: network.id!, groupRow: input.groupRow, charterId: charterId, snapshotId: input.snapshotId,
                                        evaluatedAt: now, tier: verdict.tier, listed: verdict.listed,
                                        failedRequired: verdict.failedRequired.count, verdict: VerdictJSON.encode(verdict), current: true)
                try row.insert(db)
                result[input.groupRow] = verdict
            }
            return result
        }
        for (input, verdict) in zip(inputs, verdicts) {
            guard let verdict else { continue }
            try record(db, verdict, network: network.id!, groupRow: input.groupRow, charterId: charterId, snapshotId: input.snapshotId)
            result[input.groupRow] = verdict
        }
        return result
    }

    /// Judges one group's newest snapshot against every network it belongs to that has a charter.
    func judgeEveryNetwork(_ db: Database, groupRow: Int64, feed: GroupFeed, snapshotId: Int64) throws {
        let networks = try Network.judging(db, groupRow: groupRow)
        for network in networks {
            guard let (charterId, evaluator) = try charterEvaluator(db, network: network) else { continue }
            try record(db, evaluator.evaluate(feed, now: context.now), network: network.id!, groupRow: groupRow, charterId: charterId, snapshotId: snapshotId)
        }
    }

    /// Judges one membership from the group's newest snapshot; nil when the network has no charter or the group no snapshot.
    func judge(_ db: Database, network: Network, groupRow: Int64) throws -> Verdict? {
        guard let (charterId, evaluator) = try charterEvaluator(db, network: network),
              let snapshot = try SnapshotRecord.latest(of: groupRow).fetchOne(db),
              let feed = try? FeedReader.read(snapshot.bytes) else { return nil }
        let verdict = evaluator.evaluate(feed, now: context.now)
        try record(db, verdict, network: network.id!, groupRow: groupRow, charterId: charterId, snapshotId: snapshot.id!)
        return verdict
    }

    /// Keeps the history: a new row when the charter, the snapshot or the verdict itself changed; otherwise only the time.
    private func record(_ db: Database, _ verdict: Verdict, network: Int64, groupRow: Int64, charterId: Int64, snapshotId: Int64) throws {
        let encoded = VerdictJSON.encode(verdict)
        if var current = try VerdictRecord.current(network: network, groupRow: groupRow).fetchOne(db) {
            if current.charterId == charterId, current.snapshotId == snapshotId, current.verdict == encoded {
                current.evaluatedAt = context.now
                try current.update(db, columns: ["evaluatedAt"])
                return
            }
            current.current = false
            try current.update(db, columns: ["current"])
        }
        var row = VerdictRecord(networkId: network, groupRow: groupRow, charterId: charterId, snapshotId: snapshotId, evaluatedAt: context.now,
                                tier: verdict.tier, listed: verdict.listed, failedRequired: verdict.failedRequired.count,
                                verdict: encoded, current: true)
        try row.insert(db)
    }

    /// Re-judges the verdicts not refreshed for a day, so freshness rules notice a group that stopped publishing.
    func refreshVerdicts(olderThan age: TimeInterval) async throws -> Int {
        try await context.database.write { db in
            let due = try VerdictRecord.filter(Column("current") == true && Column("evaluatedAt") < context.now.addingTimeInterval(-age)).fetchAll(db)
            var count = 0
            for verdict in due {
                guard let network = try Network.fetchOne(db, key: verdict.networkId) else { continue }
                if try judge(db, network: network, groupRow: verdict.groupRow) != nil { count += 1 }
            }
            try changeLog.record(db, scope: .everything)
            return count
        }
    }

    /// True when `proof` is the group's own signature of a report link for this network that has not yet expired.
    func acceptsReportProof(network slug: String, groupId: String, until: Int64, proof: String) async throws -> Bool {
        let now = context.now
        guard Double(until) > now.timeIntervalSince1970, until - Int64(now.timeIntervalSince1970) <= 366 * 86_400,
              let signature = ReportLink.signature(fromProof: proof), signature.count == 64 else { return false }
        let key = try await context.database.read { db -> MinisignPublicKey? in
            let (_, group) = try MembershipRecord.find(db, network: try tenants.network(db, slug), groupId: groupId)
            return try GroupKeyRecord.key(of: group.id!, .pinned, db)
        }
        guard let key else { return false }
        return key.key.isValidSignature(signature, for: Data(ReportLink.message(network: slug, groupId: groupId, until: until).utf8))
    }
}
