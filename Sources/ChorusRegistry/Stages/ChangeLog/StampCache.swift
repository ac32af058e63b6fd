import Foundation

/// Output stamps remembered for one second, so a burst of revalidations (HTTP 304) costs one database read.
/// Writes made through this registry clear it at once; a write by another process shows within the second.
final class StampCache: @unchecked Sendable {
    private let lock = NSLock()
    private var stamps: [String: (at: UInt64, stamp: OutputStamp)] = [:]
    private static let lifetime: UInt64 = 1_000_000_000

    func stamp(_ key: String, orRead read: () async throws -> OutputStamp) async rethrows -> OutputStamp {
        let now = DispatchTime.now().uptimeNanoseconds
        if let cached = lock.withLock({ stamps[key] }), now - cached.at < Self.lifetime { return cached.stamp }
        let stamp = try await read()
        lock.withLock {
            if stamps.count > 10_000 { stamps.removeAll() }
            stamps[key] = (now, stamp)
        }
        return stamp
    }

    func clear() { lock.withLock { stamps.removeAll() } }
}
