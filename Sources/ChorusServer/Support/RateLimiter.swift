import Foundation

/// Token buckets by key: `capacity` requests, refilled evenly over `per` seconds. In memory, per process.
actor RateLimiter {
    private let capacity: Double
    private let refillPerSecond: Double
    private var buckets: [String: (tokens: Double, at: Date)] = [:]

    init(capacity: Int, per seconds: TimeInterval) {
        self.capacity = Double(max(1, capacity))
        refillPerSecond = Double(max(1, capacity)) / max(1, seconds)
    }

    /// The seconds to wait before a token is there, or nil when one is; takes nothing.
    func wait(_ key: String, now: Date = Date()) -> TimeInterval? {
        guard let bucket = buckets[key] else { return nil }
        let tokens = min(capacity, bucket.tokens + now.timeIntervalSince(bucket.at) * refillPerSecond)
        return tokens >= 1 ? nil : (1 - tokens) / refillPerSecond
    }

    /// Takes one token; returns the seconds to wait when there is none.
    func take(_ key: String, now: Date = Date()) -> TimeInterval? {
        if buckets.count > 50_000 { buckets = buckets.filter { now.timeIntervalSince($0.value.at) < 3600 } }
        var bucket = buckets[key] ?? (capacity, now)
        bucket.tokens = min(capacity, bucket.tokens + now.timeIntervalSince(bucket.at) * refillPerSecond)
        bucket.at = now
        guard bucket.tokens >= 1 else {
            buckets[key] = bucket
            return (1 - bucket.tokens) / refillPerSecond
        }
        bucket.tokens -= 1
        buckets[key] = bucket
        return nil
    }
}
