import ChorusFeed
import Foundation
import GRDB

/// What one harvest pass did.
public struct HarvestSummary: Sendable, CustomStringConvertible {
    public var outcomes: [HarvestOutcome: Int] = [:]
    public var seconds: Double = 0
    public var attempted: Int { outcomes.values.reduce(0, +) }
    public func count(_ outcome: HarvestOutcome) -> Int { outcomes[outcome, default: 0] }

    public var description: String {
        let parts = HarvestOutcome.allCases.map { "\(count($0)) \($0.rawValue)" }.joined(separator: ", ")
        return "harvested \(attempted) feed(s) in \(String(format: "%.1f", seconds)) s: \(parts)"
    }
}

/// Harvesting: fetch every due feed with a good crawler's manners and limits, hand what arrives to the ingest
/// stage, and record every attempt with its outcome, the feed's validators, its schedule and its failures.
struct Harvester: Sendable {
    let context: StageContext
    let tenants: Tenants
    let ingest: Ingest
    let fetcher: FeedFetcher

    /// One pass over the groups that are due (or all harvestable groups with `force`), with the fetcher's
    /// per-host and overall concurrency limits.
    func pass(force: Bool, network: String?) async throws -> HarvestSummary {
        let started = Date()
        let due = try await dueGroups(force: force, network: network)
        let gate = HostGate(perHost: fetcher.limits.maxConcurrentPerHost, total: fetcher.limits.maxConcurrent)
        var summary = HarvestSummary()
        await withTaskGroup(of: HarvestOutcome.self) { tasks in
            var queue = Self.interleavedByHost(due)[...]
            var inFlight = 0
            while let group = queue.popFirst() {
                if inFlight >= fetcher.limits.maxConcurrent * 2, let outcome = await tasks.next() {
                    summary.outcomes[outcome, default: 0] += 1
                    inFlight -= 1
                }
                if Task.isCancelled { break }
                inFlight += 1
                tasks.addTask {
                    let host = FeedFetcher.hostKey(group.feedURL)
                    await gate.enter(host)
                    let outcome = await self.harvest(group)
                    await gate.leave(host)
                    return outcome
                }
            }
            for await outcome in tasks { summary.outcomes[outcome, default: 0] += 1 }
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Bounds every group's harvest history: the newest 200 attempts, and of those older than 30 days the newest 20.
    func pruneHistory(keep: Int = 200, keepOld: Int = 20, olderThan age: TimeInterval = 30 * 86_400) async throws -> Int {
        let cutoff = context.now.addingTimeInterval(-age)
        return try await context.database.write { db in try HarvestHistory.prune(db, keep: keep, keepOld: keepOld, olderThan: cutoff) }
    }

    /// The earliest time a harvestable group is next due, if any.
    func nextDue() async throws -> Date? {
        try await context.database.read { db in
            try Date.fetchOne(db, literal: "SELECT MIN(nextFetchAt) FROM feedGroup g WHERE \(Harvestable.condition)")
        }
    }

    /// Asks for a group to be fetched on the next pass.
    func schedule(groupId: String) async throws {
        try await context.database.write { db in
            var group = try ingest.groupRecord(db, id: groupId)
            guard group.harvestState == .active, !group.hostedHere else {
                throw RegistryError.conflict(.notHarvested, "group \(groupId) is not being harvested (\(group.harvestState.rawValue))")
            }
            group.nextFetchAt = context.now
            try group.update(db)
        }
    }

    func dueGroups(force: Bool, network: String?) async throws -> [GroupRecord] {
        let now = context.now
        return try await context.database.read { db in
            var query: SQL = "SELECT g.* FROM feedGroup g WHERE \(Harvestable.condition)"
            if !force { query += " AND g.nextFetchAt <= \(now)" }
            if let network {
                let id = try tenants.network(db, network).id!
                query += " AND EXISTS (SELECT 1 FROM membership m WHERE m.groupRow = g.id AND m.networkId = \(id))"
            }
            return try GroupRecord.fetchAll(db, literal: query + " ORDER BY g.nextFetchAt")
        }
    }

    static func interleavedByHost(_ groups: [GroupRecord]) -> [GroupRecord] {
        var byHost: [String: [GroupRecord]] = [:]
        var hosts: [String] = []
        for group in groups {
            let host = FeedFetcher.hostKey(group.feedURL)
            if byHost[host] == nil { hosts.append(host) }
            byHost[host, default: []].append(group)
        }
        var result: [GroupRecord] = []
        result.reserveCapacity(groups.count)
        var round = 0
        while result.count < groups.count {
            for host in hosts where round < byHost[host]!.count { result.append(byHost[host]![round]) }
            round += 1
        }
        return result
    }

    /// A network's admin asks for the group now. The fetch is recorded and what arrives is ingested, but the
    /// group's shared schedule, validators and failure count stay as they are, so another network that holds the
    /// group sees no difference; a harvest suspended after failures resumes when this fetch succeeds.
    func harvestNow(network slug: String, groupId: String) async throws -> HarvestOutcome {
        let group = try await context.database.read { db in
            try MembershipRecord.find(db, network: try tenants.network(db, slug), groupId: groupId).1
        }
        guard !group.hostedHere else {
            throw RegistryError.conflict(.notHarvested, "group \(groupId) is hosted by this registry: its feed changes only when the group publishes")
        }
        guard group.harvestState == .active || group.harvestState == .suspended else {
            throw RegistryError.conflict(.notHarvested, "group \(groupId) is not being harvested (\(group.harvestState.rawValue))")
        }
        return await harvest(group, oneOff: true)
    }

    /// Fetches the group once from another address (a followed directory's mirror), verified against the key pinned
    /// here; its stored address, schedule and validators stay as they are.
    func harvestOnce(groupRow: Int64, from url: String) async throws -> HarvestOutcome {
        guard var group = try await context.database.read({ db in try GroupRecord.fetchOne(db, key: groupRow) }) else {
            throw RegistryError.notFound(.groupRow(groupRow))
        }
        group.feedURL = url
        return await harvest(group, oneOff: true)
    }

    /// Fetches, verifies and records one group. Never throws: every ending is a recorded outcome.
    func harvest(_ group: GroupRecord, oneOff: Bool = false) async -> HarvestOutcome {
        let started = context.now
        let result: FetchResult
        do {
            let validators = oneOff ? Validators.none : Validators(etag: group.etag, lastModified: group.lastModified)
            result = try await fetcher.fetchFeed(group.feedURL, validators: validators)
        } catch {
            return await recordFailure(group, error, started: started, oneOff: oneOff)
        }
        switch result {
        case .notModified(let meta):
            return await record(group, outcome: .unchanged, meta: meta, started: started, oneOff: oneOff)
        case .gone(let meta):
            return await record(group, outcome: .gone, meta: meta, started: started, oneOff: oneOff)
        case .body(let bytes, let meta):
            let signature: String
            do { signature = try await fetcher.fetchSignature(meta.permanentLocation ?? group.feedURL) } catch {
                return await recordFailure(group, error, started: started, oneOff: oneOff)
            }
            do {
                let limits = fetcher.limits
                let result = try await ingest.ingest(groupRow: group.id!, bytes: bytes, signature: signature, via: .pull, started: started,
                                        httpStatus: meta.httpStatus) { db, record, outcome in
                    if oneOff {
                        Self.resumeIfSuspended(&record, outcome: outcome, limits: limits, now: started)
                        return
                    }
                    try self.applyOutcome(db, &record, outcome: outcome, meta: meta,
                                          failure: outcome == .rejected ? "the feed was refused" : nil)
                }
                if result.outcome == .rejected {
                    context.logger.notice("feed refused", metadata: ["group": "\(group.groupId)", "code": "\(result.code ?? "")"])
                }
                return result.outcome
            } catch {
                context.logger.error("could not record a harvest", metadata: ["group": "\(group.groupId)", "error": "\(error)"])
                return .failed
            }
        }
    }

    private func record(_ group: GroupRecord, outcome: HarvestOutcome, meta: FetchMetadata, started: Date, oneOff: Bool) async -> HarvestOutcome {
        do {
            try await context.database.write { db in
                let now = context.now
                guard var record = try GroupRecord.fetchOne(db, key: group.id!) else { return }
                if oneOff {
                    Self.resumeIfSuspended(&record, outcome: outcome, limits: fetcher.limits, now: now)
                } else {
                    try applyOutcome(db, &record, outcome: outcome, meta: meta, failure: nil)
                }
                try record.update(db)
                var attempt = HarvestAttemptRecord(groupRow: group.id!, at: now, via: .pull, outcome: outcome,
                                                   code: outcome == .gone ? "fetch.gone" : nil,
                                                   detail: outcome == .gone ? "the server says the feed is gone (HTTP 410)" : nil,
                                                   httpStatus: meta.httpStatus, durationMs: Int(now.timeIntervalSince(started) * 1000))
                try attempt.insert(db)
            }
        } catch {
            context.logger.error("could not record a harvest", metadata: ["group": "\(group.groupId)", "error": "\(error)"])
        }
        return outcome
    }

    private func recordFailure(_ group: GroupRecord, _ error: any Error, started: Date, oneOff: Bool) async -> HarvestOutcome {
        let failure = error as? FetchFailure ?? FetchFailure(.network, "\(error)")
        do {
            try await context.database.write { db in
                let now = context.now
                guard var record = try GroupRecord.fetchOne(db, key: group.id!) else { return }
                if !oneOff {
                    try registerFailure(db, &record, reason: failure.description, retryAfter: failure.retryAfter)
                    try record.update(db)
                }
                var attempt = HarvestAttemptRecord(groupRow: group.id!, at: now, via: .pull, outcome: .failed,
                                                   code: failure.code.rawValue, detail: failure.message,
                                                   httpStatus: failure.httpStatus, durationMs: Int(now.timeIntervalSince(started) * 1000))
                try attempt.insert(db)
            }
        } catch {
            context.logger.error("could not record a harvest failure", metadata: ["group": "\(group.groupId)", "error": "\(error)"])
        }
        return .failed
    }

    /// Validators, schedule, redirects and failure count after a fetch that reached the server.
    func applyOutcome(_ db: Database, _ group: inout GroupRecord, outcome: HarvestOutcome, meta: FetchMetadata, failure: String?) throws {
        switch outcome {
        case .rejected:
            try registerFailure(db, &group, reason: failure ?? "the feed was refused", retryAfter: nil)
            return
        case .gone:
            group.harvestState = .gone
            group.harvestReason = "the feed's server answered 410 Gone"
            try tenants.auditEveryNetwork(db, groupRow: group.id!, groupId: group.groupId, action: "group.gone", detail: "\(group.feedURL) answered 410 Gone; harvesting stopped")
            return
        case .accepted, .unchanged, .failed:
            break
        }
        if meta.httpStatus == 304 {
            group.etag = meta.etag ?? group.etag
            group.lastModified = meta.lastModified ?? group.lastModified
        } else {
            group.etag = meta.etag
            group.lastModified = meta.lastModified
        }
        group.consecutiveFailures = 0
        group.harvestReason = nil
        group.nextFetchAt = Self.nextPoll(after: meta, limits: fetcher.limits, now: context.now)
        try followPermanentRedirect(db, &group, to: meta.permanentLocation)
    }

    private func followPermanentRedirect(_ db: Database, _ group: inout GroupRecord, to location: String?) throws {
        guard let location, location != group.feedURL else {
            group.redirectURL = nil
            group.redirectSeen = 0
            return
        }
        group.redirectSeen = group.redirectURL == location ? group.redirectSeen + 1 : 1
        group.redirectURL = location
        if group.redirectSeen >= fetcher.limits.permanentRedirectThreshold {
            try tenants.auditEveryNetwork(db, groupRow: group.id!, groupId: group.groupId, action: "group.feed-url",
                                  detail: "\(group.feedURL) → \(location) (permanent redirect seen \(group.redirectSeen) times)")
            group.feedURL = location
            group.redirectURL = nil
            group.redirectSeen = 0
            group.etag = nil
            group.lastModified = nil
        }
    }

    private func registerFailure(_ db: Database, _ group: inout GroupRecord, reason: String, retryAfter: TimeInterval?) throws {
        let limits = fetcher.limits
        let now = context.now
        group.consecutiveFailures += 1
        group.harvestReason = reason
        if let retryAfter {
            group.nextFetchAt = now.addingTimeInterval(min(limits.backoffCap, max(60, retryAfter)))
        } else {
            group.nextFetchAt = now.addingTimeInterval(Self.backoff(failures: group.consecutiveFailures, limits: limits))
        }
        if group.consecutiveFailures >= limits.suspendAfterFailures, group.harvestState == .active {
            group.harvestState = .suspended
            group.harvestReason = "suspended after \(group.consecutiveFailures) consecutive failures; last: \(reason)"
            try tenants.auditEveryNetwork(db, groupRow: group.id!, groupId: group.groupId, action: "group.harvest-suspended", detail: group.harvestReason!)
        }
    }

    /// A fetch that reached a working feed ends a suspension after repeated failures.
    static func resumeIfSuspended(_ group: inout GroupRecord, outcome: HarvestOutcome, limits: FetchLimits, now: Date) {
        guard group.harvestState == .suspended, outcome == .accepted || outcome == .unchanged else { return }
        group.harvestState = .active
        group.harvestReason = nil
        group.consecutiveFailures = 0
        group.nextFetchAt = nextPoll(after: nil, limits: limits, now: now)
    }

    /// When to poll again after a fetch: the poll interval, or the feed's own max-age up to the longest interval.
    static func nextPoll(after metadata: FetchMetadata?, limits: FetchLimits, now: Date) -> Date {
        var interval = limits.pollInterval
        if let maxAge = metadata?.maxAge, maxAge > interval { interval = min(maxAge, limits.maximumPollInterval) }
        return now.addingTimeInterval(max(limits.minimumPollInterval, interval))
    }

    /// Exponential from the base to the cap, with jitter so that many failing feeds do not retry in step.
    static func backoff(failures: Int, limits: FetchLimits) -> TimeInterval {
        let exponential = limits.backoffBase * pow(2, Double(max(0, failures - 1)))
        let capped = min(limits.backoffCap, exponential)
        return max(limits.backoffBase, capped * Double.random(in: 0.75...1.0))
    }
}

extension FeedFetcher {
    static func hostKey(_ url: String) -> String {
        guard let parsed = URL(string: url), let host = parsed.host else { return url }
        return "\(host):\(parsed.port ?? (parsed.scheme == "https" ? 443 : 80))"
    }
}
