import ChorusRegistry
import ChorusServer
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import Logging

/// Runs wrk against the search API and against a static body of the same size served the same way.
enum HTTPLoad {
    static var wrk: String? {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("SKIPPED: wrk is not installed (apt-get install wrk)")
            return nil
        }
        return wrk
    }

    struct Running {
        let port: Int
        let stop: () async -> Void
    }

    /// The Chorus server; with `staticBody`, it also answers `/bench-static` with that body, behind the same middleware.
    static func startChorus(_ registry: Registry, staticBody: ByteBuffer? = nil, contentType: String = "text/plain", harvest: Bool = false) async -> Running {
        var logger = Logger(label: "bench-http")
        logger.logLevel = .critical
        let server = ChorusServer(registry: registry, configuration: ServerConfiguration(host: "127.0.0.1", port: 0, harvest: harvest), logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let group = server.makeServiceGroup(onRunning: { continuation.yield($0) }, signals: []) { router in
            guard let staticBody else { return }
            router.get("bench-static") { _, _ in
                Response(status: .ok, headers: [.contentType: contentType, .cacheControl: "no-store"], body: .init(byteBuffer: staticBody))
            }
        }
        let serverTask = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return Running(port: port) {
            await group.triggerGracefulShutdown()
            _ = await serverTask.result
        }
    }

    /// A bare Hummingbird server answering every request with the same body: the baseline.
    static func startStatic(bodySize: Int, contentType: String) async -> Running {
        var logger = Logger(label: "bench-static")
        logger.logLevel = .critical
        let staticBody = ByteBuffer(repeating: UInt8(ascii: "x"), count: bodySize)
        let router = Router()
        router.get("static") { _, _ in
            Response(status: .ok, headers: [.contentType: contentType, .cacheControl: "no-store"], body: .init(byteBuffer: staticBody))
        }
        let (staticPorts, staticContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                      onServerRunning: { staticContinuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let staticTask = Task { try await application.runService() }
        var staticIterator = staticPorts.makeAsyncIterator()
        let port = await staticIterator.next() ?? 0
        return Running(port: port) {
            staticTask.cancel()
            _ = await staticTask.result
        }
    }

    static func run(registry: Registry, seconds: Int, paths: [String]) async throws {
        guard let wrk else { return }
        let chorus = await startChorus(registry)
        let port = chorus.port
        var sizes: [Int] = []
        for path in paths.prefix(20) {
            let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            sizes.append(data.count)
        }
        let bodySize = sizes.reduce(0, +) / max(1, sizes.count)
        let baseline = await startStatic(bodySize: bodySize, contentType: "application/json; charset=utf-8")
        let staticPort = baseline.port

        let script = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-paths-\(UUID().uuidString).lua")
        let list = paths.map { "\"\($0)\"" }.joined(separator: ",\n")
        try """
            local paths = {\(list)}
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            """.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }

        let searches = try measure(wrk, ["-t2", "-c32", "-d\(seconds)s", "--latency", "-s", script.path, "http://127.0.0.1:\(port)"])
        let plain = try measure(wrk, ["-t2", "-c32", "-d\(seconds)s", "--latency", "http://127.0.0.1:\(staticPort)/static"])
        print(String(format: "searches (%d shapes × 10 variants, mean body %d bytes): %.0f req/s, p50 %@, p99 %@ [target ≥ 5000/s, p99 ≤ 20 ms]",
                     paths.count / 10, bodySize, searches.rate, searches.p50 as NSString, searches.p99 as NSString))
        print(String(format: "static body of the same size, same framework: %.0f req/s, p50 %@, p99 %@",
                     plain.rate, plain.p50 as NSString, plain.p99 as NSString))
        print(String(format: "searches reach %.0f%% of the static body's throughput [target ≥ 10%%: %@]", searches.rate / max(plain.rate, 1) * 100,
                     (searches.rate / max(plain.rate, 1) >= 0.1 ? "met" : "not met") as NSString))
        if searches.errors > 0 { print("non-2xx or socket errors during searches: \(searches.errors)") }

        await chorus.stop()
        await baseline.stop()
    }

    struct Figures {
        var rate = 0.0
        var p50 = "?"
        var p99 = "?"
        var errors = 0
    }

    /// wrk's latency ("812.00us", "3.21ms", "1.20s") in milliseconds.
    static func milliseconds(_ latency: String) -> Double? {
        for (unit, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)] where latency.hasSuffix(unit) {
            return Double(latency.dropLast(unit.count)).map { $0 * scale }
        }
        return nil
    }

    static func measure(_ wrk: String, _ arguments: [String]) throws -> Figures {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var figures = Figures()
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), let value = fields.last.flatMap({ Double($0) }) { figures.rate = value }
            if fields.first == "50%", fields.count > 1 { figures.p50 = String(fields[1]) }
            if fields.first == "99%", fields.count > 1 { figures.p99 = String(fields[1]) }
            if line.contains("Non-2xx") { figures.errors += Int(fields.last ?? "") ?? 1 }
            if line.contains("Socket errors") {
                // "Socket errors: connect 0, read 0, write 0, timeout 12"
                figures.errors += line.split(separator: ",").compactMap { Int($0.split(separator: " ").last ?? "") }.reduce(0, +)
            }
        }
        return figures
    }
}
