import Dispatch

/// Maps a pure function over an array on every core, keeping the order.
enum ParallelMap {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        guard inputs.count > 64 else { return inputs.map(transform) }
        let chunks = min(inputs.count / 32, 64)
        let size = (inputs.count + chunks - 1) / chunks
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: inputs.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize().deallocate() }
        // Each iteration writes only its own disjoint range of the buffer.
        nonisolated(unsafe) let output = results
        withoutActuallyEscaping(transform) { transform in
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * size
                let end = min(start + size, inputs.count)
                guard start < end else { return }
                for index in start..<end { output[index] = transform(inputs[index]) }
            }
        }
        return results.map { $0! }
    }
}
