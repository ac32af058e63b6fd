@testable import ChorusFeed
import Foundation
import Testing

@Suite struct SignatureTests {
    let key = MinisignSecretKey.generate()
    let claim = FeedClaim(groupID: "urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-001122334455", sequence: 10, expires: instant("2030-01-01T00:00:00Z"))
    let now = instant("2027-01-01T00:00:00Z")

    func signed() throws -> (Data, String) {
        let bytes = try Example.bytes
        return (bytes, try FeedSigner.sign(bytes, with: key, claim: claim).fileContents)
    }

    func rejection(_ bytes: Data, _ signature: String, publicKey: MinisignPublicKey? = nil, context: VerificationContext? = nil) -> SignatureError.Code? {
        do {
            _ = try FeedVerifier.verify(bytes, signatureFile: signature, publicKey: publicKey ?? key.publicKey, context: context ?? VerificationContext(now: now))
            return nil
        } catch {
            return error.code
        }
    }

    @Test func blake2bMatchesRFC7693() {
        let digest = Blake2b.hash(Array("abc".utf8), outputLength: 64)
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        #expect(hex == "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923")
        let long = Blake2b.hash([UInt8](repeating: 0x61, count: 300), outputLength: 32)
        #expect(long.count == 32)
    }

    @Test func keyFilesRoundTrip() throws {
        let again = try MinisignSecretKey(fileContents: key.fileContents)
        #expect(again.publicKey == key.publicKey)
        let publicKey = try MinisignPublicKey(fileContents: key.publicKey.fileContents)
        #expect(publicKey == key.publicKey)
        #expect(key.publicKey.fileContents.hasPrefix("untrusted comment: minisign public key \(key.publicKey.keyIDHex)\n"))
    }

