/// Lets at most `perHost` fetches run against one host, and `total` overall.
actor HostGate {
    private let perHost: Int
    private let total: Int
    private var running: [String: Int] = [:]
    private var runningTotal = 0
    private var waiters: [(host: String, continuation: CheckedContinuation<Void, Never>)] = []

    init(perHost: Int, total: Int) {
        self.perHost = max(1, perHost)
        self.total = max(1, total)
    }

    func enter(_ host: String) async {
        if canStart(host) {
            start(host)
            return
        }
        await withCheckedContinuation { waiters.append((host, $0)) }
    }

    func leave(_ host: String) {
        running[host, default: 1] -= 1
        runningTotal -= 1
        if let index = waiters.firstIndex(where: { canStart($0.host) }) {
            let waiter = waiters.remove(at: index)
            start(waiter.host)
            waiter.continuation.resume()
        }
    }

    private func canStart(_ host: String) -> Bool { runningTotal < total && running[host, default: 0] < perHost }

    private func start(_ host: String) {
        running[host, default: 0] += 1
        runningTotal += 1
    }
}
