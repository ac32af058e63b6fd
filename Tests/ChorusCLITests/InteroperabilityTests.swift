import Foundation
import ChorusTestSupport
import Testing

/// Chorus against the real `minisign` and `xmllint` binaries.
@Suite struct InteroperabilityTests {
    @Test func minisignVerifiesEverySampleSignature() throws {
        guard let minisign = ExternalTool.find("minisign") else { return }
        let feeds = try Repository.sampleFeeds()
        #expect(feeds.count >= 15)
        for feed in feeds {
            let pub = feed.replacingOccurrences(of: ".xml", with: ".pub")
            let result = try Run.program(minisign, ["-V", "-p", pub, "-m", feed])
            #expect(result.status == 0, "\(feed): \(result.error)")
            #expect(result.output.contains("Trusted comment: chorus-feed v1 group=urn:uuid:"), "\(result.output)")
            let ours = try Run.chorus("feed", "verify", feed, "--pub", pub)
            #expect(ours.status == 0, "\(feed): \(ours.error)")
        }
    }

    @Test func minisignVerifiesAFreshChorusSignature() throws {
        guard let minisign = ExternalTool.find("minisign") else { return }
        let folder = try scratchDirectory()
        let feed = try copy(Repository.path("Federation/examples/minimal-annotated.xml"), into: folder, as: "feed.xml")
        try Run.chorus("key", "generate", "--out", folder)
        #expect(try Run.chorus("feed", "sign", feed, "--key", folder + "/group.key").status == 0)
        let result = try Run.program(minisign, ["-V", "-p", folder + "/group.pub", "-m", feed])
        #expect(result.status == 0, "\(result.error)")
        let tampered = folder + "/feed.xml"
        try (try String(contentsOfFile: feed, encoding: .utf8) + " ").write(toFile: tampered, atomically: true, encoding: .utf8)
        #expect(try Run.program(minisign, ["-V", "-p", folder + "/group.pub", "-m", tampered]).status != 0)
    }

    /// `chorus network delegate` with a network's key, checked by minisign and by `chorus network verify-delegation`,
    /// which names the problem in one line with its exit status when the statement is wrong.
    @Test func aDelegationMadeByChorusIsCheckedByMinisignAndByChorus() throws {
        let folder = try scratchDirectory()
        #expect(try Run.chorus("key", "generate", "--out", folder, "--name", "directory").status == 0)
        let made = try Run.chorus("network", "delegate", "uk-ireland", "--key", Repository.path("Feeds/keys/network-uk-ireland.key"),
                                  "--directory-key", folder + "/directory.pub", "--expires", "30d", "--out", folder)
        #expect(made.status == 0, "\(made.error)")
        #expect(try String(contentsOfFile: folder + "/delegation.pub", encoding: .utf8) == String(contentsOfFile: folder + "/directory.pub", encoding: .utf8))
        let pub = Repository.path("Feeds/keys/network-uk-ireland.pub")
        let checked = try Run.chorus("network", "verify-delegation", "uk-ireland", folder + "/delegation.pub", "--pub", pub)
        #expect(checked.status == 0 && checked.output.contains("delegates its directory to key"), "\(checked.error)")
        let otherNetwork = try Run.chorus("network", "verify-delegation", "usa", folder + "/delegation.pub", "--pub", pub)
        #expect(otherNetwork.status == 23 && otherNetwork.error.contains("claim.wrong-network") && otherNetwork.error.split(separator: "\n").count == 1)
        let later = try Run.chorus("network", "verify-delegation", "uk-ireland", folder + "/delegation.pub", "--pub", pub, "--now", "2099-01-01T00:00:00Z")
        #expect(later.status == 22 && later.error.contains("claim.expired"))
        let wrongKey = try Run.chorus("network", "verify-delegation", "uk-ireland", folder + "/delegation.pub", "--pub", Repository.path("Feeds/keys/network-usa.pub"))
        #expect(wrongKey.status == 15 && wrongKey.error.contains("signature.key-id-mismatch"))
        guard let minisign = ExternalTool.find("minisign") else { return }
        let verified = try Run.program(minisign, ["-V", "-p", pub, "-m", folder + "/delegation.pub"])
        #expect(verified.status == 0 && verified.output.contains("chorus-delegation v1 network=uk-ireland key="), "\(verified.error)")
    }

