import ChorusFeed
import Crypto
import Foundation
import GRDB

/// A network token's powers, once checked.
public struct Access: Sendable {
    public let network: Network
    public let role: Role
    public let tokenID: Int64
    public var actor: Registry.Actor { .token(tokenID, role: role) }
}

extension Registry {
    public static func validateSlug(_ slug: String) throws {
        let allowed = slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard (2...63).contains(slug.count), allowed, slug.first != "-", slug.last != "-" else {
            throw RegistryError.invalid(.slug, "network slug \"\(slug)\" must be 2–63 lowercase letters, digits or hyphens")
        }
    }

    @discardableResult
    public func createNetwork(slug: String, name: String, policy: EnrolmentPolicy, actor: Actor = .commandLine) throws -> Network {
        try Self.validateSlug(slug)
        let name = name.trimmedWhitespace
        guard !name.isEmpty, name.count <= 200 else { throw RegistryError.invalid(.name, "a network needs a name of 1–200 characters") }
        return try pool.write { db in
            if try Network.filter(Column("slug") == slug).fetchOne(db) != nil {
                throw RegistryError.conflict(.networkExists, "network \(slug) already exists")
            }
            var network = Network(slug: slug, name: name, policy: policy, createdAt: now)
            try network.insert(db)
            try audit(db, network: network.id!, actor: actor, action: "network.create", detail: "policy \(policy.rawValue)")
            return network
        }
    }

    public func networks() throws -> [Network] {
        try pool.read { db in try Network.order(Column("slug")).fetchAll(db) }
    }

    public func network(_ slug: String) throws -> Network {
        try pool.read { db in try network(db, slug) }
    }

    func network(_ db: Database, _ slug: String) throws -> Network {
        guard let network = try Network.filter(Column("slug") == slug).fetchOne(db) else {
            throw RegistryError.notFound(.network(slug: slug))
        }
        return network
    }

    /// Issues a bearer token for a network. The token is returned once; only its SHA-256 is stored.
    public func issueToken(network slug: String, role: Role, actor: Actor = .commandLine) throws -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let token = "chorus_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        try pool.write { db in
            let network = try network(db, slug)
            var record = TokenRecord(networkId: network.id!, role: role, hash: Self.hash(token: token), createdAt: now)
            try record.insert(db)
            try audit(db, network: network.id!, actor: actor, action: "token.issue", detail: "token \(record.id!) role \(role.rawValue)")
        }
        return token
    }

    /// The token's powers in the named network. A token of another network, an unknown token and a revoked
    /// token all fail the same way, so a caller learns nothing about other tenants.
    public func authenticate(token: String, network slug: String) throws -> Access {
        let hash = Self.hash(token: token)
        return try pool.read { db in
            guard let record = try TokenRecord.filter(Column("hash") == hash && Column("revokedAt") == nil).fetchOne(db),
                  let network = try Network.fetchOne(db, key: record.networkId), network.slug == slug else {
                throw RegistryError.forbidden("this token does not give access to network \(slug)")
            }
            return Access(network: network, role: record.role, tokenID: record.id!)
        }
    }

    static func hash(token: String) -> String { FeedDigest.sha256(Data(token.utf8)) }

    public struct AuditEntry: Codable, Sendable {
        public let at: Date
        public let actor: String
        public let action: String
        public let groupId: String?
        public let detail: String?
    }

    public func auditLog(network slug: String, limit: Int = 200) throws -> [AuditEntry] {
        try pool.read { db in
            let network = try network(db, slug)
            return try AuditRecord.filter(Column("networkId") == network.id!)
                .order(Column("id").desc).limit(limit).fetchAll(db)
                .map { AuditEntry(at: $0.at, actor: $0.actor, action: $0.action, groupId: $0.groupId, detail: $0.detail) }
        }
    }
}

extension Registry {
    /// Where visitors report a problem with a listing: a mailto:, tel: or https: URI.
    public func setContact(network slug: String, _ uri: String, actor: Actor = .commandLine) throws {
        guard ["mailto:", "tel:", "https:"].contains(where: { uri.lowercased().hasPrefix($0) }), uri.count <= 300,
              !uri.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) else {
            throw RegistryError.invalid(.contact, "a network contact must be a mailto:, tel: or https: URI without spaces")
        }
        try pool.write { db in
            var network = try network(db, slug)
            network.contact = uri
            try network.update(db)
            try audit(db, network: network.id!, actor: actor, action: "network.contact", detail: uri)
        }
    }
}
