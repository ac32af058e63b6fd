import ChorusRegistry
import Foundation
import Hummingbird

/// `/api/v1/n/{network}/…`: a network's admin API. Every route checks that the bearer token belongs to the
/// network in the path and carries the role the action needs.
struct AdminRoutes {
    let registry: Registry

    struct EnrolRequest: Decodable {
        let feedURL: String
        let publicKey: String?
    }

    struct ReasonRequest: Decodable {
        let reason: String?
    }

    /// What visitors see of the network beyond its groups.
    struct Settings: Codable {
        let contact: String?
        let crisisLine: String?
        let embedOrigins: [String]
        let dashboardPublic: Bool
    }

    struct CrisisLineRequest: Decodable {
        /// Null or absent removes the crisis line.
        let text: String?
    }

    struct EmbedOriginsRequest: Decodable {
        let origins: [String]
    }

    struct ListedGroup: Encodable {
        let groupId: String
        let title: String?
        let tier: String?
        let stale: Bool
        let lastVerified: Date?
        let page: String
        let api: String
        let mirror: String
    }

    func add(to router: Router<ChorusRequestContext>) {
        let network = router.group("api/v1/n/:network")
        network.get("groups") { request, context in try await list(request, context) }
        network.post("groups") { request, context in
            let access = try await authorize(request, context, .editor)
            let body = try await request.decode(as: EnrolRequest.self, context: context)
            let result = try await registry.enroll(network: access.network.slug, feedURL: body.feedURL,
                                                   publicKey: body.publicKey, actor: access.actor)
            return try Responses.json(result, status: .created)
        }
        network.get("groups/:groupId") { request, context in
            let access = try await authorize(request, context, .viewer)
            return try await Responses.json(try registry.group(network: access.network.slug, groupId: try context.groupID()))
        }
        network.post("groups/:groupId/approve") { request, context in
            let access = try await authorize(request, context, .admin)
            let status = try await registry.approve(network: access.network.slug, groupId: try context.groupID(), actor: access.actor)
            return try Responses.json(["membership": status.rawValue])
        }
        network.post("groups/:groupId/suspend") { request, context in
            let access = try await authorize(request, context, .admin)
            let body = try await optionalReason(request, context)
            try await registry.suspend(network: access.network.slug, groupId: try context.groupID(), reason: body, actor: access.actor)
            return try Responses.json(["membership": MembershipStatus.suspended.rawValue])
        }
        network.post("groups/:groupId/remove") { request, context in
            let access = try await authorize(request, context, .admin)
            try await registry.remove(network: access.network.slug, groupId: try context.groupID(), actor: access.actor)
            return try Responses.json(["membership": MembershipStatus.removed.rawValue])
        }
        network.post("groups/:groupId/revoke-key") { request, context in
            let access = try await authorize(request, context, .admin)
            let body = try await optionalReason(request, context)
            let groupId = try context.groupID()
            try await registry.revokeKey(network: access.network.slug, groupId: groupId, reason: body, actor: access.actor)
            return try await Responses.json(["membership": try registry.group(network: access.network.slug, groupId: groupId).membership.rawValue])
        }
        network.post("groups/:groupId/harvest") { request, context in
            let access = try await authorize(request, context, .editor)
            let groupId = try context.groupID()
            let outcome = try await registry.harvestNow(network: access.network.slug, groupId: groupId)
            return try Responses.json(["outcome": outcome.rawValue])
        }
        network.get("settings") { request, context in
            let access = try await authorize(request, context, .viewer)
            return try Responses.json(try await settings(access.network.slug))
        }
        network.put("settings/crisis-line") { request, context in
            let access = try await authorize(request, context, .admin)
            let body = try await request.decode(as: CrisisLineRequest.self, context: context)
            try await registry.setCrisisLine(network: access.network.slug, body.text, actor: access.actor)
            return try Responses.json(try await settings(access.network.slug))
        }
        network.put("settings/embed-origins") { request, context in
            let access = try await authorize(request, context, .admin)
            let body = try await request.decode(as: EmbedOriginsRequest.self, context: context)
            try await registry.setEmbedOrigins(network: access.network.slug, body.origins, actor: access.actor)
            return try Responses.json(try await settings(access.network.slug))
        }
        network.get("audit") { request, context in
            let access = try await authorize(request, context, .admin)
            return try await Responses.json(try registry.auditLog(network: access.network.slug))
        }
    }

    /// With a token: every membership, as the network's people see it. Without: the listed groups only.
    private func list(_ request: Request, _ context: ChorusRequestContext) async throws -> Response {
        let slug = try context.required("network")
        if request.headers[.authorization] != nil {
            let access = try await authorize(request, context, .viewer)
            return try await Responses.json(try registry.groups(network: access.network.slug))
        }
        let groups = try await registry.groupSummaries(network: slug, publicOnly: true).map { group in
            ListedGroup(groupId: group.groupId, title: group.title, tier: group.compliance?.tier, stale: group.snapshot?.stale ?? true,
                        lastVerified: group.snapshot?.fetchedAt, page: "/groups/\(group.groupId)", api: "/api/v1/groups/\(group.groupId)",
                        mirror: "/mirror/\(group.groupId)/feed.xml")
        }
        return try Responses.json(groups)
    }

    private func optionalReason(_ request: Request, _ context: ChorusRequestContext) async throws -> String? {
        var request = request
        let buffer = try await request.collectBody(upTo: 16 << 10)
        guard buffer.readableBytes > 0 else { return nil }
        return try JSONDecoder().decode(ReasonRequest.self, from: Data(buffer.readableBytesView)).reason
    }

    private func settings(_ slug: String) async throws -> Settings {
        let network = try await registry.network(slug)
        return Settings(contact: network.contact, crisisLine: network.crisisLine, embedOrigins: network.embeddingOrigins,
                        dashboardPublic: network.dashboardPublic)
    }

    private func authorize(_ request: Request, _ context: ChorusRequestContext, _ role: Role) async throws -> Access {
        try await NetworkAuthorization(registry: registry).authorize(request, context, role)
    }
}
