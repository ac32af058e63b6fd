import ChorusFeed
import Foundation
import GRDB

/// Registries that asked to be told when a network's directory changes. A subscription is taken only when the
/// callback confirms it follows this directory (it answers a first ping with 202), at most fifty a network; every
/// later signature of the directory pings each subscriber once. A ping carries only the directory's address: the
/// subscriber fetches and checks the signed directory itself, so a ping proves nothing and forging one gains nothing.
struct DirectorySubscribers: Sendable {
    let context: StageContext
    let tenants: Tenants
    let outputs: Outputs
    let fetcher: FeedFetcher

    static let maximumPerNetwork = 50

    func subscribe(network slug: String, callback: String, directory: String) async throws {
        guard WebAddress.parse(callback, maximumBytes: 500) != nil else {
            throw RegistryError.invalid(.url, "the callback is not an http or https address")
        }
        guard let followed = WebAddress.parse(directory, maximumBytes: 500), Following.networkSlug(in: followed) == slug else {
            throw RegistryError.invalid(.url, "the directory address must be this network's /n/\(slug)/directory.xml")
        }
        let network = try await tenants.network(slug)
        let count = try await context.database.read { db in
            try DirectorySubscriberRecord.filter(Column("networkId") == network.id! && Column("callback") != callback).fetchCount(db)
        }
        guard count < Self.maximumPerNetwork else {
            throw RegistryError.conflict(.tooManyRequests, "\(slug) already tells \(Self.maximumPerNetwork) registries of its changes")
        }
        let status: Int
        do { status = try await ping(callback, directory: directory) } catch {
            throw RegistryError.invalid(.url, "the callback could not be reached: \(error.code.rawValue): \(error.message)")
        }
        guard status == 202 else {
            throw RegistryError.invalid(.url, "the callback answered HTTP \(status), not 202: it does not follow \(directory)")
        }
        let sequence = try await outputs.directorySequence(network: slug)
        let now = context.now
        try await context.database.write { db in
            try DirectorySubscriberRecord(networkId: network.id!, callback: callback, directory: directory, createdAt: now,
                                          pingedSeq: Int64(sequence), pingedAt: now, lastResult: "HTTP 202").save(db)
            try tenants.audit(db, network: network.id!, actor: Registry.Actor("subscriber"), action: "network.subscriber",
                              detail: "\(callback) is told of changes to \(directory)")
        }
    }

    private func ping(_ callback: String, directory: String) async throws(FetchFailure) -> Int {
        let body = (try? JSONEncoder().encode(["directory": directory])) ?? Data()
        return try await fetcher.post(callback, json: body)
    }

    /// Pings every subscriber whose last ping announced an older directory than the one signed now; returns how
    /// many were pinged. A subscriber that cannot be reached is not retried: it still polls.
    func pingDue() async throws -> Int {
        let slugs = try await context.database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT n.slug FROM directorySubscriber s JOIN network n ON n.id = s.networkId ORDER BY n.slug")
        }
        var pinged = 0
        for slug in slugs {
            let sequence = Int64(try await outputs.directorySequence(network: slug))
            let due = try await context.database.read { db in
                try DirectorySubscriberRecord.fetchAll(db, sql: """
                    SELECT s.* FROM directorySubscriber s JOIN network n ON n.id = s.networkId
                    WHERE n.slug = ? AND (s.pingedSeq IS NULL OR s.pingedSeq < ?)
                    """, arguments: [slug, sequence])
            }
            for var subscriber in due {
                let result: String
                do { result = "HTTP \(try await ping(subscriber.callback, directory: subscriber.directory))" } catch {
                    result = "\(error.code.rawValue): \(error.message)"
                }
                subscriber.pingedSeq = sequence
                subscriber.pingedAt = context.now
                subscriber.lastResult = String(result.prefix(300))
                let saved = subscriber
                try await context.database.write { db in try saved.update(db) }
                pinged += 1
            }
        }
        return pinged
    }
}
