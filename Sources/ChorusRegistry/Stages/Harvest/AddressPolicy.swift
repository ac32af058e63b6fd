import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which hosts the harvester may connect to. Private, loopback and link-local addresses are refused
/// after DNS resolution unless allowed, so a feed URL cannot reach the registry's own network.
public struct AddressPolicy: Sendable {
    public var allowPrivate: Bool
    /// `host:port` pairs allowed even when private addresses are refused (tests and demos on loopback).
    public var exceptions: Set<String>

    public init(allowPrivate: Bool, exceptions: Set<String> = []) {
        self.allowPrivate = allowPrivate
        self.exceptions = exceptions
    }

    /// Throws a `FetchFailure` when the URL's host resolves to any address this policy refuses.
    func check(_ url: URL) async throws(FetchFailure) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw FetchFailure(.badURL, "only http and https feed URLs are harvested: \(url.absoluteString)")
        }
        guard let host = url.host, !host.isEmpty else { throw FetchFailure(.badURL, "the URL has no host: \(url.absoluteString)") }
        if allowPrivate { return }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        if exceptions.contains("\(host):\(port)") { return }
        let addresses = await Self.resolve(host)
        guard !addresses.isEmpty else { throw FetchFailure(.dns, "the host \(host) did not resolve") }
        if let refused = addresses.first(where: IPAddressClass.isPrivate) {
            throw FetchFailure(.privateAddress, "\(host) resolves to \(refused), a private, loopback or link-local address; refused")
        }
    }

    static func resolve(_ host: String) async -> [String] {
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

/// Classifies numeric IP addresses as public or not.
enum IPAddressClass {
    static func isPrivate(_ address: String) -> Bool {
        if let v4 = ipv4(address) { return isPrivateV4(v4) }
        if let v6 = ipv6(address) { return isPrivateV6(v6) }
        return true
    }

    static func ipv4(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        let bare = text.split(separator: "%", maxSplits: 1).first.map(String.init) ?? text
        var address = in6_addr()
        guard inet_pton(AF_INET6, bare, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    static func isPrivateV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): true
        case (100, 64...127): true
        case (169, 254): true
        case (172, 16...31): true
        case (192, 168): true
        case (192, 0) where b[2] == 0 || b[2] == 2: true
        case (198, 18...19): true
        case (224...255, _): true
        default: false
        }
    }

    static func isPrivateV6(_ b: [UInt8]) -> Bool {
        if b.allSatisfy({ $0 == 0 }) { return true }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return true }
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return isPrivateV4(Array(b[12..<16])) }
        if b[0] == 0xFE && (b[1] & 0xC0) == 0x80 { return true }
        if (b[0] & 0xFE) == 0xFC { return true }
        if b[0] == 0xFF { return true }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return true }
        return false
    }
}
