@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import Hummingbird
import Testing

/// The harvester's address filter: every special-purpose range refused at and inside its edges, the IPv4 address
/// inside mapped, compatible, translated, NAT64 and 6to4 forms judged, the check made before any connection, and
/// the connection made to the address that was checked.
@Suite struct AddressFilterTests {
    /// Each range as its first and last address, with the addresses just outside it where those are public.
    static let ipv4Edges: [(outsideBelow: String?, first: String, last: String, outsideAbove: String?)] = [
        (nil, "0.0.0.0", "0.255.255.255", "1.0.0.0"),
        ("9.255.255.255", "10.0.0.0", "10.255.255.255", "11.0.0.0"),
        ("100.63.255.255", "100.64.0.0", "100.127.255.255", "100.128.0.0"),
        ("126.255.255.255", "127.0.0.0", "127.255.255.255", "128.0.0.0"),
        ("169.253.255.255", "169.254.0.0", "169.254.255.255", "169.255.0.0"),
        ("172.15.255.255", "172.16.0.0", "172.31.255.255", "172.32.0.0"),
        ("191.255.255.255", "192.0.0.0", "192.0.0.255", "192.0.1.0"),
        ("192.0.1.255", "192.0.2.0", "192.0.2.255", "192.0.3.0"),
        ("192.88.98.255", "192.88.99.0", "192.88.99.255", "192.88.100.0"),
        ("192.167.255.255", "192.168.0.0", "192.168.255.255", "192.169.0.0"),
        ("198.17.255.255", "198.18.0.0", "198.19.255.255", "198.20.0.0"),
        ("198.51.99.255", "198.51.100.0", "198.51.100.255", "198.51.101.0"),
        ("203.0.112.255", "203.0.113.0", "203.0.113.255", "203.0.114.0"),
        ("223.255.255.255", "224.0.0.0", "239.255.255.255", nil),
        (nil, "240.0.0.0", "255.255.255.254", nil),
        (nil, "255.255.255.255", "255.255.255.255", nil),
    ]

    @Test func everyIPv4SpecialRangeIsRefusedAtItsEdgesAndNothingBeside() {
        for edge in Self.ipv4Edges {
            #expect(IPAddressClass.isPrivate(edge.first), "\(edge.first)")
            #expect(IPAddressClass.isPrivate(edge.last), "\(edge.last)")
            if let below = edge.outsideBelow { #expect(!IPAddressClass.isPrivate(below), "\(below) is public") }
            if let above = edge.outsideAbove { #expect(!IPAddressClass.isPrivate(above), "\(above) is public") }
        }
        #expect(SpecialAddresses.ipv4.count == 16, "every range of the table has its edges above")
    }

    @Test func ipv6RangesAndEmbeddedIPv4AreJudged() {
        let refused = [
            "::", "::1", "::127.0.0.1", "::10.0.0.1", "::8.8.8.8", "::ffff:127.0.0.1", "::ffff:192.168.0.1", "::ffff:0:127.0.0.1",
            "64:ff9b::127.0.0.1", "64:ff9b::a00:1", "64:ff9b:1::1", "2002:7f00:1::1", "2002:c0a8:101::1", "2002:a9fe:a9fe::1",
            "100::1", "100:0:0:1::1", "2001::1", "2001:2::1", "2001:db8::1", "3fff::1", "5f00::1", "fc00::1", "fd12:3456::1",
            "fe80::1", "febf::1", "fec0::1", "ff02::1", "ff0e::1", "::ffff:255.255.255.255", "64:ff9b::198.51.100.7",
        ]
        for address in refused { #expect(IPAddressClass.isPrivate(address), "\(address) must be refused") }
        let reachable = ["2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8", "2002:808:808::1",
                         "2001:1::1", "2001:3::1", "2001:20::1", "2001:200::1", "2a00:1450::1"]
        for address in reachable { #expect(!IPAddressClass.isPrivate(address), "\(address) is globally reachable") }
        #expect(IPAddressClass.isPrivate("not an address") && IPAddressClass.isPrivate("127.1"))
    }

    @Test func theCheckComesBeforeAnyConnectionAndNamesNoInternalAddress() async throws {
        let counter = RequestCounter()
        let host = try await FeedHost.start { router in
            router.get("feed.xml") { _, _ in counter.add(); return "x" }
        }
        defer { Task { await host.stop() } }
        let policy = AddressPolicy(allowPrivate: false, resolver: { _ in ["10.1.2.3", "127.0.0.1"] })
        let fetcher = FeedFetcher(limits: .testing, policy: policy)
        defer { Task { await fetcher.shutdown() } }
        for url in ["http://inside.example:\(host.port)/feed.xml", "http://127.0.0.1:\(host.port)/feed.xml", "http://[::ffff:127.0.0.1]:\(host.port)/feed.xml"] {
            do { _ = try await fetcher.fetchFeed(url); Issue.record("\(url) was fetched") } catch {
                #expect(error.code == .privateAddress, "\(url): \(error)")
                #expect(!error.message.contains("10.1.2.3") && !error.message.contains("127.0.0.1:"), "the message names an internal address: \(error.message)")
            }
        }
        #expect(counter.count == 0, "no request reached the host")
    }

    @Test func theFetchConnectsToTheAddressThatWasCheckedEvenWhenTheNameRebinds() async throws {
        let good = try await FeedHost.start(address: "127.0.0.2") { router in
            router.get("feed.xml") { _, _ in Response(status: .ok, headers: [.contentType: "application/atom+xml"], body: .init(byteBuffer: ByteBuffer(string: "<feed>good</feed>"))) }
        }
        defer { Task { await good.stop() } }
        let evil = try await FeedHost.start(address: "127.0.0.3", port: good.port) { router in
            router.get("feed.xml") { _, _ in Response(status: .ok, headers: [.contentType: "application/atom+xml"], body: .init(byteBuffer: ByteBuffer(string: "<feed>internal</feed>"))) }
        }
        defer { Task { await evil.stop() } }
        let answers = RebindingResolver(first: "127.0.0.2", then: "127.0.0.3")
        // 127.0.0.2 plays a public address; 127.0.0.3 an internal one.
        let policy = AddressPolicy(allowPrivate: false, allowedAddresses: ["127.0.0.2"], resolver: { await answers.resolve($0) })
        let fetcher = FeedFetcher(limits: .testing, policy: policy)
        defer { Task { await fetcher.shutdown() } }
        for _ in 0..<3 {
            guard case .body(let bytes, _) = try await fetcher.fetchFeed("http://rebinding.example:\(good.port)/feed.xml") else {
                Issue.record("no body"); return
            }
            #expect(String(decoding: bytes, as: UTF8.self) == "<feed>good</feed>")
            await answers.reset()
        }
        #expect(await answers.calls == 3, "one resolution per fetch: the connection used it")
    }
}

final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}

/// A DNS answer that changes after the first question, as a rebinding attacker's server does.
actor RebindingResolver {
    let first: String
    let then: String
    private(set) var calls = 0
    private var asked = false

    init(first: String, then: String) {
        self.first = first
        self.then = then
    }

    func resolve(_ host: String) -> [String] {
        calls += 1
        defer { asked = true }
        return [asked ? then : first]
    }

    /// Each fetch starts from a fresh first answer, so every fetch is a rebinding attempt.
    func reset() { asked = false }
}
