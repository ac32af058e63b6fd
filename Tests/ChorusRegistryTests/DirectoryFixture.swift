import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation

/// Every sample group enrolled in one network without a charter (so every one is listed), harvested over loopback,
/// with the clock on Monday 23 November 2026, 12:00 UTC.
struct DirectoryFixture {
    static let monday = ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z")!

    let test: TestRegistry
    let host: FeedHost
    let groups: [PublishedGroup]

    var registry: Registry { test.registry }

    static func start(places: Bool = false) async throws -> DirectoryFixture {
        let test = try TestRegistry(clock: TestClock(monday))
        let names = try Repository.sampleFeeds().map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        let (host, _, groups) = try await PublishedGroup.start(names)
        try await test.registry.createNetwork(slug: "all", name: "All sample groups", policy: .open)
        for group in groups {
            _ = try await test.registry.enroll(network: "all", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
        }
        if places { try await importSamplePlaces(test.registry) }
        return DirectoryFixture(test: test, host: host, groups: groups)
    }

    static func importSamplePlaces(_ registry: Registry) async throws {
        let table = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Feeds/places/geonames-sample.txt")))
        let regions = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Feeds/places/admin1-sample.txt")))
        _ = try await registry.importPlaces(try GazetteerFile(table), regionNames: try GazetteerFile.regionNames(regions))
    }

    func id(_ name: String) -> String { groups.first { $0.sample.name == name }!.sample.id }

    func search(_ configure: (inout DirectoryQuery) -> Void) async throws -> DirectoryResults {
        var query = DirectoryQuery()
        configure(&query)
        return try await registry.search(query)
    }

    func stop() async { await host.stop() }
}
