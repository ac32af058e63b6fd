import ChorusRegistry
import Foundation
import NIOCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `chorus-directory-benchmark outputs [GROUPS] [HTTP-SECONDS]`: for one network of synthetic groups, the time to
/// build its 50-entry Atom feed of directory changes (and its other outputs), then the throughput of 304 answers to
/// that feed against a bare server answering a static body of the same size.
enum OutputsBenchmark {
    static func measure(_ registry: Registry, groups: Int, seconds: Int) async throws {
        print("== outputs of one network of \(groups) groups (seed 20261121)")
        let started = Date()
        _ = try await DirectoryBenchmark.seed(registry, groups: groups)
        _ = try await registry.indexMissingGroups()
        let changes = try await registry.reconcileDirectory()
        print(String(format: "stored, indexed and listed %d groups (%d changes recorded) in %.1f s", groups, changes, Date().timeIntervalSince(started)))
        let address = PublicAddress(base: "https://registry.example.org")

        func time(_ name: String, runs: Int, target: String = "", _ build: () async throws -> Int) async rethrows {
            var timings: [Double] = []
            var size = 0
            for _ in 0..<runs {
                let begin = DispatchTime.now().uptimeNanoseconds
                size = try await build()
                timings.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
            }
            timings.sort()
            print(String(format: "%-46@ p50 %7.2f ms  p99 %7.2f ms  (%d bytes)%@", name as NSString, timings[timings.count / 2],
                         timings[min(timings.count - 1, timings.count * 99 / 100)], size, target as NSString))
        }
        let groupId = try await registry.listedGroups(network: "synthetic").groups[groups / 2].groupId
        try await time("changes feed, 50 entries, Atom", runs: 500, target: " [target < 5 ms]") {
            try await registry.changesFeed(network: "synthetic", at: address).atom().utf8.count
        }
        try await time("changes feed, 50 entries, RSS", runs: 500) { try await registry.changesFeed(network: "synthetic", at: address).rss().utf8.count }
        try await time("notices feed, Atom", runs: 500) { try await registry.noticesFeed(network: "synthetic", at: address).atom().utf8.count }
        try await time("stamp (what a 304 reads)", runs: 2000) { try await registry.networkStamp(network: "synthetic").tag.utf8.count }
        try await time("one group's calendar", runs: 500) {
            let group = try await registry.publicGroup(groupId: groupId).group
            return GroupCalendar(group: group, pageURL: address.groupPage(groupId), now: registry.now).ics().utf8.count
        }
        for (kind, name) in [(ExportKind.meetingGuide, "Meeting Guide"), (.hsds, "HSDS")] {
            try await measureExport(registry, kind: kind, name: name, groupId: groupId, address: address)
        }

        guard let wrk = HTTPLoad.wrk else { return }
        print("== 304 answers over HTTP with wrk: 32 connections, 2 threads, \(seconds) s each")
        let size = try await registry.changesFeed(network: "synthetic", at: address).atom().utf8.count
        let chorus = await HTTPLoad.startChorus(registry, staticBody: ByteBuffer(repeating: UInt8(ascii: "x"), count: size))
        let url = "http://127.0.0.1:\(chorus.port)/n/synthetic/changes.atom"
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        let etag = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "ETag") ?? ""
        let sameServer = try HTTPLoad.measure(wrk, ["-t2", "-c32", "-d\(seconds)s", "--latency", "http://127.0.0.1:\(chorus.port)/bench-static"])
        let baseline = await HTTPLoad.startStatic(bodySize: data.count, contentType: "application/atom+xml; charset=utf-8")
        let notModified = try HTTPLoad.measure(wrk, ["-t2", "-c32", "-d\(seconds)s", "--latency", "-H", "If-None-Match: \(etag)", url])
        let full = try HTTPLoad.measure(wrk, ["-t2", "-c32", "-d\(seconds)s", "--latency", url])
        let plain = try HTTPLoad.measure(wrk, ["-t2", "-c32", "-d\(seconds)s", "--latency", "http://127.0.0.1:\(baseline.port)/static"])
        print(String(format: "304 answers to the changes feed:         %7.0f req/s, p50 %@, p99 %@", notModified.rate,
                     notModified.p50 as NSString, notModified.p99 as NSString))
        print(String(format: "full answers (from the stored bytes):    %7.0f req/s, p50 %@, p99 %@", full.rate, full.p50 as NSString, full.p99 as NSString))
        print(String(format: "static body of %d bytes, bare server:   %7.0f req/s, p50 %@, p99 %@", data.count, plain.rate,
                     plain.p50 as NSString, plain.p99 as NSString))
        print(String(format: "static body, same server and middleware: %7.0f req/s, p50 %@, p99 %@", sameServer.rate,
                     sameServer.p50 as NSString, sameServer.p99 as NSString))
        let ratio = sameServer.rate / max(notModified.rate, 1)
        print(String(format: "static (same server) ÷ 304 throughput: %.2f× [target ≤ 1.3×: %@]; bare server ÷ 304: %.2f×",
                     ratio, (ratio <= 1.3 ? "met" : "not met") as NSString, plain.rate / max(notModified.rate, 1)))
        for export in ["meeting-guide.json", "hsds.json"] {
            let exportURL = "http://127.0.0.1:\(chorus.port)/n/synthetic/\(export)"
            _ = try await URLSession.shared.data(from: URL(string: exportURL)!)
            for (encoding, headers) in [("identity", [String]()), ("gzip", ["-H", "Accept-Encoding: gzip"])] {
                let served = try HTTPLoad.measure(wrk, ["-t2", "-c8", "-d\(seconds)s", "--latency"] + headers + [exportURL])
                let p99 = HTTPLoad.milliseconds(served.p99)
                print(String(format: "%@ (%@) when nothing changed, over HTTP: %7.0f req/s, p50 %@, p99 %@ [target p99 ≤ 10 ms: %@]",
                             export as NSString, encoding as NSString, served.rate, served.p50 as NSString, served.p99 as NSString,
                             (p99.map { $0 <= 10 } == true ? "met" : "not met") as NSString))
            }
        }
        if notModified.errors > 0 { print("note: wrk counts 304 answers as non-2xx: \(notModified.errors)") }
        await chorus.stop()
        await baseline.stop()
    }

    /// An export built cold (every group encoded), then rebuilt after one group leaves the listing and after it
    /// comes back (only that group encoded again), then answered when nothing changed.
    static func measureExport(_ registry: Registry, kind: ExportKind, name: String, groupId: String, address: PublicAddress) async throws {
        func timed(_ label: String, target: Double? = nil) async throws {
            let begin = DispatchTime.now().uptimeNanoseconds
            let body = try await registry.export(kind, network: "synthetic", at: address)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6
            let verdict = target.map { String(format: " [target ≤ %.0f ms: %@]", $0, milliseconds <= $0 ? "met" : "not met") } ?? ""
            print(String(format: "%@ export, %-34@ %8.2f ms (%d bytes, %d groups encoded)%@", name as NSString, label as NSString,
                         milliseconds, body.count, body.rewritten, verdict as NSString))
        }
        try await timed("built cold:", target: 1000)
        try await registry.suspend(network: "synthetic", groupId: groupId, reason: "benchmark")
        try await timed("rebuilt after a group left:", target: 1000)
        _ = try await registry.approve(network: "synthetic", groupId: groupId)
        try await timed("rebuilt after it came back:", target: 1000)
        var timings: [Double] = []
        for _ in 0..<200 {
            let begin = DispatchTime.now().uptimeNanoseconds
            _ = try await registry.export(kind, network: "synthetic", at: address).count
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
        }
        timings.sort()
        print(String(format: "%@ export, nothing changed (stored):     p50 %.3f ms, p99 %.3f ms", name as NSString,
                     timings[100], timings[197]))
    }
}
