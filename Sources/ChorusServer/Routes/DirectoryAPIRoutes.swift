import ChorusRegistry
import Foundation
import Hummingbird

/// The public JSON API: search, one group, and the OpenAPI document that describes them.
struct DirectoryAPIRoutes {
    let registry: Registry

    struct GroupAnswer: Encodable {
        struct Upcoming: Encodable {
            let meetingId: String
            let start: Date
            let end: Date
            let cancelled: Bool
        }

        let group: PublicGroup
        let listings: [DirectoryHit.Listing]
        let lastVerified: Date
        let upcoming: [Upcoming]
        let page: String
        let mirror: String
    }

    static let openAPI = Bundled.data("OpenAPI", "openapi.json") ?? Data("{}".utf8)

    func add(to router: Router<ChorusRequestContext>) {
        router.get("api/v1/search") { request, _ in
            let parameters: SearchParameters
            do { parameters = try SearchParameters(uri: request.uri.description) } catch {
                return Responses.problem(.badRequest, "invalid-parameter", "\(error)")
            }
            let results = try await registry.search(parameters.query)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: SearchResultsJSON.encode(results)))
        }
        router.get("api/v1/groups/:groupId") { _, context in
            let groupId = try context.groupID()
            let found = try await registry.publicGroup(groupId: groupId)
            let upcoming = try await registry.upcomingOccurrences(groupId: groupId).map {
                GroupAnswer.Upcoming(meetingId: $0.meetingId, start: $0.start, end: $0.end, cancelled: $0.cancelled)
            }
            return try Responses.json(GroupAnswer(group: found.group, listings: found.listings, lastVerified: found.verified,
                                                  upcoming: upcoming, page: "/groups/\(groupId)", mirror: "/mirror/\(groupId)/feed.xml"))
        }
        router.get("api/v1/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(bytes: Self.openAPI)))
        }
    }
}
