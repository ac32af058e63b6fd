import ChorusFeed
import ChorusLanguage
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

/// The networks a registry hosts, their tokens and settings, and their audit logs.
struct Tenants: Sendable {
    let context: StageContext

    static func validateSlug(_ slug: String) throws(RegistryError) {
        let allowed = slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard (2...63).contains(slug.count), allowed, slug.first != "-", slug.last != "-" else {
            throw .invalid(.slug, "network slug \"\(slug)\" must be 2–63 lowercase letters, digits or hyphens")
        }
    }

    func createNetwork(slug: String, name: String, policy: EnrolmentPolicy, actor: Registry.Actor) async throws -> Network {
        try Self.validateSlug(slug)
        let name = name.trimmedWhitespace
        guard !name.isEmpty, name.count <= 200 else { throw RegistryError.invalid(.name, "a network needs a name of 1–200 characters") }
        return try await context.database.write { db in
            if try Network.filter(Column("slug") == slug).fetchOne(db) != nil {
                throw RegistryError.conflict(.networkExists, "network \(slug) already exists")
            }
            var network = Network(slug: slug, name: name, policy: policy, createdAt: context.now)
            try network.insert(db)
            try audit(db, network: network.id!, actor: actor, action: "network.create", detail: "policy \(policy.rawValue)")
            return network
        }
    }

    func networks() async throws -> [Network] {
        try await context.database.read { db in try Network.order(Column("slug")).fetchAll(db) }
    }

    func network(_ slug: String) async throws -> Network {
        try await context.database.read { db in try network(db, slug) }
    }

    func network(_ db: Database, _ slug: String) throws -> Network {
        guard let network = try Network.filter(Column("slug") == slug).fetchOne(db) else {
            throw RegistryError.notFound(.network(slug: slug))
        }
        return network
    }

    /// Issues a bearer token for a network, valid for `lifetime` or until revoked. The token is returned once with its
    /// id; only its SHA-256 is stored.
    func issueToken(network slug: String, role: Role, lifetime: TimeInterval?, actor: Registry.Actor) async throws -> (id: Int64, token: String) {
        let token = Self.randomToken(prefix: "chorus_")
        if let lifetime, lifetime <= 0 { throw RegistryError.invalid(.token, "a token's lifetime must be positive") }
        let id = try await context.database.write { db in
            let network = try network(db, slug)
            let now = context.now
            var record = TokenRecord(networkId: network.id!, role: role, hash: Self.hash(token: token), createdAt: now,
                                     expiresAt: lifetime.map(now.addingTimeInterval))
            try record.insert(db)
            try audit(db, network: network.id!, actor: actor, action: "token.issue",
                      detail: "token \(record.id!) role \(role.rawValue)" + (record.expiresAt.map { " until \(Timestamp.format($0))" } ?? ""))
            return record.id!
        }
        return (id, token)
    }

    /// Ends a token at once. A token of another network is not found, as if it did not exist.
    func revokeToken(network slug: String, id: Int64, actor: Registry.Actor) async throws {
        try await context.database.write { db in
            let network = try network(db, slug)
            guard var record = try TokenRecord.filter(Column("id") == id && Column("networkId") == network.id!).fetchOne(db) else {
                throw RegistryError.notFound(.token(id: id, network: slug))
            }
            guard record.revokedAt == nil else { return }
            record.revokedAt = context.now
            try record.update(db)
            try audit(db, network: network.id!, actor: actor, action: "token.revoke", detail: "token \(id)")
        }
    }

    /// A network's tokens: id, role, and when they were issued, expire or were revoked. Never the token itself.
    func tokens(network slug: String) async throws -> [Registry.TokenInfo] {
        try await context.database.read { db in
            let network = try network(db, slug)
            return try TokenRecord.filter(Column("networkId") == network.id!).order(Column("id")).fetchAll(db).map {
                Registry.TokenInfo(id: $0.id!, role: $0.role, createdAt: $0.createdAt, expiresAt: $0.expiresAt, revokedAt: $0.revokedAt)
            }
        }
    }

    /// The token's powers in the named network. A token of another network, an unknown, revoked or expired
    /// token all fail the same way, so a caller learns nothing about other tenants.
    func authenticate(token: String, network slug: String) async throws -> Access {
        let hash = Self.hash(token: token)
        return try await context.database.read { db in
            guard let record = try TokenRecord.filter(Column("hash") == hash && Column("revokedAt") == nil).fetchOne(db),
                  record.expiresAt.map({ $0 > context.now }) ?? true,
                  let network = try Network.fetchOne(db, key: record.networkId), network.slug == slug else {
                throw RegistryError.forbidden("this token does not give access to network \(slug)")
            }
            return Access(network: network, role: record.role, tokenID: record.id!)
        }
    }

    static func hash(token: String) -> String { FeedDigest.sha256(Data(token.utf8)) }

