import ArgumentParser
import ChorusFeed
import Foundation

struct FeedVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a feed's signature (FILE.minisig) with the group's public key, then check the feed.",
        discussion: """
            Prints the group id, seq and expiry. On a rejection it prints one line and exits with the code of \
            the reason: 10 key, 11 signature file malformed, 12 bad base64, 13 truncated, 14 prehashed, \
            15 key id mismatch, 16 bytes do not match, 17 trusted comment changed, 18 claim malformed, \
            19 wrong group, 20 rollback, 21 replay, 22 expired, 23 the verified feed is invalid.
            """)

    @Argument(help: "The feed file.") var file: String
    @Option(help: "The group's public key file.") var pub: String
    @Option(help: "The signature file (default: FILE.minisig).") var signature: String?
    @Option(name: .customLong("min-seq"), help: "Reject a seq lower than this.") var minimumSequence: UInt64?
    @Option(help: "Require this group id in the signature.") var group: String?
    @Option(help: ArgumentHelp("Verify as if at this RFC 3339 time.", visibility: .hidden)) var now: InstantArgument?

    func run() throws {
        let bytes = try Files.read(file)
        let signatureText = try Files.readText(signature ?? file + ".minisig")
        let publicKey: MinisignPublicKey
        do { publicKey = try MinisignPublicKey(fileContents: try Files.readText(pub)) } catch let error as SignatureError {
            throw Console.fail("\(pub): \(error.code.rawValue): \(error.message)", code: error.code.exitCode)
        }
        let context = VerificationContext(expectedGroupID: group, minimumSequence: minimumSequence, now: now?.date ?? Date())
        do {
            let accepted = try SignedFeedReader.read(bytes, signatureFile: signatureText, publicKey: publicKey, context: context)
            print("good signature by key \(accepted.verified.keyID)")
            print("group   \(accepted.verified.claim.groupID)")
            print("seq     \(accepted.verified.claim.sequence)")
            print("expires \(Timestamp.format(accepted.verified.claim.expires))")
        } catch .signature(let error) {
            throw Console.fail("\(file): \(error.code.rawValue): \(error.message)", code: error.code.exitCode)
        } catch .feed(let problem) {
            throw Console.fail("signature good, but the feed is invalid: " + problem.located(in: file), code: 23)
        }
    }
}
