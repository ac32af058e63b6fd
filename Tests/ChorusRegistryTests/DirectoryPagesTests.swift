import ChorusFeed
@testable import ChorusRegistry
import ChorusServer
import ChorusTestSupport
import Foundation
import GRDB
import Logging
import Testing

/// Log lines kept in memory, so a test can read everything the server and the registry wrote.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { label in CapturingHandler(label: label, log: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct CapturingHandler: LogHandler {
    let label: String
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let all = metadata.merging(extra ?? [:]) { $1 }
        log.append("\(level) \(label) \(message) \(all) \(source)")
    }
}

@Suite(.serialized) struct DirectoryPagesTests {
    /// The sample directory served on loopback, with the sample gazetteer.
    static func serve(logger: Logger? = nil) async throws -> (DirectoryFixture, RunningServer) {
        let fixture = try await DirectoryFixture.start(places: true)
        try await fixture.registry.setContact(network: "all", "mailto:directory@all.example.org")
        return (fixture, try await RunningServer.start(fixture.registry, logger: logger))
    }

    /// Every page and API answer built from the sample data.
    static func everyAddress(_ fixture: DirectoryFixture) -> [String] {
        var paths = ["/", "/about", "/n/all", "/search", "/search?place=Sheffield", "/search?place=Cork", "/search?place=Springfield",
                     "/search?place=Yorkshire+and+the+Humber", "/search?mode=online&time=evening", "/search?day=tue&day=thu&free=1",
                     "/search?lat=51.8969&lon=-8.4863&radius=5", "/search?q=voices&page=2&limit=5", "/search?language=es",
                     "/api/v1/search?limit=100", "/api/v1/search?place=Cork", "/api/v1/search?lat=51.8969&lon=-8.4863&radius=5",
                     "/api/v1/search?place=Yorkshire+and+the+Humber", "/api/v1/n/all/groups", "/api/v1/openapi.json",
                     "/assets/chorus.css", "/assets/chorus.js", "/n/all/changes.atom", "/n/all/changes.rss", "/n/all/notices.atom",
                     "/n/all/notices.rss", "/n/all/meeting-guide.json", "/n/all/hsds.json", "/search.atom?place=Cork", "/search.rss?mode=online"]
        for group in fixture.groups {
            paths += ["/groups/\(group.sample.id)", "/api/v1/groups/\(group.sample.id)", "/groups/\(group.sample.id)/calendar.ics",
                      "/groups/\(group.sample.id)/notices.atom", "/groups/\(group.sample.id)/notices.rss"]
            for meeting in group.sample.feed.profile.meetings { paths.append("/groups/\(group.sample.id)/meetings/\(meeting.id)/calendar.ics") }
        }
        return paths
    }

