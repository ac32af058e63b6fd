import ChorusLanguage
import ChorusRegistry
import Foundation

/// The console's search, filters and sorting over a network's groups.
struct GroupFilter {
    let text: String
    let state: String?
    let tier: String?
    let problem: String?
    let sort: String

    init(text: String, state: String?, tier: String?, problem: String?, sort: String) {
        self.text = text.trimmingCharacters(in: .whitespaces)
        self.state = state.flatMap { $0.isEmpty ? nil : $0 }
        self.tier = tier.flatMap { $0.isEmpty ? nil : $0 }
        self.problem = problem.flatMap { $0.isEmpty ? nil : $0 }
        self.sort = sort
    }

    func apply(_ groups: [GroupStatus]) -> [GroupStatus] {
        let needle = text.lowercased()
        let chosen = groups.filter { group in
            if !needle.isEmpty, !(group.title ?? "").lowercased().contains(needle), !group.groupId.lowercased().contains(needle),
               !group.feedURL.lowercased().contains(needle) { return false }
            if let state, group.membership.rawValue != state { return false }
            if let tier, Self.tier(group) != tier { return false }
            switch problem {
            case "harvest": return Self.harvestProblem(group)
            case "stale": return group.snapshot?.stale ?? false
            case "waiting": return [.pendingKey, .pendingApproval].contains(group.membership)
            default: return true
            }
        }
        // Each group's sort keys are worked out once and the positions sorted, not the groups themselves: a network's
        // list holds thousands, and comparing by `lowercased()` inside the sort would build two strings per comparison.
        let names = chosen.map { ($0.title ?? $0.groupId).lowercased() }
        let order: [Int]
        switch sort {
        case "state": order = Self.sorted(chosen.map { ($0.membership.rawValue, "") }, names)
        case "tier": order = Self.sorted(chosen.map { (Self.tier($0), "") }, names)
        case "feed": order = Self.sorted(chosen.map { ("", Self.descending($0.snapshot?.fetchedAt)) }, names)
        case "harvest": order = Self.sorted(chosen.map { ("", Self.descending($0.lastAttempt?.at)) }, names)
        default: order = Self.sorted(chosen.map { _ in ("", "") }, names)
        }
        return order.map { chosen[$0] }
    }

    /// Positions ordered by their keys, then by name.
    private static func sorted(_ keys: [(String, String)], _ names: [String]) -> [Int] {
        keys.indices.sorted { a, b in
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            return names[a] < names[b]
        }
    }

    /// A time as a key that sorts newest first, with no time last.
    private static func descending(_ date: Date?) -> String {
        guard let date else { return "~" }
        return String(format: "%020.3f", 1e12 - date.timeIntervalSince1970)
    }

    /// The filter as query items, for the paging links.
    var queryItems: [String] {
        [("q", text), ("state", state ?? ""), ("tier", tier ?? ""), ("problem", problem ?? ""), ("sort", sort)]
            .filter { !$0.1.isEmpty }
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
    }

    /// The group's tier as the filter compares it: the tier's id, "not judged" or "no tier" (always in English, as
    /// they travel in the address); `shownTier` gives the words a page shows.
    static func tier(_ group: GroupStatus) -> String {
        guard let compliance = group.compliance else { return "not judged" }
        return compliance.tier ?? "no tier"
    }

    /// A value of `tier(_:)` as the page shows it.
    static func shownTier(_ tier: String) -> String {
        switch tier {
        case "not judged": tr("not judged")
        case "no tier": tr("no tier")
        default: tier
        }
    }

    /// The last fetch failed or was refused, or failures are piling up.
    static func harvestProblem(_ group: GroupStatus) -> Bool {
        if group.consecutiveFailures > 0 || group.harvestState != .active { return true }
        guard let outcome = group.lastAttempt?.outcome else { return false }
        return outcome == .failed || outcome == .rejected || outcome == .gone
    }

    static func words(_ state: MembershipStatus) -> String {
        switch state {
        case .pendingKey: tr("waiting for its key")
        case .pendingApproval: tr("waiting for approval")
        case .active: tr("active", context: "membership state")
        case .suspended: tr("suspended", context: "membership state")
        case .removed: tr("removed", context: "membership state")
        }
    }

    static func words(_ state: HarvestState) -> String {
        switch state {
        case .active: tr("active", context: "harvest state")
        case .suspended: tr("suspended", context: "harvest state")
        case .gone: tr("gone", context: "harvest state")
        case .keyRevoked: tr("key-revoked", context: "harvest state")
        }
    }

    static func words(_ outcome: HarvestOutcome) -> String {
        switch outcome {
        case .accepted: tr("accepted", context: "harvest outcome")
        case .unchanged: tr("unchanged", context: "harvest outcome")
        case .rejected: tr("rejected", context: "harvest outcome")
        case .failed: tr("failed", context: "harvest outcome")
        case .gone: tr("gone", context: "harvest outcome")
        }
    }

    /// How a feed came to the registry.
    static func words(_ via: Arrival) -> String {
        switch via {
        case .pull: tr("pull", context: "how a feed arrived")
        case .push: tr("push", context: "how a feed arrived")
        case .enrolment: tr("enrolment", context: "how a feed arrived")
        }
    }

    static func words(_ status: KeyStatus) -> String {
        switch status {
        case .proposed: tr("proposed", context: "key status")
        case .pinned: tr("pinned", context: "key status")
        case .announced: tr("announced", context: "key status")
        case .retired: tr("retired", context: "key status")
        case .revoked: tr("revoked", context: "key status")
        }
    }
}
