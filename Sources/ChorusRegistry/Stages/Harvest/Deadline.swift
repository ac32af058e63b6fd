import Foundation

struct DeadlineExceeded: Error {}

/// Runs an operation and cancels it at a wall-clock deadline, however it is waiting.
enum Deadline {
    static func run<T: Sendable>(by deadline: Date, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                let wait = max(0, deadline.timeIntervalSinceNow)
                try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
                throw DeadlineExceeded()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw DeadlineExceeded() }
            return first
        }
    }
}