    @Test func damagedSecretKeyIsRefused() throws {
        var lines = key.fileContents.split(separator: "\n").map(String.init)
        var raw = Array(Data(base64Encoded: lines[1])!)
        raw[70] ^= 0xFF
        lines[1] = Data(raw).base64EncodedString()
        #expect(throws: SignatureError(.keyChecksum, "the secret key's checksum does not match; the file is damaged")) {
            try MinisignSecretKey(fileContents: lines.joined(separator: "\n"))
        }
    }

    @Test func signAndVerify() throws {
        let (bytes, signature) = try signed()
        let verified = try FeedVerifier.verify(bytes, signatureFile: signature, publicKey: key.publicKey, context: VerificationContext(expectedGroupID: claim.groupID, now: now))
        #expect(verified.bytes == bytes)
        #expect(verified.claim == claim)
        #expect(!verified.isRepeat)
    }

    @Test func everyRejection() throws {
        let (bytes, signature) = try signed()
        var tampered = bytes
        tampered[100] ^= 0x20
        #expect(rejection(tampered, signature) == .signatureInvalid)
        #expect(rejection(bytes, signature, publicKey: MinisignSecretKey.generate().publicKey) == .keyIDMismatch)
        #expect(rejection(bytes, signature, context: VerificationContext(expectedGroupID: "urn:uuid:00000000-0000-4000-8000-000000000000", now: now)) == .claimWrongGroup)
        #expect(rejection(bytes, signature, context: VerificationContext(lastAcceptedSequence: 11, now: now)) == .claimRollback)
        #expect(rejection(bytes, signature, context: VerificationContext(lastAcceptedSequence: 10, lastAcceptedDigest: "00", now: now)) == .claimReplay)
        #expect(rejection(bytes, signature, context: VerificationContext(lastAcceptedSequence: 10, lastAcceptedDigest: FeedDigest.sha256(bytes), now: now)) == nil)
        #expect(rejection(bytes, signature, context: VerificationContext(minimumSequence: 11, now: now)) == .claimRollback)
        #expect(rejection(bytes, signature, context: VerificationContext(now: instant("2031-01-01T00:00:00Z"))) == .claimExpired)
        let edited = signature.replacingOccurrences(of: "seq=10", with: "seq=11")
        #expect(rejection(bytes, edited) == .trustedCommentInvalid)
        let untrusted = signature.replacingOccurrences(of: "untrusted comment: signature from", with: "untrusted comment: anything at all")
        #expect(rejection(bytes, untrusted) == nil)
        #expect(rejection(bytes, String(signature.prefix(40))) == .signatureTruncated)
        #expect(rejection(bytes, "") == .signatureTruncated)
        #expect(rejection(bytes, "hello\nworld\nthis\nis not a signature\n") == .signatureMalformed)
    }

    @Test func signedBytesForAnotherGroupsFeedAreRefused() throws {
        let bytes = try Example.replacing("6f1c2d3e-4b5a-4c6d-8e7f-001122334455</id>", with: "00000000-0000-4000-8000-000000000001</id>")
        let signature = try FeedSigner.sign(bytes, with: key, claim: claim).fileContents
        #expect(throws: SignedFeedRejection.self) {
            try SignedFeedReader.read(bytes, signatureFile: signature, publicKey: key.publicKey, context: VerificationContext(now: now))
        }
        let accepted = try SignedFeedReader.read(try Example.bytes, signatureFile: try signed().1, publicKey: key.publicKey, context: VerificationContext(now: now))
        #expect(accepted.feed.id == claim.groupID)
    }

    @Test func signedButInvalidFeedIsRefusedAfterVerification() throws {
        let bytes = try Example.replacing("FREQ=WEEKLY;BYDAY=TU", with: "FREQ=DAILY")
        let signature = try FeedSigner.sign(bytes, with: key, claim: claim).fileContents
        do {
            _ = try SignedFeedReader.read(bytes, signatureFile: signature, publicKey: key.publicKey, context: VerificationContext(now: now))
            Issue.record("accepted an invalid feed")
        } catch {
            #expect(error.code == "schedule.rrule-unsupported")
        }
    }

    @Test func claimsAreParsedStrictly() {
        #expect(throws: SignatureError.self) { try FeedClaim(trustedComment: "timestamp:1700000000\tfile:feed.xml") }
        #expect(throws: SignatureError.self) { try FeedClaim(trustedComment: "chorus-feed v1 group=a seq=-1 expires=2030-01-01T00:00:00Z") }
        #expect(throws: SignatureError.self) { try FeedClaim(trustedComment: "chorus-feed v2 group=a seq=1 expires=2030-01-01T00:00:00Z") }
        #expect(throws: SignatureError.self) { try FeedClaim(trustedComment: "chorus-feed v1 group=a seq=1 expires=soon") }
        #expect((try? FeedClaim(trustedComment: claim.trustedComment)) == claim)
    }

    @Test func everyCodeHasItsOwnExitStatusAndIsDocumented() throws {
        let statuses = SignatureError.Code.allCases.map(\.exitCode)
        #expect(Set(statuses).count >= 13)
        let spec = try Repository.text("Federation/signatures.md")
        for code in SignatureError.Code.allCases {
            #expect(spec.contains("`\(code.rawValue)`"), "signatures.md does not list \(code.rawValue)")
        }
    }
}

/// The published vectors in `Federation/test-vectors/`, checked exactly as another implementation would.
@Suite struct SignatureTestVectorTests {
    struct Manifest: Decodable {
        struct Case: Decodable {
            struct Context: Decodable {
                let now: String
                let group: String?
                let lastSeq: UInt64?
                let lastDigest: String?
            }
            let name: String
            let feed: String
            let signature: String
            let publicKey: String
            let context: Context
            let expect: String
            let code: String?
        }
        let cases: [Case]
    }

