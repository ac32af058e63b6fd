import ChorusRegistry
import Hummingbird

/// Where absolute links in pages and feeds point. Publicly cached answers carry them, so a request's `Host` never
/// chooses them unless the operator allowed that host: the configured public URL comes first, then an allowed host
/// the request names, and otherwise `http://localhost`.
struct PublicAddressPolicy: Sendable {
    let configured: PublicAddress?
    let allowedHosts: Set<String>

    init(_ configuration: ServerConfiguration) {
        configured = configuration.publicURL.map(PublicAddress.init(base:))
        allowedHosts = Set(configuration.allowedHosts.map { $0.lowercased() })
    }

    func address(for request: Request) -> PublicAddress {
        if let configured { return configured }
        let host = (request.head.authority ?? "").lowercased()
        return PublicAddress(scheme: "http", host: isAllowed(host) ? host : "localhost")
    }

    func isAllowed(_ host: String) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 255, host.utf8.allSatisfy(Self.isHostByte) else { return false }
        if !allowedHosts.isEmpty { return allowedHosts.contains(host) || allowedHosts.contains(Self.name(of: host)) }
        return ["localhost", "[::1]"].contains(Self.name(of: host)) || Self.name(of: host).hasPrefix("127.")
    }

    /// The host without its port.
    static func name(of host: String) -> String {
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") { return String(host[...end]) }
        return String(host.split(separator: ":", maxSplits: 1).first ?? "")
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x3A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E || byte == 0x2D || byte == 0x5B || byte == 0x5D
    }
}

/// HTTP/1.1 requires `Host`; a request without one is refused before any route sees it.
struct HostRequiredMiddleware: RouterMiddleware {
    typealias Context = ChorusRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let host = request.head.authority, !host.isEmpty else {
            return Responses.problem(.badRequest, "no-host", "a request needs a Host header")
        }
        return try await next(request, context)
    }
}
