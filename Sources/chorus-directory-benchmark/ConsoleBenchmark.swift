import ChorusRegistry
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB

/// `chorus-directory-benchmark console [GROUPS] [RUNS]`: the console's groups list for a network of GROUPS groups,
/// signed in over HTTP as an admin would be, beside the same pages for a network of 100 groups on the same
/// registry and the settings page (which reads no group) as the baseline, so the figures are ratios from one run.
enum ConsoleBenchmark {
    static func run(_ registry: Registry, groups: Int, runs: Int) async throws {
        print("== console groups list: a network of \(groups) groups beside one of 100 (seed 20261121), \(runs) runs a page")
        _ = try await DirectoryBenchmark.seed(registry, groups: groups)
        let small = try await registry.createNetwork(slug: "small", name: "Small network", policy: .open)
        try await registry.database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO membership (networkId, groupRow, status, createdAt, updatedAt)
                SELECT ?, id, 'active', createdAt, createdAt FROM feedGroup ORDER BY id LIMIT 100
                """, arguments: [small.id!])
        }
        for slug in ["small", "synthetic"] {
            func median(_ body: () async throws -> Void) async throws -> Double {
                var timings: [Double] = []
                for _ in 0..<max(1, runs) {
                    let begin = DispatchTime.now().uptimeNanoseconds
                    try await body()
                    timings.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
                }
                return timings.sorted()[timings.count / 2]
            }
            let summaries = try await median { _ = try await registry.groupSummaries(network: slug) }
            let full = try await median { _ = try await registry.groups(network: slug) }
            print(String(format: "in-process, %@ groups: the summaries query p50 %.1f ms; every group's full status (queries per group) p50 %.1f ms (%.1f× the summaries)",
                         slug == "small" ? "100" : "\(groups)", summaries, full, full / summaries))
        }
        let chorus = await HTTPLoad.startChorus(registry)
        let base = "http://127.0.0.1:\(chorus.port)"
        var cookies: [String: String] = [:]
        for slug in ["synthetic", "small"] { cookies[slug] = try await signIn(registry, base: base, network: slug) }

        let shapes: [(String, String)] = [
            ("settings (baseline, reads no group)", "/settings"),
            ("groups, page 1 by name", "/groups"),
            ("groups, a page deep in the list", "/groups?page=\(max(1, groups / 50 / 2))"),
            ("groups, searched by name", "/groups?q=voices+of"),
            ("groups, sorted by last harvest", "/groups?sort=harvest"),
            ("groups with a stale feed", "/groups?problem=stale"),
            ("overview (counts every group)", ""),
        ]
        var baseline: [String: Double] = [:]
        for (label, path) in shapes {
            var line = label.padding(toLength: 38, withPad: " ", startingAt: 0)
            for slug in ["small", "synthetic"] {
                let median = try await medianMilliseconds(base + "/console/n/\(slug)\(path)", cookie: cookies[slug]!, runs: runs)
                if baseline[slug] == nil { baseline[slug] = median }
                line += String(format: "  %@: p50 %7.1f ms (%5.1f× settings)", slug == "small" ? "100" : "\(groups)", median, median / baseline[slug]!)
            }
            print(line)
            fflush(nil)
        }
        await chorus.stop()
    }

    /// Joins the network through an invite, as a new admin does, and returns the session cookie.
    static func signIn(_ registry: Registry, base: String, network: String) async throws -> String {
        let invite = try await registry.invite(network: network, role: .admin)
        var request = URLRequest(url: URL(string: "\(base)/console/invite/\(invite.token)")!)
        request.httpMethod = "POST"
        request.httpShouldHandleCookies = false
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("name=Bench+\(network)&login=bench-\(network)&passphrase=river+otter+lantern&again=river+otter+lantern".utf8)
        let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
        let (_, response) = try await session.data(for: request)
        guard let set = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Set-Cookie"), let cookie = set.split(separator: ";").first else {
            throw BenchmarkFailure("joining \(network) gave no session cookie")
        }
        return String(cookie)
    }

    static func medianMilliseconds(_ url: String, cookie: String, runs: Int) async throws -> Double {
        var request = URLRequest(url: URL(string: url)!)
        request.httpShouldHandleCookies = false
        request.setValue(cookie, forHTTPHeaderField: "Cookie")
        var timings: [Double] = []
        for _ in 0..<max(1, runs) {
            let begin = DispatchTime.now().uptimeNanoseconds
            let (_, response) = try await URLSession.shared.data(for: request)
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
            guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw BenchmarkFailure("\(url) answered \((response as? HTTPURLResponse)?.statusCode ?? 0)") }
        }
        return timings.sorted()[timings.count / 2]
    }

    struct BenchmarkFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }
}
