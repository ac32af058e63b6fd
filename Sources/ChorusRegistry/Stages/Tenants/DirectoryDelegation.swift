import ChorusFeed
import Foundation
import GRDB

/// A network's delegation as the registry holds it: the two files it publishes beside the directory.
public struct Delegation: Sendable, Equatable {
    public let keyFile: Data
    public let signature: String
    public let expires: Date
    public let setAt: Date
    public let setBy: String
}

/// The registry's directory key for each network, and the network's signed statement that lets it sign the
/// network's directory (`Federation/signatures.md`, "Delegation").
extension Tenants {
    /// The network's directory key, made the first time it is asked for.
    func directoryKey(network slug: String) async throws -> MinisignPublicKey {
        try await context.database.write { db in
            let network = try network(db, slug)
            if let record = try DirectoryKeyRecord.fetchOne(db, key: network.id!) { return try MinisignPublicKey(base64: record.publicKey) }
            let key = MinisignSecretKey.generate()
            try DirectoryKeyRecord(networkId: network.id!, keyId: key.publicKey.keyIDHex, publicKey: key.publicKey.base64,
                                   secretKey: key.fileContents, createdAt: context.now).insert(db)
            return key.publicKey
        }
    }

    /// Takes the network's statement after checking it against the network's pinned key and this registry's
    /// directory key for the network; anything else is refused and nothing changes.
    func setDelegation(network slug: String, keyFile: Data, signature: String, actor: Registry.Actor) async throws -> Delegation {
        guard keyFile.count <= 4096, signature.utf8.count <= 4096 else {
            throw RegistryError.invalid(.signature, "a delegation is a key file and its signature, a few hundred bytes, not \(keyFile.count + signature.utf8.count)")
        }
        let directoryKey = try await directoryKey(network: slug)
        let now = context.now
        return try await context.database.write { db in
            let network = try network(db, slug)
            guard let networkKey = try currentKey(db, network: network.id!) else {
                throw RegistryError.conflict(.noKey, "\(slug) has no pinned key to check a delegation with; pin the network's key first (chorus network key \(slug) --pub FILE)")
            }
            let delegated: DelegationStatement.Delegated
            do throws(SignatureError) {
                delegated = try DelegationStatement.verify(keyFile: keyFile, signatureFile: signature, networkKey: networkKey, network: slug, now: now)
            } catch {
                throw RegistryError.invalid(.signature, "the delegation is refused: \(error.code.rawValue): \(error.message)")
            }
            guard delegated.key == directoryKey else {
                throw RegistryError.invalid(.signature, "the delegation names key \(delegated.key.keyIDHex), but this registry's directory key for \(slug) is \(directoryKey.keyIDHex)")
            }
            guard var record = try DirectoryKeyRecord.fetchOne(db, key: network.id!) else { throw RegistryError.storage("the directory key of \(slug) is missing") }
            record.delegationKeyFile = keyFile
            record.delegationSignature = signature
            record.delegationExpires = delegated.expires
            record.delegationSetAt = now
            record.delegationSetBy = actor.name
            try record.update(db)
            try audit(db, network: network.id!, actor: actor, action: "network.delegation-set",
                      detail: "directory key \(directoryKey.keyIDHex) until \(Timestamp.format(delegated.expires))")
            return Delegation(keyFile: keyFile, signature: signature, expires: delegated.expires, setAt: now, setBy: actor.name)
        }
    }

    /// The statement the network gave, if any.
    func delegation(network slug: String) async throws -> Delegation? {
        try await context.database.read { db in
            let network = try network(db, slug)
            guard let record = try DirectoryKeyRecord.fetchOne(db, key: network.id!), let keyFile = record.delegationKeyFile,
                  let signature = record.delegationSignature, let expires = record.delegationExpires,
                  let setAt = record.delegationSetAt, let setBy = record.delegationSetBy else { return nil }
            return Delegation(keyFile: keyFile, signature: signature, expires: expires, setAt: setAt, setBy: setBy)
        }
    }
}

extension Tenants {
    /// After a move: the next directory signed here names the new address, so followers move with the network.
    func setDirectoryMoved(network slug: String, to url: String?, actor: Registry.Actor) async throws {
        if let url {
            guard let parsed = WebAddress.parse(url, maximumBytes: 500), parsed.path.hasSuffix("/directory.xml") else {
                throw RegistryError.invalid(.url, "the new address must be an http or https address of a directory.xml")
            }
        }
        try await context.database.write { db in
            var network = try network(db, slug)
            network.directoryMovedTo = url
            try network.update(db)
            try audit(db, network: network.id!, actor: actor, action: "network.moved",
                      detail: url.map { "the directory now lives at \($0)" } ?? "the move announcement is withdrawn")
        }
    }
}
