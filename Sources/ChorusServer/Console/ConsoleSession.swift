import Foundation

/// What a console session holds: who signed in and when, when they were last seen, and the token every form
/// that changes something must carry.
public struct ConsoleSession: Codable, Sendable {
    public let personId: Int64
    public let createdAt: Date
    public var lastSeen: Date
    public let csrf: String

    /// Idle for this long, a session ends.
    static let idleTimeout: TimeInterval = 8 * 3600
    /// However active, a session ends this long after sign-in.
    static let absoluteTimeout: TimeInterval = 7 * 86_400
    /// A session's idle deadline is moved on at most this often, so that reading pages does not write each time.
    static let refreshInterval: TimeInterval = 5 * 60

    static let cookieName = "__Host-chorus-console"
}
