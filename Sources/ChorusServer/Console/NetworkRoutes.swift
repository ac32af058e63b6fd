import ChorusLanguage
import ChorusRegistry
import Foundation
import Hummingbird

/// A network's people, audit log, visitors' reports and settings.
struct NetworkRoutes {
    let registry: Registry
    /// The registry's public address, for the invite links an admin copies.
    let addresses: PublicAddressPolicy

    struct Person {
        let id: Int64
        let name: String
        let login: String
        let role: String
        let roleName: String
        let roles: [GroupRoutes.Option]
        let lastSignIn: String
        let locked: Bool
        let failures: Int
        let hasFailures: Bool
        let isYou: Bool
    }

    struct PeopleView {
        let frame: ConsoleFrame
        let people: [Person]
        let isAdmin: Bool
        let inviteLink: String?
        let inviteExpires: String?
        let roles: [GroupRoutes.Option]
    }

    struct Entry {
        let when: String
        let actor: String
        let action: String
        let group: String?
        let groupHref: String?
        let detail: String
    }

    struct AuditView {
        let frame: ConsoleFrame
        let action: String
        let actor: String
        let group: String
        let entries: [Entry]
        let older: String?
        let hasEntries: Bool
    }

    struct Report {
        let id: Int64
        let group: String
        let groupHref: String
        let kind: String
        let text: String
        let replyTo: String?
        let when: String
        let done: String?
        let note: String?
    }

    struct ReportsView {
        let frame: ConsoleFrame
        let open: [Report]
        let done: [Report]
        let canAnswer: Bool
        let hasOpen: Bool
        let hasDone: Bool
    }

    struct SettingsView {
        let frame: ConsoleFrame
        let isAdmin: Bool
        let problem: String?
        let contact: String
        let crisisLine: String
        let embedOrigins: String
        let dashboardPublic: Bool
        let name: String
        let policies: [GroupRoutes.Option]
        let key: PinnedKey?
        let retiredKeys: [PinnedKey]
        let hasRetiredKeys: Bool
        let keyText: String
        let keyProblem: String?
        /// The language the network's pages and feeds fall back to, and the languages it offers.
        let defaultLanguages: [GroupRoutes.Option]
        let offeredLanguages: [GroupRoutes.Option]
    }

    struct PinnedKey {
        let keyId: String
        let fingerprint: String
        let pinned: String
        let retired: String?
    }