    @Test func everyVectorGivesItsExpectedVerdict() throws {
        let folder = "Federation/test-vectors/"
        let manifest = try JSONDecoder().decode(Manifest.self, from: try Repository.data(folder + "manifest.json"))
        #expect(manifest.cases.count >= 20)
        var codesSeen: Set<String> = []
        for vector in manifest.cases {
            let publicKey = try MinisignPublicKey(fileContents: try Repository.text(folder + vector.publicKey))
            let context = VerificationContext(
                expectedGroupID: vector.context.group, lastAcceptedSequence: vector.context.lastSeq,
                lastAcceptedDigest: vector.context.lastDigest, now: try #require(Timestamp.parse(vector.context.now)))
            let bytes = try Repository.data(folder + vector.feed)
            let signature = try Repository.text(folder + vector.signature)
            do {
                _ = try SignedFeedReader.read(bytes, signatureFile: signature, publicKey: publicKey, context: context)
                #expect(vector.expect == "accept", "\(vector.name) was accepted but should fail with \(vector.code ?? "?")")
            } catch {
                #expect(vector.expect == "reject", "\(vector.name) was rejected: \(error)")
                #expect(error.code == vector.code, "\(vector.name): got \(error.code)")
                codesSeen.insert(error.code)
            }
        }
        for required in ["signature.prehashed", "signature.base64", "signature.truncated", "signature.key-id-mismatch", "signature.invalid",
                         "signature.trusted-comment-invalid", "claim.malformed", "claim.wrong-group", "claim.rollback", "claim.replay", "claim.expired"] {
            #expect(codesSeen.contains(required), "no vector rejects with \(required)")
        }
    }

    /// With light scrypt parameters (N=2^10), so that this test holds none of Swift's few threads for long; the
    /// interoperability tests use the real ones.
    @Test func aProtectedKeyOpensOnlyWithItsPassphrase() throws {
        let key = MinisignSecretKey.generate()
        let light = MinisignKeyProtection(opsLimit: 32_768, memLimit: 16 << 20)
        let file = key.file(passphrase: "correct horse battery", protection: light)
        #expect(MinisignSecretKey.isProtected(fileContents: file))
        #expect(!MinisignSecretKey.isProtected(fileContents: key.fileContents))
        #expect(file.contains("RWRTY0Iy"), "Ed, Sc, B2")
        let opened = try MinisignSecretKey(fileContents: file, passphrase: "correct horse battery")
        #expect(opened.publicKey == key.publicKey)
        #expect(throws: SignatureError(.keyPassphrase, "the passphrase is not the one this secret key was protected with")) {
            try MinisignSecretKey(fileContents: file, passphrase: "correct horse battery ")
        }
        #expect(throws: SignatureError(.keyEncrypted, "the secret key is protected by a passphrase; give the passphrase")) {
            try MinisignSecretKey(fileContents: file)
        }
        #expect(file != key.file(passphrase: "correct horse battery", protection: light), "a fresh salt each time")
    }

    @Test func scryptParametersFollowLibsodium() {
        #expect(MinisignKeyProtection.minisign.parameters == (20, 8, 1))
        #expect(MinisignKeyProtection.chorus.parameters == (16, 8, 1))
        #expect(MinisignKeyProtection(opsLimit: 524_288, memLimit: 16_777_216).parameters == (14, 8, 1))
        #expect(MinisignKeyProtection(opsLimit: 1_000, memLimit: 1 << 40).parameters == (10, 8, 1))
    }

    @Test func aKeyAskingForHugeScryptWorkIsRefusedUnopened() throws {
        let key = MinisignSecretKey.generate()
        var bytes = Array(Data(base64Encoded: key.file(passphrase: "pass phrase", protection: MinisignKeyProtection(opsLimit: 32_768, memLimit: 16 << 20)).split(separator: "\n")[1].description)!)
        for (offset, value) in [(38, UInt64(1) << 40), (46, UInt64(1) << 40)] {
            for index in 0..<8 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        }
        let hostile = "untrusted comment: x\n\(Data(bytes).base64EncodedString())\n"
        let error = #expect(throws: SignatureError.self) { try MinisignSecretKey(fileContents: hostile, passphrase: "pass phrase") }
        #expect(error?.code == .keyMalformed)
        #expect(error?.message.contains("N=2^") == true)
    }
}
