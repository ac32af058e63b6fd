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
        let values = try ClaimFields.read(trustedComment, kind: "chorus-feed", names: ["group", "seq", "expires"])
        self.init(groupID: values["group"]!, sequence: try ClaimFields.sequence(values["seq"]!), expires: try ClaimFields.instant(values["expires"]!))
    }
}
