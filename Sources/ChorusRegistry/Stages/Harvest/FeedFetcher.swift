import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// What the fetcher learnt from the server besides the body.
public struct FetchMetadata: Sendable, Equatable {
    public var httpStatus: Int
    public var etag: String?
    public var lastModified: String?
    /// `Cache-Control: max-age`, when given.
    public var maxAge: TimeInterval?
    /// Set when every redirect on the way was permanent (301 or 308): the URL the feed now lives at.
    public var permanentLocation: String?
}

public enum FetchResult: Sendable {
    case body(Data, FetchMetadata)
    case notModified(FetchMetadata)
    case gone(FetchMetadata)
}

/// Validators from the last good fetch, for a conditional GET.
public struct Validators: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?
    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }
    public static let none = Validators()
}

/// Fetches one URL the way a polite, suspicious crawler does: checks every hop's address, follows few redirects
/// itself, caps the body after decompression and gives up at the total deadline, however slowly the server sends.
public final class FeedFetcher: Sendable {
    public let client: HTTPClient
    public let limits: FetchLimits
    public let policy: AddressPolicy
    private let ownsClient: Bool

    public init(limits: FetchLimits = .standard, policy: AddressPolicy, client: HTTPClient? = nil) {
        self.limits = limits
        self.policy = policy
        if let client {
            self.client = client
            ownsClient = false
        } else {
            self.client = Self.makeClient(limits: limits)
            ownsClient = true
        }
    }

