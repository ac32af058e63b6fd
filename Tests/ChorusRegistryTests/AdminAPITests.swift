import ChorusFeed
import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Testing

@Suite struct AdminAPITests {
    struct Setup {
        let test: TestRegistry
        let server: RunningServer
        let host: FeedHost
        let groups: [PublishedGroup]
        var tokens: [String: String] = [:]

        func stop() async {
            await server.stop()
            await host.stop()
            await test.shutdown()
        }
    }

    /// Networks `alpha` and `beta`, each with its own group and admin, editor and viewer tokens.
    static func setUp() async throws -> Setup {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["sheffield-central-voices", "bronx-voces", "nakano-koe"])
        let server = try await RunningServer.start(test.registry)
        var setup = Setup(test: test, server: server, host: host, groups: groups)
        for (slug, group) in [("alpha", groups[0]), ("beta", groups[1])] {
            try await test.registry.createNetwork(slug: slug, name: slug.capitalized, policy: .approval)
            _ = try await test.registry.enroll(network: slug, feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
            for role in Role.allCases {
                setup.tokens["\(slug)-\(role.rawValue)"] = try await test.registry.issueToken(network: slug, role: role)
            }
        }
        return setup
    }

    /// Everything in the database that belongs to a network, to prove a refused call changed nothing.
    static func fingerprint(_ test: TestRegistry, _ slug: String) throws -> String {
        try test.registry.database.pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.status, m.reason, g.harvestState, g.feedURL, g.nextFetchAt,
                       (SELECT group_concat(k.status || k.keyId) FROM groupKey k WHERE k.groupRow = g.id) AS keys,
                       (SELECT COUNT(*) FROM auditLog a WHERE a.networkId = m.networkId) AS audits
                FROM membership m JOIN feedGroup g ON g.id = m.groupRow JOIN network n ON n.id = m.networkId WHERE n.slug = ?
                """, arguments: [slug])
            return rows.map(\.description).joined(separator: "\n")
        }
    }

    @Test func aTokenOfOneNetworkGetsNoDataAndMakesNoChangeInAnother() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let base = setup.server.base + "/api/v1/n/beta"
        let betaGroup = setup.groups[1].sample.id
        let before = try Self.fingerprint(setup.test, "beta")
        let routes: [(String, String, String?)] = [
            ("GET", "/groups", nil),
            ("POST", "/groups", #"{"feedURL": "\#(setup.groups[2].feedURL)"}"#),
            ("GET", "/groups/\(betaGroup)", nil),
            ("POST", "/groups/\(betaGroup)/approve", nil),
            ("POST", "/groups/\(betaGroup)/suspend", #"{"reason": "x"}"#),
            ("POST", "/groups/\(betaGroup)/remove", nil),
            ("POST", "/groups/\(betaGroup)/revoke-key", nil),
            ("POST", "/groups/\(betaGroup)/harvest", nil),
            ("GET", "/audit", nil),
        ]
        for (method, path, body) in routes {
            let answer = try await http(method, base + path, token: setup.tokens["alpha-admin"], json: body)
            #expect(answer.status == 403, "\(method) \(path) answered \(answer.status)")
            #expect(!answer.body.contains(betaGroup) && !answer.body.contains("bronx"), "\(method) \(path) leaked: \(answer.body)")
        }
        #expect(try Self.fingerprint(setup.test, "beta") == before)
        await #expect(try setup.test.registry.groups(network: "beta").count == 1)
    }

    @Test func rolesAreEnforced() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let base = setup.server.base + "/api/v1/n/alpha"
        let group = setup.groups[0].sample.id
        let enrol = #"{"feedURL": "\#(setup.groups[2].feedURL)", "publicKey": "\#(setup.groups[2].sample.publicKey.base64)"}"#

        #expect(try await http("GET", base + "/groups/\(group)").status == 401)
        #expect(try await http("GET", base + "/groups/\(group)", token: "chorus_wrong").status == 403)
        #expect(try await http("GET", base + "/groups/\(group)", token: setup.tokens["alpha-viewer"]).status == 200)
        #expect(try await http("POST", base + "/groups", token: setup.tokens["alpha-viewer"], json: enrol).status == 403)
        #expect(try await http("POST", base + "/groups/\(group)/approve", token: setup.tokens["alpha-editor"]).status == 403)
        #expect(try await http("POST", base + "/groups/\(group)/revoke-key", token: setup.tokens["alpha-viewer"]).status == 403)
        #expect(try await http("GET", base + "/audit", token: setup.tokens["alpha-editor"]).status == 403)

        let enrolled = try await http("POST", base + "/groups", token: setup.tokens["alpha-editor"], json: enrol)
        #expect(enrolled.status == 201, "\(enrolled.body)")
        #expect(enrolled.body.contains("\"membership\":\"pending-approval\""))
        let approved = try await http("POST", base + "/groups/\(setup.groups[2].sample.id)/approve", token: setup.tokens["alpha-admin"])
        #expect(approved.status == 200)
        let audit = try await http("GET", base + "/audit", token: setup.tokens["alpha-admin"])
        #expect(audit.body.contains("group.approve") && audit.body.contains("token:"))
    }

    @Test func aNetworksAdminsSetItsCrisisLineAndEmbeddingOriginsThroughTheAPI() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let base = setup.server.base + "/api/v1/n/alpha/settings"
        #expect(try await http("GET", base).status == 401)
        let read = try await http("GET", base, token: setup.tokens["alpha-viewer"])
        #expect(read.status == 200 && read.body.contains("\"embedOrigins\":[]"), "\(read.body)")
        let line = #"{"text": "Samaritans answer day or night on 116 123."}"#
        #expect(try await http("PUT", base + "/crisis-line", token: setup.tokens["alpha-editor"], json: line).status == 403)
        #expect(try await http("PUT", setup.server.base + "/api/v1/n/beta/settings/crisis-line", token: setup.tokens["alpha-admin"], json: line).status == 403,
                "one network's token changes nothing in another")
        let set = try await http("PUT", base + "/crisis-line", token: setup.tokens["alpha-admin"], json: line)
        #expect(set.status == 200 && set.body.contains("116 123"))
        let bad = try await http("PUT", base + "/embed-origins", token: setup.tokens["alpha-admin"], json: #"{"origins": ["https://x.example/path"]}"#)
        #expect(bad.status == 422 && bad.body.contains("not an origin"), "\(bad.status) \(bad.body)")
        let origins = try await http("PUT", base + "/embed-origins", token: setup.tokens["alpha-admin"], json: #"{"origins": ["https://www.alpha.example"]}"#)
        #expect(origins.status == 200 && origins.body.contains("https://www.alpha.example"))
        #expect(try await http("GET", setup.server.base + "/embed/n/alpha").headers["content-security-policy"]?.contains("frame-ancestors https://www.alpha.example;") == true)
        let removed = try await http("PUT", base + "/crisis-line", token: setup.tokens["alpha-admin"], json: #"{"text": null}"#)
        #expect(removed.status == 200 && !removed.body.contains("crisisLine"))
        let audit = try await http("GET", setup.server.base + "/api/v1/n/alpha/audit", token: setup.tokens["alpha-admin"])
        #expect(audit.body.contains("network.crisis-line") && audit.body.contains("network.embed-origins"))
    }

    @Test func theListIsPublicForListedGroupsAndFullForTheNetworksPeople() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let url = setup.server.base + "/api/v1/n/alpha/groups"
        #expect(try await http("GET", url).body == "[]", "a pending group is not public")
        let full = try await http("GET", url, token: setup.tokens["alpha-viewer"])
        #expect(full.body.contains("pending-approval"))
        _ = try await setup.test.registry.approve(network: "alpha", groupId: setup.groups[0].sample.id)
        let open = try await http("GET", url)
        #expect(open.body.contains(setup.groups[0].sample.id) && !open.body.contains("feedURL"))
    }

    @Test func badRequestsGetOneLineJSONProblems() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let base = setup.server.base + "/api/v1/n/alpha"
        let token = setup.tokens["alpha-admin"]
        let malformed = try await http("POST", base + "/groups", token: token, json: "{not json")
        #expect(malformed.status == 400)
        #expect(malformed.body.hasPrefix("{\"error\""))
        let unreachable = try await http("POST", base + "/groups", token: token, json: #"{"feedURL": "http://127.0.0.1:9/feed.xml"}"#)
        #expect(unreachable.status == 422)
        #expect(unreachable.body.contains("could not fetch the feed"))
        #expect(try await http("GET", base + "/groups/urn:uuid:00000000-0000-0000-0000-000000000000", token: token).status == 404)
        #expect(try await http("GET", setup.server.base + "/api/v1/n/nowhere/groups").status == 404)
    }

    @Test func tokensAreStoredOnlyAsHashes() async throws {
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "alpha", name: "Alpha", policy: .open)
        let token = try await test.registry.issueToken(network: "alpha", role: .admin)
        let stored = try await test.registry.database.pool.read { db in try String.fetchAll(db, sql: "SELECT hash FROM token") }
        #expect(stored.count == 1 && stored[0] != token && !stored[0].contains(token))
        await #expect(try test.registry.authenticate(token: token, network: "alpha").role == .admin)
        await #expect(throws: RegistryError.self) { try await test.registry.authenticate(token: token, network: "beta") }
    }
}
