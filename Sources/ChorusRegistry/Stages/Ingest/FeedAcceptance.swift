import ChorusFeed
import Foundation

/// What the registry already trusts about a group when a new signed feed arrives.
public struct GroupTrust: Sendable {
    public var groupID: String
    public var pinnedKey: MinisignPublicKey?
    /// A next key the last accepted feed announced with `<g:next-key>`, signed by the pinned key.
    public var announcedKey: MinisignPublicKey?
    public var lastSequence: UInt64?
    public var lastDigest: String?

    public init(groupID: String, pinnedKey: MinisignPublicKey?, announcedKey: MinisignPublicKey? = nil,
                lastSequence: UInt64? = nil, lastDigest: String? = nil) {
        self.groupID = groupID
        self.pinnedKey = pinnedKey
        self.announcedKey = announcedKey
        self.lastSequence = lastSequence
        self.lastDigest = lastDigest
    }
}

/// The registry's verdict on one signed feed.
public enum FeedDecision: Sendable {
    /// New bytes, verified and valid. `rotatedTo` is set when the announced next key signed them.
    case accepted(AcceptedFeed, rotatedTo: MinisignPublicKey?)
    /// The same signed bytes as the last accepted feed.
    case unchanged
    case rejected(SignedFeedRejection)
}

/// Applies the pin, rotation, rollback and freeze rules of `Federation/signatures.md` to one arriving feed.
public enum FeedAcceptance {
    public static func decide(bytes: Data, signatureFile: String, trust: GroupTrust, now: Date) -> FeedDecision {
        guard let pinned = trust.pinnedKey else {
            return .rejected(.signature(SignatureError(.keyIDMismatch, "no key is pinned for group \(trust.groupID); an admin must confirm one")))
        }
        let signature: MinisignSignature
        do { signature = try MinisignSignature(fileContents: signatureFile) } catch {
            return .rejected(.signature(error))
        }
        var key = pinned
        var rotatedTo: MinisignPublicKey?
        if signature.keyID != pinned.keyID, let announced = trust.announcedKey, signature.keyID == announced.keyID {
            key = announced
            rotatedTo = announced
        }
        let context = VerificationContext(
            expectedGroupID: trust.groupID, lastAcceptedSequence: trust.lastSequence,
            lastAcceptedDigest: trust.lastDigest, now: now)
        do {
            let accepted = try SignedFeedReader.read(bytes, signatureFile: signatureFile, publicKey: key, context: context)
            if accepted.verified.isRepeat { return .unchanged }
            return .accepted(accepted, rotatedTo: rotatedTo)
        } catch {
            return .rejected(error)
        }
    }
}
