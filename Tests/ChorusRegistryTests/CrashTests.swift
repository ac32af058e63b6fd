import ChorusFeed
import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Hummingbird
import Testing

extension MachineHeavyTests {
/// `chorus serve`, killed with SIGKILL in the middle of a harvest, loses nothing it had accepted and carries on.
@Suite struct CrashTests {
    static let groupCount = 24

    struct Fleet {
        let host: FeedHost
        let files: ServedFiles
        let ids: [String]
    }

    /// Groups of our own (new ids and keys), served slowly so that a harvest of them takes several seconds.
    static func fleet(enrolledIn registry: Registry) async throws -> Fleet {
        let files = ServedFiles()
        let host = try await FeedHost.start { router in
            router.get("slow/**") { request, _ in
                try await Task.sleep(nanoseconds: 250_000_000)
                return files.response(for: request)
            }
        }
        let sample = try SampleGroup("sheffield-central-voices")
        let text = String(decoding: sample.bytes, as: UTF8.self)
        try await registry.createNetwork(slug: "net", name: "Net", policy: .open)
        var ids: [String] = []
        for index in 0..<groupCount {
            let id = "urn:uuid:\(UUID().uuidString.lowercased())"
            let key = MinisignSecretKey.generate()
            let path = "/slow/g\(index).xml"
            func publish(_ seq: UInt64) throws {
                let bytes = Data(text.replacingOccurrences(of: sample.id, with: id)
                    .replacingOccurrences(of: "2026-11-01T10:00:00Z", with: "2026-11-0\(seq)T10:00:00Z").utf8)
                files.set(path, bytes)
                files.set(path + ".minisig", Data(try sample.sign(bytes, seq: seq, with: key, group: id).utf8), contentType: "text/plain")
            }
            try publish(1)
            _ = try await registry.enroll(network: "net", feedURL: host.url(path), publicKey: key.publicKey.fileContents)
            try publish(2)
            ids.append(id)
        }
        try await registry.database.pool.write { db in try db.execute(sql: "UPDATE feedGroup SET nextFetchAt = ?", arguments: [Date(timeIntervalSince1970: 0)]) }
        return Fleet(host: host, files: files, ids: ids)
    }

    static func secondSnapshots(_ database: RegistryDatabase) throws -> Int {
        try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshot WHERE seq = 2") ?? 0 }
    }

    static func serve(_ db: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Run.chorus)
        process.arguments = ["serve", "--db", db, "--port", "0", "--allow-private-feeds"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func waitFor(_ seconds: TimeInterval, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        return try condition()
    }

    @Test func sigkillMidHarvestLosesNoAcceptedSnapshotAndHarvestingResumes() async throws {
        let test = try TestRegistry()
        let fleet = try await Self.fleet(enrolledIn: test.registry)
        defer { Task { await fleet.host.stop() } }
        let database = test.registry.database

        let first = try Self.serve(test.path)
        let midway = try await Self.waitFor(30) { try Self.secondSnapshots(database) >= 3 }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(midway)
        #expect(first.terminationReason == .uncaughtSignal)

        let accepted = try Self.secondSnapshots(database)
        #expect(accepted < Self.groupCount, "the kill came in the middle of the harvest")
        await #expect(try RegistryDatabase(path: test.path).integrityCheck() == "ok")
        #expect(try await database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshot WHERE seq = 1") } == Self.groupCount)

        let second = try Self.serve(test.path)
        let finished = try await Self.waitFor(60) { try Self.secondSnapshots(database) == Self.groupCount }
        #expect(finished, "harvesting resumed and reached every group")
        #expect(try Self.secondSnapshots(database) >= accepted)

        second.terminate()
        let stopped = try await Self.waitFor(15) { !second.isRunning }
        #expect(stopped, "SIGTERM stops the server gracefully")
        if stopped { #expect(second.terminationStatus == 0) } else { kill(second.processIdentifier, SIGKILL) }
        await #expect(try RegistryDatabase(path: test.path).integrityCheck() == "ok")
    }
}
}
