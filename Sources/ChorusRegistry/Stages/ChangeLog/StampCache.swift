import Foundation

/// Output stamps remembered while nothing is committed to the database, so revalidations (HTTP 304) cost no read
/// of their own; a commit by this or any other process makes the next request read the stamp again.
final class StampCache: @unchecked Sendable {
    private let commits: CommitWatch
    private let lock = NSLock()
    private var stamps: [String: OutputStamp] = [:]
    private var version: Int?

    init(commits: CommitWatch) { self.commits = commits }

    func stamp(_ key: String, orRead read: () async throws -> OutputStamp) async throws -> OutputStamp {
        let current = try commits.version()
        if let cached = lock.withLock({ version == current ? stamps[key] : nil }) { return cached }
        let stamp = try await read()
        lock.withLock {
            if version != current || stamps.count > 10_000 { stamps.removeAll(); version = current }
            stamps[key] = stamp
        }
        return stamp
    }

    func clear() { lock.withLock { stamps.removeAll(); version = nil } }
}
