import Foundation

/// The whole-network exports as last built, kept as one fragment per group: a change re-encodes only the groups it
/// touched, and one build per export runs at a time, which every request waiting for that export shares.
/// At most `capacity` bytes of fragments are kept; the exports least recently asked for go first.
final class ExportCache: @unchecked Sendable {
    struct Key: Hashable, Sendable {
        let kind: ExportKind
        let network: Int64
        /// The address the export's links point at.
        let base: String
    }

    /// What a group's fragment was built from: its own change sequence, the sequence of changes that touch every
    /// group (a network renamed, the gazetteer reloaded), and for exports that depend on the date, the day.
    struct Version: Equatable, Sendable {
        let seq: Int64
        let everything: Int64
        let day: Int
    }

    struct Fragment: Sendable {
        let version: Version
        let bytes: Data
    }

    typealias Fragments = [Int64: Fragment]

    private struct Entry {
        var fragments: Fragments = [:]
        var body: ExportBody?
        var tag = ""
        var generation = 0
        var used = 0
        var size = 0
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var building: [Key: (tag: String, task: Task<ExportBody, Error>)] = [:]
    private var generations = 0
    private var uses = 0
    let capacity: Int

    init(capacity: Int = 256 << 20) { self.capacity = capacity }

    /// The export for `key` as of the stamp `tag`: the stored body when it was built at that stamp, otherwise the
    /// result of `build`, given the fragments kept so far and returning the body with the fragments it was made of.
    func body(for key: Key, tag: String,
              build: @escaping @Sendable (Fragments) async throws -> (body: ExportBody, fragments: Fragments)) async throws -> ExportBody {
        enum Next { case done(ExportBody), wait(Task<ExportBody, Error>) }
        let next: Next = lock.withLock {
            uses += 1
            if let entry = entries[key], entry.tag == tag, let body = entry.body {
                entries[key]?.used = uses
                return .done(body)
            }
            if let running = building[key], running.tag == tag { return .wait(running.task) }
            generations += 1
            let generation = generations
            let kept = entries[key]?.fragments ?? [:]
            let task = Task {
                defer { self.finished(key, tag: tag) }
                let (body, fragments) = try await build(kept)
                self.store(key, tag: tag, generation: generation, body: body, fragments: fragments)
                return body
            }
            building[key] = (tag, task)
            return .wait(task)
        }
        switch next {
        case .done(let body): return body
        case .wait(let task): return try await task.value
        }
    }

    private func finished(_ key: Key, tag: String) {
        lock.withLock { if building[key]?.tag == tag { building[key] = nil } }
    }

    private func store(_ key: Key, tag: String, generation: Int, body: ExportBody, fragments: Fragments) {
        let size = fragments.values.reduce(0) { $0 + $1.bytes.count }
        guard size <= capacity / 2 else { return }
        lock.withLock {
            guard (entries[key]?.generation ?? 0) < generation else { return }
            entries[key] = Entry(fragments: fragments, body: body, tag: tag, generation: generation, used: uses, size: size)
            var total = entries.values.reduce(0) { $0 + $1.size }
            while total > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used }), oldest.key != key {
                total -= oldest.value.size
                entries[oldest.key] = nil
            }
        }
    }
}
