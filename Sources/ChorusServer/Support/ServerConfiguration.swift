import Foundation

public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Run the harvester inside the server process.
    public var harvest = true
    /// A folder served read-only under `/sample-feeds/` (the demo serves `Feeds/`).
    public var sampleFeeds: URL?
    /// Largest push body (the feed, base64, and its signature, in JSON).
    public var maxPushBytes = 2 << 20
    public var pushesPerGroupPerMinute = 6
    public var requestsPerAddressPerMinute = 60
    /// Pushes from one address that are refused, malformed, for an unknown group or a replay of the current feed.
    public var failedPushesPerAddressPerMinute = 6
    /// Feeds the registry fetches to check for someone (`/publish/check`), per client address per minute.
    public var feedChecksPerAddressPerMinute = 6
    /// New groups asking to join by push, per client address per hour.
    public var enrolmentRequestsPerAddressPerHour = 10
    /// Seconds between ping-triggered harvests of one group.
    public var pingInterval: TimeInterval = 60
    /// The registry's public address (`https://registry.example.org`), for absolute links and the ids of its feeds.
    /// Without it, links name the host a request was made to, when that host is one of `allowedHosts`.
    public var publicURL: String?
    /// Hosts (`name` or `name:port`) whose requests may name the base of absolute links when no public URL is set.
    /// Empty: loopback names only (`localhost`, `127.0.0.1`, `[::1]`, with any port).
    public var allowedHosts: [String] = []
    /// Deadlines for a client's requests and a cap on one address's connections.
    public var connections = ConnectionLimits()
    /// The language of pages outside any network when the visitor's browser asks for none Chorus ships.
    public var defaultLanguage = "en"
    /// Offer the pseudo-locales `en-XA` and `ar-XB` (accented, longer text), for checking that nothing is left untranslated.
    public var pseudoLocales = false

    public init(host: String = "127.0.0.1", port: Int = 8080, harvest: Bool = true, sampleFeeds: URL? = nil) {
        self.host = host
        self.port = port
        self.harvest = harvest
        self.sampleFeeds = sampleFeeds
    }
}
