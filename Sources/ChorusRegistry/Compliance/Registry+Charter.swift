import ChorusCharter
import ChorusFeed
import Foundation
import GRDB

/// What setting a charter changed: how many groups were judged and how many moved tier.
public struct CharterChange: Codable, Sendable {
    public let network: String
    public let version: String
    public let evaluated: Int
    public let changedTier: Int
    public let listed: Int
    public let notListed: Int
    public let groupsPerTier: [String: Int]
}

extension Registry {
    /// Sets a new charter version for a network and judges every member against it, in one transaction.
    public func setCharter(network slug: String, bytes: Data, signature: String?, actor: Actor = .commandLine) throws -> CharterChange {
        let charter: Charter
        do { charter = try CharterReader.read(bytes) } catch {
            throw RegistryError.invalid(.charter, "the charter is not valid: \(error.description)")
        }
        guard charter.network == slug else {
            throw RegistryError.invalid(.charter, "the charter is for network \(charter.network), not \(slug)")
        }
        return try pool.write { db in
            var network = try network(db, slug)
            if try CharterRecord.filter(Column("networkId") == network.id! && Column("version") == charter.version).fetchOne(db) != nil {
                throw RegistryError.conflict(.charterVersionExists, "\(slug) already has charter version \(charter.version); give the new charter a new version")
            }
            var record = CharterRecord(networkId: network.id!, version: charter.version, bytes: bytes, signature: signature,
                                       setAt: now, setBy: actor.name)
            try record.insert(db)
            network.charterId = record.id
            try network.update(db)
            var before: [Int64: String?] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT groupRow, tier FROM verdict WHERE networkId = ? AND current = 1", arguments: [network.id!]) {
                before[row["groupRow"]] = row["tier"] as String?
            }
            let verdicts = try judgeMembers(db, network: network)
            try recordDirectoryChanges(db, scope: .network(network.id!))
            let changed = verdicts.filter { (before[$0.key] ?? nil) != $0.value.tier }.count
            let change = CharterChange(
                network: slug, version: charter.version, evaluated: verdicts.count, changedTier: changed,
                listed: verdicts.values.filter(\.listed).count, notListed: verdicts.values.filter { !$0.listed }.count,
                groupsPerTier: Dictionary(grouping: verdicts.values, by: { $0.tier ?? "none" }).mapValues(\.count))
            try audit(db, network: network.id!, actor: actor, action: "charter.set",
                      detail: "version \(charter.version): \(change.evaluated) groups judged, \(changed) changed tier")
            return change
        }
    }

    /// The network's charter in force: its exact bytes and signature, as published at `/n/<network>/charter.xml`.
    public func charterDocument(network slug: String) throws -> (version: String, bytes: Data, signature: String?)? {
        try pool.read { db in
            let network = try network(db, slug)
            guard let id = network.charterId, let record = try CharterRecord.fetchOne(db, key: id) else { return nil }
            return (record.version, record.bytes, record.signature)
        }
    }

    public func setDashboardPublic(network slug: String, _ isPublic: Bool, actor: Actor = .commandLine) throws {
        try pool.write { db in
            var network = try network(db, slug)
            network.dashboardPublic = isPublic
            try network.update(db)
            try audit(db, network: network.id!, actor: actor, action: "network.dashboard", detail: isPublic ? "public" : "admins only")
        }
    }

    func charterEvaluator(_ db: Database, network: Network) throws -> (id: Int64, evaluator: CharterEvaluator)? {
        guard let id = network.charterId else { return nil }
        let evaluator = try charters.evaluator(id: id) {
            guard let bytes = try Data.fetchOne(db, sql: "SELECT bytes FROM charter WHERE id = ?", arguments: [id]) else {
                throw RegistryError.storage("charter \(id) of \(network.slug) is missing")
            }
            return bytes
        }
        return (id, evaluator)
    }
}

extension Registry {
    /// The charter a network has in force, parsed; nil when it has none.
    public func charter(network slug: String) throws -> Charter? {
        try pool.read { db in try charterEvaluator(db, network: try network(db, slug))?.evaluator.charter }
    }
}
