import ChorusCharter
import ChorusFeed
import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

/// The charter form: a charter in force comes back from the form byte for byte, a change made in the form becomes a
/// charter document for the charter page's preview, and mistakes come back as sentences with the form as it was sent.
@Suite struct ConsoleCharterFormTests {
    static let edit = "/console/n/uk-ireland/charter/edit"

    static func setUp(_ slug: String = "uk-ireland") async throws -> ConsoleTests.Setup {
        let setup = try await ConsoleTests.setUp()
        try await setup.registry.createNetwork(slug: slug, name: "Network \(slug)", policy: .open)
        for group in setup.groups { _ = try await setup.registry.enroll(network: slug, feedURL: group.feedURL, publicKey: group.sample.publicKeyFile) }
        return setup
    }

    /// The text the charter page's text area holds.
    static func writtenDocument(_ body: String, _ slug: String = "uk-ireland") -> String? {
        guard let fields = HTMLFormFields.fields(in: body, action: "/console/n/\(slug)/charter/preview") else { return nil }
        return fields["charter"]
    }

    /// So an admin who opens the form and writes it back unchanged keeps the network's signature good.
    @Test(arguments: ["uk-ireland", "usa", "worldwide", "kenya"])
    func theCharterInForceComesBackFromTheFormByteForByte(_ slug: String) async throws {
        let setup = try await Self.setUp(slug)
        defer { Task { await setup.stop() } }
        let (bytes, _) = try ComplianceTests.charter(slug)
        _ = try await setup.registry.setCharter(network: slug, bytes: bytes, signature: nil)
        let admin = try await setup.person("sam", of: slug, role: .admin)
        let edit = "/console/n/\(slug)/charter/edit"

        let form = try await admin.get(edit)
        #expect(form.status == 200)
        #expect(form.body.contains("Write the charter document"))
        var fields = try #require(HTMLFormFields.fields(in: form.body, action: edit))
        fields["action"] = "write"
        let written = try await admin.post(edit, fields)
        #expect(written.status == 200, "\(written.body.prefix(2000))")
        #expect(Self.writtenDocument(written.body, slug) == String(decoding: bytes, as: UTF8.self))
        #expect(written.body.contains("The charter document is written below"))
        #expect(try await setup.registry.charterVersions(network: slug).count == 1, "writing applies nothing")
    }

    @Test func aRuleAddedInTheFormIsPreviewedAndApplied() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let admin = try await setup.person("sam", of: "uk-ireland", role: .admin)

        let starter = try await admin.get(Self.edit)
        #expect(starter.status == 200)
        var fields = try #require(HTMLFormFields.fields(in: starter.body, action: Self.edit))
        #expect(fields["tier.0.id"] == "listed" && fields["tier.1.id"] == "", "a network without a charter starts from one tier and a blank row")
        fields["source.0.text"] = "Our members' meeting, 2026"
        fields["tier.1.id"] = "full"
        fields["tier.1.rank"] = "2"
        fields["tier.1.name"] = "Full member"
        fields["tier.1.includes"] = "listed"
        fields["action"] = "more"
        let more = try await admin.post(Self.edit, fields)
        #expect(more.status == 200)
        fields = try #require(HTMLFormFields.fields(in: more.body, action: Self.edit))
        #expect(more.body.contains(#"name="rule.0.tier.full""#), "the new tier can be chosen for a rule")
        fields["rule.0.id"] = "peer-led"
        fields["rule.0.text"] = "The group is run by its members."
        fields["rule.0.source"] = "Members' meeting"
        fields["rule.0.fix"] = "Say so in your feed if it is true."
        fields["rule.0.test"] = "commitment:peer-led"
        fields["rule.0.tier.full"] = "yes"
        fields["rule.0.unless-setting.prison"] = "yes"
        fields["rule.1.id"] = "two-facilitators"
        fields["rule.1.severity"] = "recommended"
        fields["rule.1.text"] = "Two facilitators at every meeting."
        fields["rule.1.source"] = "Members' meeting"
        fields["rule.1.fix"] = "Declare how many facilitators come."
        fields["rule.1.test"] = "count:facilitators-per-meeting"
        fields["rule.1.atLeast"] = "2"
        fields["action"] = "write"
        let written = try await admin.post(Self.edit, fields)
        #expect(written.status == 200, "\(written.body.prefix(3000))")
        let document = try #require(Self.writtenDocument(written.body))
        let charter = try CharterReader.read(Data(document.utf8))
        #expect(charter.network == "uk-ireland" && charter.tiers.map(\.id) == ["listed", "full"] && charter.listedFrom == "listed")
        #expect(charter.rules.map(\.id) == ["peer-led", "two-facilitators"])
        #expect(charter.rules[0].predicate == .commitment("peer-led") && charter.rules[0].tiers == ["full"] && charter.rules[0].exemptions == [.setting(["prison"])])
        #expect(charter.rules[1].predicate == .count(.facilitatorsPerMeeting, atLeast: 2, atMost: nil) && charter.rules[1].severity == .recommended)

