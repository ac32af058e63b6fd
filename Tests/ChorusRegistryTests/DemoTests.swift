import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

/// The README's run command: `chorus demo` serves the sample feeds, enrols and harvests them over loopback.
@Suite struct DemoTests {
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                guard bind(descriptor, socketAddress, length) == 0, getsockname(descriptor, socketAddress, &length) == 0 else {
                    throw CocoaError(.fileReadUnknown)
                }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The demo's memberships judged by a charter (17 worldwide, 6 UK and Ireland, 4 USA, 2 Kenya), and those whose
    /// tier lists them publicly, per `Federation/charters/expected-tiers.md` (9 worldwide, 2 UK and Ireland, 2 USA,
    /// 1 Kenya); and the network without a charter, which lists all 17.
    static let memberships = 29
    static let listedMemberships = 14 + 17

    @Test func theDemoListsEverySampleGroupHarvestedOverLoopback() async throws {
        let directory = try scratchDirectory()
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Run.chorus)
        process.arguments = ["demo", "--port", "\(port)", "--db", directory + "/demo.sqlite", "--feeds", Repository.path("Feeds"),
                             "--charters", Repository.path("Federation/charters"), "--places", Repository.path("Feeds/places")]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let samples = try Repository.sampleFeeds().count
        var listed = 0
        for _ in 0..<200 {
            try await Task.sleep(nanoseconds: 100_000_000)
            listed = 0
            for network in ["uk-ireland", "usa", "kenya", "worldwide", "every-group"] {
                guard let answer = try? await http("GET", "http://127.0.0.1:\(port)/api/v1/n/\(network)/groups"), answer.status == 200,
                      let groups = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [[String: Any]] else { continue }
                listed += groups.filter { $0["stale"] as? Bool == false }.count
            }
            if listed >= Self.listedMemberships { break }
        }
        #expect(listed == Self.listedMemberships, "every listed membership fresh")
        let home = try await http("GET", "http://127.0.0.1:\(port)/")
        #expect(home.status == 200 && home.body.contains("/n/uk-ireland"))
        let search = try await http("GET", "http://127.0.0.1:\(port)/search?place=Sheffield")
        #expect(search.body.contains("Sheffield Central Hearing Voices Group"))
        let choices = try await http("GET", "http://127.0.0.1:\(port)/search?place=Springfield")
        #expect(choices.body.contains("Springfield, Illinois, US"), "the demo imports the sample gazetteer")
        // The README's own suggestions find something.
        let cork = try await http("GET", "http://127.0.0.1:\(port)/search?place=Cork")
        #expect(cork.body.contains("Ward Hearing Voices Group, Cork"), "Cork finds its group in the network without a charter")
        let illinois = try await http("GET", "http://127.0.0.1:\(port)/search?place=Springfield%2C+Illinois%2C+US")
        #expect(illinois.body.contains("The nearest is") && illinois.body.contains("Rainbow Voices Chicago"))
        var judged = 0
        for network in ["uk-ireland", "usa", "kenya", "worldwide"] {
            let dashboard = try await http("GET", "http://127.0.0.1:\(port)/api/v1/n/\(network)/compliance")
            #expect(dashboard.status == 200, "the demo's dashboards are public")
            let report = try JSONSerialization.jsonObject(with: Data(dashboard.body.utf8)) as? [String: Any]
            judged += report?["groupsJudged"] as? Int ?? 0
            #expect(try await http("GET", "http://127.0.0.1:\(port)/n/\(network)/charter.xml.minisig").status == 200)
        }
        #expect(judged == Self.memberships, "every membership is judged against its network's example charter")
        let feed = try await http("GET", "http://127.0.0.1:\(port)/sample-feeds/sheffield-central-voices.xml")
        #expect(feed.status == 200)
        #expect(try await http("GET", "http://127.0.0.1:\(port)/sample-feeds/..%2Fkeys%2Fsheffield-central-voices.key").status == 404)
        #expect(try await http("GET", "http://127.0.0.1:\(port)/sample-feeds/keys").status == 404)

        process.terminate()
        for _ in 0..<100 where process.isRunning { try await Task.sleep(nanoseconds: 100_000_000) }
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("every-group: lists all 17 (no charter)"), "\(printed)")
        #expect(printed.contains("worldwide: lists 9 of 17; holds back:"), "\(printed)")
        #expect(printed.contains("中野") || printed.contains("Nakano"), "the held-back groups are named: \(printed)")
        #expect(!process.isRunning && process.terminationStatus == 0)
        let database = try RegistryDatabase(path: directory + "/demo.sqlite")
        #expect(try await database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feedGroup") } == samples)
    }
}
