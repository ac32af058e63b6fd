import ChorusFeed
import Foundation

/// Where the registry's public pages live, for the absolute links and the tag URIs of its outputs.
public struct PublicAddress: Sendable, Equatable {
    /// Scheme, host and port, without a trailing slash: `https://registry.example.org`.
    public let base: String
    /// The tag URI authority (RFC 4151): the registry's host name, so ids stay the same whoever asks.
    public let authority: String

    public init(base: String) {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.base = trimmed
        authority = URLComponents(string: trimmed)?.host?.lowercased() ?? "localhost"
    }

    /// The address a request was made to: `host` is its Host header (a name or address, with an optional port),
    /// already checked to hold only host-name characters.
    public init(scheme: String, host: String) {
        base = scheme + "://" + host
        let name = host.hasPrefix("[") ? host.prefix { $0 != "]" }.dropFirst() : host.prefix { $0 != ":" }
        authority = name.isEmpty ? "localhost" : name.lowercased()
    }

    public func url(_ path: String) -> String { base + path }

    /// `tag:registry.example.org,2026-11-21:uk/changes`; the date is the day the network was created,
    /// a day on which the registry held its name.
    func tag(since: Date, _ specific: String) -> String {
        "tag:\(authority),\(Timestamp.format(since).prefix(10)):\(specific)"
    }

    public func groupPage(_ groupId: String) -> String { url("/groups/" + Self.segment(groupId)) }
    public func networkPage(_ slug: String) -> String { url("/n/" + Self.segment(slug)) }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:")

    /// A path segment with everything but unreserved characters percent-encoded (group ids contain colons).
    public static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
