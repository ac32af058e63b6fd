import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 request sent from a chosen loopback source address (127.0.0.2, …), so a test can play several
/// clients that the server tells apart by address. Blocking socket calls, run off the cooperative pool.
enum SourceAddressHTTP {
    static func post(from source: String, port: Int, path: String, json: String) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try send(from: source, port: port, request: """
                    POST \(path) HTTP/1.1\r
                    Host: 127.0.0.1:\(port)\r
                    Content-Type: application/json\r
                    Content-Length: \(json.utf8.count)\r
                    Connection: close\r
                    \r
                    \(json)
                    """) })
            }
        }
    }

    /// Sends `request` as written from 127.0.0.1 and returns the whole answer as text.
    static func raw(from source: String = "127.0.0.1", port: Int, request: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { String(decoding: try exchange(from: source, port: port, request: request), as: UTF8.self) })
            }
        }
    }

    struct Failed: Error { let step: String }

    private static func send(from source: String, port: Int, request: String) throws -> Int {
        let answer = try exchange(from: source, port: port, request: request)
        let statusLine = String(decoding: answer.prefix { $0 != 0x0D }, as: UTF8.self).split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failed(step: "status line") }
        return status
    }

    private static func exchange(from source: String, port: Int, request: String) throws -> [UInt8] {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failed(step: "socket") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        try withAddress(source, port: 0) { guard bind(descriptor, $0, $1) == 0 else { throw Failed(step: "bind \(source)") } }
        try withAddress("127.0.0.1", port: port) { guard connect(descriptor, $0, $1) == 0 else { throw Failed(step: "connect") } }
        let bytes = Array(request.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw Failed(step: "write") }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return answer
    }

    private static func withAddress(_ ip: String, port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> Void) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr(ip)
        address.sin_port = UInt16(port).bigEndian
        try withUnsafePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}

/// A TCP connection a test holds open, from a chosen loopback address, to play a slow or idle client.
final class HeldConnection: @unchecked Sendable {
    let descriptor: Int32

    init(from source: String = "127.0.0.1", port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SourceAddressHTTP.Failed(step: "socket") }
        var bound = sockaddr_in()
        bound.sin_family = sa_family_t(AF_INET)
        bound.sin_addr.s_addr = inet_addr(source)
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_addr.s_addr = inet_addr("127.0.0.1")
        target.sin_port = UInt16(port).bigEndian
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, size) } } == 0
            && withUnsafePointer(to: &target) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, size) } } == 0
        guard ok else {
            close(descriptor)
            throw SourceAddressHTTP.Failed(step: "connect")
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Whether the server has closed the connection, waiting at most `seconds` (answers it sent are read and dropped).
    func isClosed(within seconds: TimeInterval) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let end = Date().addingTimeInterval(seconds)
                var buffer = [UInt8](repeating: 0, count: 4096)
                while Date() < end {
                    var poller = pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)
                    let ready = poll(&poller, 1, Int32(max(1, end.timeIntervalSinceNow * 1000)))
                    if ready > 0 {
                        let count = recv(self.descriptor, &buffer, buffer.count, 0)
                        if count <= 0 { continuation.resume(returning: true); return }
                    }
                }
                continuation.resume(returning: false)
            }
        }
    }
}
