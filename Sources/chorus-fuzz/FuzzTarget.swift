import ChorusCharter
import ChorusFeed
import ChorusRegistry
import ChorusServer
import Foundation

/// The inputs a stranger controls, each read the way the registry reads it. A target must never crash, hang or
/// leak, whatever the bytes; what it returns does not matter.
enum FuzzTarget: String, CaseIterable {
    /// A feed's bytes, checked, and read as a signed feed with a signature made over exactly those bytes.
    case feed
    /// A `.minisig` file and feed bytes, split at the first NUL byte, verified against a fixed key.
    case signedFeed = "signed-feed"
    case charter
    /// Minisign public and secret key files and a key's base64 line.
    case key
    /// A `.minisig` file, and its trusted comment as a feed claim.
    case signature
    /// A search's query string.
    case search
    /// A GeoNames table and an admin-codes table.
    case gazetteer
    /// The JSON body of a push.
    case push

    static let secretKey = MinisignSecretKey.generate()

    func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .feed:
            _ = FeedReader.check(data)
            if let signature = try? MinisignSignature.sign(data, with: Self.secretKey, trustedComment: Self.claim) {
                _ = try? SignedFeedReader.read(data, signatureFile: signature.fileContents, publicKey: Self.secretKey.publicKey, context: Self.context)
            }
        case .signedFeed:
            let parts = data.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
            let signature = String(decoding: parts[0], as: UTF8.self)
            let bytes = parts.count > 1 ? Data(parts[1]) : Data()
            _ = try? SignedFeedReader.read(bytes, signatureFile: signature, publicKey: Self.secretKey.publicKey, context: Self.context)
        case .charter:
            _ = CharterReader.check(data)
        case .key:
            _ = try? MinisignPublicKey(fileContents: text)
            _ = try? MinisignPublicKey(base64: text)
            _ = try? MinisignSecretKey(fileContents: text)
        case .signature:
            if let signature = try? MinisignSignature(fileContents: text) { _ = try? FeedClaim(trustedComment: signature.trustedComment) }
            _ = try? FeedClaim(trustedComment: text)
        case .search:
            _ = SearchInput.problem(in: "/search?" + text)
        case .gazetteer:
            _ = try? GazetteerFile(data)
            _ = try? GazetteerFile.regionNames(data)
        case .push:
            if let push = try? JSONDecoder().decode(PushRequest.self, from: data), let bytes = Data(base64Encoded: push.feed) {
                _ = try? SignedFeedReader.read(bytes, signatureFile: push.signature, publicKey: Self.secretKey.publicKey, context: Self.context)
            }
        }
    }

    static let claim = "chorus-feed v1 group=urn:uuid:3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f seq=2 expires=2100-01-01T00:00:00Z"
    static let context = VerificationContext(expectedGroupID: "urn:uuid:3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                                             lastAcceptedSequence: 1, lastAcceptedDigest: nil, now: Date(timeIntervalSince1970: 1_780_000_000))
}
