import Foundation

/// What a feed's signed trusted comment says: `chorus-feed v1 group=<id> seq=<n> expires=<RFC 3339>`.
public struct FeedClaim: Sendable, Equatable {
    public let groupID: String
    public let sequence: UInt64
    public let expires: Date

    public init(groupID: String, sequence: UInt64, expires: Date) {
        self.groupID = groupID
        self.sequence = sequence
        self.expires = expires
    }

    public var trustedComment: String {
        "chorus-feed v1 group=\(groupID) seq=\(sequence) expires=\(Timestamp.format(expires))"
    }

    public init(trustedComment: String) throws(SignatureError) {
        let fields = trustedComment.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0] == "chorus-feed", fields[1] == "v1" else {
            throw SignatureError(.claimMalformed, "the trusted comment is not 'chorus-feed v1 group=… seq=… expires=…': '\(trustedComment.prefix(120))'")
        }
        var values: [String: String] = [:]
        for field in fields.dropFirst(2) {
            let pair = field.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { throw SignatureError(.claimMalformed, "trusted comment field '\(field)' is not NAME=VALUE") }
            values[String(pair[0])] = String(pair[1])
        }
        guard let group = values["group"], !group.isEmpty else { throw SignatureError(.claimMalformed, "the trusted comment has no group=") }
        guard let seqText = values["seq"], let sequence = UInt64(seqText), seqText.allSatisfy(\.isNumber) else {
            throw SignatureError(.claimMalformed, "the trusted comment's seq= is not an unsigned integer")
        }
        guard let expiresText = values["expires"], let expires = Timestamp.parse(expiresText) else {
            throw SignatureError(.claimMalformed, "the trusted comment's expires= is not an RFC 3339 date-time")
        }
        self.init(groupID: group, sequence: sequence, expires: expires)
    }
}
