import Foundation
import Logging

/// Once a second: pings the registries that asked to hear of this registry's directories, and looks at every
/// followed directory that is due (hourly, or at once after a ping). Beside the harvest loop, so a long harvest
/// pass never holds a ping back.
public struct FederationLoop: Sendable {
    public let registry: Registry
    public var tick: TimeInterval = 1

    public init(registry: Registry) {
        self.registry = registry
    }

    public func run() async {
        while !Task.isCancelled {
            do {
                let pinged = try await registry.pingSubscribers()
                if pinged > 0 { registry.logger.info("pinged \(pinged) subscriber(s) of changed directories") }
                for report in try await registry.refreshFollows() { registry.logger.info("follow: \(report.line)") }
            } catch {
                registry.logger.error("federation pass failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(nanoseconds: UInt64(tick * 1_000_000_000))
        }
    }
}
