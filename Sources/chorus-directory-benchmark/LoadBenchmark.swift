import ChorusFeed
import ChorusRegistry
import ChorusServer
import ChorusTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB

/// `chorus-directory-benchmark load [GROUPS] [MINUTES]`: the server under a mixed load for some minutes, on
/// loopback: wrk rotates searches, group pages, calendars and network feeds on 32 connections (and the network's
/// Meeting Guide export once in about 300 requests, as apps poll it) while a publisher pushes newly signed feeds of
/// 20 groups, one a second. Every request asks for gzip, as browsers and apps do. Every minute it prints the throughput, p99, failed requests and the server's resident
/// memory, which must stay flat.
enum LoadBenchmark {
    static func run(_ registry: Registry, groups: Int, minutes: Int) async throws {
        guard let wrk = HTTPLoad.wrk else { return }
        print("== mixed load: \(groups) groups, \(minutes) minute(s)")
        _ = try await DirectoryBenchmark.seed(registry, groups: groups)
        _ = try await registry.indexMissingGroups()
        _ = try await registry.reconcileDirectory()
        let publishers = try await pinPublishers(registry, count: 20)
        let started = Date()
        let indexed = try await registry.warmDirectory()
        print(String(format: "read model of %d groups built in %.1f s; RSS %d MB", indexed, Date().timeIntervalSince(started), residentMegabytes()))

        let chorus = await HTTPLoad.startChorus(registry)
        let base = "http://127.0.0.1:\(chorus.port)"
        let ids = try await registry.database.pool.read { db in try String.fetchAll(db, sql: "SELECT groupId FROM feedGroup ORDER BY id LIMIT 200") }
        var paths = QueryShapes.all.flatMap { shape in (0..<10).map { shape.path($0) } }
        paths += ids.prefix(100).map { "/groups/\($0)" } + ids.prefix(50).map { "/groups/\($0)/calendar.ics" }
        paths += ["/n/synthetic/changes.atom", "/n/synthetic/notices.rss", "/", "/search?place=Leeds", "/search?mode=online&time=evening"]
        paths += ["/n/synthetic/meeting-guide.json"]
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-load-\(UUID().uuidString).lua")
        try """
            local paths = {\(paths.map { "\"\($0)\"" }.joined(separator: ",\n"))}
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1], {["Accept-Encoding"] = "gzip"})
            end
            """.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }

        let pushing = Task { try await push(publishers, to: base) }
        var firstRSS: Int?
        for minute in 1...max(1, minutes) {
            let figures = try HTTPLoad.measure(wrk, ["-t2", "-c32", "-d60s", "--timeout", "10s", "--latency", "-s", script.path, base])
            let rss = residentMegabytes()
            firstRSS = firstRSS ?? rss
            print(String(format: "minute %2d: %6.0f req/s  p50 %@  p99 %@  failed %d  pushes accepted %d refused %d  RSS %d MB",
                         minute, figures.rate, figures.p50 as NSString, figures.p99 as NSString, figures.errors,
                         publishers.accepted, publishers.refused, rss))
            fflush(nil)
        }
        pushing.cancel()
        _ = await pushing.result
        let lastRSS = residentMegabytes()
        print("RSS from the first minute to the last: \(firstRSS ?? 0) → \(lastRSS) MB [target: flat]; no request may fail [target: 0 failed]")
        await chorus.stop()
    }

    final class Publishers: @unchecked Sendable {
        struct Group {
            var id: String
            var index: Int
            var key: MinisignSecretKey
            var seq: UInt64
        }
        var groups: [Group]
        private let lock = NSLock()
        private var counts = (accepted: 0, refused: 0)
        init(groups: [Group]) { self.groups = groups }
        var accepted: Int { lock.withLock { counts.accepted } }
        var refused: Int { lock.withLock { counts.refused } }
        func count(_ ok: Bool) { lock.withLock { if ok { counts.accepted += 1 } else { counts.refused += 1 } } }
    }

    /// The first groups of the synthetic directory get a real key, pinned as enrolment would.
    static func pinPublishers(_ registry: Registry, count: Int) async throws -> Publishers {
        let keys = (0..<count).map { _ in MinisignSecretKey.generate() }
        let now = registry.now
        let ids: [String] = try await registry.database.pool.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, groupId FROM feedGroup ORDER BY id LIMIT ?", arguments: [count])
            for (row, key) in zip(rows, keys) {
                try db.execute(sql: """
                    INSERT INTO groupKey (groupRow, keyId, publicKey, status, source, createdAt, changedAt) VALUES (?, ?, ?, 'pinned', 'bench', ?, ?)
                    """, arguments: [row["id"] as Int64, key.publicKey.keyIDHex, key.publicKey.base64, now, now])
            }
            return rows.map { $0["groupId"] }
        }
        return Publishers(groups: zip(ids, keys).enumerated().map { index, pair in
            Publishers.Group(id: pair.0, index: index, key: pair.1, seq: 1)
        })
    }

    /// A push a second, each a new version of one publisher's feed with a higher sequence number.
    static func push(_ publishers: Publishers, to base: String) async throws {
        var directory = SyntheticDirectory(seed: 20_261_121)
        var turn = 0
        while !Task.isCancelled {
            let slot = turn % publishers.groups.count
            turn += 1
            var group = publishers.groups[slot]
            group.seq += 1
            publishers.groups[slot] = group
            var feed = directory.feed(group.index, updated: Date())
            feed.title += " (\(group.seq))"
            let bytes = FeedWriter.data(feed)
            let signature = try FeedSigner.sign(bytes, with: group.key, claim: FeedClaim(groupID: group.id, sequence: group.seq,
                                                                                         expires: Date().addingTimeInterval(86_400 * 90)))
            var request = URLRequest(url: URL(string: "\(base)/api/v1/groups/\(group.id)/feed")!)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONEncoder().encode(PushRequest(bytes: bytes, signature: signature.fileContents))
            let status = ((try? await URLSession.shared.data(for: request))?.1 as? HTTPURLResponse)?.statusCode ?? 0
            publishers.count((200..<300).contains(status))
            try await Task.sleep(nanoseconds: 1_000_000_000)
        }
    }

    static func residentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }
}
