import ChorusLanguage
import ChorusRegistry
import Foundation
import Hummingbird

/// A network's overview, its groups, one group with its history and actions, and enrolment.
struct GroupRoutes {
    let registry: Registry

    struct Count {
        let label: String
        let count: Int
        let href: String
    }

    struct OverviewView {
        let frame: ConsoleFrame
        let counts: [Count]
        let tiers: [Count]
        let states: [Count]
    }

    struct Row {
        let groupId: String
        let title: String
        let state: String
        let tier: String
        let lastFeed: String
        let lastHarvest: String
        let problem: Bool
    }

    typealias Option = FormOption

    struct GroupsView {
        let frame: ConsoleFrame
        let q: String
        let states: [Option]
        let tiers: [Option]
        let problems: [Option]
        let sorts: [Option]
        let rows: [Row]
        let total: Int
        let showing: String
        let previous: String?
        let next: String?
        let hasRows: Bool
    }

    func add(to console: RouterGroup<ChorusRequestContext>) {
        console.page("n/:network") { request, context in
            let access = try Console.access(context, .viewer)
            return Console.render(try await overview(access, said: Self.said(request)), "console-overview")
        }
        console.page("n/:network/groups") { request, context in
            let access = try Console.access(context, .viewer)
            return Console.render(try await groupsList(access, request), "console-groups")
        }
        console.page("n/:network/groups/:groupId") { request, context in
            let access = try Console.access(context, .viewer)
            let view = try await GroupDetail.view(registry: registry, access: access, groupId: try context.groupID(), said: Self.said(request))
            return Console.render(view, "console-group")
        }
        console.page("n/:network/groups/:groupId/feeds/:seq") { _, context in
            let access = try Console.access(context, .viewer)
            let groupId = try context.groupID()
            guard let seq = Int64(try context.required("seq")),
                  let feed = try await registry.acceptedFeed(network: access.network, groupId: groupId, seq: seq) else {
                throw RegistryError.notFound(.group(id: groupId))
            }
            return Response(status: .ok, headers: [.contentType: "application/octet-stream", .cacheControl: "no-store",
                                                   .contentDisposition: "attachment; filename=\"\(groupId)-\(seq).xml\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: feed.bytes)))
        }
        for action in GroupAction.allCases {
            console.page("n/:network/groups/:groupId/\(action.rawValue)", method: .post) { request, context in
                let access = try Console.access(context, action.role)
                let fields = try await FormFields.read(request)
                try Console.checkToken(fields, access)
                let groupId = try context.groupID()
                let back = "/console/n/\(access.network)/groups/\(groupId)"
                guard action == .harvest || fields.confirmed() else {
                    return Console.message(tr("Not done"), tr("Tick the box that says you mean it, then press the button again. Nothing was changed."),
                                           status: .unprocessableContent, frame: access.frame("/groups"), back: back)
                }
                let reason = fields.text("reason")
                switch action {
                case .approve: try await registry.approve(network: access.network, groupId: groupId, actor: access.actor)
                case .suspend:
                    guard reason != nil else {
                        return Console.message(tr("Not done"), tr("Give the reason the group will be shown, then suspend it. Nothing was changed."),
                                               status: .unprocessableContent, frame: access.frame("/groups"), back: back)
                    }
                    try await registry.suspend(network: access.network, groupId: groupId, reason: reason, actor: access.actor)
                case .remove: try await registry.remove(network: access.network, groupId: groupId, actor: access.actor)
                case .revokeKey: try await registry.revokeKey(network: access.network, groupId: groupId, reason: reason, actor: access.actor)
                case .harvest: _ = try await registry.harvestNow(network: access.network, groupId: groupId)
                }
                return Console.seeOther("\(back)?said=\(action.saying)")
            }
        }
        console.page("n/:network/enrol") { request, context in
            let access = try Console.access(context, .viewer)
            return Console.render(try await EnrolPage.view(registry: registry, access: access, said: Self.said(request)), "console-enrol")
        }
        console.page("n/:network/enrol", method: .post) { request, context in
            let access = try Console.access(context, .editor)
            let fields = try await FormFields.read(request)
            try Console.checkToken(fields, access)
            guard let feedURL = fields.text("feedURL") else {
                return Console.render(try await EnrolPage.view(registry: registry, access: access, problem: tr("Give the address of the group's feed.")),
                                      "console-enrol", status: .unprocessableContent)
            }
            do {
                let result = try await registry.enroll(network: access.network, feedURL: feedURL, publicKey: fields.text("publicKey"), actor: access.actor)
                return Console.seeOther("/console/n/\(access.network)/groups/\(result.groupId)?said=enrolled")
            } catch let error as RegistryError {
                return Console.render(try await EnrolPage.view(registry: registry, access: access, problem: Console.sentence(error.description), feedURL: feedURL,
                                                               publicKey: fields.text("publicKey") ?? ""),
                                      "console-enrol", status: Responses.problem(for: error).status)
            }
        }
    }

    static func said(_ request: Request) -> String? {
        request.uri.queryParameters["said"].flatMap { Console.sayings[String($0)] }
    }

    private func overview(_ access: ConsoleAccess, said: String?) async throws -> OverviewView {
        let groups = try await registry.groupSummaries(network: access.network)
        let base = "/console/n/\(access.network)/groups"
        let waiting = groups.filter { [.pendingKey, .pendingApproval].contains($0.membership) }.count
        let problems = groups.filter(GroupFilter.harvestProblem).count
        let stale = groups.filter { $0.snapshot?.stale ?? false }.count
        let reports = try await registry.openReportCount(network: access.network)
        let counts = [
            Count(label: tr("groups in all"), count: groups.count, href: base),
            Count(label: tr("waiting for a decision"), count: waiting, href: "/console/n/\(access.network)/enrol#waiting"),
            Count(label: tr("with harvest problems"), count: problems, href: "\(base)?problem=harvest"),
            Count(label: tr("with a stale feed"), count: stale, href: "\(base)?problem=stale"),
            Count(label: tr("open reports from visitors"), count: reports, href: "/console/n/\(access.network)/reports"),
        ]
        var tiers: [String: Int] = [:]
        for group in groups where group.membership == .active { tiers[GroupFilter.tier(group), default: 0] += 1 }
        let states = MembershipStatus.allCases.map { state in
            Count(label: GroupFilter.words(state), count: groups.filter { $0.membership == state }.count, href: "\(base)?state=\(state.rawValue)")
        }
        return OverviewView(frame: access.frame("", said: said), counts: counts,
                            tiers: tiers.sorted { $0.key < $1.key }.map {
                                Count(label: GroupFilter.shownTier($0.key), count: $0.value, href: "\(base)?tier=\($0.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
                            },
                            states: states)
    }

    static let pageSize = 50

    private func groupsList(_ access: ConsoleAccess, _ request: Request) async throws -> GroupsView {
        let query = request.uri.queryParameters
        let filter = GroupFilter(text: query["q"].map(String.init) ?? "", state: query["state"].map(String.init),
                                 tier: query["tier"].map(String.init), problem: query["problem"].map(String.init),
                                 sort: query["sort"].map(String.init) ?? "name")
        let all = try await registry.groupSummaries(network: access.network)
        let chosen = filter.apply(all)
        let page = max(1, query["page"].flatMap { Int(String($0)) } ?? 1)
        let start = min((page - 1) * Self.pageSize, chosen.count)
        let shown = chosen[start..<min(start + Self.pageSize, chosen.count)]
        func link(_ page: Int) -> String {
            var parts = filter.queryItems
            parts.append("page=\(page)")
            return "/console/n/\(access.network)/groups?" + parts.joined(separator: "&")
        }
        let tierValues = Set(all.map(GroupFilter.tier)).sorted()
        let localizer = Localizer.current
        return GroupsView(
            frame: access.frame("/groups"), q: filter.text,
            states: [Option(value: "", label: tr("Any state"), selected: filter.state == nil)]
                + MembershipStatus.allCases.map { Option(value: $0.rawValue, label: GroupFilter.words($0), selected: filter.state == $0.rawValue) },
            tiers: [Option(value: "", label: tr("Any tier"), selected: filter.tier == nil)]
                + tierValues.map { Option(value: $0, label: GroupFilter.shownTier($0), selected: filter.tier == $0) },
            problems: [("", tr("Any")), ("harvest", tr("Harvest problems")), ("stale", tr("Stale feed")), ("waiting", tr("Waiting for a decision"))]
                .map { Option(value: $0.0, label: $0.1, selected: (filter.problem ?? "") == $0.0) },
            sorts: [("name", tr("Name")), ("state", tr("State")), ("tier", tr("Tier")), ("feed", tr("Last good feed, newest first")),
                    ("harvest", tr("Last harvest, newest first"))]
                .map { Option(value: $0.0, label: $0.1, selected: filter.sort == $0.0) },
            rows: shown.map { group in
                Row(groupId: group.groupId, title: group.title ?? group.groupId, state: GroupFilter.words(group.membership),
                    tier: GroupFilter.shownTier(GroupFilter.tier(group)),
                    lastFeed: group.snapshot.map { snapshot -> String in
                        let values = ["seq": String(snapshot.seq), "when": Console.when(snapshot.fetchedAt)]
                        return snapshot.stale ? tr("seq {seq}, {when} (stale)", values) : tr("seq {seq}, {when}", values)
                    } ?? tr("none yet"),
                    lastHarvest: group.lastAttempt.map { tr("{outcome}, {when}", ["outcome": GroupFilter.words($0.outcome), "when": Console.when($0.at)]) }
                        ?? tr("not yet"),
                    problem: GroupFilter.harvestProblem(group))
            },
            total: chosen.count,
            showing: chosen.isEmpty ? tr("No groups match.")
                : tr("Groups {first}–{last} of {total}.", ["first": localizer.number(start + 1), "last": localizer.number(start + shown.count),
                                                           "total": localizer.number(chosen.count)]),
            previous: page > 1 ? link(page - 1) : nil,
            next: start + shown.count < chosen.count ? link(page + 1) : nil,
            hasRows: !shown.isEmpty)
    }
}

/// The console's actions on one group, each recorded in the audit log with the person's name.
enum GroupAction: String, CaseIterable, Sendable {
    case approve, suspend, remove
    case revokeKey = "revoke-key"
    case harvest

    var role: Role { self == .harvest ? .editor : .admin }

    var saying: String {
        switch self {
        case .approve: "approved"
        case .suspend: "suspended"
        case .remove: "removed"
        case .revokeKey: "key-revoked"
        case .harvest: "harvested"
        }
    }
}

extension Console {
    static func when(_ date: Date) -> String {
        guard Localizer.current.usesEnglishFormats else { return MeetingClock.shared.utc(date, template: "dMMMyyyyHHmm") }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMM yyyy, HH:mm 'UTC'"
        return Localizer.current.localeData(formatter.string(from: date))
    }
}
