import ChorusFeed
@testable import ChorusRegistry
@testable import ChorusServer
import ChorusTestSupport
import Foundation
import NIOCore
import Testing

/// The search API's own JSON writer says what JSONEncoder says of the same results, for every shape of answer.
@Suite struct SearchJSONTests {
    @Test func theSearchWriterAgreesWithJSONEncoder() async throws {
        let fixture = try await DirectoryFixture.start(places: true)
        defer { Task { await fixture.stop() } }
        var random = SeededRandom(seed: 7)
        var queries = (0..<60).map { _ in ReadModelEquivalenceTests.randomQuery(&random) }
        var withText = DirectoryQuery()
        withText.text = "voices"
        queries += [DirectoryQuery(), withText]
        var shapes = Set<String>()
        for query in queries {
            var results = try await fixture.registry.search(query)
            if let hit = results.hits.first {
                // Text that must be escaped, and every optional present.
                results.hits[0].summary = "Quote \" backslash \\ line\nbreak\ttab \u{1} é 日本 / slash"
                results.hits[0].withheldArea = hit.withheldArea ?? "Cork, Munster, IE"
                results.hits[0].distanceKm = hit.distanceKm ?? 12.3
            }
            let written = SearchResultsJSON.encode(results)
            let ours = try JSONSerialization.jsonObject(with: Data(written.readableBytesView)) as? NSDictionary
            let theirs = try JSONSerialization.jsonObject(with: try Responses.encoder.encode(results)) as? NSDictionary
            #expect(ours != nil && ours == theirs, "\(query)")
            shapes.insert("\(results.place != nil) \(results.choices.isEmpty) \(results.unknownPlace != nil) \(results.hits.contains { !$0.notices.isEmpty })")
        }
        #expect(shapes.count >= 3, "the queries reach several shapes of answer: \(shapes)")
    }
}
