import Foundation
import ChorusTestSupport
import Testing

@Suite struct GroupToolTests {
    let example = Repository.path("Federation/examples/minimal-annotated.xml")

    @Test func keyGenerateWritesAPrivateSecretKeyAndRefusesToOverwrite() throws {
        let folder = try scratchDirectory()
        let first = try Run.chorus("key", "generate", "--out", folder, "--name", "riverside")
        #expect(first.status == 0, "\(first.error)")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/riverside.key")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: folder + "/riverside.pub", encoding: .utf8).hasPrefix("untrusted comment: minisign public key "))
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/riverside.key"))
        let second = try Run.chorus("key", "generate", "--out", folder, "--name", "riverside")
        #expect(second.status == 1)
        #expect(second.error.contains("already exists"))
        #expect(second.error.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/riverside.key")) == before)
    }

    @Test func lintPassesEverySampleAndReportsProblemsOnePerLine() throws {
        let clean = try Run.program(Run.chorus, ["feed", "lint"] + Repository.sampleFeeds() + [example])
        #expect(clean.status == 0, "\(clean.output)")
        #expect(!clean.output.contains("error:"))

        let folder = try scratchDirectory()
        let broken = folder + "/broken.xml"
        let text = try String(contentsOfFile: example, encoding: .utf8)
            .replacingOccurrences(of: "<g:access id=\"drop-in\"/>", with: "<g:access id=\"walk-in\"/>")
            .replacingOccurrences(of: "lat=\"53.4808\"", with: "lat=\"99\"")
        try text.write(toFile: broken, atomically: true, encoding: .utf8)
        let result = try Run.chorus("feed", "lint", broken)
        #expect(result.status == 1)
        let errors = result.lines.filter { $0.contains(": error: ") }
        #expect(errors.count == 2, "\(result.output)")
        let shape = #/^.+broken\.xml:\d+: (error|warning): [a-z0-9.-]+: .+$/#
        for line in result.lines { #expect(line.wholeMatch(of: shape) != nil, "\(line)") }
        #expect(errors[0].contains("broken.xml:19: error: vocabulary.unknown"))
        #expect(errors[1].contains("location.coordinates"))
    }

    @Test func lintUsageErrorExitsTwo() throws {
        #expect(try Run.chorus("feed", "lint").status == 2)
        #expect(try Run.chorus("feed", "lint", "--no-such-flag", example).status == 2)
    }

    @Test func signThenVerifyAndEveryRejectionHasItsOwnExitStatus() throws {
        let folder = try scratchDirectory()
        let feed = try copy(example, into: folder, as: "feed.xml")
        try Run.chorus("key", "generate", "--out", folder, "--name", "group")
        try Run.chorus("key", "generate", "--out", folder, "--name", "other")
        let signed = try Run.chorus("feed", "sign", feed, "--key", folder + "/group.key", "--seq", "42", "--expires", "30d", "--now", "2026-11-01T00:00:00Z")
        #expect(signed.status == 0, "\(signed.error)")
        let good = try Run.chorus("feed", "verify", feed, "--pub", folder + "/group.pub", "--now", "2026-11-02T00:00:00Z")
        #expect(good.status == 0, "\(good.error)")
        #expect(good.output.contains("seq     42"))
        #expect(good.output.contains("group   urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-001122334455"))
        #expect(good.output.contains("expires 2026-12-01T00:00:00Z"))

        func rejection(_ extra: [String], pub: String = "group.pub", file: String? = nil) throws -> (Int32, String) {
            let result = try Run.program(Run.chorus, ["feed", "verify", file ?? feed, "--pub", folder + "/" + pub, "--now", "2026-11-02T00:00:00Z"] + extra)
            #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
            return (result.status, result.error)
        }
        #expect(try rejection([], pub: "other.pub").0 == 15)
        #expect(try rejection(["--min-seq", "43"]).0 == 20)
        #expect(try rejection(["--group", "urn:uuid:00000000-0000-4000-8000-000000000000"]).0 == 19)
        let expired = try Run.chorus("feed", "verify", feed, "--pub", folder + "/group.pub", "--now", "2027-01-01T00:00:00Z")
        #expect(expired.status == 22)
        #expect(expired.error.contains("claim.expired"))

        let tampered = folder + "/tampered.xml"
        try String(contentsOfFile: feed, encoding: .utf8).replacingOccurrences(of: "19:00", with: "19:30").write(toFile: tampered, atomically: true, encoding: .utf8)
        let result = try Run.chorus("feed", "verify", tampered, "--pub", folder + "/group.pub", "--signature", feed + ".minisig", "--now", "2026-11-02T00:00:00Z")
        #expect(result.status == 16)
        #expect(result.error.contains("signature.invalid"))
    }

    @Test func signRefusesAFeedWithErrorsAndKeepsTheOldSignature() throws {
        let folder = try scratchDirectory()
        let feed = try copy(example, into: folder, as: "feed.xml")
        try Run.chorus("key", "generate", "--out", folder, "--name", "group")
        try Run.chorus("feed", "sign", feed, "--key", folder + "/group.key", "--seq", "1")
        let before = try String(contentsOfFile: feed + ".minisig", encoding: .utf8)
        try String(contentsOfFile: feed, encoding: .utf8).replacingOccurrences(of: "FREQ=WEEKLY", with: "FREQ=DAILY")
            .write(toFile: feed, atomically: true, encoding: .utf8)
        let result = try Run.chorus("feed", "sign", feed, "--key", folder + "/group.key", "--seq", "2")
        #expect(result.status == 1)
        #expect(result.error.contains("schedule.rrule-unsupported"))
        #expect(try String(contentsOfFile: feed + ".minisig", encoding: .utf8) == before)
    }

    @Test func showPrintsTheNextFiveDatesInLocalTimeWithCancellations() throws {
        let result = try Run.chorus("feed", "show", example, "--now", "2026-11-21T12:00:00Z")
        #expect(result.status == 0)
        #expect(result.output.contains("Tue 2026-11-24 19:00–20:30 GMT"))
        #expect(result.output.contains("Tue 2026-12-22 19:00–20:30 GMT  (cancelled)"))
        #expect(result.output.contains("Thu 2026-11-26 18:30–19:30 GMT"))
        #expect(result.output.contains("join link on request"))
        let tuesdays = result.lines.filter { $0.hasPrefix("  Tue ") }
        #expect(tuesdays.count == 5)
    }

    @Test func showNeverPrintsAWithheldAddress() throws {
        for feed in try Repository.sampleFeeds() {
            let result = try Run.chorus("feed", "show", feed, "--now", "2026-11-21T12:00:00Z")
            #expect(result.status == 0, "\(feed): \(result.error)")
        }
    }
}
