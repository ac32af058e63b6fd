import Foundation

/// Small answers that change rarely and are asked on every search page.
final class DirectoryCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cachedLanguages: (at: Date, value: [String])?
    private var cachedPlaces: (seq: Int64, answers: [String: [DirectoryPlace]]) = (0, [:])
    private var cachedOffered: (seq: Int64, byNetwork: [String: [String: Int]]) = (0, [:])

    /// How many listed groups (of one network, or "" for all) have each audience and language, at `seq`.
    func offered(seq: Int64, network: String) -> [String: Int]? {
        lock.withLock { cachedOffered.seq == seq ? cachedOffered.byNetwork[network] : nil }
    }

    func store(offered: [String: Int], seq: Int64, network: String) {
        lock.withLock {
            if cachedOffered.seq != seq || cachedOffered.byNetwork.count >= 1_000 { cachedOffered = (seq, [:]) }
            cachedOffered.byNetwork[network] = offered
        }
    }

    func languages(now: Date) -> [String]? {
        lock.withLock { cachedLanguages.flatMap { now.timeIntervalSince($0.at) < 60 ? $0.value : nil } }
    }

    func store(languages: [String], now: Date) {
        lock.withLock { cachedLanguages = (now, languages) }
    }

    /// What a place name found when the directory was at `seq`.
    func places(named name: String, seq: Int64) -> [DirectoryPlace]? {
        lock.withLock { cachedPlaces.seq == seq ? cachedPlaces.answers[name] : nil }
    }

    func store(places: [DirectoryPlace], named name: String, seq: Int64) {
        lock.withLock {
            if cachedPlaces.seq != seq || cachedPlaces.answers.count >= 2_000 { cachedPlaces = (seq, [:]) }
            cachedPlaces.answers[name] = places
        }
    }
}
