import Foundation

/// The harvester's manners and limits. Defaults follow the registry issue; every one is configurable.
public struct FetchLimits: Sendable {
    public var connectTimeout: TimeInterval = 10
    public var totalTimeout: TimeInterval = 20
    /// Counted after decompression.
    public var maxFeedBytes = 1 << 20
    public var maxSignatureBytes = 8 << 10
    /// A followed network's directory: about 1.5 KB a group, so ten thousand groups fit with room to spare.
    public var maxDirectoryBytes = 32 << 20
    public var maxRedirects = 5
    /// A permanent redirect seen this many times in a row replaces the stored feed URL.
    public var permanentRedirectThreshold = 3
    public var maxConcurrentPerHost = 2
    public var maxConcurrent = 16
    public var pollInterval: TimeInterval = 3600
    public var minimumPollInterval: TimeInterval = 300
    public var maximumPollInterval: TimeInterval = 86_400
    public var backoffBase: TimeInterval = 3600
    public var backoffCap: TimeInterval = 86_400
    public var suspendAfterFailures = 10
    public var userAgent = "Chorus-Registry/1 (+https://github.com/chorus-registry)"

    public init() {}

    public static let standard = FetchLimits()
}