    /// 256 random bits from the system's generator, base64url without padding, after `prefix`.
    static func randomToken(prefix: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        return prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    func audit(_ db: Database, network: Int64, actor: Registry.Actor, action: String, groupId: String? = nil, detail: String? = nil) throws {
        var entry = AuditRecord(networkId: network, at: context.now, actor: actor.name, action: action, groupId: groupId, detail: detail)
        try entry.insert(db)
    }

    /// A change to the group itself (not to one membership) is written into the audit log of every network it belongs to.
    func auditEveryNetwork(_ db: Database, groupRow: Int64, groupId: String, action: String, detail: String) throws {
        for network in try MembershipRecord.filter(Column("groupRow") == groupRow).select(Column("networkId"), as: Int64.self).fetchAll(db) {
            try audit(db, network: network, actor: Registry.Actor("registry"), action: action, groupId: groupId, detail: detail)
        }
    }

    /// The newest entries first, narrowed by `filter`; `before` pages on from an entry's id.
    func auditLog(network slug: String, filter: Registry.AuditFilter, limit: Int) async throws -> [Registry.AuditEntry] {
        try await context.database.read { db in
            let network = try network(db, slug)
            var request = AuditRecord.filter(Column("networkId") == network.id!)
            if let action = filter.action, !action.isEmpty { request = request.filter(Column("action").like("\(action)%")) }
            if let actor = filter.actor, !actor.isEmpty { request = request.filter(Column("actor").like("%\(actor)%")) }
            if let groupId = filter.groupId, !groupId.isEmpty { request = request.filter(Column("groupId") == groupId) }
            if let before = filter.before { request = request.filter(Column("id") < before) }
            return try request.order(Column("id").desc).limit(limit).fetchAll(db)
                .map { Registry.AuditEntry(id: $0.id, at: $0.at, actor: $0.actor, action: $0.action, groupId: $0.groupId, detail: $0.detail) }
        }
    }

    /// The name visitors read on every page and output of the network; every group's pages are built again.
    func rename(network slug: String, to name: String, actor: Registry.Actor) async throws {
        let name = name.trimmedWhitespace
        guard !name.isEmpty, name.count <= 200, !name.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true }) else {
            throw RegistryError.invalid(.name, "a network needs a name of 1–200 characters on one line")
        }
        try await update(network: slug, actor: actor, action: "network.name", detail: name) { $0.name = name }
    }

    /// How the network admits groups from now on; memberships already decided stay as they are.
    func setPolicy(network slug: String, _ policy: EnrolmentPolicy, actor: Registry.Actor) async throws {
        try await update(network: slug, actor: actor, action: "network.policy", detail: policy.rawValue) { $0.policy = policy }
    }

    /// Where visitors report a problem with a listing: a mailto:, tel: or https: URI.
    func setContact(network slug: String, _ uri: String, actor: Registry.Actor) async throws {
        guard ["mailto:", "tel:", "https:"].contains(where: { uri.lowercased().hasPrefix($0) }), uri.count <= 300,
              !uri.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) else {
            throw RegistryError.invalid(.contact, "a network contact must be a mailto:, tel: or https: URI without spaces")
        }
        try await update(network: slug, actor: actor, action: "network.contact", detail: uri) { $0.contact = uri }
    }

    /// The network's crisis line, shown in the footer of its pages; nil removes it.
    func setCrisisLine(network slug: String, _ text: String?, actor: Registry.Actor) async throws {
        let text = text?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text {
            guard !text.isEmpty, text.count <= 300, !text.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) }) else {
                throw RegistryError.invalid(.crisisLine, "a crisis line is one line of at most 300 characters")
            }
        }
        try await update(network: slug, actor: actor, action: "network.crisis-line", detail: text ?? "removed") { $0.crisisLine = text }
    }

    func setLanguages(network slug: String, default language: String, offered: [String]?, actor: Registry.Actor) async throws {
        let shipped = Catalogs.shipped
        for tag in [language] + (offered ?? []) where !shipped.contains(tag) {
            throw RegistryError.invalid(.language, "'\(tag)' is not a language Chorus has a catalog for; it has \(shipped.joined(separator: ", "))")
        }
        var list = offered.map { [language] + $0.filter { $0 != language } }
        if let chosen = list, Set(chosen) == Set(shipped) { list = nil }
        let joined = list?.joined(separator: " ")
        try await update(network: slug, actor: actor, action: "network.languages",
                         detail: "default \(language); offered \(joined ?? "all")") {
            $0.defaultLanguage = language
            $0.languages = joined
        }
    }

    /// The web origins (`https://host[:port]`) that may show the network's directory in a frame; none stops embedding.
    func setEmbedOrigins(network slug: String, _ origins: [String], actor: Registry.Actor) async throws {
        var cleaned: [String] = []
        for origin in origins {
            guard let parsed = EmbeddingOrigin(origin) else {
                throw RegistryError.invalid(.embedOrigin, "'\(origin)' is not an origin: give https://host or https://host:port, without a path")
            }
            if !cleaned.contains(parsed.text) { cleaned.append(parsed.text) }
        }
        guard cleaned.count <= 20 else { throw RegistryError.invalid(.embedOrigin, "at most 20 origins may embed a network's directory") }
        let joined = cleaned.isEmpty ? nil : cleaned.joined(separator: " ")
        try await update(network: slug, actor: actor, action: "network.embed-origins", detail: joined ?? "none") { $0.embedOrigins = joined }
    }

    func setDashboardPublic(network slug: String, _ isPublic: Bool, actor: Registry.Actor) async throws {
        try await update(network: slug, actor: actor, action: "network.dashboard", detail: isPublic ? "public" : "admins only") {
            $0.dashboardPublic = isPublic
        }
    }

    private func update(network slug: String, actor: Registry.Actor, action: String, detail: String,
                        _ change: @escaping @Sendable (inout Network) -> Void) async throws {
        try await context.database.write { db in
            var network = try network(db, slug)
            change(&network)
            try network.update(db)
            try audit(db, network: network.id!, actor: actor, action: action, detail: detail)
        }
    }
}
