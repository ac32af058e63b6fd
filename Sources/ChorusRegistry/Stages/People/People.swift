import ChorusFeed
import Foundation
import GRDB

/// The console's people: invites, passphrases, sign-in with throttling, roles per network, and the storage of
/// their sessions. Every change is written into the audit log of the networks it concerns.
struct People: Sendable {
    let context: StageContext
    let tenants: Tenants
    let passphrases: Passphrases
    let throttle: SignInThrottle
    let addressFailures = AddressFailures()

    static let inviteLifetime: TimeInterval = 7 * 86_400

    // MARK: Invites

    /// A single-use invite to a network with a role; with `resetLogin`, a new passphrase for one of its people.
    /// Returns the secret for the link (only its SHA-256 is stored) and when it expires.
    func invite(network slug: String, role: Role, resetLogin: String?, actor: Registry.Actor) async throws -> (token: String, expiresAt: Date) {
        let token = Tenants.randomToken(prefix: "")
        let now = context.now
        let expiresAt = now.addingTimeInterval(Self.inviteLifetime)
        try await context.database.write { db in
            let network = try tenants.network(db, slug)
            var personId: Int64?
            var role = role
            if let resetLogin {
                guard let person = try PersonRecord.filter(Column("login") == resetLogin).fetchOne(db),
                      let membership = try PersonRoleRecord.fetchOne(db, key: ["personId": person.id!, "networkId": network.id!]) else {
                    throw RegistryError.notFound(.person(login: resetLogin, network: slug))
                }
                personId = person.id
                role = membership.role
            }
            var record = InviteRecord(networkId: network.id!, role: role, personId: personId, hash: Tenants.hash(token: token),
                                      createdAt: now, expiresAt: expiresAt, createdBy: actor.name)
            try record.insert(db)
            try tenants.audit(db, network: network.id!, actor: actor, action: resetLogin == nil ? "person.invite" : "person.reset-invite",
                              detail: resetLogin.map { "new passphrase for \($0)" } ?? "role \(role.rawValue), until \(Timestamp.format(expiresAt))")
        }
        return (token, expiresAt)
    }

    func invitation(token: String) async throws -> Invitation {
        try await context.database.read { db in
            let (invite, network) = try usableInvite(db, token)
            let login = try invite.personId.flatMap { try PersonRecord.fetchOne(db, key: $0) }?.login
            return Invitation(network: network.slug, networkName: network.name, role: invite.role, resetLogin: login, expiresAt: invite.expiresAt)
        }
    }

    /// Uses an invite: a new person with a sign-in, or a new passphrase for the person it names. Either way the
    /// invite is spent, and a new passphrase ends the person's other sessions and lifts a lock.
    func acceptInvite(token: String, login: String, name: String, passphrase: String) async throws -> ConsolePerson {
        let login = login.trimmedWhitespace
        let name = name.trimmedWhitespace
        let now = context.now
        let personId: Int64 = try await context.database.write { db in
            var (invite, network) = try usableInvite(db, token)
            if let existing = invite.personId {
                guard var person = try PersonRecord.fetchOne(db, key: existing) else { throw Self.unusableInvite }
                if let problem = Passphrases.problem(with: passphrase, login: person.login, name: person.name) {
                    throw RegistryError.invalid(.passphrase, problem)
                }
                person.passphraseHash = passphrases.hash(passphrase)
                person.failedSignIns = 0
                person.lockedAt = nil
                person.lastSignInAt = now
                try person.update(db)
                try ConsoleSessionRecord.filter(Column("personId") == existing).deleteAll(db)
                invite.usedAt = now
                try invite.update(db)
                try tenants.audit(db, network: network.id!, actor: Registry.Actor("\(person.name) (\(person.login))"),
                                  action: "person.passphrase-reset", detail: "by invite \(invite.id!)")
                return existing
            }
            try Self.validate(login: login, name: name)
            if let problem = Passphrases.problem(with: passphrase, login: login, name: name) { throw RegistryError.invalid(.passphrase, problem) }
            if try PersonRecord.filter(Column("login") == login).fetchCount(db) > 0 {
                throw RegistryError.conflict(.loginTaken, "the sign-in name \(login) is taken; choose another, or sign in below to join with it")
            }
            var person = PersonRecord(login: login, name: name, passphraseHash: passphrases.hash(passphrase), lastSignInAt: now, createdAt: now)
            try person.insert(db)
            try PersonRoleRecord(personId: person.id!, networkId: network.id!, role: invite.role, addedAt: now).insert(db)
            invite.usedAt = now
            try invite.update(db)
            try tenants.audit(db, network: network.id!, actor: Registry.Actor("\(name) (\(login))"), action: "person.join",
                              detail: "role \(invite.role.rawValue), invited by \(invite.createdBy)")
            return person.id!
        }
        guard let person = try await person(id: personId) else { throw Self.unusableInvite }
        return person
    }

