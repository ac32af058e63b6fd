import Crypto
import Foundation

/// Feed bytes whose signature, group, order and freshness were all checked. These are the only bytes to parse.
public struct VerifiedFeed: Sendable {
    public let bytes: Data
    public let claim: FeedClaim
    public let keyID: String
    public let signature: MinisignSignature
    /// True when these are the same bytes and seq as the last accepted feed.
    public let isRepeat: Bool

    public var digest: String { FeedDigest.sha256(bytes) }
}

/// What the verifier knows of a group before a new feed arrives.
public struct VerificationContext: Sendable {
    public var expectedGroupID: String?
    public var lastAcceptedSequence: UInt64?
    /// The SHA-256 (hex) of the last accepted bytes, to tell an honest repeat from a conflicting replay.
    public var lastAcceptedDigest: String?
    /// A floor for seq, as `chorus feed verify --min-seq` gives it; checked whenever it is set.
    public var minimumSequence: UInt64?
    public var now: Date

    public init(
        expectedGroupID: String? = nil, lastAcceptedSequence: UInt64? = nil, lastAcceptedDigest: String? = nil,
        minimumSequence: UInt64? = nil, now: Date = Date()
    ) {
        self.expectedGroupID = expectedGroupID
        self.lastAcceptedSequence = lastAcceptedSequence
        self.lastAcceptedDigest = lastAcceptedDigest
        self.minimumSequence = minimumSequence
        self.now = now
    }
}

/// Verifies signed feed bytes before any parsing, in the order `Federation/signatures.md` gives.
public enum FeedVerifier {
    public static func verify(
        _ bytes: Data, signatureFile: String, publicKey: MinisignPublicKey, context: VerificationContext
    ) throws(SignatureError) -> VerifiedFeed {
        let signature = try MinisignSignature(fileContents: signatureFile)
        try signature.verify(bytes, with: publicKey)
        let claim = try FeedClaim(trustedComment: signature.trustedComment)
        if let expected = context.expectedGroupID, claim.groupID != expected {
            throw SignatureError(.claimWrongGroup, "the signature is for group \(claim.groupID), not \(expected)")
        }
        if claim.expires <= context.now {
            throw SignatureError(.claimExpired, "the signature expired at \(Timestamp.format(claim.expires))")
        }
        if let minimum = context.minimumSequence, claim.sequence < minimum {
            throw SignatureError(.claimRollback, "seq \(claim.sequence) is lower than the required minimum \(minimum)")
        }
        var isRepeat = false
        if let last = context.lastAcceptedSequence {
            if claim.sequence < last {
                throw SignatureError(.claimRollback, "seq \(claim.sequence) is lower than the last accepted seq \(last)")
            }
            if claim.sequence == last {
                let digest = FeedDigest.sha256(bytes)
                guard let lastDigest = context.lastAcceptedDigest, lastDigest == digest else {
                    throw SignatureError(.claimReplay, "seq \(claim.sequence) was already accepted with different bytes; sign the new feed with a higher seq")
                }
                isRepeat = true
            }
        }
        return VerifiedFeed(bytes: bytes, claim: claim, keyID: publicKey.keyIDHex, signature: signature, isRepeat: isRepeat)
    }
}

/// Signs feed bytes with a group's key.
public enum FeedSigner {
    public static func sign(_ bytes: Data, with key: MinisignSecretKey, claim: FeedClaim) throws -> MinisignSignature {
        try MinisignSignature.sign(bytes, with: key, trustedComment: claim.trustedComment,
                                   untrustedComment: "signature from chorus secret key \(KeyID.hex(key.keyID))")
    }
}

public enum FeedDigest {
    public static func sha256(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }
}
