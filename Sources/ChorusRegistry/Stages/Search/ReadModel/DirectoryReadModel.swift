import Foundation
import GRDB

/// Keeps the current `DirectorySnapshot` equal to what the index stage has committed, whichever process wrote it.
/// SQLite stays the source of truth: triggers record each changed group in `directoryTouch` with a growing
/// sequence number; before a search the model asks `CommitWatch` whether anything was committed since it last
/// looked, and if so reads in the changed groups and
/// swaps in a new snapshot. Searches hold a snapshot and never wait on a lock while they run.
final class DirectoryReadModel: @unchecked Sendable {
    private let database: RegistryDatabase
    private let loading: IndexedGroupLoading
    private let lock = NSLock()
    private var snapshot = DirectorySnapshot.empty
    private var built = false
    private var seenDataVersion: Int?
    /// One refresh at a time; searches that arrive meanwhile wait for it, then read the new snapshot.
    private let refreshing = AsyncSerial()

    init(database: RegistryDatabase, judge: Judge) {
        self.database = database
        loading = IndexedGroupLoading(judge: judge)
    }

    /// The snapshot with every change committed before this call.
    func current() async throws -> DirectorySnapshot {
        let version = try database.commits.version()
        if let fresh = lock.withLock({ built && seenDataVersion == version ? snapshot : nil }) { return fresh }
        return try await refreshing.run { [self] in
            if let fresh = lock.withLock({ built && seenDataVersion == version ? snapshot : nil }) { return fresh }
            let next = try await refreshed(from: lock.withLock { built ? snapshot : nil })
            lock.withLock {
                snapshot = next
                built = true
                seenDataVersion = version
            }
            return next
        }
    }

    /// Builds the whole snapshot now (at start, so the first visitor does not wait for it).
    func warm() async throws { _ = try await current() }

    private func refreshed(from previous: DirectorySnapshot?) async throws -> DirectorySnapshot {
        let loading = self.loading
        return try await database.read { db in
            let seq = try DirectoryTouchRecord.newest(db)
            guard let previous else {
                return DirectorySnapshot(main: .init(groups: try loading.load(db, rows: nil)), seq: seq)
            }
            guard seq > previous.seq else { return previous }
            let touched = try DirectoryTouchRecord.rows(after: previous.seq, db)
            if touched.contains(0) {
                return DirectorySnapshot(main: .init(groups: try loading.load(db, rows: nil)), seq: seq)
            }
            let loaded = try loading.load(db, rows: touched)
            var changed: [Int64: IndexedGroup?] = [:]
            for row in touched { changed[row] = .some(loaded[row]) }
            return previous.applying(changed, seq: seq)
        }
    }
}

/// Runs async jobs one after another.
actor AsyncSerial {
    private var tail: Task<Void, Never>?

    func run<T: Sendable>(_ job: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tail
        let task = Task<T, Error> {
            await previous?.value
            return try await job()
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }
}
