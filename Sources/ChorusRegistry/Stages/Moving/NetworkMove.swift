import ChorusFeed
import ChorusLanguage
import Foundation
import GRDB

/// Moves a network between registries: `export` writes everything it is into one `NetworkExport`; `importNetwork`
/// recreates it on an empty slug, checking every charter against the network key that checked it and every snapshot
/// against the group's pinned key, exactly as if it had arrived here. A group that fails, or that this registry
/// already holds under another key, is refused and named; the rest of the network still moves.
struct NetworkMove: Sendable {
    let context: StageContext
    let tenants: Tenants
    let ingest: Ingest
    let judge: Judge
    let changeLog: ChangeLog

    /// How far above the exported seq the imported directory continues.
    static let sequenceMargin: Int64 = 1000

    func export(network slug: String) async throws -> Data {
        let exported = try await context.database.read { db -> NetworkExport in
            let network = try tenants.network(db, slug)
            let id = network.id!
            let charters = try CharterRecord.filter(Column("networkId") == id).order(Column("id")).fetchAll(db)
            var groups: [NetworkExport.Group] = []
            for membership in try MembershipRecord.filter(Column("networkId") == id).order(Column("groupRow")).fetchAll(db) {
                guard let group = try GroupRecord.fetchOne(db, key: membership.groupRow) else { continue }
                let keys = try GroupKeyRecord.filter(Column("groupRow") == group.id!).order(Column("id")).fetchAll(db)
                let snapshot = try SnapshotRecord.latest(of: group.id!).fetchOne(db)
                groups.append(NetworkExport.Group(
                    groupId: group.groupId, feedURL: group.feedURL, hostedHere: group.hostedHere, harvestState: group.harvestState,
                    harvestReason: group.harvestReason, createdAt: group.createdAt,
                    keys: keys.map { .init(keyId: $0.keyId, publicKey: $0.publicKey, status: $0.status, source: $0.source, createdAt: $0.createdAt, changedAt: $0.changedAt) },
                    membership: .init(status: membership.status, reason: membership.reason, createdAt: membership.createdAt, updatedAt: membership.updatedAt,
                                      feedURL: membership.feedURL, vetoedKeyId: membership.vetoedKeyId, followed: membership.followed),
                    snapshot: snapshot.map { .init(seq: $0.seq, bytes: $0.bytes, signature: $0.signature, fetchedAt: $0.fetchedAt, via: $0.via) }))
            }
            let people = try Row.fetchAll(db, sql: """
                SELECT p.login, p.name, p.passphraseHash, p.createdAt, r.role, r.addedAt FROM personRole r JOIN person p ON p.id = r.personId
                WHERE r.networkId = ? ORDER BY p.login
                """, arguments: [id]).compactMap { row -> NetworkExport.Person? in
                    guard let role = Role(rawValue: row["role"]) else { return nil }
                    return NetworkExport.Person(login: row["login"], name: row["name"], passphraseHash: row["passphraseHash"], role: role,
                                                addedAt: row["addedAt"], createdAt: row["createdAt"])
                }
            let signed = try SignedDirectoryRecord.fetchOne(db, key: id)
            return NetworkExport(
                exportedAt: context.now,
                network: .init(slug: network.slug, name: network.name, policy: network.policy, createdAt: network.createdAt,
                               dashboardPublic: network.dashboardPublic, contact: network.contact, crisisLine: network.crisisLine,
                               embedOrigins: network.embedOrigins, defaultLanguage: network.defaultLanguage, languages: network.languages),
                networkKeys: try NetworkKeyRecord.filter(Column("networkId") == id).order(Column("id")).fetchAll(db).map {
                    .init(keyId: $0.keyId, publicKey: $0.publicKey, pinnedAt: $0.pinnedAt, pinnedBy: $0.pinnedBy, retiredAt: $0.retiredAt)
                },
                charters: charters.map { .init(version: $0.version, bytes: $0.bytes, signature: $0.signature, setAt: $0.setAt, setBy: $0.setBy, verifiedKeyId: $0.verifiedKeyId) },
                currentCharter: charters.first { $0.id == network.charterId }?.version,
                groups: groups, people: people,
                audit: try AuditRecord.filter(Column("networkId") == id).order(Column("id")).fetchAll(db).map {
                    .init(at: $0.at, actor: $0.actor, action: $0.action, groupId: $0.groupId, detail: $0.detail)
                },
                follows: try FollowedDirectoryRecord.filter(Column("networkId") == id).order(Column("id")).fetchAll(db).map {
                    .init(url: $0.url, remoteNetwork: $0.remoteNetwork, networkKey: $0.networkKey)
                },
                directoryId: signed?.directoryId, directorySeq: signed?.seq)
        }
        return try NetworkExport.encoder().encode(exported)
    }

