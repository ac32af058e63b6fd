import Foundation
import GRDB

/// The registry's SQLite file: WAL mode, foreign keys on, migrated to the current schema on open.
/// Several processes (`chorus serve`, the CLI, `chorus backup`) may open the same file at once.
public final class RegistryDatabase: Sendable {
    public let pool: DatabasePool
    public let path: String
    let commits: CommitWatch

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw RegistryError.storage("cannot open the registry database at \(path): \(error.localizedDescription)")
        }
        self.path = path
        commits = CommitWatch(path: path)
        try RegistryMigrations.migrator.migrate(pool)
    }

    /// Reads in one snapshot on GRDB's reader queue; the calling task suspends, so no cooperative thread waits on SQLite.
    func read<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(work)
    }

    /// Writes in one transaction on GRDB's writer queue; the calling task suspends while it waits for the lock.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.write(work)
    }

    /// A consistent copy of the whole database, taken with SQLite's online backup while others keep writing.
    public func backup(to destination: String) throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw RegistryError.conflict(.fileExists, "\(destination) already exists; choose a new file name")
        }
        let copy = try DatabaseQueue(path: destination)
        try pool.backup(to: copy)
        try copy.close()
    }

    public func integrityCheck() async throws -> String {
        try await read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}
