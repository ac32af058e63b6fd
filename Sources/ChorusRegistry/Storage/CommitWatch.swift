import Foundation
import GRDB

/// Tells whether anything was committed to the registry's file since it last looked, whichever connection or
/// process committed: `PRAGMA data_version` on a read-only connection of its own, which SQLite answers from the
/// WAL's shared memory without reading the file. Caches of what is in the database keep the version they were
/// built at and are current while it has not moved.
final class CommitWatch: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var connection: DatabaseQueue?

    init(path: String) { self.path = path }

    func version() throws -> Int {
        let watching = try lock.withLock {
            if let connection { return connection }
            var configuration = Configuration()
            configuration.readonly = true
            let opened = try DatabaseQueue(path: path, configuration: configuration)
            connection = opened
            return opened
        }
        return try watching.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
