import ChorusCharter
import ChorusFeed
import ChorusTestSupport
import Foundation
import Testing

@Suite struct CharterSignatureTests {
    func networkKey(_ slug: String) throws -> MinisignPublicKey {
        try MinisignPublicKey(fileContents: try String(contentsOfFile: Repository.path("Feeds/keys/network-\(slug).pub"), encoding: .utf8))
    }

    func example(_ slug: String) throws -> (bytes: Data, signature: String) {
        let path = Repository.path("Federation/charters/\(slug).xml")
        return (try Data(contentsOf: URL(fileURLWithPath: path)), try String(contentsOfFile: path + ".minisig", encoding: .utf8))
    }

    @Test func everyExampleCharterIsSignedByItsSampleNetworkKey() throws {
        for slug in ["uk-ireland", "usa", "worldwide", "kenya"] {
            let (bytes, signature) = try example(slug)
            let charter = try SignedCharterReader.read(bytes, signatureFile: signature, publicKey: try networkKey(slug))
            #expect(charter.network == slug)
            #expect(try MinisignSignature(fileContents: signature).trustedComment == "chorus-charter v1 network=\(slug) version=\(charter.version)")
        }
    }

    @Test func wrongKeyTamperedBytesAndAnotherNetworksClaimAreRefused() throws {
        let (bytes, signature) = try example("usa")
        #expect(throws: SignedCharterRejection.self) { try SignedCharterReader.read(bytes, signatureFile: signature, publicKey: try networkKey("kenya")) }
        var tampered = bytes
        tampered[tampered.count / 2] ^= 0x20
        do {
            _ = try SignedCharterReader.read(tampered, signatureFile: signature, publicKey: try networkKey("usa"))
            Issue.record("tampered bytes were accepted")
        } catch {
            #expect("\(error)".hasPrefix("signature.invalid"))
        }
        let key = MinisignSecretKey.generate()
        let forged = try MinisignSignature.sign(bytes, with: key, trustedComment: "chorus-charter v1 network=kenya version=2026.1")
        do {
            _ = try SignedCharterReader.read(bytes, signatureFile: forged.fileContents, publicKey: key.publicKey)
            Issue.record("a claim for another network was accepted")
        } catch {
            #expect("\(error)".hasPrefix("claim.wrong-network"))
        }
        let feedClaim = try MinisignSignature.sign(bytes, with: key, trustedComment: "chorus-feed v1 group=x seq=1 expires=2030-01-01T00:00:00Z")
        #expect(throws: SignedCharterRejection.self) { try SignedCharterReader.read(bytes, signatureFile: feedClaim.fileContents, publicKey: key.publicKey) }
    }

    @Test func minisignVerifiesAChorusCharterSignature() throws {
        guard let minisign = ExternalTool.find("minisign") else { return }
        let result = try Run.program(minisign, ["-V", "-p", Repository.path("Feeds/keys/network-worldwide.pub"),
                                                "-m", Repository.path("Federation/charters/worldwide.xml")])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("chorus-charter v1 network=worldwide"))
    }

    @Test func theSchemaAcceptsEveryExampleAndRejectsAnUnknownId() throws {
        guard let xmllint = ExternalTool.find("xmllint") else { return }
        let schema = Repository.path("Federation/schema/charter.rng")
        let charters = ["uk-ireland", "usa", "worldwide", "kenya"].map { Repository.path("Federation/charters/\($0).xml") }
        let good = try Run.program(xmllint, ["--noout", "--relaxng", schema] + charters)
        #expect(good.status == 0, "\(good.error)")
        let directory = try scratchDirectory()
        let broken = directory + "/broken.xml"
        try charterXML(rules: rule(#"<commitment id="be-nice"/>"#)).write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(try Run.program(xmllint, ["--noout", "--relaxng", schema, broken]).status != 0)
        let ours = directory + "/ours.xml"
        try charterXML(rules: rule(#"<commitment id="peer-led"/>"#)).write(toFile: ours, atomically: true, encoding: .utf8)
        let accepted = try Run.program(xmllint, ["--noout", "--relaxng", schema, ours])
        #expect(accepted.status == 0, "the schema and the reader agree on a minimal charter: \(accepted.error)")
    }

    @Test func schemaListsEveryVocabularyIdTheReaderAccepts() throws {
        let schema = try String(contentsOfFile: Repository.path("Federation/schema/charter.rng"), encoding: .utf8)
        for term in Vocabulary.commitments.terms + Vocabulary.groundRules.terms + Vocabulary.settings.terms {
            #expect(schema.contains("<value>\(term.id)</value>"), "charter.rng does not allow \(term.id)")
        }
        for field in PresenceField.allCases.map(\.rawValue) + ValueField.allCases.map(\.rawValue) + CountSubject.allCases.map(\.rawValue) {
            #expect(schema.contains("<value>\(field)</value>"), "charter.rng does not allow \(field)")
        }
    }
}
