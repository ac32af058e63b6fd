import AsyncHTTPClient
import ChorusFeed
import ChorusRegistry
import ChorusServer
import ChorusTestSupport
import Foundation
import GRDB
import Logging
import NIOCore

/// A synthetic national network of GROUPS signed groups on one registry, followed from nothing by an international
/// registry over loopback; set against a plain client loop that fetches the same bytes in the same run. Then the
/// time for one group's change to reach the international registry with a ping and by the next poll, and the
/// directory's size with and without gzip. Usage: chorus-directory-benchmark federation [GROUPS].
enum FederationBenchmark {
    static func run(_ national: Registry, groups: Int, folder: URL) async throws {
        print("== federation: a national network of \(groups) signed groups, followed by an international registry")
        var started = Date()
        let networkKey = MinisignSecretKey.generate()
        let keys = try await seed(national, groups: groups, networkKey: networkKey)
        print(String(format: "national registry seeded with %d signed feeds in %.1f s", groups, Date().timeIntervalSince(started)))

        let nationalServer = await HTTPLoad.startChorus(national, harvest: true)
        let base = "http://127.0.0.1:\(nationalServer.port)"
        let directoryURL = base + "/n/national/directory.xml"
        started = Date()
        let plain = try await bytes(directoryURL)
        print(String(format: "directory signed and served the first time in %.2f s", Date().timeIntervalSince(started)))
        let zipped = try await bytes(directoryURL, gzip: true)
        print(String(format: "directory size: %.1f MB, gzip %.2f MB (%.0f bytes a group, %.1f× smaller gzipped)",
                     Double(plain.count) / 1_048_576, Double(zipped.count) / 1_048_576, Double(plain.count) / Double(groups),
                     Double(plain.count) / Double(max(1, zipped.count))))

        // The baseline: the same bytes, fetched one after another by a plain client.
        let directory = try NetworkDirectoryReader.read(plain)
        started = Date()
        var fetched = 0
        for path in ["directory.xml", "directory.xml.minisig", "delegation.pub", "delegation.pub.minisig"] {
            fetched += try await bytes(base + "/n/national/" + path).count
        }
        for entry in directory.entries {
            fetched += try await bytes(base + entry.feed.mirror).count
            fetched += try await bytes(base + entry.feed.mirror + ".minisig").count
        }
        let baseline = Date().timeIntervalSince(started)
        print(String(format: "plain client loop: %d requests, %.1f MB in %.1f s", 4 + 2 * directory.entries.count, Double(fetched) / 1_048_576, baseline))

        let internationalPath = folder.appendingPathComponent("international.sqlite").path
        var logger = Logger(label: "bench-international")
        logger.logLevel = .critical
        let international = Registry(database: try RegistryDatabase(path: internationalPath),
                                     fetcher: FeedFetcher(policy: AddressPolicy(allowPrivate: true)), logger: logger)
        try await international.createNetwork(slug: "worldwide", name: "Worldwide", policy: .open)
        started = Date()
        let report = try await international.follow(network: "worldwide", directoryURL: directoryURL, networkKey: networkKey.publicKey)
        let followed = Date().timeIntervalSince(started)
        print(String(format: "international registry followed it from nothing in %.1f s (%@): %.1f× the plain loop",
                     followed, report.line, followed / baseline))

        let internationalServer = await HTTPLoad.startChorus(international, harvest: true)
        let callback = "http://127.0.0.1:\(internationalServer.port)/n/worldwide/follow-ping"
        _ = try await international.askToBeTold(network: "worldwide", directory: directoryURL, callback: callback)

        let changed = directory.entries[groups / 2].groupId
        func change(_ seq: UInt64) async throws -> Data {
            var synthetic = SyntheticDirectory(seed: 20_261_121)
            var feed = synthetic.feed(groups / 2, updated: Date())
            feed.id = changed
            feed.title += " (changed \(seq))"
            let bytes = FeedWriter.data(feed)
            let signature = try FeedSigner.sign(bytes, with: keys[groups / 2], claim: FeedClaim(groupID: changed, sequence: seq, expires: Date().addingTimeInterval(90 * 86_400)))
            let result = try await national.push(groupId: changed, bytes: bytes, signature: signature.fileContents)
            guard result.outcome == .accepted else { throw ConsoleBenchmark.BenchmarkFailure("the change was refused: \(result.message)") }
            return bytes
        }
        var timings: [Double] = []
        for seq in 2...6 {
            let begin = Date()
            let bytes = try await change(UInt64(seq))
            while try await international.mirror(groupId: changed)?.bytes != bytes {
                guard Date().timeIntervalSince(begin) < 120 else { throw ConsoleBenchmark.BenchmarkFailure("the change did not arrive") }
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            timings.append(Date().timeIntervalSince(begin))
        }
        timings.sort()
        print(String(format: "one group's change reached the international registry with the ping in %.2f s (median of 5, max %.2f s)",
                     timings[2], timings.last!))

        await internationalServer.stop()
        try await Task.sleep(nanoseconds: 3_000_000_000)
        let bytes = try await change(7)
        started = Date()
        var look = try await international.refreshFollows(force: true)
        while look.isEmpty, Date().timeIntervalSince(started) < 60 {
            // A look the last ping started is still under way.
            try await Task.sleep(nanoseconds: 100_000_000)
            started = Date()
            look = try await international.refreshFollows(force: true)
        }
        let polled = Date().timeIntervalSince(started)
        let arrived = try await international.mirror(groupId: changed)?.bytes == bytes
        print(String(format: "without the ping it waits for the next poll (hourly), then the look takes %.2f s (%@; arrived: %@)",
                     polled, look.first?.line ?? "no follow", arrived ? "yes" : "no"))
        await nationalServer.stop()
        await international.fetcher.shutdown()
    }

    /// Signed groups with pinned keys and active memberships, written straight into the registry's tables; the
    /// network's key pinned and its directory delegated to the registry.
    static func seed(_ registry: Registry, groups: Int, networkKey: MinisignSecretKey) async throws -> [MinisignSecretKey] {
        var synthetic = SyntheticDirectory(seed: 20_261_121)
        let now = registry.now
        let network = try await registry.createNetwork(slug: "national", name: "National network", policy: .open)
        let keys = (0..<groups).map { _ in MinisignSecretKey.generate() }
        for start in stride(from: 0, to: groups, by: 2000) {
            let batch = try (start..<min(start + 2000, groups)).map { index -> (Int, GroupFeed, Data, String) in
                let feed = synthetic.feed(index, updated: now)
                let bytes = FeedWriter.data(feed)
                let signature = try FeedSigner.sign(bytes, with: keys[index], claim: FeedClaim(groupID: feed.id, sequence: 1, expires: now.addingTimeInterval(365 * 86_400)))
                return (index, feed, bytes, signature.fileContents)
            }
            try await registry.database.pool.write { db in
                for (index, feed, bytes, signature) in batch {
                    try db.execute(sql: """
                        INSERT INTO feedGroup (groupId, title, feedURL, harvestState, consecutiveFailures, nextFetchAt, redirectSeen, createdAt, hostedHere)
                        VALUES (?, ?, ?, 'active', 0, ?, 0, ?, 1)
                        """, arguments: [feed.id, feed.title, "https://groups.example.org/\(index).xml", now.addingTimeInterval(86_400 * 365), now])
                    let row = db.lastInsertedRowID
                    try db.execute(sql: "INSERT INTO groupKey (groupRow, keyId, publicKey, status, source, createdAt, changedAt) VALUES (?, ?, ?, 'pinned', 'bench', ?, ?)",
                                   arguments: [row, keys[index].publicKey.keyIDHex, keys[index].publicKey.base64, now, now])
                    try db.execute(sql: "INSERT INTO membership (networkId, groupRow, status, createdAt, updatedAt) VALUES (?, ?, 'active', ?, ?)",
                                   arguments: [network.id!, row, now, now])
                    try db.execute(sql: """
                        INSERT INTO snapshot (groupRow, seq, expires, keyId, digest, bytes, signature, fetchedAt, via)
                        VALUES (?, 1, ?, ?, ?, ?, ?, ?, 'push')
                        """, arguments: [row, now.addingTimeInterval(86_400 * 365), keys[index].publicKey.keyIDHex, FeedDigest.sha256(bytes), bytes, signature, now])
                }
            }
        }
        _ = try await registry.indexMissingGroups()
        _ = try await registry.reconcileDirectory()
        _ = try await registry.pinNetworkKey(network: "national", publicKey: networkKey.publicKey.fileContents)
        let statement = try DelegationStatement.sign(directoryKey: try await registry.directoryKey(network: "national"), network: "national",
                                                     expires: now.addingTimeInterval(90 * 86_400), with: networkKey)
        _ = try await registry.setDelegation(network: "national", keyFile: statement.keyFile, signature: statement.signature.fileContents)
        return keys
    }

    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(decompression: .disabled))

    static func bytes(_ url: String, gzip: Bool = false) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        if gzip { request.headers.add(name: "Accept-Encoding", value: "gzip") }
        let response = try await client.execute(request, timeout: .seconds(120))
        guard response.status == .ok else { throw ConsoleBenchmark.BenchmarkFailure("\(url): HTTP \(response.status.code)") }
        return Data(buffer: try await response.body.collect(upTo: 64 << 20))
    }
}
