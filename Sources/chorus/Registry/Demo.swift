import ArgumentParser
import ChorusFeed
import ChorusRegistry
import ChorusServer
import Foundation
import Logging

/// Runs the whole registry on this machine: demo networks, the sample feeds served by the same server,
/// every sample group enrolled and harvested over real HTTP on loopback.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run a demo registry with the sample feeds from Feeds/, harvested over loopback.")
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @Option(help: "The demo's SQLite database file (created or reused).") var db = "chorus-demo.sqlite"
    @Flag(help: "Also offer the pseudo-locales en-XA and ar-XB, to find text left untranslated.") var pseudoLocales = false
    @Option(help: "The folder of sample feeds.") var feeds = "Feeds"
    @Option(help: "The folder of example charters, one per demo network (SLUG.xml with SLUG.xml.minisig).") var charters = "Federation/charters"
    @Option(help: "The demo gazetteer: a GeoNames table FOLDER/geonames-sample.txt and its region names FOLDER/admin1-sample.txt.")
    var places = "Feeds/places"

    struct DemoNetwork: Sendable {
        let slug: String
        let name: String
        var crisisLine: String? = nil
        let includes: @Sendable (GroupFeed) -> Bool
    }

    static let networks = [
        DemoNetwork(slug: "uk-ireland", name: "Hearing Voices groups in the UK and Ireland (demo)",
                    crisisLine: "Samaritans answer day or night, free, on 116 123 in the UK and Ireland.") { feed in
            feed.profile.locations.contains { ["GB", "IE"].contains($0.address.country) }
        },
        DemoNetwork(slug: "usa", name: "Hearing Voices groups in the USA (demo)",
                    crisisLine: "In the USA, call or text 988 (the 988 Suicide & Crisis Lifeline), day or night.") { feed in
            feed.profile.locations.contains { $0.address.country == "US" } || (feed.language ?? "").hasSuffix("-US")
        },
        DemoNetwork(slug: "kenya", name: "Peer support groups in Kenya (demo)") { feed in
            feed.profile.locations.contains { $0.address.country == "KE" }
        },
        DemoNetwork(slug: "worldwide", name: "Peer support groups worldwide (demo)") { _ in true },
        // No charter, so every sample is listed: the paused, fee, end-date, Japanese and Cantonese cases among them,
        // which the charters of the other networks hold back.
        DemoNetwork(slug: "every-group", name: "Every sample group (demo network without a charter)") { _ in true },
    ]

    func run() async throws {
        Logs.bootstrap()
        let logger = Logger(label: "chorus.demo")
        let folder = URL(fileURLWithPath: feeds, isDirectory: true)
        let samples = try Self.samples(in: folder)
        let options = try RegistryOptions.parse(["--db", db, "--allow-private-feeds"])
        try await options.withRegistry(logger: logger) { registry in
            for network in Self.networks where await (try? registry.network(network.slug)) == nil {
                try await registry.createNetwork(slug: network.slug, name: network.name, policy: .open, actor: Registry.Actor("demo"))
                try await Self.pinKey(of: network.slug, from: feeds, registry: registry)
                try await Self.setCharter(of: network.slug, from: charters, registry: registry)
                try await registry.setContact(network: network.slug, "mailto:directory@\(network.slug).example.org", actor: Registry.Actor("demo"))
                if let line = network.crisisLine { try await registry.setCrisisLine(network: network.slug, line, actor: Registry.Actor("demo")) }
            }
            try await Self.importPlaces(from: places, registry: registry)
            var configuration = ServerConfiguration(port: port, harvest: true, sampleFeeds: folder)
            configuration.pseudoLocales = pseudoLocales
            let server = ChorusServer(registry: registry, configuration: configuration)
            try await server.run { port in
                Task { await Self.enrol(samples, registry: registry, port: port, logger: logger) }
            }
        }
    }

    /// Pins the demo network's own key (`FOLDER/keys/network-SLUG.pub`), which signed its example charter.
    static func pinKey(of slug: String, from folder: String, registry: Registry) async throws {
        guard let key = FileManager.default.contents(atPath: "\(folder)/keys/network-\(slug).pub") else { return }
        _ = try await registry.pinNetworkKey(network: slug, publicKey: String(decoding: key, as: UTF8.self), actor: Registry.Actor("demo"))
    }

    /// Sets the example charter of a demo network, when the folder has one, and makes its dashboard public.
    static func setCharter(of slug: String, from folder: String, registry: Registry) async throws {
        let path = "\(folder)/\(slug).xml"
        guard let bytes = FileManager.default.contents(atPath: path) else { return }
        let signature = FileManager.default.contents(atPath: path + ".minisig").map { String(decoding: $0, as: UTF8.self) }
        _ = try await registry.setCharter(network: slug, bytes: bytes, signature: signature, actor: Registry.Actor("demo"))
        try await registry.setDashboardPublic(network: slug, true, actor: Registry.Actor("demo"))
    }

    static func importPlaces(from folder: String, registry: Registry) async throws {
        guard let table = FileManager.default.contents(atPath: "\(folder)/geonames-sample.txt") else { return }
        do {
            let regions = try FileManager.default.contents(atPath: "\(folder)/admin1-sample.txt").map(GazetteerFile.regionNames) ?? [:]
            _ = try await registry.importPlaces(try GazetteerFile(table), regionNames: regions)
        } catch let problem as GazetteerFile.Problem {
            throw Console.fail("\(folder): \(problem)")
        }
    }

    static func samples(in folder: URL) throws -> [(name: String, feed: GroupFeed, key: String)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw Console.fail("no sample feeds at \(folder.path); run from the repository root or pass --feeds")
        }
        return try names.filter { $0.hasSuffix(".xml") }.sorted().map { name in
            let base = String(name.dropLast(4))
            let (_, feed) = try Files.readFeed(folder.appendingPathComponent(name).path)
            return (base, feed, try Files.readText(folder.appendingPathComponent(base + ".pub").path))
        }
    }

    /// One line per network: how many of its groups it lists, and each one its charter holds back with the rules it fails.
    static func heldBack(registry: Registry) async -> [String] {
        var lines: [String] = []
        for network in networks {
            guard (try? await registry.charter(network: network.slug)) ?? nil != nil,
                  let report = try? await registry.complianceReport(network: network.slug) else {
                let count = (try? await registry.groups(network: network.slug).count) ?? 0
                lines.append("  \(network.slug): lists all \(count) (no charter)")
                continue
            }
            let held = report.groups.filter { !$0.listed }
            lines.append("  \(network.slug): lists \(report.listed) of \(report.groups.count)" + (held.isEmpty ? "" : "; holds back:"))
            for group in held {
                let why = group.failedRequired.isEmpty ? "reaches no tier that is listed" : "fails " + group.failedRequired.joined(separator: ", ")
                lines.append("    \(group.title ?? group.groupId): \(why)")
            }
        }
        return lines
    }

    static func enrol(_ samples: [(name: String, feed: GroupFeed, key: String)], registry: Registry, port: Int, logger: Logger) async {
        var enrolled = 0
        for sample in samples {
            let url = "http://127.0.0.1:\(port)/sample-feeds/\(sample.name).xml"
            for network in networks where network.includes(sample.feed) {
                do {
                    _ = try await registry.enroll(network: network.slug, feedURL: url, publicKey: sample.key, actor: Registry.Actor("demo"))
                    enrolled += 1
                } catch {
                    logger.error("could not enrol a sample", metadata: ["feed": "\(sample.name)", "error": "\(error)"])
                }
            }
        }
        do {
            let summary = try await registry.harvestPass(force: true)
            logger.info("demo ready", metadata: ["memberships": "\(enrolled)", "harvest": "\(summary)"])
        } catch {
            logger.error("demo harvest failed", metadata: ["error": "\(error)"])
        }
        print("Chorus demo: \(samples.count) sample groups, \(enrolled) memberships in \(networks.count) networks.")
        for line in await heldBack(registry: registry) { print(line) }
        print("Open http://127.0.0.1:\(port)/ — stop with Ctrl-C.")
        fflush(nil)
    }
}
