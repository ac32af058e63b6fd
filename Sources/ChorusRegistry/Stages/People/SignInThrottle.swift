import Foundation

/// Growing waits after failed sign-ins, then a lock. The per-person count is kept with the person (so it
/// survives a restart and any process sees it); the per-address count is kept in memory by the serving process.
public struct SignInThrottle: Sendable {
    /// Failures allowed before the first wait.
    public var freeFailures = 3
    /// The first wait; each further failure doubles it.
    public var firstWait: TimeInterval = 5
    public var longestWait: TimeInterval = 15 * 60
    /// Failures in a row after which the person's sign-in is locked until an admin lifts it.
    public var lockAfter = 10
    /// Failures from one address before it waits (a household or an office may share one address).
    public var freeFailuresPerAddress = 10
    /// An address's failures are forgotten after this long without one.
    public var addressMemory: TimeInterval = 3600

    public init() {}

    /// How long after the last of `failures` the next attempt must wait.
    func wait(afterFailures failures: Int, free: Int) -> TimeInterval {
        guard failures >= free else { return 0 }
        return min(longestWait, firstWait * pow(2, Double(min(failures - free, 20))))
    }
}

/// Failed sign-ins by client address, in memory.
actor AddressFailures {
    private var failures: [String: (count: Int, last: Date)] = [:]

    func remainingWait(_ address: String, now: Date, throttle: SignInThrottle) -> TimeInterval? {
        guard let entry = failures[address] else { return nil }
        if now.timeIntervalSince(entry.last) > throttle.addressMemory {
            failures[address] = nil
            return nil
        }
        let wait = throttle.wait(afterFailures: entry.count, free: throttle.freeFailuresPerAddress)
        let until = entry.last.addingTimeInterval(wait)
        return wait > 0 && until > now ? until.timeIntervalSince(now) : nil
    }

    func failed(_ address: String, now: Date) {
        if failures.count > 50_000 { failures = failures.filter { now.timeIntervalSince($0.value.last) < 3600 } }
        failures[address] = ((failures[address]?.count ?? 0) + 1, now)
    }

    func succeeded(_ address: String) { failures[address] = nil }
}
