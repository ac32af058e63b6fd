import ChorusFeed
import ChorusRegistry
import ChorusServer
import ChorusTestSupport
import Foundation
import Testing

/// Enrolments, harvests, pushes and page requests together on this two-core machine for a bounded time: every
/// operation finishes, none waits more than 30 seconds, and the database stays sound. This is the load under which
/// synchronous database calls from async code once pinned every cooperative thread waiting for a reader connection.
@Suite(.serialized) struct StressTests {
    actor Tally {
        var operations = 0
        var slowest: TimeInterval = 0
        var failures: [String] = []

        func record(_ seconds: TimeInterval, failure: String? = nil) {
            operations += 1
            slowest = max(slowest, seconds)
            if let failure, failures.count < 10 { failures.append(failure) }
        }
    }

    static let names = ["sheffield-central-voices", "bronx-voces", "nakano-koe", "galway-bay-voices", "kowloon-voices", "night-owls-online"]

    @Test func everythingAtOnceFinishesWithoutAHang() async throws {
        let (test, host, _, groups) = try await HarvestTests.enrolled(Self.names)
        let server = try await RunningServer.start(test.registry) { $0.pushesPerGroupPerMinute = 10_000; $0.requestsPerAddressPerMinute = 1_000_000
            $0.failedPushesPerAddressPerMinute = 1_000_000 }
        defer { Task { await server.stop(); await host.stop() } }
        let tally = Tally()
        let deadline = Date().addingTimeInterval(ProcessInfo.processInfo.environment["CHORUS_STRESS_SECONDS"].flatMap(Double.init) ?? 8)

        func timed(_ name: String, _ work: @Sendable () async throws -> Bool) async {
            let started = Date()
            var failure: String?
            do { if try await !work() { failure = "\(name) answered badly" } } catch is RegistryError {
                // A clear refusal (an enrolment of a feed older than one the group has since pushed) is an answer.
            } catch { failure = "\(name): \(error)" }
            await tally.record(Date().timeIntervalSince(started), failure: failure)
        }

        await withTaskGroup(of: Void.self) { tasks in
            for worker in 0..<4 {
                tasks.addTask {
                    var round = 0
                    while Date() < deadline {
                        round += 1
                        let round = round
                        let slug = "stress-\(worker)-\(round % 3)"
                        await timed("enrol") {
                            if round <= 3 { try await test.registry.createNetwork(slug: slug, name: slug, policy: .open) }
                            let group = groups[(worker + round) % groups.count]
                            _ = try await test.registry.enroll(network: slug, feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
                            return true
                        }
                    }
                }
            }
            tasks.addTask {
                while Date() < deadline { await timed("harvest") { try await test.registry.harvestPass(force: true).attempted > 0 } }
            }
            tasks.addTask {
                var seq: UInt64 = 1
                while Date() < deadline {
                    seq += 1
                    let seq = seq
                    let group = groups[Int(seq) % groups.count]
                    await timed("push") {
                        let bytes = group.sample.version(Int(seq))
                        let body = try PublishAPITests.pushBody(bytes, try group.sample.sign(bytes, seq: seq))
                        return try await http("POST", server.base + "/api/v1/groups/\(group.sample.id)/feed", json: body).status < 500
                    }
                }
            }
            for reader in 0..<8 {
                tasks.addTask {
                    let paths = ["/", "/search?place=Sheffield", "/search?mode=online&time=evening", "/groups/\(groups[reader % groups.count].sample.id)",
                                 "/n/net", "/n/net/changes.atom", "/healthz", "/api/v1/search?q=voices"]
                    var index = reader
                    while Date() < deadline {
                        index += 1
                        let path = paths[index % paths.count]
                        await timed("GET \(path)") { try await http("GET", server.base + path).status < 500 }
                    }
                }
            }
        }
        let operations = await tally.operations
        let slowest = await tally.slowest
        let failures = await tally.failures
        print("stress: \(operations) operations, slowest \(String(format: "%.2f", slowest)) s")
        #expect(failures.isEmpty, "\(failures)")
        #expect(slowest < 30, "an operation waited \(slowest) s")
        #expect(operations > 50, "only \(operations) operations finished")
        #expect(try await test.registry.database.integrityCheck() == "ok")
    }
}
