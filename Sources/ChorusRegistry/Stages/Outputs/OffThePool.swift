import Dispatch

/// Long pieces of work (building a whole-network export, compressing it) run on a dispatch thread, so the
/// cooperative pool, two threads on a two-core machine, stays free for the requests.
public enum OffThePool {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
