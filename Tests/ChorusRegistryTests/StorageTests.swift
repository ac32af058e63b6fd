import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Testing

@Suite struct StorageTests {
    @Test func opensInWALModeWithTheCurrentSchemaAndReopens() async throws {
        let test = try TestRegistry()
        let mode = try await test.registry.database.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        try await test.registry.createNetwork(slug: "north", name: "North", policy: .open)
        let again = try RegistryDatabase(path: test.path)
        let tables = try await again.pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        for table in ["auditLog", "feedGroup", "groupKey", "harvestAttempt", "membership", "network", "snapshot", "token"] {
            #expect(tables.contains(table))
        }
        await #expect(try again.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM network") } == 1)
    }

    @Test func backupIsConsistentWhileAnotherConnectionWrites() async throws {
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "north", name: "North", policy: .open)
        let writer = try RegistryDatabase(path: test.path)
        let writing = Task.detached {
            for index in 0..<300 {
                try writer.pool.write { db in
                    try db.execute(sql: "INSERT INTO network (slug, name, policy, createdAt) VALUES (?, ?, 'open', ?)",
                                   arguments: ["n\(index)", "Network \(index)", Date()])
                }
            }
        }
        let copy = try scratchDirectory() + "/copy.sqlite"
        try test.registry.database.backup(to: copy)
        try await writing.value
        let restored = try RegistryDatabase(path: copy)
        await #expect(try restored.integrityCheck() == "ok")
        let count = try await restored.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM network") } ?? 0
        #expect((1...301).contains(count))
        #expect(throws: RegistryError.self) { try test.registry.database.backup(to: copy) }
    }

    @Test func anUnopenableDatabaseIsAOneLineError() throws {
        #expect(throws: RegistryError.self) { try RegistryDatabase(path: "/nonexistent-dir/x/registry.sqlite") }
    }
}
