import Foundation

/// Why a fetch brought back no feed. Codes are stable: they appear in harvest logs, the admin API and metrics.
public struct FetchFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        case badURL = "fetch.bad-url"
        case dns = "fetch.dns"
        case privateAddress = "fetch.private-address"
        case connect = "fetch.connect"
        case timeout = "fetch.timeout"
        case tooLarge = "fetch.too-large"
        case tooManyRedirects = "fetch.too-many-redirects"
        case httpStatus = "fetch.http-status"
        case rateLimited = "fetch.rate-limited"
        case contentType = "fetch.content-type"
        case decompression = "fetch.decompression"
        case network = "fetch.network"
    }

    public let code: Code
    public let message: String
    public var httpStatus: Int?
    /// How long the server asked us to wait (`Retry-After`).
    public var retryAfter: TimeInterval?

    public init(_ code: Code, _ message: String, httpStatus: Int? = nil, retryAfter: TimeInterval? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
