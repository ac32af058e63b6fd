import ChorusCharter
import ChorusFeed
import Foundation
import GRDB

/// What a charter would do before it is applied: each group whose tier or listing would change, and why.
public struct CharterPreview: Sendable, Codable {
    public struct Change: Sendable, Codable {
        public let groupId: String
        public let title: String?
        public let tierBefore: String?
        public let tierAfter: String?
        public let listedBefore: Bool
        public let listedAfter: Bool
        /// The required rules the group would fail, with their reasons and fixes.
        public let failing: [Verdict.RuleResult]
    }

    public let network: String
    public let version: String
    public let title: String
    public let evaluated: Int
    public let changes: [Change]
    public let groupsPerTier: [String: Int]
}

/// A charter version the network has set, newest first.
public struct CharterVersion: Sendable, Codable {
    public let version: String
    public let setAt: Date
    public let setBy: String
    public let signed: Bool
    /// The network key its signature was checked against, when one was pinned.
    public let verifiedKeyId: String?
    public let inForce: Bool
    /// What this version changed from the one before it.
    public let changes: [String]
}

extension Judge {
    /// Judges every member against `bytes` without storing anything.
    func previewCharter(network slug: String, bytes: Data) async throws -> CharterPreview {
        let charter: Charter
        do { charter = try CharterReader.read(bytes) } catch {
            throw RegistryError.invalid(.charter, "the charter is not valid: \(error.description)")
        }
        guard charter.network == slug else { throw RegistryError.invalid(.charter, "the charter is for network \(charter.network), not \(slug)") }
        let evaluator = CharterEvaluator(charter)
        let now = context.now
        return try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let inputs = try MemberSnapshotRow.all(db, network: network.id!)
            var before: [Int64: (tier: String?, listed: Bool)] = [:]
            for verdict in try VerdictRecord.filter(Column("networkId") == network.id! && Column("current") == true).fetchAll(db) {
                before[verdict.groupRow] = (verdict.tier, verdict.listed)
            }
            let verdicts = ParallelMap.map(inputs) { input -> Verdict? in (try? FeedReader.read(input.bytes)).map { evaluator.evaluate($0, now: now) } }
            var changes: [CharterPreview.Change] = []
            var perTier: [String: Int] = [:]
            for (input, verdict) in zip(inputs, verdicts) {
                guard let verdict else { continue }
                perTier[verdict.tier ?? "none", default: 0] += 1
                let old = before[input.groupRow] ?? (nil, network.charterId == nil)
                guard old.tier != verdict.tier || old.listed != verdict.listed else { continue }
                let group = try GroupRecord.fetchOne(db, key: input.groupRow)
                changes.append(CharterPreview.Change(groupId: group?.groupId ?? "", title: group?.title, tierBefore: old.tier, tierAfter: verdict.tier,
                                                     listedBefore: old.listed, listedAfter: verdict.listed, failing: verdict.failedRequired))
            }
            return CharterPreview(network: slug, version: charter.version, title: charter.title, evaluated: verdicts.compactMap { $0 }.count,
                                  changes: changes.sorted { ($0.title ?? $0.groupId) < ($1.title ?? $1.groupId) }, groupsPerTier: perTier)
        }
    }

    func charterVersions(network slug: String) async throws -> [CharterVersion] {
        try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let records = try CharterRecord.filter(Column("networkId") == network.id!).order(Column("id")).fetchAll(db)
            var previous: Charter?
            var versions: [CharterVersion] = []
            for record in records {
                let charter = try? CharterReader.read(record.bytes)
                let changes = charter.map { CharterDifference.sentences(from: previous, to: $0) } ?? ["It could not be read again."]
                versions.append(CharterVersion(version: record.version, setAt: record.setAt, setBy: record.setBy, signed: record.signature != nil,
                                               verifiedKeyId: record.verifiedKeyId, inForce: record.id == network.charterId, changes: changes))
                previous = charter ?? previous
            }
            return versions.reversed()
        }
    }
}