    func add(to console: RouterGroup<ChorusRequestContext>) {
        console.page("n/:network/people") { request, context in
            let access = try Console.access(context, .viewer)
            return Console.render(try await peopleView(access, said: GroupRoutes.said(request)), "console-people")
        }
        console.page("n/:network/people/invite", method: .post) { request, context in
            let access = try Console.access(context, .admin)
            let fields = try await FormFields.read(request)
            try Console.checkToken(fields, access)
            let role = fields["role"].flatMap(Role.init(rawValue:)) ?? .viewer
            let invite = try await registry.invite(network: access.network, role: role, resetLogin: fields.text("reset"), actor: access.actor)
            let link = "\(addresses.address(for: request).base)/console/invite/\(invite.token)"
            return Console.render(try await peopleView(access, said: Console.sayings["invited"], invite: (link, invite.expiresAt)), "console-people")
        }
        console.page("n/:network/people/:person/:change", method: .post) { request, context in
            let access = try Console.access(context, .admin)
            let fields = try await FormFields.read(request)
            try Console.checkToken(fields, access)
            guard let personId = Int64(try context.required("person")) else { throw RegistryError.notFound(.person(login: "?", network: access.network)) }
            let back = "/console/n/\(access.network)/people"
            switch try context.required("change") {
            case "role":
                guard let role = fields["role"].flatMap(Role.init(rawValue:)) else { throw RegistryError.invalid(.name, "choose viewer, editor or admin") }
                try await registry.setRole(network: access.network, personId: personId, role: role, actor: access.actor)
                return Console.seeOther("\(back)?said=role")
            case "remove":
                guard fields.confirmed() else {
                    return Console.message(tr("Not done"), tr("Tick the box that says you mean it. Nothing was changed."), status: .unprocessableContent,
                                           frame: access.frame("/people"), back: back)
                }
                try await registry.removePerson(network: access.network, personId: personId, actor: access.actor)
                return Console.seeOther("\(back)?said=person-removed")
            case "unlock":
                try await registry.unlockPerson(network: access.network, personId: personId, actor: access.actor)
                return Console.seeOther("\(back)?said=unlocked")
            default:
                throw HTTPError(.notFound)
            }
        }
        console.page("n/:network/audit") { request, context in
            let access = try Console.access(context, .admin)
            return Console.render(try await auditView(access, request), "console-audit")
        }
        console.page("n/:network/reports") { request, context in
            let access = try Console.access(context, .viewer)
            return Console.render(try await reportsView(access, said: GroupRoutes.said(request)), "console-reports")
        }
        console.page("n/:network/reports/:report/done", method: .post) { request, context in
            let access = try Console.access(context, .editor)
            let fields = try await FormFields.read(request)
            try Console.checkToken(fields, access)
            guard let id = Int64(try context.required("report")) else { throw RegistryError.notFound(.report(id: 0, network: access.network)) }
            try await registry.markReportDone(network: access.network, id: id, note: fields["note"] ?? "", actor: access.actor)
            return Console.seeOther("/console/n/\(access.network)/reports?said=report-done")
        }
        console.page("n/:network/settings") { request, context in
            let access = try Console.access(context, .viewer)
            return Console.render(try await settingsView(access, said: GroupRoutes.said(request)), "console-settings")
        }
        console.page("n/:network/settings", method: .post) { request, context in
            let access = try Console.access(context, .admin)
            let fields = try await FormFields.read(request)
            try Console.checkToken(fields, access)
            do {
                let network = try await registry.network(access.network)
                if let name = fields["name"], name.trimmingCharacters(in: .whitespaces) != network.name {
                    try await registry.rename(network: access.network, to: name, actor: access.actor)
                }
                if let policy = fields["policy"].flatMap(EnrolmentPolicy.init(rawValue:)), policy != network.policy {
                    try await registry.setPolicy(network: access.network, policy, actor: access.actor)
                }
                if let contact = fields.text("contact"), contact != network.contact {
                    try await registry.setContact(network: access.network, contact, actor: access.actor)
                }
                let crisis = fields.text("crisisLine")
                if crisis != network.crisisLine { try await registry.setCrisisLine(network: access.network, crisis, actor: access.actor) }
                let origins = (fields["embedOrigins"] ?? "").split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
                if origins != network.embeddingOrigins { try await registry.setEmbedOrigins(network: access.network, origins, actor: access.actor) }
                let dashboard = fields.confirmed("dashboardPublic")
                if dashboard != network.dashboardPublic { try await registry.setDashboardPublic(network: access.network, dashboard, actor: access.actor) }
                if let language = fields["defaultLanguage"] {
                    let offered = Catalogs.shipped.filter { fields.confirmed("language." + $0) || $0 == language }
                    if language != network.defaultLanguage || offered != network.offeredLanguages.sorted(by: Self.inShippedOrder) {
                        try await registry.setLanguages(network: access.network, default: language, offered: offered, actor: access.actor)
                    }
                }
            } catch let error as RegistryError {
                return Console.render(try await settingsView(access, problem: Console.sentence(error.description), fields: fields), "console-settings",
                                      status: Responses.problem(for: error).status)
            }
            return Console.seeOther("/console/n/\(access.network)/settings?said=settings")
        }
        console.page("n/:network/settings/key", method: .post) { request, context in
            let access = try Console.access(context, .admin)
            let fields = try await FormFields.read(request)
            try Console.checkToken(fields, access)
            do {
                _ = try await registry.pinNetworkKey(network: access.network, publicKey: fields["publicKey"] ?? "", replacing: false, actor: access.actor)
            } catch let error as RegistryError {
                return Console.render(try await settingsView(access, keyProblem: Console.sentence(error.description), keyText: fields["publicKey"]),
                                      "console-settings", status: Responses.problem(for: error).status)
            }
            return Console.seeOther("/console/n/\(access.network)/settings?said=key-pinned")
        }
    }

    private func peopleView(_ access: ConsoleAccess, said: String?, invite: (link: String, expires: Date)? = nil) async throws -> PeopleView {
        let people = try await registry.people(network: access.network)
        return PeopleView(
            frame: access.frame("/people", said: said),
            people: people.map { person in
                Person(id: person.id, name: person.name, login: person.login, role: person.role.rawValue, roleName: Console.roleName(person.role),
                       roles: Role.allCases.map { GroupRoutes.Option(value: $0.rawValue, label: Console.roleName($0), selected: $0 == person.role) },
                       lastSignIn: person.lastSignInAt.map(Console.when) ?? tr("never"), locked: person.locked, failures: person.failedSignIns,
                       hasFailures: person.failedSignIns > 0,
                       isYou: person.id == access.person.id)
            },
            isAdmin: access.role == .admin, inviteLink: invite?.link, inviteExpires: invite.map { SignInRoutes.dayAndTime($0.expires) },
            roles: Role.allCases.map { GroupRoutes.Option(value: $0.rawValue, label: SignInRoutes.roleWords($0), selected: $0 == .editor) })
    }

