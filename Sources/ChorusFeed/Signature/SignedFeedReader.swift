import Foundation

/// A signed feed that passed every check: its verified bytes and what they say.
public struct AcceptedFeed: Sendable {
    public let verified: VerifiedFeed
    public let feed: GroupFeed
    public let warnings: [FeedProblem]
}

/// Why a signed feed was refused: its signature, or the verified bytes themselves.
public enum SignedFeedRejection: Error, Sendable, CustomStringConvertible {
    case signature(SignatureError)
    case feed(FeedProblem)

    public var code: String {
        switch self {
        case .signature(let error): error.code.rawValue
        case .feed(let problem): problem.code
        }
    }

    public var description: String {
        switch self {
        case .signature(let error): error.description
        case .feed(let problem): problem.description
        }
    }
}

/// The whole acceptance path, in the one order allowed: verify the bytes, parse only those bytes,
/// check them, and check that the feed is the group the signature names.
public enum SignedFeedReader {
    public static func read(
        _ bytes: Data, signatureFile: String, publicKey: MinisignPublicKey, context: VerificationContext,
        limits: FeedLimits = .standard
    ) throws(SignedFeedRejection) -> AcceptedFeed {
        let verified: VerifiedFeed
        do { verified = try FeedVerifier.verify(bytes, signatureFile: signatureFile, publicKey: publicKey, context: context) } catch {
            throw .signature(error)
        }
        let report = FeedReader.check(verified.bytes, limits: limits)
        if let first = report.errors.first { throw .feed(first) }
        guard let feed = report.feed else { throw .feed(FeedProblem(code: "feed.invalid", "the feed could not be read")) }
        guard feed.id == verified.claim.groupID else {
            throw .signature(SignatureError(.claimWrongGroup, "the signature is for group \(verified.claim.groupID) but the feed's id is \(feed.id)"))
        }
        return AcceptedFeed(verified: verified, feed: feed, warnings: report.warnings)
    }
}
