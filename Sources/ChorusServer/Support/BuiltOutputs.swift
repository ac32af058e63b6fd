import Foundation
import NIOCore

/// The bytes of each output as last built, with the stamp they were built at: an output is built once per change
/// and then answered from these bytes until its stamp moves. At most `capacity` bytes are kept; the oldest go first.
final class BuiltOutputs: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: ByteBuffer] = [:]
    private var order: [String] = []
    private var size = 0
    let capacity: Int

    init(capacity: Int = 128 << 20) { self.capacity = capacity }

    /// The bytes built for `key`, which names the output and the stamp it was built at.
    func body(for key: String) -> ByteBuffer? {
        lock.withLock { entries[key] }
    }

    func store(_ body: ByteBuffer, for key: String) {
        guard body.readableBytes <= capacity / 2 else { return }
        lock.withLock {
            if let old = entries.removeValue(forKey: key) {
                size -= old.readableBytes
                order.removeAll { $0 == key }
            }
            entries[key] = body
            order.append(key)
            size += body.readableBytes
            while size > capacity, let oldest = order.first {
                order.removeFirst()
                size -= entries.removeValue(forKey: oldest)?.readableBytes ?? 0
            }
        }
    }
}