        let preview = try await admin.post("/console/n/uk-ireland/charter/preview", ["csrf": try await admin.csrf(), "charter": document])
        #expect(preview.status == 200 && preview.body.contains("Apply the charter"), "\(preview.body.prefix(2000))")
        let apply = try #require(HTMLFormFields.fields(in: preview.body, action: "/console/n/uk-ireland/charter/apply"))
        var confirmed = apply
        confirmed["confirm"] = "yes"
        #expect(try await admin.post("/console/n/uk-ireland/charter/apply", confirmed).status == 303)
        #expect(try await setup.registry.charterDocument(network: "uk-ireland")?.bytes == Data(document.utf8))

        // A second version from the form: the history says what it changed.
        fields = try #require(HTMLFormFields.fields(in: try await admin.get(Self.edit).body, action: Self.edit))
        fields["version"] = "2"
        fields["rule.0.remove"] = "yes"
        fields["rule.1.severity"] = "required"
        fields["action"] = "write"
        let second = try #require(Self.writtenDocument(try await admin.post(Self.edit, fields).body))
        var secondApply = try #require(HTMLFormFields.fields(in: try await admin.post("/console/n/uk-ireland/charter/preview",
                                                                                  ["csrf": try await admin.csrf(), "charter": second]).body,
                                                         action: "/console/n/uk-ireland/charter/apply"))
        secondApply["confirm"] = "yes"
        #expect(try await admin.post("/console/n/uk-ireland/charter/apply", secondApply).status == 303)
        let history = try await admin.get("/console/n/uk-ireland/charter")
        #expect(history.body.contains("The first version: 2 tiers, 2 rules."))
        #expect(history.body.contains("Rules removed: peer-led.") && history.body.contains("two-facilitators (recommended → required)"), "\(history.body)")
    }

    @Test func mistakesComeBackAsSentencesWithTheFormAsSentAndNothingChanges() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let (bytes, _) = try ComplianceTests.charter("uk-ireland")
        _ = try await setup.registry.setCharter(network: "uk-ireland", bytes: bytes, signature: nil)
        let admin = try await setup.person("sam", of: "uk-ireland", role: .admin)
        let before = try ConsoleTests.fingerprint(setup, "uk-ireland")
        var fields = try #require(HTMLFormFields.fields(in: try await admin.get(Self.edit).body, action: Self.edit))
        fields["tier.1.rank"] = "two"
        fields["tier.0.includes"] = "nowhere"
        fields["rule.0.test"] = ""
        fields["rule.1.test"] = "count:meetings"
        fields["rule.1.atLeast"] = ""
        fields["rule.2.test"] = "one-of:fee"
        fields["rule.2.values"] = "free gold-bars"
        fields["rule.3.id"] = "Not An Id"
        fields["rule.4.test"] = "delete:everything"
        fields["title"] = "<script>alert(1)</script>"
        fields["action"] = "write"
        let answer = try await admin.post(Self.edit, fields)
        #expect(answer.status == 422)
        for sentence in ["Tier 2 (full): the rank must be a whole number", "Rule 1 (self-help-ethos): choose what the rule tests",
                         "give at least, at most or both", "unknown fee kind &#39;gold-bars&#39;", "may hold only a–z",
                         "&#39;delete:everything&#39; is not a test this form knows", "includes the tier &#39;nowhere&#39;"] {
            #expect(answer.body.contains(sentence) || answer.body.contains(sentence.replacingOccurrences(of: "&#39;", with: "'")), "says: \(sentence)")
        }
        #expect(answer.body.contains(#"value="two""#) && answer.body.contains(#"value="free gold-bars""#), "the form comes back as it was sent")
        #expect(!answer.body.contains("<script>alert"), "what was typed is escaped")
        #expect(try ConsoleTests.fingerprint(setup, "uk-ireland") == before)
        #expect(try await setup.registry.charterVersions(network: "uk-ireland").count == 1)

        var flood: [String: String] = ["csrf": try await admin.csrf(), "action": "write", "title": "Flood", "version": "9"]
        for row in 0..<600 { flood["rule.\(row).id"] = "r\(row)" }
        let flooded = try await admin.post(Self.edit, flood)
        #expect(flooded.status == 422 && flooded.body.contains("more than 500 rules"), "\(flooded.status)")
        var huge = flood
        huge["summary"] = String(repeating: "x", count: 1_100_000)
        #expect(try await admin.post(Self.edit, huge).status == 413, "a form over 1 MB is refused whole")
        #expect(try await setup.registry.charterVersions(network: "uk-ireland").count == 1)
    }

    @Test func onlyAnAdminOfTheNetworkReachesTheForm() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let editor = try await setup.person("eddie", of: "uk-ireland", role: .editor)
        #expect(try await editor.get(Self.edit).status == 403)
        let token = try await editor.csrf()
        #expect(try await editor.post(Self.edit, ["csrf": token, "action": "write", "title": "x"]).status == 403)
        let stranger = try await setup.person("beta-admin", of: "beta", role: .admin)
        let refused = try await stranger.get(Self.edit)
        #expect([403, 404].contains(refused.status))
        #expect(try await ConsoleBrowser(setup.base).get(Self.edit).status == 303, "no session: to the sign-in page")
    }

    /// A charter file written on Windows, signed over its CR LF line ends, keeps every byte from upload through the
    /// preview to Apply, so its signature still checks out.
    @Test func aCharterWithCRLFLineEndsKeepsItsBytesFromUploadToApply() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        _ = try await setup.registry.pinNetworkKey(network: "uk-ireland", publicKey: try NetworkKeyTests.networkKey("uk-ireland"))
        let key = try MinisignSecretKey(fileContents: String(contentsOfFile: Repository.path("Feeds/keys/network-uk-ireland.key"), encoding: .utf8))
        let (lf, _) = try ComplianceTests.charter("uk-ireland")
        let crlf = Data(String(decoding: lf, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let signature = try CharterSigner.sign(crlf, charter: try CharterReader.read(crlf), with: key).fileContents
        let admin = try await setup.person("sam", of: "uk-ireland", role: .admin)

        let preview = try await admin.postFiles("/console/n/uk-ireland/charter/preview", ["csrf": try await admin.csrf()],
                                                files: ["charterFile": (filename: "charter.xml", content: crlf),
                                                        "signatureFile": (filename: "charter.xml.minisig", content: Data(signature.utf8))])
        #expect(preview.status == 200 && preview.body.contains("Apply the charter"), "\(preview.status)")
        var apply = try #require(HTMLFormFields.fields(in: preview.body, action: "/console/n/uk-ireland/charter/apply"))
        apply["confirm"] = "yes"
        let applied = try await admin.post("/console/n/uk-ireland/charter/apply", apply)
        #expect(applied.status == 303, "\(applied.body.prefix(500))")
        let stored = try #require(try await setup.registry.charterDocument(network: "uk-ireland"))
        #expect(stored.bytes == crlf, "the bytes signed are the bytes in force")

        var forged = apply
        forged["charterBytes"] = Data("<charter/>".utf8).base64EncodedString()
        let refused = try await admin.post("/console/n/uk-ireland/charter/apply", forged)
        #expect(refused.status >= 400, "what Apply carries is checked again, not trusted: \(refused.status)")
        #expect(try await setup.registry.charterDocument(network: "uk-ireland")?.bytes == crlf)
    }
}
