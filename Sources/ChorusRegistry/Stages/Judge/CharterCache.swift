import ChorusCharter
import Foundation

/// Prepared charters by their row id. A stored charter never changes, so an entry never goes stale.
final class CharterCache: @unchecked Sendable {
    private let lock = NSLock()
    private var evaluators: [Int64: CharterEvaluator] = [:]

    func evaluator(id: Int64, load: () throws -> Data) throws -> CharterEvaluator {
        if let cached = lock.withLock({ evaluators[id] }) { return cached }
        let evaluator = CharterEvaluator(try CharterReader.read(try load()))
        lock.withLock { evaluators[id] = evaluator }
        return evaluator
    }
}
