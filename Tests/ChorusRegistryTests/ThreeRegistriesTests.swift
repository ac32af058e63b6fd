import ChorusFeed
import ChorusTestSupport
import Foundation
import Testing

extension MachineHeavyTests {
/// Three `chorus serve` processes on loopback, each with its own database, driven only through the command line and
/// HTTP: a registry hosting the groups' feeds, a national registry that enrols them, and an international registry
/// that follows the national network's signed directory.
@Suite struct ThreeRegistriesTests {
    /// A `chorus serve` process and the port it reports.
    final class ServeProcess: @unchecked Sendable {
        let process = Process()
        let db: String
        private let lock = NSLock()
        private var log = ""
        private(set) var port = 0

        init(db: String) { self.db = db }

        var base: String { "http://127.0.0.1:\(port)" }

        func start() async throws {
            process.executableURL = URL(fileURLWithPath: Run.chorus)
            process.arguments = ["serve", "--db", db, "--port", "0", "--allow-private-feeds"]
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let text = String(decoding: handle.availableData, as: UTF8.self)
                self?.lock.withLock { self?.log += text }
            }
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if let found = lock.withLock({ Self.port(in: log) }) { port = found; return }
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "chorus serve did not start: \(lock.withLock { log })"])
        }

        static func port(in log: String) -> Int? {
            guard let range = log.range(of: #"url=http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) else { return nil }
            return Int(log[range].dropFirst("url=http://127.0.0.1:".count).dropLast())
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    static func chorus(_ arguments: String...) throws -> ProcessResult {
        let result = try Run.program(Run.chorus, arguments)
        #expect(result.status == 0, "chorus \(arguments.joined(separator: " ")): \(result.error)")
        return result
    }

    static func waitFor(_ seconds: TimeInterval, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return try await condition()
    }

    static func tier(_ base: String, network: String, group: String) async throws -> String? {
        let body = try await http("GET", "\(base)/n/\(network)/directory.xml").body
        return try NetworkDirectoryReader.read(Data(body.utf8)).entries.first { $0.groupId == group }?.tier
    }

    @Test func aGroupJoinsChangesAndIsSuspendedNationallyAndEachStepReachesTheInternationalRegistry() async throws {
        let folder = try scratchDirectory()
        let feeds = Repository.path("Feeds")
        let (hostsDB, nationalDB, internationalDB) = (folder + "/hosts.sqlite", folder + "/national.sqlite", folder + "/international.sqlite")
        try Self.chorus("network", "create", "hosts", "--name", "Group hosting", "--policy", "open", "--db", hostsDB)
        try Self.chorus("network", "create", "uk-ireland", "--name", "UK and Ireland", "--policy", "open", "--db", nationalDB)
        try Self.chorus("network", "key", "uk-ireland", "--pub", feeds + "/keys/network-uk-ireland.pub", "--db", nationalDB)
        try Self.chorus("network", "charter", "uk-ireland", Repository.path("Federation/charters/uk-ireland.xml"),
                        "--key", feeds + "/keys/network-uk-ireland.pub", "--db", nationalDB)
        try Self.chorus("network", "delegation", "uk-ireland", "--out", folder, "--db", nationalDB)
        try Self.chorus("network", "delegate", "uk-ireland", "--key", feeds + "/keys/network-uk-ireland.key",
                        "--directory-key", folder + "/directory-key.pub", "--out", folder)
        try Self.chorus("network", "delegation", "uk-ireland", "--statement", folder + "/delegation.pub", "--db", nationalDB)
        try Self.chorus("network", "create", "worldwide", "--name", "Worldwide", "--policy", "open", "--db", internationalDB)
        try Self.chorus("network", "charter", "worldwide", Repository.path("Federation/charters/worldwide.xml"), "--db", internationalDB)

        let hosts = ServeProcess(db: hostsDB)
        let national = ServeProcess(db: nationalDB)
        let international = ServeProcess(db: internationalDB)
        defer { hosts.stop(); national.stop(); international.stop() }
        try await hosts.start()
        try await national.start()
        try await international.start()

        // The groups publish from the command line to the hosting registry; the national registry enrols them there.
        let names = ["sheffield-central-voices", "galway-bay-voices"]
        var ids: [String] = []
        for name in names {
            let file = folder + "/\(name).xml"
            try FileManager.default.copyItem(atPath: feeds + "/\(name).xml", toPath: file)
            try Self.chorus("feed", "publish", file, "--registry", hosts.base, "--key", feeds + "/keys/\(name).key",
                            "--join", "hosts", "--pub", feeds + "/\(name).pub")
            let id = try FeedReader.read(Data(contentsOf: URL(fileURLWithPath: file))).id
            ids.append(id)
            try Self.chorus("group", "enroll", "\(hosts.base)/mirror/\(id)/feed.xml", "--network", "uk-ireland",
                            "--pub", feeds + "/\(name).pub", "--db", nationalDB, "--allow-private-feeds")
        }
        let (sheffield, galway) = (ids[0], ids[1])

        let followed = try Self.chorus("network", "follow", "worldwide", "\(national.base)/n/uk-ireland/directory.xml",
                                       "--key", feeds + "/keys/network-uk-ireland.pub", "--callback", "\(international.base)/n/worldwide/follow-ping",
                                       "--db", internationalDB, "--allow-private-feeds")
        #expect(followed.output.contains("2 joined") && followed.output.contains("pings"), "\(followed.output)")

        for id in ids {
            for suffix in ["", ".minisig"] {
                let origin = try await http("GET", "\(hosts.base)/mirror/\(id)/feed.xml" + suffix).body
                #expect(try await http("GET", "\(national.base)/mirror/\(id)/feed.xml" + suffix).body == origin)
                #expect(try await http("GET", "\(international.base)/mirror/\(id)/feed.xml" + suffix).body == origin, "the same bytes at every registry")
            }
        }
        #expect(try await Self.tier(national.base, network: "uk-ireland", group: galway) == "affiliated")
        #expect(try await Self.tier(international.base, network: "worldwide", group: galway) == "exemplary", "the international charter's own tier")

        // A change at the group reaches the national registry by a ping, and the international one by the national ping.
        let file = folder + "/\(names[0]).xml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: #"<updated>[^<]+</updated>"#, with: "<updated>2026-11-30T09:00:00Z</updated>",
                                              options: .regularExpression).utf8).write(to: URL(fileURLWithPath: file))
        // Signed with a seq above the first one (`feed publish --key` takes the current second, which may not have moved).
        try Self.chorus("feed", "sign", file, "--key", feeds + "/keys/\(names[0]).key", "--seq", String(Int(Date().timeIntervalSince1970) + 100))
        try Self.chorus("feed", "publish", file, "--registry", hosts.base)
        let newBytes = try await http("GET", "\(hosts.base)/mirror/\(sheffield)/feed.xml").body
        #expect(newBytes.contains("2026-11-30T09:00:00Z"), "the hosting registry took the new version")
        #expect(try await http("POST", "\(national.base)/api/v1/groups/\(sheffield)/ping").status == 202)
        let started = Date()
        let arrived = try await Self.waitFor(30) {
            try await http("GET", "\(international.base)/mirror/\(sheffield)/feed.xml").body == newBytes
        }
        #expect(arrived, "the new version reached the international registry")
        print("three registries: a group's new feed reached the international registry \(String(format: "%.1f", Date().timeIntervalSince(started))) s after the national ping")

        // Suspended nationally, the group leaves the international network too.
        try Self.chorus("group", "suspend", galway, "--network", "uk-ireland", "--reason", "Meetings paused", "--db", nationalDB)
        let left = try await Self.waitFor(30) { try await Self.tier(international.base, network: "worldwide", group: galway) == nil }
        #expect(left, "the suspension reached the international directory")
        let follows = try Self.chorus("network", "follows", "worldwide", "--db", internationalDB)
        #expect(follows.output.contains("current") && follows.output.contains("1 group(s)"), "\(follows.output)")

        // Everything the national registry signed checks with minisign and the schema.
        for name in ["directory.xml", "directory.xml.minisig"] {
            try Data(try await http("GET", "\(national.base)/n/uk-ireland/\(name)").body.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        if let minisign = ExternalTool.find("minisign") {
            let checked = try Run.program(minisign, ["-V", "-p", folder + "/delegation.pub", "-m", folder + "/directory.xml"])
            #expect(checked.status == 0, "\(checked.error)")
        }
        if let xmllint = ExternalTool.find("xmllint") {
            let valid = try Run.program(xmllint, ["--noout", "--relaxng", Repository.path("Federation/schema/network-directory.rng"), folder + "/directory.xml"])
            #expect(valid.status == 0, "\(valid.error)")
        }
    }
}
}
