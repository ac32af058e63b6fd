import Foundation

/// The body of `POST /api/v1/groups/{id}/feed`: a group's signed feed, pushed by the group itself.
/// A request body that carries a feed's exact bytes as base64.
public protocol CarriesFeed {
    var feed: String { get }
}

public struct PushRequest: Codable, Sendable, CarriesFeed {
    /// The feed's exact bytes, base64.
    public let feed: String
    /// The `.minisig` file's text.
    public let signature: String

    public init(bytes: Data, signature: String) {
        feed = bytes.base64EncodedString()
        self.signature = signature
    }
}

/// The body of `POST /api/v1/networks/{slug}/enrolment-requests`: a new group's first signed feed and its key.
public struct EnrolmentPush: Codable, Sendable, CarriesFeed {
    /// The feed's exact bytes, base64.
    public let feed: String
    /// The `.minisig` file's text.
    public let signature: String
    /// The `.pub` file's text, or its base64 line.
    public let publicKey: String

    public init(bytes: Data, signature: String, publicKey: String) {
        feed = bytes.base64EncodedString()
        self.signature = signature
        self.publicKey = publicKey
    }
}

/// The answer to an enrolment request (`201`): where the group stands and where its feed now lives.
public struct EnrolmentAnswer: Codable, Sendable {
    public let groupId: String
    public let membership: String
    public let listed: Bool
    public let message: String
    public let keyId: String
    public let fingerprint: String
    /// Where the registry now hosts the group's feed: its feed address from here on.
    public let feedURL: String
    public let groupPage: String
}
