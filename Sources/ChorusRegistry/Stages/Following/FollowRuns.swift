import Foundation

/// Which follows are being looked at now, so a ping that arrives during a look asks for one more look afterwards
/// instead of a second one at the same time.
final class FollowRuns: @unchecked Sendable {
    private let lock = NSLock()
    private var running: Set<Int64> = []
    private var again: Set<Int64> = []

    /// True when the caller may start; otherwise the running look is asked to go once more.
    func begin(_ id: Int64) -> Bool {
        lock.withLock {
            if running.contains(id) { again.insert(id); return false }
            running.insert(id)
            return true
        }
    }

    /// True when a ping arrived during the look and the caller should look again (it still holds the follow).
    func end(_ id: Int64) -> Bool {
        lock.withLock {
            if again.remove(id) != nil { return true }
            running.remove(id)
            return false
        }
    }
}
