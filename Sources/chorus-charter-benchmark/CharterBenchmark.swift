import ChorusCharter
import ChorusFeed
import ChorusRegistry
import Foundation
import GRDB
import Logging

/// Measures, in one run: evaluating (feed, charter) pairs on one core, beside a baseline that only gathers the
/// facts the rules read; and re-judging a whole network after a charter change, verdicts stored.
/// Usage: chorus-charter-benchmark [EVALUATIONS] [GROUPS] (default 100000 10000), from the repository root.
@main
struct CharterBenchmark {
    static func main() async throws {
        let evaluations = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
        let groups = CommandLine.arguments.dropFirst(2).first.flatMap { Int($0) } ?? 10_000
        let feedPaths = try FileManager.default.contentsOfDirectory(atPath: "Feeds").filter { $0.hasSuffix(".xml") }.sorted()
        let feedBytes = try feedPaths.map { try Data(contentsOf: URL(fileURLWithPath: "Feeds/" + $0)) }
        let feeds = try feedBytes.map { try FeedReader.read($0) }
        let slugs = ["uk-ireland", "usa", "worldwide", "kenya"]
        let charterBytes = try slugs.map { try Data(contentsOf: URL(fileURLWithPath: "Federation/charters/\($0).xml")) }
        let evaluators = try charterBytes.map { CharterEvaluator(try CharterReader.read($0)) }
        let now = Date()
        print("== \(evaluations) evaluations over \(feeds.count) sample feeds × \(evaluators.count) example charters (\(evaluators.map(\.charter.rules.count).reduce(0, +)) rules), one core")

        var sink = 0
        var started = Date()
        for index in 0..<evaluations {
            let feed = feeds[index % feeds.count]
            sink &+= Set(feed.profile.commitments).count &+ ConsistencyCheck.warnings(in: feed).count
        }
        let baseline = Date().timeIntervalSince(started)
        started = Date()
        for index in 0..<evaluations {
            let verdict = evaluators[(index / feeds.count) % evaluators.count].evaluate(feeds[index % feeds.count], now: now)
            sink &+= verdict.results.count
        }
        let evaluation = Date().timeIntervalSince(started)
        print(String(format: "baseline (commitment set + consistency checks): %.0f feeds/s", Double(evaluations) / baseline))
        print(String(format: "full evaluation: %.0f evaluations/s (%.1f µs each; %.1f× the baseline's time) [target ≥ 50000/s]",
                     Double(evaluations) / evaluation, evaluation / Double(evaluations) * 1e6, evaluation / baseline))

        print("== re-judging a network of \(groups) groups after a charter change, verdicts stored")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-charter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let registry = Registry(database: try RegistryDatabase(path: folder.appendingPathComponent("bench.sqlite").path),
                                fetcher: FeedFetcher(policy: AddressPolicy(allowPrivate: true)), logger: logger)
        let network = try await registry.createNetwork(slug: "worldwide", name: "Benchmark", policy: .open)
        started = Date()
        try seed(registry.database, network: network.id!, groups: groups, templates: zip(feedBytes, feeds).map { ($0, $1.id) })
        print(String(format: "seeded %d groups with snapshots in %.1f s", groups, Date().timeIntervalSince(started)))

        let worldwide = charterBytes[2]
        started = Date()
        let first = try await registry.setCharter(network: "worldwide", bytes: worldwide, signature: nil)
        let firstTime = Date().timeIntervalSince(started)
        print(String(format: "first charter: %d judged, %d listed in %.2f s", first.evaluated, first.listed, firstTime))
        let changed = Data(String(decoding: worldwide, as: UTF8.self)
            .replacingOccurrences(of: #"version="2026.1""#, with: #"version="2026.2""#)
            .replacingOccurrences(of: #"<fresh within-days="400"/>"#, with: #"<fresh within-days="30"/>"#).utf8)
        started = Date()
        let second = try await registry.setCharter(network: "worldwide", bytes: changed, signature: nil)
        let secondTime = Date().timeIntervalSince(started)
        print(String(format: "charter change: %d judged, %d changed tier, verdicts stored, in %.2f s [target < 2 s]",
                     second.evaluated, second.changedTier, secondTime))
        let parseOnly = Date()
        for index in 0..<groups { sink &+= (try? FeedReader.read(feedBytes[index % feedBytes.count]))?.profile.meetings.count ?? 0 }
        print(String(format: "for scale: parsing %d feeds on one core alone takes %.2f s", groups, Date().timeIntervalSince(parseOnly)))
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("peak memory: \(usage.ru_maxrss / 1024) MB (checksum \(sink % 10))")
    }

    /// Groups, active memberships and one snapshot each, written straight into the registry's tables.
    static func seed(_ database: RegistryDatabase, network: Int64, groups: Int, templates: [(Data, String)]) throws {
        let texts = templates.map { (String(decoding: $0.0, as: UTF8.self), $0.1) }
        let now = Date()
        try database.pool.write { db in
            for index in 0..<groups {
                let (text, templateID) = texts[index % texts.count]
                let id = "urn:uuid:\(UUID().uuidString.lowercased())"
                let bytes = Data(text.replacingOccurrences(of: templateID, with: id).utf8)
                try db.execute(sql: """
                    INSERT INTO feedGroup (groupId, feedURL, harvestState, consecutiveFailures, nextFetchAt, redirectSeen, createdAt)
                    VALUES (?, ?, 'active', 0, ?, 0, ?)
                    """, arguments: [id, "https://groups.example.org/\(index).xml", now, now])
                let row = db.lastInsertedRowID
                try db.execute(sql: "INSERT INTO membership (networkId, groupRow, status, createdAt, updatedAt) VALUES (?, ?, 'active', ?, ?)",
                               arguments: [network, row, now, now])
                try db.execute(sql: """
                    INSERT INTO snapshot (groupRow, seq, expires, keyId, digest, bytes, signature, fetchedAt, via)
                    VALUES (?, 1, ?, 'BENCH', ?, ?, '', ?, 'pull')
                    """, arguments: [row, now.addingTimeInterval(86_400 * 365), FeedDigest.sha256(bytes), bytes, now])
            }
        }
    }
}
