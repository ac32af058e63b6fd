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

    static func tier(_ group: GroupStatus) -> String {
        guard let compliance = group.compliance else { return "not judged" }
        return compliance.tier ?? "no tier"
    }

    /// The last fetch failed or was refused, or failures are piling up.
    static func harvestProblem(_ group: GroupStatus) -> Bool {
        if group.consecutiveFailures > 0 || group.harvestState != .active { return true }
        guard let outcome = group.lastAttempt?.outcome else { return false }
        return outcome == .failed || outcome == .rejected || outcome == .gone
    }

    static func words(_ state: MembershipStatus) -> String {
        switch state {
        case .pendingKey: "waiting for its key"
        case .pendingApproval: "waiting for approval"
        case .active: "active"
        case .suspended: "suspended"
        case .removed: "removed"
        }
    }
}
