import ChorusCharter
import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

@Suite struct ComplianceAPITests {
    @Test func theDashboardIsForTheNetworksPeopleUnlessItChoosesPublic() async throws {
        let (test, host, groups) = try await ComplianceTests.kenya(charterFirst: false)
        defer { Task { await host.stop() } }
        try await test.registry.createNetwork(slug: "other", name: "Other", policy: .open)
        let viewer = try await test.registry.issueToken(network: "kenya", role: .viewer)
        let stranger = try await test.registry.issueToken(network: "other", role: .admin)
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let api = server.base + "/api/v1/n/kenya/compliance"

        let anonymous = try await http("GET", api)
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"]?.contains("Basic") == true)
        #expect(try await http("GET", api, token: stranger).status == 403)
        let answer = try await http("GET", api, token: viewer)
        #expect(answer.status == 200)
        #expect(answer.body.contains("\"groupsJudged\":2"))
        #expect(answer.body.contains(Verdict.disclaimer))

        let basic = "Basic " + Data("admin:\(viewer)".utf8).base64EncodedString()
        let page = try await http("GET", server.base + "/n/kenya/compliance", headers: ["Authorization": basic])
        #expect(page.status == 200)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.body.contains("<html lang=\"en\" dir=\"ltr\">") && page.body.contains("lived-experience-majority") && page.body.contains("Completeness"))
        #expect(page.body.utf8.count < 50_000)

        try await test.registry.setDashboardPublic(network: "kenya", true)
        #expect(try await http("GET", api).status == 200)
        #expect(try await http("GET", server.base + "/n/kenya/compliance").status == 200)
        #expect(try await http("GET", server.base + "/api/v1/n/kenya/groups/\(groups[1].sample.id)/compliance").status == 401,
                "a public dashboard does not open the per-group reports")
        for answer in [anonymous, answer, page] { #expect(answer.headers["set-cookie"] == nil) }
    }

    @Test func theDashboardEscapesWhatTheNetworkWrites() async throws {
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "plain", name: #"<script>alert(1)</script> & "co""#, policy: .open)
        try await test.registry.setDashboardPublic(network: "plain", true)
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let page = try await http("GET", server.base + "/n/plain/compliance")
        #expect(page.status == 200 && page.headers["cache-control"] == "no-store")
        #expect(page.body.contains("Compliance: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"))
        #expect(!page.body.contains("<script>alert"))
        #expect(page.body.contains("has not set a charter yet"))
    }

    @Test func aGroupReportOpensWithATokenOrWithALinkTheGroupSigned() async throws {
        let (test, host, groups) = try await ComplianceTests.kenya(charterFirst: false)
        defer { Task { await host.stop() } }
        let viewer = try await test.registry.issueToken(network: "kenya", role: .viewer)
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let nyanza = groups[1].sample
        let path = "/n/kenya/groups/\(nyanza.id)/compliance"

        let json = try await http("GET", server.base + "/api/v1" + path, token: viewer)
        #expect(json.status == 200)
        #expect(json.body.contains("\"failing\":[\"lived-experience-majority\"]"))
        let page = try await http("GET", server.base + path, token: viewer)
        #expect(page.status == 200)
        #expect(page.body.contains("What to change:") && page.body.contains("History") && page.body.contains("not the truth behind"))

        let until = Int64(Date().timeIntervalSince1970) + 7 * 86_400
        let proof = try ReportLink.proof(network: "kenya", groupId: nyanza.id, until: until, key: nyanza.secretKey)
        let signed = try await http("GET", server.base + path + "?until=\(until)&proof=\(proof)")
        #expect(signed.status == 200)
        let forged = try ReportLink.proof(network: "kenya", groupId: nyanza.id, until: until, key: MinisignSecretKey.generate())
        #expect(try await http("GET", server.base + path + "?until=\(until)&proof=\(forged)").status == 403)
        let otherGroup = try ReportLink.proof(network: "kenya", groupId: nyanza.id, until: until, key: groups[0].sample.secretKey)
        #expect(try await http("GET", server.base + path + "?until=\(until)&proof=\(otherGroup)").status == 403)
        let past = Int64(Date().timeIntervalSince1970) - 60
        let expired = try ReportLink.proof(network: "kenya", groupId: nyanza.id, until: past, key: nyanza.secretKey)
        #expect(try await http("GET", server.base + path + "?until=\(past)&proof=\(expired)").status == 403)
        #expect(try await http("GET", server.base + path + "?until=\(until)&proof=%00garbage").status == 403)
    }

    @Test func theCharterIsPublishedWithItsSignature() async throws {
        let (test, host, _) = try await ComplianceTests.kenya(charterFirst: false)
        defer { Task { await host.stop() } }
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let (bytes, signature) = try ComplianceTests.charter("kenya")
        let document = try await http("GET", server.base + "/n/kenya/charter.xml")
        #expect(document.status == 200 && Data(document.body.utf8) == bytes)
        let etag = try #require(document.headers["etag"])
        #expect(try await http("GET", server.base + "/n/kenya/charter.xml", headers: ["If-None-Match": etag]).status == 304)
        #expect(try await http("GET", server.base + "/n/kenya/charter.xml.minisig").body == signature)
        #expect(try await http("GET", server.base + "/n/nowhere/charter.xml").status == 404)
    }

    @Test func aVolunteerSetsACharterFromTheCommandLine() throws {
        let db = try scratchDirectory() + "/registry.sqlite"
        #expect(try Run.chorus("network", "create", "kenya", "--name", "Kenya", "--db", db).status == 0)
        let charter = Repository.path("Federation/charters/kenya.xml")
        let wrongKey = try Run.chorus("network", "charter", "kenya", charter, "--key", Repository.path("Feeds/keys/network-usa.pub"), "--db", db)
        #expect(wrongKey.status == 1)
        #expect(wrongKey.error.split(separator: "\n").count == 1 && wrongKey.error.contains("signature.key-id-mismatch"))
        let set = try Run.chorus("network", "charter", "kenya", charter, "--key", Repository.path("Feeds/keys/network-kenya.pub"), "--db", db)
        #expect(set.status == 0, "\(set.error)")
        #expect(set.output.contains("charter version 2026.1 set; 0 group(s) judged"))
        let again = try Run.chorus("network", "charter", "kenya", charter, "--db", db)
        #expect(again.status != 0)
        #expect(again.error.contains("already has charter version 2026.1"))
        let other = try Run.chorus("network", "charter", "kenya", Repository.path("Federation/charters/usa.xml"), "--db", db)
        #expect(other.error.contains("for network usa, not kenya"))
        #expect(try Run.chorus("network", "list", "--db", db).output.contains("charter 2026.1"))
        #expect(try Run.chorus("network", "dashboard", "kenya", "public", "--db", db).status == 0)
    }
}
