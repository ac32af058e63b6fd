import Foundation
import Logging

/// Harvests continuously: a pass whenever some group is due, checking the database once a second, so a
/// ping or an enrolment made by another process on the same file is picked up promptly.
public struct HarvestLoop: Sendable {
    public let registry: Registry
    public var tick: TimeInterval = 1

    public init(registry: Registry) {
        self.registry = registry
    }

    public func run() async {
        registry.logger.info("harvester started")
        var lastRefresh = Date.distantPast
        while !Task.isCancelled {
            if registry.now.timeIntervalSince(lastRefresh) >= 3600 {
                lastRefresh = registry.now
                do {
                    let refreshed = try await registry.refreshVerdicts()
                    if refreshed > 0 { registry.logger.info("re-judged \(refreshed) verdict(s) older than a day") }
                    let indexed = try await registry.indexMissingGroups()
                    if indexed > 0 { registry.logger.info("indexed \(indexed) group(s) missing from the directory") }
                    let moved = try await registry.refreshDirectory()
                    if moved > 0 { registry.logger.info("moved the occurrence window of \(moved) group(s)") }
                    let changes = try await registry.reconcileDirectory()
                    if changes > 0 { registry.logger.info("recorded \(changes) directory change(s)") }
                    let signed = try await registry.refreshSignedDirectories()
                    if signed > 0 { registry.logger.info("signed \(signed) network directory(ies) again") }
                    let pruned = try await registry.pruneHarvestHistory()
                    if pruned > 0 { registry.logger.info("pruned \(pruned) old harvest attempt(s)") }
                } catch {
                    registry.logger.error("verdict refresh failed", metadata: ["error": "\(error)"])
                }
            }
            do {
                if let due = try await registry.nextDue(), due <= registry.now {
                    let summary = try await registry.harvestPass()
                    if summary.attempted > 0 { registry.logger.info("\(summary)") }
                }
            } catch {
                registry.logger.error("harvest pass failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(nanoseconds: UInt64(tick * 1_000_000_000))
        }
        registry.logger.info("harvester stopped")
    }
}
