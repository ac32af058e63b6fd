import Foundation

/// Small answers that change rarely and are asked on every search page.
final class DirectoryCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cachedLanguages: (at: Date, value: [String])?

    func languages(now: Date) -> [String]? {
        lock.withLock { cachedLanguages.flatMap { now.timeIntervalSince($0.at) < 60 ? $0.value : nil } }
    }

    func store(languages: [String], now: Date) {
        lock.withLock { cachedLanguages = (now, languages) }
    }
}