    /// An HTTP client configured for harvesting: no automatic redirects, timeouts, capped decompression.
    public static func makeClient(limits: FetchLimits, dnsOverride: [String: String] = [:]) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.dnsOverride = dnsOverride
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .milliseconds(Int64(limits.connectTimeout * 1000)),
                                      read: .milliseconds(Int64(limits.totalTimeout * 1000)))
        // The largest body any fetch may take; each fetch then caps its own body (a feed at maxFeedBytes) as it reads.
        configuration.decompression = .enabled(limit: .size(max(limits.maxFeedBytes, limits.maxDirectoryBytes)))
        configuration.connectionPool = .init(idleTimeout: .seconds(60),
                                             concurrentHTTP1ConnectionsPerHostSoftLimit: limits.maxConcurrentPerHost)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Shuts down a client made for one hop, once its requests are done, without making the caller wait.
    private static func retire(_ client: HTTPClient) {
        Task { try? await client.shutdown() }
    }

    public func shutdown() async {
        if ownsClient { try? await client.shutdown() }
    }

    public static let feedTypes: Set<String> = [
        "application/atom+xml", "application/xml", "text/xml", "application/octet-stream", "text/plain",
    ]

    public func fetchFeed(_ url: String, validators: Validators = .none) async throws(FetchFailure) -> FetchResult {
        try await fetch(url, validators: validators, maxBytes: limits.maxFeedBytes, acceptedTypes: Self.feedTypes,
                        accept: "application/atom+xml, application/xml;q=0.9")
    }

    /// A followed network's directory document, under the same manners with its own size limit.
    public func fetchDirectory(_ url: String, validators: Validators = .none) async throws(FetchFailure) -> FetchResult {
        try await fetch(url, validators: validators, maxBytes: limits.maxDirectoryBytes, acceptedTypes: Self.feedTypes,
                        accept: "application/atom+xml, application/xml;q=0.9")
    }

    public func fetchSignature(_ feedURL: String) async throws(FetchFailure) -> String {
        let result = try await fetch(feedURL + ".minisig", validators: .none, maxBytes: limits.maxSignatureBytes,
                                     acceptedTypes: nil, accept: "text/plain, application/octet-stream")
        switch result {
        case .body(let data, _):
            guard let text = String(data: data, encoding: .utf8) else {
                throw FetchFailure(.contentType, "the signature file is not UTF-8 text")
            }
            return text
        case .notModified(let meta), .gone(let meta):
            throw FetchFailure(.httpStatus, "the signature file answered HTTP \(meta.httpStatus)", httpStatus: meta.httpStatus)
        }
    }

    /// POSTs a small JSON body (a federation ping or subscription) under the same address rules and deadline; no
    /// redirect is followed. Returns the HTTP status.
    public func post(_ url: String, json: Data) async throws(FetchFailure) -> Int {
        guard let parsed = WebAddress.parse(url) else {
            throw FetchFailure(.badURL, "not an http or https address: \(url.prefix(200))")
        }
        return try await withinDeadline(url) { [self] deadline throws(FetchFailure) -> Int in
            let vetted = try await policy.vet(parsed)
            let client = vetted.map { Self.makeClient(limits: limits, dnsOverride: [parsed.host!: $0]) } ?? self.client
            defer { if vetted != nil { Self.retire(client) } }
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "User-Agent", value: limits.userAgent)
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
            do {
                let response = try await client.execute(request, deadline: .now() + .milliseconds(Int64(max(0, deadline.timeIntervalSinceNow) * 1000)))
                _ = try await response.body.collect(upTo: 16 << 10)
                return Int(response.status.code)
            } catch {
                throw Self.classify(error, host: parsed.host ?? url)
            }
        }
    }

    /// Fetches small text (a public key beside a feed) under the same rules.
    public func fetchText(_ url: String, maxBytes: Int) async throws(FetchFailure) -> String {
        let result = try await fetch(url, validators: .none, maxBytes: maxBytes, acceptedTypes: nil, accept: "text/plain")
        guard case .body(let data, _) = result, let text = String(data: data, encoding: .utf8) else {
            throw FetchFailure(.httpStatus, "\(url) gave no text")
        }
        return text
    }

    func fetch(_ url: String, validators: Validators, maxBytes: Int, acceptedTypes: Set<String>?,
               accept: String) async throws(FetchFailure) -> FetchResult {
        try await withinDeadline(url) { [self] deadline throws(FetchFailure) -> FetchResult in
            try await follow(url, validators: validators, maxBytes: maxBytes, acceptedTypes: acceptedTypes, accept: accept, deadline: deadline)
        }
    }

    /// Runs one exchange with `url` under the total deadline, however slowly the other side answers.
    private func withinDeadline<T: Sendable>(_ url: String, _ body: @escaping @Sendable (Date) async throws(FetchFailure) -> T) async throws(FetchFailure) -> T {
        let deadline = Date().addingTimeInterval(limits.totalTimeout)
        do {
            return try await Deadline.run(by: deadline) { () async throws(FetchFailure) -> T in try await body(deadline) }
        } catch let failure as FetchFailure {
            throw failure
        } catch is DeadlineExceeded {
            throw FetchFailure(.timeout, "no complete answer from \(Self.hostOf(url)) within \(Int(limits.totalTimeout)) s")
        } catch {
            throw FetchFailure(.network, "\(error)")
        }
    }

    private func follow(_ start: String, validators: Validators, maxBytes: Int, acceptedTypes: Set<String>?,
                        accept: String, deadline: Date) async throws(FetchFailure) -> FetchResult {
        var current = start
        var allPermanent = true
        var hops = 0
        while true {
            guard let url = URL(string: current) else { throw FetchFailure(.badURL, "not a URL: \(current)") }
            let vetted = try await policy.vet(url)
            // Connect to the address that was checked, with the original Host and TLS server name.
            let client = vetted.map { Self.makeClient(limits: limits, dnsOverride: [url.host!: $0]) } ?? self.client
            defer { if vetted != nil { Self.retire(client) } }
            var request = HTTPClientRequest(url: current)
            request.headers.add(name: "User-Agent", value: limits.userAgent)
            request.headers.add(name: "Accept", value: accept)
            request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
            if hops == 0, let etag = validators.etag { request.headers.add(name: "If-None-Match", value: etag) }
            if hops == 0, let modified = validators.lastModified { request.headers.add(name: "If-Modified-Since", value: modified) }
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, deadline: .now() + .milliseconds(Int64(max(0, deadline.timeIntervalSinceNow) * 1000)))
            } catch {
                throw Self.classify(error, host: url.host ?? current)
            }
            let status = Int(response.status.code)
            var meta = FetchMetadata(
                httpStatus: status,
                etag: response.headers.first(name: "ETag"),
                lastModified: response.headers.first(name: "Last-Modified"),
                maxAge: Self.maxAge(response.headers.first(name: "Cache-Control")),
                permanentLocation: hops > 0 && allPermanent ? current : nil)
            switch status {
            case 301, 302, 303, 307, 308:
                hops += 1
                guard hops <= limits.maxRedirects else {
                    throw FetchFailure(.tooManyRedirects, "more than \(limits.maxRedirects) redirects from \(start)", httpStatus: status)
                }
                guard let location = response.headers.first(name: "Location"),
                      let next = URL(string: location, relativeTo: url)?.absoluteURL else {
                    throw FetchFailure(.httpStatus, "HTTP \(status) without a usable Location", httpStatus: status)
                }
                allPermanent = allPermanent && (status == 301 || status == 308)
                current = next.absoluteString
                continue
            case 304:
                return .notModified(meta)
            case 410:
                return .gone(meta)
            case 429, 503:
                throw FetchFailure(.rateLimited, "HTTP \(status) from \(url.host ?? current)", httpStatus: status,
                                   retryAfter: Self.retryAfter(response.headers.first(name: "Retry-After")))
            case 200:
                if let acceptedTypes, let type = response.headers.first(name: "Content-Type") {
                    let bare = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
                    guard acceptedTypes.contains(bare) else {
                        throw FetchFailure(.contentType, "content type \(bare) is not a feed (expected application/atom+xml)", httpStatus: status)
                    }
                }
                if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maxBytes {
                    throw FetchFailure(.tooLarge, "the answer is \(length) bytes; the limit is \(maxBytes)", httpStatus: status)
                }
                let buffer: ByteBuffer
                do { buffer = try await response.body.collect(upTo: maxBytes) } catch {
                    throw Self.classify(error, host: url.host ?? current, limit: maxBytes)
                }
                meta.httpStatus = status
                return .body(Data(buffer.readableBytesView), meta)
            default:
                throw FetchFailure(.httpStatus, "HTTP \(status) from \(url.host ?? current)", httpStatus: status,
                                   retryAfter: Self.retryAfter(response.headers.first(name: "Retry-After")))
            }
        }
    }

    static func classify(_ error: any Error, host: String, limit: Int? = nil) -> FetchFailure {
        if let failure = error as? FetchFailure { return failure }
        if error is NIOTooManyBytesError || (error as? NIOHTTPDecompression.DecompressionError) == .limit {
            return FetchFailure(.tooLarge, "the answer is over the \(limit ?? 0)-byte limit (after decompression)")
        }
        if error is NIOHTTPDecompression.DecompressionError || error is NIOHTTPDecompression.ExtraDecompressionError {
            return FetchFailure(.decompression, "the compressed answer from \(host) is corrupt")
        }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return FetchFailure(.timeout, "\(host) did not answer in time")
            case .connectTimeout:
                return FetchFailure(.connect, "could not connect to \(host) in time")
            default:
                return FetchFailure(.network, "\(host): \(client)")
            }
        }
        if error is CancellationError { return FetchFailure(.timeout, "\(host) did not answer in time") }
        let text = String(describing: error)
        if text.contains("connect") || text.contains("Connection refused") {
            return FetchFailure(.connect, "could not connect to \(host)")
        }
        return FetchFailure(.network, "\(host): \(text)")
    }

    static func maxAge(_ header: String?) -> TimeInterval? {
        guard let header else { return nil }
        for directive in header.split(separator: ",") {
            let parts = directive.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "max-age", let seconds = Double(parts[1]) { return seconds }
        }
        return nil
    }

    static func retryAfter(_ header: String?, now: Date = Date()) -> TimeInterval? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Double(header) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: header).map { max(0, $0.timeIntervalSince(now)) }
    }

    static func hostOf(_ url: String) -> String { URL(string: url)?.host ?? url }
}
