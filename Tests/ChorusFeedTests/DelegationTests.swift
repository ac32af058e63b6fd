import ChorusFeed
import Foundation
import Testing

/// A network's key delegates the signing of its directory to a registry's key; every way that link can be wrong is
/// refused with its own code.
@Suite struct DelegationTests {
    let network = MinisignSecretKey.generate()
    let directory = MinisignSecretKey.generate()
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var until: Date { now.addingTimeInterval(180 * 86_400) }

    func statement(network slug: String = "uk-ireland", expires: Date? = nil) throws -> (keyFile: Data, signature: String) {
        let (keyFile, signature) = try DelegationStatement.sign(directoryKey: directory.publicKey, network: slug, expires: expires ?? until, with: network)
        return (keyFile, signature.fileContents)
    }

    func code(_ keyFile: Data, _ signature: String, networkKey: MinisignPublicKey? = nil, slug: String = "uk-ireland", at: Date? = nil) -> String? {
        do {
            _ = try DelegationStatement.verify(keyFile: keyFile, signatureFile: signature, networkKey: networkKey ?? network.publicKey,
                                               network: slug, now: at ?? now)
            return nil
        } catch { return error.code.rawValue }
    }

    @Test func aGoodStatementNamesTheDirectoryKeyUntilItExpires() throws {
        let (keyFile, signature) = try statement()
        let delegated = try DelegationStatement.verify(keyFile: keyFile, signatureFile: signature, networkKey: network.publicKey, network: "uk-ireland", now: now)
        #expect(delegated.key == directory.publicKey)
        #expect(Timestamp.format(delegated.expires) == Timestamp.format(until))
        #expect(String(decoding: keyFile, as: UTF8.self) == directory.publicKey.fileContents, "the statement signs the key file byte for byte")
        #expect(signature.contains("trusted comment: chorus-delegation v1 network=uk-ireland key=\(directory.publicKey.keyIDHex) expires="))
    }

    @Test func everyWrongLinkHasItsCode() throws {
        let (keyFile, signature) = try statement()
        #expect(code(keyFile, signature, networkKey: MinisignSecretKey.generate().publicKey) == "signature.key-id-mismatch", "another network's key")
        #expect(code(Data(MinisignSecretKey.generate().publicKey.fileContents.utf8), signature) == "signature.invalid", "another key file put in its place")
        #expect(code(keyFile, signature, slug: "usa") == "claim.wrong-network")
        #expect(code(keyFile, signature, at: until) == "claim.expired", "expired at the instant named")
        #expect(code(keyFile, String(signature.prefix(60))) == "signature.truncated" || code(keyFile, String(signature.prefix(60))) == "signature.malformed")

        let feedClaim = FeedClaim(groupID: "urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-001122334455", sequence: 1, expires: until).trustedComment
        let asFeed = try MinisignSignature.sign(keyFile, with: network, trustedComment: feedClaim).fileContents
        #expect(code(keyFile, asFeed) == "claim.malformed", "a feed signature is never a delegation")
        let namesAnother = DelegationClaim(network: "uk-ireland", keyID: MinisignSecretKey.generate().publicKey.keyIDHex, expires: until).trustedComment
        let mismatched = try MinisignSignature.sign(keyFile, with: network, trustedComment: namesAnother).fileContents
        #expect(code(keyFile, mismatched) == "claim.wrong-key")
        #expect(code(Data("not a key\n".utf8), try MinisignSignature.sign(Data("not a key\n".utf8), with: network, trustedComment: DelegationClaim(
            network: "uk-ireland", keyID: directory.publicKey.keyIDHex, expires: until).trustedComment).fileContents) == "key.malformed")
    }

    @Test func claimsReadBackAndRefuseEveryOtherShape() throws {
        let delegation = DelegationClaim(network: "uk-ireland", keyID: "C447B2C613D05919", expires: until)
        #expect(try DelegationClaim(trustedComment: delegation.trustedComment) == DelegationClaim(network: "uk-ireland", keyID: "C447B2C613D05919",
                                                                                                    expires: Timestamp.parse(Timestamp.format(until))!))
        let directoryClaim = DirectoryClaim(network: "uk-ireland", sequence: 42, expires: until)
        #expect(try DirectoryClaim(trustedComment: directoryClaim.trustedComment).sequence == 42)
        let expires = Timestamp.format(until)
        for comment in [
            "chorus-delegation v1 network=uk-ireland key=C447B2C613D05919",
            "chorus-delegation v1  network=uk-ireland key=C447B2C613D05919 expires=\(expires)",
            "chorus-delegation v1 network=uk-ireland network=x expires=\(expires)",
            "chorus-delegation v1 network=uk-ireland key=C447B2C6 expires=\(expires)",
            "chorus-delegation v1 network=uk-ireland key=C447B2C613D05919 expires=tomorrow",
            "chorus-delegation v2 network=uk-ireland key=C447B2C613D05919 expires=\(expires)",
            "chorus-directory v1 network=uk-ireland key=C447B2C613D05919 expires=\(expires)",
        ] {
            #expect(throws: SignatureError.self, "\(comment)") { try DelegationClaim(trustedComment: comment) }
        }
        for comment in [
            "chorus-directory v1 network=uk-ireland seq=-1 expires=\(expires)",
            "chorus-directory v1 network=uk-ireland seq=1 expires=\(expires) extra=1",
            delegation.trustedComment,
            "chorus-feed v1 group=x seq=1 expires=\(expires)",
        ] {
            #expect(throws: SignatureError.self, "\(comment)") { try DirectoryClaim(trustedComment: comment) }
        }
    }
}

/// The committed delegation vectors (`Federation/test-vectors/delegation/`), read as another implementation would.
@Suite struct DelegationVectorTests {
    struct Manifest: Decodable {
        struct Case: Decodable {
            struct Context: Decodable {
                let now: String
                let network: String
            }
            let name: String
            let keyFile: String
            let signature: String
            let networkKey: String
            let context: Context
            let expect: String
            let code: String?
            let delegatedKeyId: String?
        }
        let format: String
        let cases: [Case]
    }

    @Test func everyVectorGivesItsExpectedVerdict() throws {
        let folder = "Federation/test-vectors/delegation/"
        let manifest = try JSONDecoder().decode(Manifest.self, from: try Repository.data(folder + "manifest.json"))
        #expect(manifest.format == "chorus-delegation-test-vectors v1")
        var codesSeen: Set<String> = []
        for vector in manifest.cases {
            let networkKey = try MinisignPublicKey(fileContents: try Repository.text(folder + vector.networkKey))
            let keyFile = try Repository.data(folder + vector.keyFile)
            let signature = try Repository.text(folder + vector.signature)
            let now = try #require(Timestamp.parse(vector.context.now))
            do {
                let delegated = try DelegationStatement.verify(keyFile: keyFile, signatureFile: signature, networkKey: networkKey,
                                                               network: vector.context.network, now: now)
                #expect(vector.expect == "accept", "\(vector.name) was accepted but should fail with \(vector.code ?? "?")")
                #expect(delegated.key.keyIDHex == vector.delegatedKeyId, "\(vector.name)")
            } catch {
                #expect(vector.expect == "reject", "\(vector.name) was rejected: \(error)")
                #expect(error.code.rawValue == vector.code, "\(vector.name): got \(error.code.rawValue)")
                codesSeen.insert(error.code.rawValue)
            }
        }
        for required in ["signature.key-id-mismatch", "signature.invalid", "claim.malformed", "claim.wrong-network", "claim.wrong-key", "claim.expired"] {
            #expect(codesSeen.contains(required), "no vector rejects with \(required)")
        }
    }
}