    func importNetwork(_ data: Data, actor: Registry.Actor) async throws -> ImportReport {
        struct Format: Decodable { let format: String }
        guard let format = try? JSONDecoder().decode(Format.self, from: data).format else {
            throw RegistryError.invalid(.file, "this is not a network export: it is not JSON with a \"format\": \"\(NetworkExport.formatName)\"")
        }
        guard format == NetworkExport.formatName else {
            throw RegistryError.invalid(.file, "this export is '\(format.prefix(60))', not \(NetworkExport.formatName)")
        }
        let exported: NetworkExport
        do { exported = try NetworkExport.decoder().decode(NetworkExport.self, from: data) } catch {
            throw RegistryError.invalid(.file, "this network export cannot be read: \(Self.reason(error))")
        }
        try Tenants.validateSlug(exported.network.slug)
        return try await context.database.write { db in
            let settings = exported.network
            if try Network.filter(Column("slug") == settings.slug).fetchCount(db) > 0 {
                throw RegistryError.conflict(.networkExists, "network \(settings.slug) already exists here; an import recreates a network on an empty slug")
            }
            var network = Network(slug: settings.slug, name: settings.name, policy: settings.policy, createdAt: settings.createdAt,
                                  dashboardPublic: settings.dashboardPublic, contact: settings.contact, crisisLine: settings.crisisLine,
                                  embedOrigins: settings.embedOrigins, defaultLanguage: settings.defaultLanguage ?? Catalogs.sourceLanguage,
                                  languages: settings.languages)
            try network.insert(db)
            var report = ImportReport(network: settings.slug)
            for key in exported.networkKeys {
                var record = NetworkKeyRecord(networkId: network.id!, keyId: key.keyId, publicKey: key.publicKey, pinnedAt: key.pinnedAt,
                                              pinnedBy: key.pinnedBy, retiredAt: key.retiredAt)
                try record.insert(db)
            }
            try importCharters(db, exported, network: &network, report: &report)
            for entry in exported.audit {
                var record = AuditRecord(networkId: network.id!, at: entry.at, actor: entry.actor, action: entry.action,
                                         groupId: entry.groupId, detail: entry.detail)
                try record.insert(db)
                report.auditEntries += 1
            }
            for group in exported.groups {
                if let refusal = try importGroup(db, group, network: network) {
                    report.refusedGroups.append(HeldGroup(groupId: group.groupId, reason: refusal))
                } else {
                    report.groups += 1
                }
            }
            try importPeople(db, exported.people, network: network, report: &report)
            for follow in exported.follows {
                var record = FollowedDirectoryRecord(networkId: network.id!, url: follow.url, remoteNetwork: follow.remoteNetwork,
                                                     networkKey: follow.networkKey, createdAt: context.now, nextFetchAt: context.now)
                try record.insert(db)
            }
            if let directoryId = exported.directoryId, let seq = exported.directorySeq {
                // The same directory continues here, its seq well above the last one the old registry signed (which
                // may go on renewing its last directory for a while); signed anew, with this registry's directory
                // key, on first request.
                try SignedDirectoryRecord(networkId: network.id!, directoryId: directoryId, seq: seq + Self.sequenceMargin, digest: "", document: Data(),
                                          signature: "", signedAt: Date(timeIntervalSince1970: 0), expires: Date(timeIntervalSince1970: 0)).insert(db)
            }
            try changeLog.record(db, scope: .network(network.id!))
            try tenants.audit(db, network: network.id!, actor: actor, action: "network.imported",
                              detail: "\(report.groups) group(s), \(report.charters) charter(s), \(report.people) person(s), \(report.auditEntries) audit entries from an export of \(Timestamp.format(exported.exportedAt)); refused: \(report.refusedGroups.count)")
            return report
        }
    }

    /// Charters in their order, each checked again against the network key that checked it on the old registry.
    private func importCharters(_ db: Database, _ exported: NetworkExport, network: inout Network, report: inout ImportReport) throws {
        for charter in exported.charters {
            if let keyId = charter.verifiedKeyId {
                guard let key = exported.networkKeys.first(where: { $0.keyId == keyId }).flatMap({ try? MinisignPublicKey(base64: $0.publicKey) }),
                      let text = charter.signature, let signature = try? MinisignSignature(fileContents: text),
                      (try? signature.verify(charter.bytes, with: key)) != nil else {
                    throw RegistryError.invalid(.charter, "charter \(charter.version) does not verify with network key \(keyId); nothing was imported")
                }
            }
            var record = CharterRecord(networkId: network.id!, version: charter.version, bytes: charter.bytes, signature: charter.signature,
                                       setAt: charter.setAt, setBy: charter.setBy, verifiedKeyId: charter.verifiedKeyId)
            try record.insert(db)
            report.charters += 1
            if charter.version == exported.currentCharter { network.charterId = record.id }
        }
        try network.update(db)
    }