    /// Uses an invite for someone who already signs in (to another network): they join with the invite's role.
    func acceptInvite(token: String, as person: ConsolePerson) async throws -> ConsolePerson {
        let now = context.now
        try await context.database.write { db in
            var (invite, network) = try usableInvite(db, token)
            guard invite.personId == nil else { throw Self.unusableInvite }
            if try PersonRoleRecord.fetchOne(db, key: ["personId": person.id, "networkId": network.id!]) != nil {
                throw RegistryError.conflict(.alreadyMember, "you are already one of \(network.name)'s people")
            }
            try PersonRoleRecord(personId: person.id, networkId: network.id!, role: invite.role, addedAt: now).insert(db)
            invite.usedAt = now
            try invite.update(db)
            try tenants.audit(db, network: network.id!, actor: person.actor, action: "person.join",
                              detail: "role \(invite.role.rawValue), invited by \(invite.createdBy)")
        }
        guard let person = try await self.person(id: person.id) else { throw Self.unusableInvite }
        return person
    }

    private static let unusableInvite = RegistryError.forbidden("this invite link cannot be used: it has been used already, has expired, or was never issued")

    private func usableInvite(_ db: Database, _ token: String) throws -> (InviteRecord, Network) {
        guard let invite = try InviteRecord.filter(Column("hash") == Tenants.hash(token: token)).fetchOne(db),
              invite.usedAt == nil, invite.expiresAt > context.now,
              let network = try Network.fetchOne(db, key: invite.networkId) else {
            throw Self.unusableInvite
        }
        return (invite, network)
    }

