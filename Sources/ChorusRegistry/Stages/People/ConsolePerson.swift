import Foundation

/// Someone signed in to the console, with the networks they belong to and their role in each.
public struct ConsolePerson: Sendable, Codable, Equatable {
    public struct Membership: Sendable, Codable, Equatable {
        public let network: String
        public let networkName: String
        public let role: Role
    }

    public let id: Int64
    public let login: String
    public let name: String
    public let networks: [Membership]

    /// The person's role in a network, or nil when they are not one of its people.
    public func role(in network: String) -> Role? { networks.first { $0.network == network }?.role }

    /// How the audit log names them.
    public var actor: Registry.Actor { Registry.Actor("\(name) (\(login))") }
}

/// One of a network's people, as its admins see them.
public struct PersonInfo: Sendable, Codable {
    public let id: Int64
    public let login: String
    public let name: String
    public let role: Role
    public let addedAt: Date
    public let lastSignInAt: Date?
    public let locked: Bool
    public let failedSignIns: Int
}

/// What an invite link is for, shown before it is used.
public struct Invitation: Sendable {
    public let network: String
    public let networkName: String
    public let role: Role
    /// Set when the link gives someone who already signs in a new passphrase.
    public let resetLogin: String?
    public let expiresAt: Date
}

/// What a sign-in came to. A wrong name and a wrong passphrase are one answer, so a stranger learns nothing.
public enum SignInResult: Sendable, Equatable {
    case signedIn(ConsolePerson)
    case refused
    /// Too many recent failures from this person or this address: try again after this many seconds.
    case wait(TimeInterval)
    /// Too many failures in a row: an admin of the person's network must lift the lock.
    case locked
}
