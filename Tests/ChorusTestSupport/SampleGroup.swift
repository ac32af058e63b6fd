import ChorusFeed
import Foundation

/// One of the sample groups in `Feeds/`, with its sample-only secret key, to sign new versions of its feed.
public struct SampleGroup: Sendable {
    public let name: String
    public let bytes: Data
    public let feed: GroupFeed
    public let secretKey: MinisignSecretKey

    public init(_ name: String) throws {
        self.name = name
        bytes = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Feeds/\(name).xml")))
        feed = try FeedReader.read(bytes)
        secretKey = try MinisignSecretKey(fileContents: String(decoding: try Data(contentsOf: URL(fileURLWithPath: Repository.path("Feeds/keys/\(name).key"))), as: UTF8.self))
    }

    public var id: String { feed.id }
    public var publicKey: MinisignPublicKey { secretKey.publicKey }
    public var publicKeyFile: String { publicKey.fileContents }

    /// The feed with a different `<updated>` time, so each version has its own bytes.
    public func version(_ n: Int) -> Data {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let range = text.range(of: #"<updated>[^<]+</updated>"#, options: .regularExpression) else { return bytes }
        let minute = String(format: "%02d", n % 60)
        return Data(text.replacingCharacters(in: range, with: "<updated>2026-11-01T10:\(minute):00Z</updated>").utf8)
    }

    /// A signature file for `bytes` with the given seq, valid for a year from `now` unless `expires` says otherwise.
    public func sign(_ bytes: Data, seq: UInt64, expires: Date = Date().addingTimeInterval(365 * 86_400),
                     with key: MinisignSecretKey? = nil, group: String? = nil) throws -> String {
        let claim = FeedClaim(groupID: group ?? id, sequence: seq, expires: expires)
        return try FeedSigner.sign(bytes, with: key ?? secretKey, claim: claim).fileContents
    }
}
