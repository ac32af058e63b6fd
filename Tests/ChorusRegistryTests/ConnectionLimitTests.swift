import ChorusRegistry
import ChorusServer
import Foundation
import Testing

extension MachineHeavyTests {
/// Connections that never finish are closed within their deadlines, one address cannot hold the server, and
/// `/healthz` keeps answering meanwhile. Bounded: at most 60 sockets, each test under 15 seconds.
@Suite(.serialized) struct ConnectionLimitTests {
    static func server(deadline: TimeInterval = 1.5) async throws -> (TestRegistry, RunningServer) {
        let test = try TestRegistry()
        let server = try await RunningServer.start(test.registry) { configuration in
            configuration.connections.headerTimeout = deadline
            configuration.connections.bodyTimeout = deadline
            configuration.connections.idleTimeout = deadline
            configuration.connections.maxConnectionsPerAddress = 20
        }
        return (test, server)
    }

    @Test func slowAndHalfSentRequestsAreClosedWithinTheirDeadlines() async throws {
        let (_, server) = try await Self.server()
        defer { Task { await server.stop() } }
        let idle = try (0..<5).map { _ in try HeldConnection(port: server.port) }
        let slowloris = try (0..<5).map { _ in try HeldConnection(port: server.port) }
        let endlessBody = try (0..<5).map { _ in try HeldConnection(port: server.port) }
        for connection in slowloris { connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ") }
        for connection in endlessBody {
            connection.send("POST /api/v1/groups/urn:uuid:00000000-0000-0000-0000-000000000000/feed HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n{")
        }
        let started = Date()
        for _ in 0..<3 {
            try await Task.sleep(nanoseconds: 400_000_000)
            for connection in slowloris { connection.send("a") }
            for connection in endlessBody { connection.send("a") }
        }
        for (name, group) in [("idle", idle), ("slowloris", slowloris), ("endless body", endlessBody)] {
            for connection in group {
                #expect(await connection.isClosed(within: 4), "an \(name) connection was still open")
            }
        }
        #expect(Date().timeIntervalSince(started) < 6)
        let health = try await SourceAddressHTTP.raw(from: "127.0.0.2", port: server.port, request: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(health.hasPrefix("HTTP/1.1 200"))
    }

    /// The deadlines are long here so that, on a busy machine, the twenty held connections are not closed as idle
    /// before the over-the-cap ones are seen to be refused.
    @Test func oneAddressCannotHoldTheServerAndHealthStillAnswers() async throws {
        let (_, server) = try await Self.server(deadline: 20)
        defer { Task { await server.stop() } }
        var held: [HeldConnection] = []
        for _ in 0..<20 { held.append(try HeldConnection(from: "127.0.0.5", port: server.port)) }
        try await Task.sleep(nanoseconds: 200_000_000)
        let over = try (0..<5).map { _ in try HeldConnection(from: "127.0.0.5", port: server.port) }
        for connection in over { #expect(await connection.isClosed(within: 5), "a connection over the cap was kept") }
        let health = try await SourceAddressHTTP.raw(port: server.port, request: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(health.hasPrefix("HTTP/1.1 200"), "\(health.prefix(40))")
        held[0].send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(!(await held[0].isClosed(within: 0.3)), "a connection within the cap is served and kept alive")
        held.removeAll()
        try await Task.sleep(nanoseconds: 300_000_000)
        let again = try await SourceAddressHTTP.raw(from: "127.0.0.5", port: server.port, request: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(again.hasPrefix("HTTP/1.1 200"), "after the first twenty close, the address is served again")
    }
}
}
