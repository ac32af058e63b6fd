import Foundation

/// Values built once per tag, kept until the tag of their key moves: the first request after a change builds, the
/// requests that arrive meanwhile wait for that build, and later ones get the stored value. A build is given the
/// value built before it (an export reuses the fragments of the groups that did not change). At most `capacity`
/// (as `size` measures it) is kept; the keys least recently asked for go first.
public final class BuiltOnce<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private enum Next {
        case done(Value)
        case wait(Task<Value, Error>)
    }

    private struct Entry {
        var value: Value
        var tag: String
        var generation: Int
        var used: Int
        var size: Int
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var building: [Key: (tag: String, task: Task<Value, Error>)] = [:]
    private var generations = 0
    private var uses = 0
    private var total = 0
    private let capacity: Int
    private let size: @Sendable (Value) -> Int

    public init(capacity: Int, size: @escaping @Sendable (Value) -> Int) {
        self.capacity = capacity
        self.size = size
    }

    public func value(for key: Key, tag: String, build: @escaping @Sendable (_ previous: Value?) async throws -> Value) async throws -> Value {
        let next: Next = lock.withLock {
            uses += 1
            if let entry = entries[key], entry.tag == tag {
                entries[key]?.used = uses
                return .done(entry.value)
            }
            if let running = building[key], running.tag == tag { return .wait(running.task) }
            generations += 1
            let generation = generations
            let previous = entries[key]?.value
            let task = Task {
                defer { self.finished(key, tag: tag) }
                let value = try await build(previous)
                self.store(value, for: key, tag: tag, generation: generation)
                return value
            }
            building[key] = (tag, task)
            return .wait(task)
        }
        switch next {
        case .done(let value): return value
        case .wait(let task): return try await task.value
        }
    }

    private func finished(_ key: Key, tag: String) {
        lock.withLock { if building[key]?.tag == tag { building[key] = nil } }
    }

    private func store(_ value: Value, for key: Key, tag: String, generation: Int) {
        let size = size(value)
        guard size <= capacity / 2 else { return }
        lock.withLock {
            if let old = entries[key] {
                guard old.generation < generation else { return }
                total -= old.size
            }
            entries[key] = Entry(value: value, tag: tag, generation: generation, used: uses, size: size)
            total += size
            while total > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used }), oldest.key != key {
                total -= oldest.value.size
                entries[oldest.key] = nil
            }
        }
    }
}