    /// One group, in a savepoint: its keys as pinned on the old registry, its membership, and its last good feed
    /// accepted again under the rules here (at the time it was first accepted). Returns why it was refused, if it was.
    private func importGroup(_ db: Database, _ group: NetworkExport.Group, network: Network) throws -> String? {
        var refusal: String?
        try db.inSavepoint {
            let pinned = group.keys.first { $0.status == .pinned }
            var record: GroupRecord
            if let existing = try GroupRecord.filter(Column("groupId") == group.groupId).fetchOne(db) {
                let here = try GroupKeyRecord.key(of: existing.id!, .pinned, db)
                guard here?.base64 == pinned?.publicKey else {
                    refusal = "this registry already holds the group under key \(here?.keyIDHex ?? "none"), not \(pinned?.keyId ?? "none")"
                    return .rollback
                }
                record = existing
            } else {
                record = GroupRecord(groupId: group.groupId, feedURL: group.feedURL, harvestState: group.harvestState,
                                     harvestReason: group.harvestReason, consecutiveFailures: 0, nextFetchAt: context.now,
                                     redirectSeen: 0, createdAt: group.createdAt, hostedHere: group.hostedHere)
                try record.insert(db)
                for key in group.keys {
                    var keyRecord = GroupKeyRecord(groupRow: record.id!, keyId: key.keyId, publicKey: key.publicKey, status: key.status,
                                                   source: key.source, createdAt: key.createdAt, changedAt: key.changedAt)
                    try keyRecord.insert(db)
                }
            }
            let membership = group.membership
            try MembershipRecord(networkId: network.id!, groupRow: record.id!, status: membership.status, reason: membership.reason,
                                 createdAt: membership.createdAt, updatedAt: membership.updatedAt, feedURL: membership.feedURL,
                                 vetoedKeyId: membership.vetoedKeyId, followed: membership.followed).insert(db)
            if let snapshot = group.snapshot {
                let trust = try ingest.trust(db, record)
                if let last = trust.lastSequence, last >= UInt64(snapshot.seq) {
                    // This registry already holds this feed or a newer one, checked when it arrived.
                } else {
                    switch FeedAcceptance.decide(bytes: snapshot.bytes, signatureFile: snapshot.signature, trust: trust, now: snapshot.fetchedAt) {
                    case .rejected(let rejection):
                        refusal = "its last good feed (seq \(snapshot.seq)) is refused here: \(rejection.description)"
                        return .rollback
                    case .accepted(let accepted, let rotatedTo):
                        try ingest.store(db, accepted, signature: snapshot.signature, group: &record, rotatedTo: rotatedTo, via: snapshot.via)
                        try db.execute(sql: "UPDATE snapshot SET fetchedAt = ? WHERE groupRow = ? AND seq = ?",
                                       arguments: [snapshot.fetchedAt, record.id!, snapshot.seq])
                        try record.update(db)
                    case .unchanged:
                        break
                    }
                }
            }
            _ = try judge.judge(db, network: network, groupRow: record.id!)
            return .commit
        }
        return refusal
    }

    /// People keep their sign-in where their login is free on this registry; otherwise they are named, to be invited.
    private func importPeople(_ db: Database, _ people: [NetworkExport.Person], network: Network, report: inout ImportReport) throws {
        for person in people {
            if try PersonRecord.filter(sql: "lower(login) = lower(?)", arguments: [person.login]).fetchCount(db) > 0 {
                report.skippedPeople.append(person.login)
                continue
            }
            var record = PersonRecord(login: person.login, name: person.name, passphraseHash: person.passphraseHash, createdAt: person.createdAt)
            try record.insert(db)
            try PersonRoleRecord(personId: record.id!, networkId: network.id!, role: person.role, addedAt: person.addedAt).insert(db)
            report.people += 1
        }
    }

    private static func reason(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context, _ last: String? = nil) -> String {
            let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue } + (last.map { [$0] } ?? [])
            return parts.isEmpty ? "the document" : parts.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context): return "\(path(context, key.stringValue)) is missing"
        case DecodingError.valueNotFound(_, let context): return "\(path(context)) is empty"
        case DecodingError.typeMismatch(_, let context): return "\(path(context)) has the wrong type"
        case DecodingError.dataCorrupted(let context): return "\(path(context)) cannot be read (\(context.debugDescription.prefix(100)))"
        default: return "\(error)".prefix(200).description
        }
    }
}