    static func validate(login: String, name: String) throws(RegistryError) {
        let allowed = login.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || ".-_@+".unicodeScalars.contains($0) }
        guard (3...100).contains(login.count), allowed else {
            throw .invalid(.login, "a sign-in name is 3–100 letters, digits or . - _ @ + (an e-mail address will do)")
        }
        guard (1...100).contains(name.count), !name.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) }) else {
            throw .invalid(.name, "give a name of 1–100 characters, as the network's people should see it")
        }
    }

    // MARK: Signing in

    func signIn(login: String, passphrase: String, address: String) async throws -> SignInResult {
        let now = context.now
        if let wait = await addressFailures.remainingWait(address, now: now, throttle: throttle) { return .wait(wait) }
        let login = login.trimmedWhitespace
        let found = try await context.database.read { db in try PersonRecord.filter(Column("login") == login).fetchOne(db) }
        guard let person = found else {
            _ = passphrases.verify(passphrase, against: passphrases.decoy)
            await addressFailures.failed(address, now: now)
            return .refused
        }
        if person.lockedAt != nil { return .locked }
        let wait = throttle.wait(afterFailures: person.failedSignIns, free: throttle.freeFailures)
        if wait > 0, let last = person.lastFailureAt, last.addingTimeInterval(wait) > now {
            return .wait(last.addingTimeInterval(wait).timeIntervalSince(now))
        }
        let matches = passphrase.count <= Passphrases.maximumLength && passphrases.verify(passphrase, against: person.passphraseHash)
        let personId = person.id!
        let outcome: SignInResult = try await context.database.write { db in
            guard var current = try PersonRecord.fetchOne(db, key: personId) else { return .refused }
            let networks = try PersonRoleRecord.filter(Column("personId") == personId).fetchAll(db).map(\.networkId)
            let actor = Registry.Actor("\(current.name) (\(current.login))")
            if matches {
                current.failedSignIns = 0
                current.lastFailureAt = nil
                current.lastSignInAt = now
                try current.update(db)
                for network in networks { try tenants.audit(db, network: network, actor: actor, action: "person.sign-in") }
                return .signedIn(try consolePerson(db, current))
            }
            current.failedSignIns += 1
            // Whole milliseconds, as the database keeps dates, so that the wait read back is never longer than given.
            current.lastFailureAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
            let locks = current.failedSignIns >= throttle.lockAfter
            if locks { current.lockedAt = now }
            try current.update(db)
            for network in networks {
                try tenants.audit(db, network: network, actor: actor, action: "person.sign-in-failed",
                                  detail: "\(current.failedSignIns) in a row" + (locks ? "; locked" : ""))
                if locks { try tenants.audit(db, network: network, actor: actor, action: "person.lock", detail: "after \(current.failedSignIns) failed sign-ins") }
            }
            return locks ? .locked : .refused
        }
        if case .signedIn = outcome { await addressFailures.succeeded(address) } else { await addressFailures.failed(address, now: now) }
        return outcome
    }

    /// The person with their networks, or nil when they no longer exist.
    func person(id: Int64) async throws -> ConsolePerson? {
        try await context.database.read { db in try PersonRecord.fetchOne(db, key: id).map { try consolePerson(db, $0) } }
    }

    private func consolePerson(_ db: Database, _ record: PersonRecord) throws -> ConsolePerson {
        let rows = try Row.fetchAll(db, sql: """
            SELECT network.slug, network.name, personRole.role FROM personRole JOIN network ON network.id = personRole.networkId
            WHERE personRole.personId = ? ORDER BY network.name
            """, arguments: [record.id!])
        return ConsolePerson(id: record.id!, login: record.login, name: record.name, networks: rows.map {
            ConsolePerson.Membership(network: $0[0], networkName: $0[1], role: Role(rawValue: $0[2]) ?? .viewer)
        })
    }

    func changePassphrase(person: ConsolePerson, current: String, new: String) async throws {
        let record = try await context.database.read { db in try PersonRecord.fetchOne(db, key: person.id) }
        guard var record, passphrases.verify(current, against: record.passphraseHash) else {
            throw RegistryError.forbidden("the current passphrase is not right")
        }
        if let problem = Passphrases.problem(with: new, login: record.login, name: record.name) { throw RegistryError.invalid(.passphrase, problem) }
        record.passphraseHash = passphrases.hash(new)
        try await context.database.write { [record] db in
            try record.update(db)
            try ConsoleSessionRecord.filter(Column("personId") == person.id).deleteAll(db)
            for network in try PersonRoleRecord.filter(Column("personId") == person.id).fetchAll(db) {
                try tenants.audit(db, network: network.networkId, actor: person.actor, action: "person.passphrase-change")
            }
        }
    }

    // MARK: A network's people

    func people(network slug: String) async throws -> [PersonInfo] {
        try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let rows = try Row.fetchAll(db, sql: """
                SELECT person.*, personRole.role AS role, personRole.addedAt AS addedAt FROM personRole
                JOIN person ON person.id = personRole.personId WHERE personRole.networkId = ? ORDER BY person.name COLLATE NOCASE
                """, arguments: [network.id!])
            return try rows.map { row in
                let person = try PersonRecord(row: row)
                return PersonInfo(id: person.id!, login: person.login, name: person.name, role: Role(rawValue: row["role"]) ?? .viewer,
                                  addedAt: row["addedAt"], lastSignInAt: person.lastSignInAt, locked: person.lockedAt != nil,
                                  failedSignIns: person.failedSignIns)
            }
        }
    }

    func setRole(network slug: String, personId: Int64, role: Role, actor: Registry.Actor) async throws {
        try await changeMembership(network: slug, personId: personId, actor: actor) { db, network, membership, person in
            guard membership.role != role else { return }
            if membership.role == .admin { try keepsAnAdmin(db, network: network, without: personId) }
            var changed = membership
            changed.role = role
            try changed.update(db)
            try tenants.audit(db, network: network.id!, actor: actor, action: "person.role",
                              detail: "\(person.name) (\(person.login)): \(membership.role.rawValue) → \(role.rawValue)")
        }
    }

    /// Takes the person out of the network and ends their sessions at once.
    func remove(network slug: String, personId: Int64, actor: Registry.Actor) async throws {
        try await changeMembership(network: slug, personId: personId, actor: actor) { db, network, membership, person in
            if membership.role == .admin { try keepsAnAdmin(db, network: network, without: personId) }
            try membership.delete(db)
            try ConsoleSessionRecord.filter(Column("personId") == personId).deleteAll(db)
            try tenants.audit(db, network: network.id!, actor: actor, action: "person.remove", detail: "\(person.name) (\(person.login))")
        }
    }

    func unlock(network slug: String, personId: Int64, actor: Registry.Actor) async throws {
        try await changeMembership(network: slug, personId: personId, actor: actor) { db, network, _, person in
            var person = person
            guard person.lockedAt != nil || person.failedSignIns > 0 else { return }
            person.lockedAt = nil
            person.failedSignIns = 0
            person.lastFailureAt = nil
            try person.update(db)
            try tenants.audit(db, network: network.id!, actor: actor, action: "person.unlock", detail: "\(person.name) (\(person.login))")
        }
    }

    /// A person of another network is not found, as if they did not exist.
    private func changeMembership(network slug: String, personId: Int64, actor: Registry.Actor,
                                  _ change: @escaping @Sendable (Database, Network, PersonRoleRecord, PersonRecord) throws -> Void) async throws {
        try await context.database.write { db in
            let network = try tenants.network(db, slug)
            guard let membership = try PersonRoleRecord.fetchOne(db, key: ["personId": personId, "networkId": network.id!]),
                  let person = try PersonRecord.fetchOne(db, key: personId) else {
                throw RegistryError.notFound(.person(login: "#\(personId)", network: slug))
            }
            try change(db, network, membership, person)
        }
    }

    private func keepsAnAdmin(_ db: Database, network: Network, without personId: Int64) throws {
        let others = try PersonRoleRecord.filter(Column("networkId") == network.id! && Column("role") == Role.admin.rawValue
                                                 && Column("personId") != personId).fetchCount(db)
        guard others > 0 else {
            throw RegistryError.conflict(.lastAdmin, "\(network.name) needs at least one admin: make someone else an admin first")
        }
    }

    // MARK: Sessions

    func storeSession(id: String, personId: Int64?, value: Data, expiresAt: Date?) async throws {
        try await context.database.write { db in
            try ConsoleSessionRecord(idHash: Tenants.hash(token: id), personId: personId, value: value, expiresAt: expiresAt).save(db)
        }
    }

    /// The stored session and when it expires; nil (and the row gone) once it has expired.
    func session(id: String) async throws -> (value: Data, expiresAt: Date?)? {
        let hash = Tenants.hash(token: id)
        let now = context.now
        return try await context.database.write { db in
            guard let record = try ConsoleSessionRecord.fetchOne(db, key: hash) else { return nil }
            if let expires = record.expiresAt, expires <= now {
                try record.delete(db)
                return nil
            }
            return (record.value, record.expiresAt)
        }
    }

    func removeSession(id: String) async throws {
        _ = try await context.database.write { db in try ConsoleSessionRecord.deleteOne(db, key: Tenants.hash(token: id)) }
    }

    func pruneSessions() async throws -> Int {
        let now = context.now
        return try await context.database.write { db in try ConsoleSessionRecord.filter(Column("expiresAt") <= now).deleteAll(db) }
    }
}