    @Test func chorusVerifiesWhatMinisignSigns() throws {
        guard let minisign = ExternalTool.find("minisign") else { return }
        let folder = try scratchDirectory()
        let feed = try copy(Repository.path("Federation/examples/minimal-annotated.xml"), into: folder, as: "feed.xml")
        let generate = try Run.program(minisign, ["-G", "-W", "-p", folder + "/m.pub", "-s", folder + "/m.key"])
        #expect(generate.status == 0, "\(generate.error)")
        let comment = "chorus-feed v1 group=urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-001122334455 seq=7 expires=2036-01-01T00:00:00Z"
        let signed = try Run.program(minisign, ["-S", "-l", "-s", folder + "/m.key", "-m", feed, "-t", comment])
        #expect(signed.status == 0, "\(signed.error)")
        let verified = try Run.chorus("feed", "verify", feed, "--pub", folder + "/m.pub")
        #expect(verified.status == 0, "\(verified.error)")
        #expect(verified.output.contains("seq     7"))

        // A minisign key also signs through chorus, and minisign signs with a chorus key.
        #expect(try Run.chorus("feed", "sign", feed, "--key", folder + "/m.key", "--seq", "8").status == 0)
        #expect(try Run.program(minisign, ["-V", "-p", folder + "/m.pub", "-m", feed]).status == 0)
        try Run.chorus("key", "generate", "--out", folder, "--name", "c")
        #expect(try Run.program(minisign, ["-S", "-l", "-s", folder + "/c.key", "-m", feed, "-t", comment.replacingOccurrences(of: "seq=7", with: "seq=9")]).status == 0)
        #expect(try Run.chorus("feed", "verify", feed, "--pub", folder + "/c.pub").status == 0)

        // minisign's default prehashed mode is refused with a hint.
        #expect(try Run.program(minisign, ["-S", "-s", folder + "/m.key", "-m", feed, "-t", comment]).status == 0)
        let prehashed = try Run.chorus("feed", "verify", feed, "--pub", folder + "/m.pub")
        #expect(prehashed.status == 14)
        #expect(prehashed.error.contains("minisign -S -l"))
    }

    /// Keys protected by a passphrase: minisign's own (scrypt N=2^20) sign through chorus, chorus's (N=2^16) sign
    /// through minisign, and a wrong or missing passphrase is refused in one line with nothing written.
    @Test func passphraseProtectedKeysWorkBothWays() async throws {
        guard let minisign = ExternalTool.find("minisign") else { return }
        let folder = try scratchDirectory()
        let feed = try copy(Repository.path("Federation/examples/minimal-annotated.xml"), into: folder, as: "feed.xml")
        let generate = try await Run.programAside(minisign, ["-G", "-p", folder + "/m.pub", "-s", folder + "/m.key"], input: "correct horse\ncorrect horse\n")
        #expect(generate.status == 0, "\(generate.error)")
        #expect(try String(contentsOfFile: folder + "/m.key", encoding: .utf8).contains("RWRTY0Iy"), "minisign wrote a protected key")

        let wrong = try await Run.programAside(Run.chorus, ["feed", "sign", feed, "--key", folder + "/m.key", "--seq", "3"], input: "wrong horse\n")
        #expect(wrong.status == 1)
        #expect(wrong.error.contains("the passphrase is not the one this secret key was protected with"), "\(wrong.error)")
        #expect(!FileManager.default.fileExists(atPath: feed + ".minisig"))
        let none = try await Run.programAside(Run.chorus, ["feed", "sign", feed, "--key", folder + "/m.key", "--seq", "3"], input: "")
        #expect(none.status == 1)
        #expect(none.error.contains("no passphrase was given"), "\(none.error)")

        let signed = try await Run.programAside(Run.chorus, ["feed", "sign", feed, "--key", folder + "/m.key", "--seq", "3"], input: "correct horse\n")
        #expect(signed.status == 0, "\(signed.error)")
        #expect(try await Run.programAside(minisign, ["-V", "-p", folder + "/m.pub", "-m", feed]).status == 0)

        let ours = try await Run.programAside(Run.chorus, ["key", "generate", "--out", folder, "--name", "c", "--passphrase"], input: "battery staple\n")
        #expect(ours.status == 0, "\(ours.error)")
        let comment = "chorus-feed v1 group=urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-001122334455 seq=9 expires=2036-01-01T00:00:00Z"
        let bySodium = try await Run.programAside(minisign, ["-S", "-l", "-s", folder + "/c.key", "-m", feed, "-t", comment], input: "battery staple\n")
        #expect(bySodium.status == 0, "minisign opens a key chorus protected: \(bySodium.error)")
        #expect(try await Run.chorusAsync("feed", "verify", feed, "--pub", folder + "/c.pub").status == 0)
    }

    @Test func everySampleFeedAndTheExampleValidateAgainstTheSchema() throws {
        guard let xmllint = ExternalTool.find("xmllint") else { return }
        let files = try Repository.sampleFeeds() + [Repository.path("Federation/examples/minimal-annotated.xml")]
        let result = try Run.program(xmllint, ["--noout", "--relaxng", Repository.path("Federation/schema/group-feed.rng")] + files)
        #expect(result.status == 0, "\(result.error)")
    }

    @Test func schemaRejectsWhatTheReaderRejects() throws {
        guard let xmllint = ExternalTool.find("xmllint") else { return }
        let folder = try scratchDirectory()
        let source = try String(contentsOfFile: Repository.path("Federation/examples/minimal-annotated.xml"), encoding: .utf8)
        let defects = [
            source.replacingOccurrences(of: "<g:access id=\"drop-in\"/>", with: "<g:access id=\"walk-in\"/>"),
            source.replacingOccurrences(of: "start-date=\"2026-01-06\"", with: "start-date=\"6 Jan 2026\""),
            source.replacingOccurrences(of: "<g:country>GB</g:country>", with: "<g:country>Britain</g:country>"),
        ]
        for (index, text) in defects.enumerated() {
            let path = folder + "/defect\(index).xml"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try Run.program(xmllint, ["--noout", "--relaxng", Repository.path("Federation/schema/group-feed.rng"), path])
            #expect(result.status != 0, "defect \(index) passed the schema")
            #expect(try Run.chorus("feed", "lint", path).status == 1)
        }
    }
}
