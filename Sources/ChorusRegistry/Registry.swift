import ChorusFeed
import Foundation
import GRDB
import Logging

/// The registry: tenants, groups, keys, snapshots and harvesting over one SQLite database.
/// Every operation is a short transaction, so the server and the CLI can work on the same file at once.
public final class Registry: Sendable {
    public let database: RegistryDatabase
    public let fetcher: FeedFetcher
    let clock: @Sendable () -> Date
    let logger: Logger
    let charters = CharterCache()
    let directoryCache = DirectoryCache()
    let outputStamps = StampCache()

    public init(database: RegistryDatabase, fetcher: FeedFetcher, logger: Logger = Logger(label: "chorus.registry"),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.fetcher = fetcher
        self.logger = logger
        self.clock = clock
    }

    var pool: DatabasePool { database.pool }
    public var now: Date { clock() }

    /// Who did something, as the audit log records it.
    public struct Actor: Sendable {
        public let name: String
        public init(_ name: String) { self.name = name }
        public static let commandLine = Actor("cli:\(ProcessInfo.processInfo.environment["USER"] ?? "local")")
        public static func token(_ id: Int64, role: Role) -> Actor { Actor("token:\(id) (\(role.rawValue))") }
    }

    func audit(_ db: Database, network: Int64, actor: Actor, action: String, groupId: String? = nil, detail: String? = nil) throws {
        var entry = AuditRecord(networkId: network, at: now, actor: actor.name, action: action, groupId: groupId, detail: detail)
        try entry.insert(db)
    }
}

extension MinisignPublicKey {
    /// SHA-256 of the raw Ed25519 key, in groups of four hex digits, for an admin to compare by eye.
    public var fingerprint: String {
        let hex = FeedDigest.sha256(Data(rawKey))
        return stride(from: 0, to: hex.count, by: 4).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return String(hex[start..<hex.index(start, offsetBy: 4)])
        }.joined(separator: " ")
    }
}
