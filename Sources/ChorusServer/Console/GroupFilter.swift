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
        let byName: (GroupStatus, GroupStatus) -> Bool = { ($0.title ?? $0.groupId).lowercased() < ($1.title ?? $1.groupId).lowercased() }
        switch sort {
        case "state": return chosen.sorted { $0.membership.rawValue == $1.membership.rawValue ? byName($0, $1) : $0.membership.rawValue < $1.membership.rawValue }
        case "tier": return chosen.sorted { Self.tier($0) == Self.tier($1) ? byName($0, $1) : Self.tier($0) < Self.tier($1) }
        case "feed": return chosen.sorted { ($0.snapshot?.fetchedAt ?? .distantPast) > ($1.snapshot?.fetchedAt ?? .distantPast) }
        case "harvest": return chosen.sorted { ($0.lastAttempt?.at ?? .distantPast) > ($1.lastAttempt?.at ?? .distantPast) }
        default: return chosen.sorted(by: byName)
        }
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
