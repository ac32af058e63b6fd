import ChorusFeed
import Foundation
import GRDB

/// A network's directory as published for registries upstream: the document and its signature by the registry's
/// directory key for the network (`Federation/federation.md`).
public struct SignedDirectory: Sendable, Equatable {
    public let document: Data
    public let signature: String
    public let sequence: UInt64
    public let signedAt: Date
    public let expires: Date

    public var stamp: OutputStamp { OutputStamp(tag: "d\(sequence)", modified: signedAt) }
}

/// Signs a network's directory when what it lists has changed, or when its signature is past half its life, so a
/// follower always finds a signature days from expiring; otherwise the last signed bytes are served again.
extension Outputs {
    static let directoryLifetime: TimeInterval = 7 * 86_400
    static let directoryRenewal: TimeInterval = 4 * 86_400

    /// The stamp of the network's signed directory, signing it first if it is due; remembered until the next commit.
    func directoryStamp(network slug: String) async throws -> OutputStamp {
        let stamp = try await stamps.stamp("d " + slug) { try await refreshDirectory(network: slug).directory.stamp }
        // A remembered stamp knows nothing of the time: one whose signature is due is signed again now.
        guard context.now >= stamp.modified.addingTimeInterval(Self.directoryRenewal) else { return stamp }
        return try await refreshDirectory(network: slug).directory.stamp
    }

    /// The permanent id of the network's directory, made with its first signature.
    func directoryIdentity(network slug: String) async throws -> String {
        _ = try await directoryStamp(network: slug)
        return try await context.database.read { db in
            let network = try tenants.network(db, slug)
            return try String.fetchOne(db, sql: "SELECT directoryId FROM signedDirectory WHERE networkId = ?", arguments: [network.id!]) ?? ""
        }
    }

    /// The seq of the network's directory as signed now.
    func directorySequence(network slug: String) async throws -> UInt64 {
        UInt64(try await directoryStamp(network: slug).tag.dropFirst()) ?? 0
    }

    /// The signed directory as stored.
    func signedDirectory(network slug: String) async throws -> SignedDirectory {
        _ = try await directoryStamp(network: slug)
        return try await context.database.read { db in
            let network = try tenants.network(db, slug)
            guard let record = try SignedDirectoryRecord.fetchOne(db, key: network.id!) else {
                throw RegistryError.storage("the signed directory of \(slug) is missing")
            }
            return SignedDirectory(record)
        }
    }

    /// Signs every network's directory that is due (run hourly by the harvest loop, so a signature is renewed even
    /// when nobody asks); returns how many were signed.
    func refreshDirectories() async throws -> Int {
        let slugs = try await context.database.read { db in
            try String.fetchAll(db, sql: "SELECT n.slug FROM network n JOIN signedDirectory d ON d.networkId = n.id")
        }
        var signed = 0
        for slug in slugs where try await refreshDirectory(network: slug).signed { signed += 1 }
        return signed
    }

    private func refreshDirectory(network slug: String) async throws -> (directory: SignedDirectory, signed: Bool) {
        _ = try await tenants.directoryKey(network: slug)
        let charter = try await judge.charter(network: slug)
        let tierNames = Dictionary((charter?.tiers ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let (current, fresh) = try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let record = try SignedDirectoryRecord.fetchOne(db, key: network.id!)
            return (record, try document(db, network: network, id: record?.directoryId, charterVersion: charter?.version, tierNames: tierNames))
        }
        if let current, !isDue(current, document: fresh) { return (SignedDirectory(current), false) }
        // The document was built outside the write lock; it is signed unless another process signed one meanwhile,
        // and anything that changed since is caught by the next check.
        return try await context.database.write { db in
            let network = try tenants.network(db, slug)
            let record = try SignedDirectoryRecord.fetchOne(db, key: network.id!)
            if let record, record.seq != current?.seq { return (SignedDirectory(record), false) }
            let document = fresh
            guard let keyRecord = try DirectoryKeyRecord.fetchOne(db, key: network.id!) else {
                throw RegistryError.storage("the directory key of \(slug) is missing")
            }
            let key = try MinisignSecretKey(fileContents: keyRecord.secretKey)
            let now = context.now
            let claim = DirectoryClaim(network: slug, sequence: UInt64((record?.seq ?? 0) + 1), expires: now.addingTimeInterval(Self.directoryLifetime))
            let signature = try MinisignSignature.sign(document.bytes, with: key, trustedComment: claim.trustedComment,
                                                       untrustedComment: "directory signature from chorus secret key \(keyRecord.keyId)")
            let signed = SignedDirectoryRecord(networkId: network.id!, directoryId: document.id, seq: Int64(claim.sequence),
                                               digest: document.digest, document: document.bytes,
                                               signature: signature.fileContents, signedAt: now, expires: claim.expires)
            try signed.save(db)
            return (SignedDirectory(signed), true)
        }
    }

    private func isDue(_ record: SignedDirectoryRecord, document: (id: String, bytes: Data, digest: String)) -> Bool {
        record.digest != document.digest || context.now >= record.signedAt.addingTimeInterval(Self.directoryRenewal)
    }

    private func document(_ db: Database, network: Network, id: String?, charterVersion: String?,
                          tierNames: [String: String]) throws -> (id: String, bytes: Data, digest: String) {
        let entries = try NetworkDirectoryRequest.entries(db, network: network.id!, tierNames: tierNames)
        let id = id ?? "urn:uuid:" + UUID().uuidString.lowercased()
        let directory = NetworkDirectory(id: id, network: network.slug, name: network.name, charterVersion: charterVersion,
                                         updated: try lastChange(db, network: network) ?? network.createdAt,
                                         gathers: try gathered(db, network: network), movedTo: network.directoryMovedTo, entries: entries)
        let bytes = NetworkDirectoryWriter.write(directory)
        return (id, bytes, FeedDigest.sha256(bytes))
    }

    /// The directories this network follows, and what each of them gathers in turn.
    private func gathered(_ db: Database, network: Network) throws -> [NetworkDirectory.Gathered] {
        var found: [NetworkDirectory.Gathered] = []
        let rows = try Row.fetchAll(db, sql: "SELECT directoryId, remoteNetwork, gathers FROM followedDirectory WHERE networkId = ? AND directoryId IS NOT NULL ORDER BY id",
                                    arguments: [network.id!])
        for row in rows {
            found.append(NetworkDirectory.Gathered(id: row[0], network: row[1]))
            for line in (row[2] as String? ?? "").split(separator: "\n") {
                let pair = line.split(separator: " ", maxSplits: 1)
                if pair.count == 2 { found.append(NetworkDirectory.Gathered(id: String(pair[0]), network: String(pair[1]))) }
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0.id).inserted }
    }

    private func lastChange(_ db: Database, network: Network) throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT MAX(at) FROM directoryChange WHERE networkId = ?", arguments: [network.id!])
    }
}

extension SignedDirectory {
    init(_ record: SignedDirectoryRecord) {
        self.init(document: record.document, signature: record.signature, sequence: UInt64(record.seq), signedAt: record.signedAt, expires: record.expires)
    }
}
