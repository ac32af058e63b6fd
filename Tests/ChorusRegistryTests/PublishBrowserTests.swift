import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

extension MachineHeavyTests {
/// The browser publisher end to end in real Chromium (`Tests/Browser/publish_flow.py`), then what it made checked
/// with the real `minisign` and with `chorus`: its signature, its protected key file, and a key from `minisign -G`.
@Suite struct PublishBrowserTests {
    @Test func aNewGroupPublishesFromAPhoneAndByKeyboardWithAKeyMadeInTheBrowser() async throws {
        guard ExternalTool.find("chromium") != nil, ExternalTool.find("chromedriver") != nil, let python = ExternalTool.find("python3"),
              ExternalTool.pythonModule("selenium", package: "selenium"), let minisign = ExternalTool.find("minisign") else { return }
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "uk-ireland", name: "Voices of the UK and Ireland", policy: .open)
        try await test.registry.createNetwork(slug: "usa", name: "Voices of the USA", policy: .approval)
        for slug in ["uk-ireland", "usa"] {
            let (bytes, signature) = try ComplianceTests.charter(slug)
            _ = try await test.registry.setCharter(network: slug, bytes: bytes, signature: signature)
        }
        let log = CapturedLog()
        let server = try await RunningServer.start(test.registry, logger: log.logger("server"))
        defer { Task { await server.stop() } }
        let folder = try scratchDirectory()
        let made = try await Run.programAside(minisign, ["-G", "-p", folder + "/m.pub", "-s", folder + "/m.key"], input: "minisign pass\nminisign pass\n")
        #expect(made.status == 0, "\(made.error)")
        let minisignKeyID = try MinisignPublicKey(fileContents: try String(contentsOfFile: folder + "/m.pub", encoding: .utf8)).keyIDHex

        let result = try await Run.programAside(python, [
            Repository.path("Tests/Browser/publish_flow.py"), "--base", server.base, "--screenshots", folder + "/shots", "--out", folder + "/out",
            "--open-network", "uk-ireland", "--open-network-name", "Voices of the UK", "--approval-network", "usa",
            "--minisign-key", folder + "/m.key", "--minisign-passphrase", "minisign pass", "--minisign-key-id", minisignKeyID,
        ])
        print(result.output.split(separator: "\n").filter { !$0.hasPrefix("ok:") }.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.output.split(separator: "\n").filter { $0.hasPrefix("FAIL") }.joined(separator: "\n"))\(result.error.suffix(1500))")
        #expect(result.output.contains("ok: keyboard: published and listed by keyboard"))
        #expect(result.output.contains("ok: phone: a key made by minisign -G (scrypt N=2^20) opens"))

        let pointer = folder + "/out/pointer"
        let verified = try await Run.programAside(minisign, ["-V", "-p", pointer + "/group.pub", "-m", pointer + "/feed.xml"])
        #expect(verified.status == 0 && verified.output.contains("chorus-feed v1 group=urn:uuid:"), "minisign verifies the browser's signature: \(verified.error)")
        #expect(try await Run.chorusAsync("feed", "verify", pointer + "/feed.xml", "--pub", pointer + "/group.pub").status == 0)
        #expect(try String(contentsOfFile: pointer + "/group.key", encoding: .utf8).contains("RWRTY0Iy"), "the key file is protected")
        let resigned = try await Run.programAside(Run.chorus, ["feed", "sign", pointer + "/feed.xml", "--key", pointer + "/group.key", "--seq", "99999999999"],
                                       input: "correct horse battery\n")
        #expect(resigned.status == 0, "chorus opens the browser's key file: \(resigned.error)")
        let comment = "chorus-feed v1 group=urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-001122334455 seq=7 expires=2036-01-01T00:00:00Z"
        let byMinisign = try await Run.programAside(minisign, ["-S", "-l", "-s", pointer + "/group.key", "-m", pointer + "/feed.xml", "-t", comment],
                                         input: "correct horse battery\n")
        #expect(byMinisign.status == 0, "minisign opens the browser's key file: \(byMinisign.error)")

        let approval = folder + "/out/approval"
        #expect(!MinisignSecretKey.isProtected(fileContents: try String(contentsOfFile: approval + "/group.key", encoding: .utf8)))
        let unprotected = try await Run.programAside(minisign, ["-S", "-l", "-s", approval + "/group.key", "-m", approval + "/feed.xml", "-t", comment])
        #expect(unprotected.status == 0, "minisign signs with the browser's unprotected key file: \(unprotected.error)")
        let bySwift = try await Run.chorusAsync("feed", "sign", approval + "/feed.xml", "--key", approval + "/group.key", "--seq", "99999999999")
        #expect(bySwift.status == 0, "chorus signs with the browser's unprotected key file: \(bySwift.error)")
        #expect(try await Run.programAside(minisign, ["-V", "-p", approval + "/group.pub", "-m", approval + "/feed.xml"]).status == 0)
        let waiting = try await test.registry.groups(network: "usa").filter { $0.title == "Hillside Voices" }
        #expect(waiting.count == 1 && waiting.first?.membership == .pendingApproval, "the approval network holds the new group")
        if let pinned = waiting.first?.pinnedKey {
            #expect(result.output.contains("the page gave the fingerprint \(pinned.fingerprint)"), "the group is told the fingerprint the volunteers see")
        }
        if let group = waiting.first {
            #expect(try await http("GET", server.base + "/groups/\(group.groupId)").status == 404)
            #expect(try await test.registry.approve(network: "usa", groupId: group.groupId) == .active)
            #expect(try await http("GET", server.base + "/groups/\(group.groupId)").status == 200, "approved, it is listed")
        }
        let riverside = try #require(try await test.registry.groups(network: "uk-ireland").first { $0.title == "Riverside Voices" })
        let newKey = try MinisignPublicKey(fileContents: try String(contentsOfFile: pointer + "/group-new.pub", encoding: .utf8))
        let mirrored = try await http("GET", server.base + "/mirror/\(riverside.groupId)/feed.xml.minisig")
        #expect(try MinisignSignature(fileContents: mirrored.body).keyID == newKey.keyID, "after the change of key, the new key signs what is listed")
        let page = try await http("GET", server.base + "/groups/\(riverside.groupId)")
        #expect(page.body.contains("No meeting that Monday") && page.body.contains("soft chairs"))
        let audit = try await test.registry.auditLog(network: "uk-ireland").map(\.action)
        #expect(audit.contains("group.enrol-request"))
        let listed = try await test.registry.groups(network: "uk-ireland").map(\.title)
        #expect(listed.contains("Riverside Voices") && listed.contains("Keyboard Voices"))
        #expect(!log.text.contains("Tea and biscuits") && !log.text.contains("soft chairs"), "nothing of a draft is logged")
    }
}
}