    private func auditView(_ access: ConsoleAccess, _ request: Request) async throws -> AuditView {
        let query = request.uri.queryParameters
        let filter = Registry.AuditFilter(action: query["action"].map(String.init), actor: query["actor"].map(String.init),
                                          groupId: query["group"].map(String.init), before: query["before"].flatMap { Int64(String($0)) })
        let limit = 100
        let entries = try await registry.auditLog(network: access.network, filter: filter, limit: limit)
        var older: String?
        if entries.count == limit, let last = entries.last?.id {
            let kept = [("action", filter.action), ("actor", filter.actor), ("group", filter.groupId)].compactMap { name, value in
                value.flatMap { $0.isEmpty ? nil : "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            }
            older = "/console/n/\(access.network)/audit?" + (kept + ["before=\(last)"]).joined(separator: "&")
        }
        return AuditView(frame: access.frame("/audit"), action: filter.action ?? "", actor: filter.actor ?? "", group: filter.groupId ?? "",
                         entries: entries.map {
                             Entry(when: Console.when($0.at), actor: $0.actor, action: $0.action, group: $0.groupId,
                                   groupHref: $0.groupId.map { "/console/n/\(access.network)/groups/\($0)" }, detail: $0.detail ?? "")
                         }, older: older, hasEntries: !entries.isEmpty)
    }

    private func reportsView(_ access: ConsoleAccess, said: String?) async throws -> ReportsView {
        func view(_ report: ListingReport) -> Report {
            Report(id: report.id, group: report.groupTitle ?? report.groupId, groupHref: "/console/n/\(access.network)/groups/\(report.groupId)",
                   kind: report.kind.words, text: report.text, replyTo: report.replyTo, when: Console.when(report.createdAt),
                   done: report.doneAt.map { tr("Done {when} by {who}", ["when": Console.when($0), "who": report.doneBy ?? tr("someone")]) }, note: report.doneNote)
        }
        let open = try await registry.listingReports(network: access.network, open: true).map(view)
        let done = try await registry.listingReports(network: access.network, open: false).prefix(50).map(view)
        return ReportsView(frame: access.frame("/reports", said: said), open: open, done: done, canAnswer: access.role >= .editor,
                           hasOpen: !open.isEmpty, hasDone: !done.isEmpty)
    }

    static func inShippedOrder(_ a: String, _ b: String) -> Bool {
        (Catalogs.shipped.firstIndex(of: a) ?? .max) < (Catalogs.shipped.firstIndex(of: b) ?? .max)
    }

    private func settingsView(_ access: ConsoleAccess, said: String? = nil, problem: String? = nil, fields: FormFields? = nil,
                              keyProblem: String? = nil, keyText: String? = nil) async throws -> SettingsView {
        let network = try await registry.network(access.network)
        let keys = try await registry.networkKeys(network: access.network).map { key in
            PinnedKey(keyId: key.keyId, fingerprint: key.fingerprint, pinned: tr("{when} by {who}", ["when": Console.when(key.pinnedAt), "who": key.pinnedBy]),
                      retired: key.retiredAt.map(Console.when))
        }
        let retired = keys.filter { $0.retired != nil }
        return SettingsView(frame: access.frame("/settings", said: said), isAdmin: access.role == .admin, problem: problem,
                            contact: fields?["contact"] ?? network.contact ?? "", crisisLine: fields?["crisisLine"] ?? network.crisisLine ?? "",
                            embedOrigins: fields?["embedOrigins"] ?? network.embeddingOrigins.joined(separator: "\n"),
                            dashboardPublic: fields.map { $0.confirmed("dashboardPublic") } ?? network.dashboardPublic,
                            name: fields?["name"] ?? network.name,
                            policies: EnrolmentPolicy.allCases.map { policy in
                                GroupRoutes.Option(value: policy.rawValue, label: policy == .open
                                    ? tr("Open: a group that meets the charter is listed at once")
                                    : tr("Approval: an admin approves each group before it is listed"),
                                                   selected: (fields?["policy"].flatMap(EnrolmentPolicy.init(rawValue:)) ?? network.policy) == policy)
                            },
                            key: keys.first { $0.retired == nil }, retiredKeys: retired, hasRetiredKeys: !retired.isEmpty,
                            keyText: keyText ?? "", keyProblem: keyProblem,
                            defaultLanguages: Catalogs.shipped.map { tag in
                                GroupRoutes.Option(value: tag, label: Catalogs.nativeName(tag), selected: (fields?["defaultLanguage"] ?? network.defaultLanguage) == tag)
                            },
                            offeredLanguages: Catalogs.shipped.map { tag in
                                GroupRoutes.Option(value: tag, label: Catalogs.nativeName(tag),
                                                   selected: fields.map { $0.confirmed("language." + tag) } ?? network.offeredLanguages.contains(tag))
                            })
    }
}
