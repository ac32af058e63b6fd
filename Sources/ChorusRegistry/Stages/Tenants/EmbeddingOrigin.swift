import Foundation

/// A web origin that may show a network's directory in a frame: `https://host` or `https://host:port`, lower-cased,
/// with no path, query or user; `http:` only for loopback, where a network tries it out on its own machine.
public struct EmbeddingOrigin: Sendable, Equatable {
    public let text: String

    public init?(_ candidate: String) {
        guard candidate.count <= 200, let url = URLComponents(string: candidate), let scheme = url.scheme?.lowercased(),
              let host = url.host?.lowercased(), !host.isEmpty, url.user == nil, url.password == nil,
              url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil,
              host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        let loopback = host == "localhost" || host.hasPrefix("127.")
        guard scheme == "https" || (scheme == "http" && loopback) else { return nil }
        text = scheme + "://" + host + (url.port.map { ":\($0)" } ?? "")
    }
}
