import ChorusFeed
@testable import ChorusRegistry
import Foundation
import Testing

/// A caller of `Registry.search` cannot change the query: typed values cannot hold a foreign id, free-form ones
/// are refused before any SQL with a matchable error, and what is allowed is bound, never spliced.
@Suite(.serialized) struct SearchInputTests {
    static let hostile = ["x' OR 1=1 --", "'); DROP TABLE membership; --", "full\" OR \"1\"=\"1", "a b", "../etc"]

    @Test func hostileModesCannotBeExpressed() {
        for value in Self.hostile + ["in-person' OR '1'='1", "hybrid,online"] {
            #expect(AttendanceMode(rawValue: value) == nil)
            #expect(AudienceKind(rawValue: value) == nil)
            #expect(AccessibilityFeature(rawValue: value) == nil)
        }
    }

    @Test func hostileTiersNetworksAndLanguagesAreRefusedBeforeSQL() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        for value in Self.hostile {
            for field in [\DirectoryQuery.tier, \DirectoryQuery.network, \DirectoryQuery.language] {
                await #expect(throws: RegistryError.self, "\(field) = \(value)") {
                    do { _ = try await fixture.search { $0[keyPath: field] = value } } catch let error as RegistryError {
                        guard case .invalid(.query, let message) = error, !message.contains("\n") else { throw CancellationError() }
                        throw error
                    }
                }
            }
        }
        await #expect(throws: RegistryError.self) { _ = try await fixture.search { $0.limit = 100_000 } }
        await #expect(throws: RegistryError.self) { _ = try await fixture.search { $0.days = [9] } }
        await #expect(throws: RegistryError.self) { _ = try await fixture.search { $0.radiusKm = -1 } }
    }

    @Test func hostileTextAndPlaceAreBoundAndFindNothing() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let everything = try await fixture.search { $0.limit = 100 }.hits.count
        for value in Self.hostile {
            #expect(try await fixture.search { $0.text = value; $0.limit = 100 }.hits.count < everything)
            let near = try await fixture.search { $0.place = value }
            #expect(near.hits.isEmpty)
        }
        #expect(try await fixture.search { $0.limit = 100 }.hits.count == everything, "nothing was changed by the searches")
    }

    @Test func aValidTierStillFiltersThroughBoundValues() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let none = try await fixture.search { $0.tier = "no-such-tier"; $0.limit = 100 }
        #expect(none.hits.isEmpty)
    }
}
