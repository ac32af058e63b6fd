import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which hosts the harvester may connect to. A host name is resolved once, every address it resolves to must be
/// globally reachable (`SpecialAddresses`), and the fetch then connects to the address that was checked, so a name
/// that answers differently the second time (DNS rebinding) cannot reach the registry's own network. Private and
/// loopback addresses are allowed only with `allowPrivate` (a demo or test on loopback) or as named exceptions.
public struct AddressPolicy: Sendable {
    public var allowPrivate: Bool
    /// `host:port` pairs allowed even when private addresses are refused (tests and demos on loopback).
    public var exceptions: Set<String>
    /// Numeric addresses allowed even when private addresses are refused.
    public var allowedAddresses: Set<String>
    /// Resolves a host name to its numeric addresses; the system's resolver unless a test gives its own.
    public var resolver: @Sendable (String) async -> [String]

    public init(allowPrivate: Bool, exceptions: Set<String> = [], allowedAddresses: Set<String> = [],
                resolver: @escaping @Sendable (String) async -> [String] = AddressPolicy.resolve) {
        self.allowPrivate = allowPrivate
        self.exceptions = exceptions
        self.allowedAddresses = allowedAddresses
        self.resolver = resolver
    }

    /// Checks the URL and returns the address the fetch must connect to: nil when the host may be reached as the
    /// system resolves it (`allowPrivate`, an exception). Throws a `FetchFailure` before any connection otherwise.
    func vet(_ url: URL) async throws(FetchFailure) -> String? {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw FetchFailure(.badURL, "only http and https feed URLs are harvested: \(url.absoluteString)")
        }
        guard let host = url.host, !host.isEmpty else { throw FetchFailure(.badURL, "the URL has no host: \(url.absoluteString)") }
        if allowPrivate { return nil }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        if exceptions.contains("\(host):\(port)") { return nil }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses = IPAddressClass.bytes(bare) != nil ? [bare] : await resolver(host)
        guard let first = addresses.first else { throw FetchFailure(.dns, "the host \(host) did not resolve") }
        if addresses.contains(where: { !allowedAddresses.contains($0) && IPAddressClass.isPrivate($0) }) {
            throw FetchFailure(.privateAddress, "\(host) resolves to an address the harvester does not fetch from (private, loopback, link-local or reserved); refused")
        }
        return first
    }

    public static func resolve(_ host: String) async -> [String] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: resolveBlocking(host)) }
        }
    }

    private static func resolveBlocking(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                addresses.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }
}

/// Classifies numeric IP addresses as globally reachable or not.
enum IPAddressClass {
    static func isPrivate(_ address: String) -> Bool {
        guard let bytes = bytes(address) else { return true }
        return SpecialAddresses.refusal(bytes) != nil
    }

    /// The address's bytes: 4 for IPv4, 16 for IPv6 (a zone index is ignored); nil for anything else.
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        let bare = text.split(separator: "%", maxSplits: 1).first.map(String.init) ?? text
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, bare, &v6) == 1 else { return nil }
        return withUnsafeBytes(of: &v6) { Array($0) }
    }
}