    @Test func noAnswerSetsACookieLeaksAWithheldPlaceOrAnOnRequestLinkOrExceeds50KB() async throws {
        let (fixture, server) = try await Self.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        var secrets: [String: String] = [:]
        for group in fixture.groups {
            for location in group.sample.feed.profile.locations where location.isWithheld {
                for text in [location.name, location.address.street, location.address.postcode, location.directions].compactMap({ $0 }) {
                    secrets[text] = "\(group.sample.name): withheld \(location.id)"
                }
                if let geo = location.geo {
                    secrets[String(geo.latitude)] = "\(group.sample.name): withheld latitude"
                    secrets[String(geo.longitude)] = "\(group.sample.name): withheld longitude"
                }
            }
            for meeting in group.sample.feed.profile.meetings where meeting.online?.disclosure == .onRequest {
                if let url = meeting.online?.url { secrets[url] = "\(group.sample.name): on-request join link" }
            }
        }
        #expect(secrets.isEmpty, "a withheld or on-request place carries only its area in an accepted feed: \(secrets)")
        // A feed that still carried the ward's name and point would be refused before it reached the directory.
        let cork = try #require(fixture.groups.first { $0.sample.name == "cork-ward-voices" })
        let leaking = String(decoding: cork.sample.bytes, as: UTF8.self).replacingOccurrences(
            of: "<g:address>\n        <g:locality>Cork</g:locality>",
            with: "<g:name>Acute inpatient unit</g:name>\n      <g:address>\n        <g:locality>Cork</g:locality>")
        #expect(FeedReader.check(Data(leaking.utf8)).errors.contains { $0.code == "privacy.withheld-name" })

        for path in Self.everyAddress(fixture) {
            let answer = try await http("GET", server.base + path)
            #expect(answer.status == 200, "\(path)")
            #expect(answer.headers["set-cookie"] == nil, "\(path) sets a cookie")
            #expect(answer.headers["referrer-policy"] == "no-referrer", "\(path)")
            let query = path.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            for (secret, what) in secrets where answer.body.contains(secret) && !query.contains(secret) {
                Issue.record("\(path) shows \(what): \(secret)")
            }
            if answer.headers["content-type"]?.hasPrefix("text/html") == true {
                #expect(answer.body.utf8.count < 50 * 1024, "\(path) is \(answer.body.utf8.count) bytes")
                #expect(answer.body.contains("<html lang=\"en\" dir=\"ltr\">"), "\(path) declares its language")
                #expect(answer.headers["content-security-policy"]?.contains("default-src 'none'") == true, "\(path)")
                #expect(!answer.body.contains("src=\"http") && !answer.body.contains("href=\"http://") && !answer.body.contains("stylesheet\" href=\"https:"),
                        "\(path) loads nothing from elsewhere")
            }
        }
    }

    @Test func aGroupPageIsAnsweredFromStoredBytesUntilAnythingItShowsChanges() async throws {
        let (fixture, server) = try await Self.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let id = fixture.id("sheffield-central-voices")
        let url = server.base + "/groups/" + id
        let first = try await httpBytes(url)
        #expect(first.status == 200 && first.headers["cache-control"] == "no-store" && first.headers["set-cookie"] == nil)
        #expect(first.headers["vary"] == "Accept-Encoding, Accept-Language" && first.headers["content-security-policy"] != nil)
        #expect(try await httpBytes(url).body == first.body)
        let zipped = try await httpBytes(url, headers: ["Accept-Encoding": "gzip"])
        #expect(zipped.headers["content-encoding"] == "gzip" && zipped.headers["set-cookie"] == nil)
        if let gzip = ExternalTool.find("gzip") {
            let file = try scratchDirectory() + "/page.gz"
            try zipped.body.write(to: URL(fileURLWithPath: file))
            #expect(try Run.program(gzip, ["-dc", file]).output == String(decoding: first.body, as: UTF8.self))
        }

        // A change made by another process shows in the next request: the network's name, then its contact.
        let other = try DatabaseQueue(path: fixture.test.path)
        try await other.write { db in try db.execute(sql: "UPDATE network SET name = 'Renamed Network' WHERE slug = 'all'") }
        let renamed = try await http("GET", url)
        #expect(renamed.status == 200 && renamed.body.contains("Renamed Network"))
        try await fixture.registry.setContact(network: "all", "mailto:new-contact@all.example.org")
        #expect(try await http("GET", url).body.contains("new-contact@all.example.org"))

        // A group that leaves the directory is gone from the next request.
        try await fixture.registry.suspend(network: "all", groupId: id, reason: nil)
        #expect(try await http("GET", url).status == 404)
    }

    @Test func theServerLogsNoSearchTermsOrCoordinates() async throws {
        let log = CapturedLog()
        let (fixture, server) = try await Self.serve(logger: log.logger("server"))
        defer { Task { await server.stop(); await fixture.stop() } }
        let searches = ["/search?place=Qwertyville&q=zebrafinch", "/api/v1/search?lat=12.3456&lon=65.4321&q=marmalade",
                        "/search?lat=98.7654&lon=1", "/api/v1/search?place=Sheffield&q=kumquat&tz=Europe/Oslo",
                        "/search?q=%00%FF%0Aparsnip", "/api/v1/search?radius=9999&place=Sheffield"]
        for path in searches { _ = try await http("GET", server.base + path) }
        let text = log.text
        for term in ["Qwertyville", "zebrafinch", "12.3456", "65.4321", "marmalade", "98.7654", "kumquat", "Oslo", "parsnip", "9999", "Sheffield"] {
            #expect(!text.contains(term), "the log mentions \(term)")
        }
        let metrics = try await http("GET", server.base + "/metrics")
        #expect(metrics.body.contains("route=\"/search\"") || metrics.body.contains("/search"), "requests are counted by route")
        #expect(!metrics.body.contains("zebrafinch") && !metrics.body.contains("12.3456"))
    }

    @Test func badParametersAreOneLineErrorsAndUnknownGroupsAreNotFound() async throws {
        let (fixture, server) = try await Self.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        for (query, message) in [("lat=91&lon=0", "lat must be a number from -90 to 90"), ("lat=1", "lat and lon must be given together"),
                                 ("day=funday", "day 'funday' is not a day of the week"), ("time=21:00-18:00", "time must be morning"),
                                 ("mode=teleport", "mode must be in-person, online or hybrid"), ("access=moat", "access 'moat' is not in"),
                                 ("tz=Mars/Olympus", "tz 'Mars/Olympus' is not an IANA time zone"), ("page=0", "page must be"),
                                 ("lat=0x1p3&lon=0", "lat must be"), ("q=" + String(repeating: "a", count: 201), "q is longer than 200 bytes")] {
            let api = try await http("GET", server.base + "/api/v1/search?" + query)
            #expect(api.status == 400, "\(query)")
            let problem = try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: String]
            #expect(problem?["error"] == "invalid-parameter" && problem?["message"]?.hasPrefix(message) == true, "\(query): \(api.body)")
            #expect(problem?["message"]?.contains("\n") == false)
            let page = try await http("GET", server.base + "/search?" + query)
            #expect(page.status == 400 && page.body.contains("role=\"alert\""), "\(query)")
        }
        #expect(try await http("GET", server.base + "/groups/urn:uuid:00000000-0000-0000-0000-000000000000").status == 404)
        #expect(try await http("GET", server.base + "/api/v1/groups/nothing").status == 404)
        #expect(try await http("GET", server.base + "/n/nowhere").status == 404)
        let bare = fixture.id("sheffield-central-voices").dropFirst("urn:uuid:".count)
        #expect(try await http("GET", server.base + "/api/v1/groups/\(bare)").status == 200, "a bare UUID names the group too")
    }

    @Test func theResultsPageKeepsEveryChosenFilterAndOffersPlaceChoices() async throws {
        let (fixture, server) = try await Self.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let page = try await http("GET", server.base + "/search?place=Sheffield&day=tue&time=afternoon&mode=in-person&access=hearing-loop&free=1&within=72")
        #expect(page.body.contains("value=\"tue\" checked") && page.body.contains("value=\"afternoon\" checked"))
        #expect(page.body.contains("value=\"in-person\" checked") && page.body.contains("value=\"hearing-loop\" checked"))
        #expect(page.body.contains("name=\"free\" value=\"1\" checked") && page.body.contains("name=\"within\" value=\"72\""))
        #expect(page.body.contains("Sheffield Central Hearing Voices Group"))

        let choices = try await http("GET", server.base + "/search?place=Springfield")
        #expect(choices.body.contains("Which place did you mean?"))
        #expect(choices.body.contains("Springfield, Illinois, US") && choices.body.contains("Springfield, Massachusetts, US"))
        #expect(choices.body.contains("place=Springfield,%20Illinois,%20US") || choices.body.contains("place=Springfield,+Illinois,+US")
                || choices.body.contains("place=Springfield%2C%20Illinois%2C%20US"), "each choice links to its own search")

        let withheld = try await http("GET", server.base + "/search?place=Cork")
        #expect(withheld.body.contains("Meets in Cork, County Cork, Ireland; the group gives the exact place when you get in touch"))

        let group = try await http("GET", server.base + "/groups/\(fixture.id("sheffield-central-voices"))")
        #expect(group.body.contains("What to expect at a first meeting") && group.body.contains("Ask the group for the link"))
        #expect(group.body.contains("<del>Tuesday 22 December</del> cancelled"))
        #expect(group.body.contains("Cancelled (Tuesday 22 December)"))
        #expect(group.body.contains("mailto:directory@all.example.org"), "how to report a problem to the network")
        #expect(group.body.contains("Last checked:"))

        let openAPI = try await http("GET", server.base + "/api/v1/openapi.json")
        let committed = try String(contentsOfFile: Repository.path("Sources/ChorusServer/OpenAPI/openapi.json"), encoding: .utf8)
        #expect(openAPI.body == committed)
    }
}
