import ChorusFeed
import Foundation
import GRDB

/// A key a network has had: the one in force has no `retiredAt`.
public struct NetworkKey: Sendable, Equatable {
    public let key: MinisignPublicKey
    public let pinnedAt: Date
    public let pinnedBy: String
    public let retiredAt: Date?

    public var keyId: String { key.keyIDHex }
    public var fingerprint: String { key.fingerprint }
    public var inForce: Bool { retiredAt == nil }
}

/// The network's own key, held by its volunteers and never by the registry: pinned once, it decides which
/// charters the registry accepts for the network.
extension Tenants {
    /// Pins the network's key. Pinning the key already in force changes nothing; replacing it needs `replacing`,
    /// which only the registry's operator passes.
    func pinKey(network slug: String, publicKey text: String, replacing: Bool, actor: Registry.Actor) async throws -> NetworkKey {
        let key = try Self.readKey(text)
        return try await context.database.write { db in
            let network = try network(db, slug)
            if let current = try currentKeyRecord(db, network: network.id!) {
                if current.publicKey == key.base64 { return try Self.networkKey(current) }
                guard replacing else {
                    throw RegistryError.conflict(.keyPinned, "\(slug) is already pinned to key \(current.keyId); only the registry's operator can replace it (chorus network key \(slug) --pub FILE --replace)")
                }
                var retired = current
                retired.retiredAt = context.now
                try retired.update(db)
            }
            var record = NetworkKeyRecord(networkId: network.id!, keyId: key.keyIDHex, publicKey: key.base64,
                                          pinnedAt: context.now, pinnedBy: actor.name)
            try record.insert(db)
            try audit(db, network: network.id!, actor: actor, action: replacing ? "network.key-replaced" : "network.key-pinned",
                      detail: "key \(key.keyIDHex), fingerprint \(key.fingerprint)")
            return try Self.networkKey(record)
        }
    }

    /// Every key the network has had, the one in force first.
    func keys(network slug: String) async throws -> [NetworkKey] {
        try await context.database.read { db in
            let network = try network(db, slug)
            return try NetworkKeyRecord.filter(Column("networkId") == network.id!)
                .order(sql: "retiredAt IS NOT NULL, pinnedAt DESC, id DESC").fetchAll(db).map(Self.networkKey)
        }
    }

    func currentKey(_ db: Database, network: Int64) throws -> MinisignPublicKey? {
        try currentKeyRecord(db, network: network).map { try MinisignPublicKey(base64: $0.publicKey) }
    }

    private func currentKeyRecord(_ db: Database, network: Int64) throws -> NetworkKeyRecord? {
        try NetworkKeyRecord.filter(Column("networkId") == network && Column("retiredAt") == nil).fetchOne(db)
    }

    /// A `.pub` file, or its base64 line alone.
    private static func readKey(_ text: String) throws(RegistryError) -> MinisignPublicKey {
        guard text.utf8.count <= 4096 else { throw .invalid(.key, "a network's public key is two short lines, not \(text.utf8.count) bytes") }
        do { return try MinisignPublicKey(fileContents: text) } catch {
            throw .invalid(.key, "the network's public key cannot be read: \(error.description)")
        }
    }

    private static func networkKey(_ record: NetworkKeyRecord) throws -> NetworkKey {
        NetworkKey(key: try MinisignPublicKey(base64: record.publicKey), pinnedAt: record.pinnedAt, pinnedBy: record.pinnedBy,
                   retiredAt: record.retiredAt)
    }
}
