import ChorusRegistry
import Foundation
import Hummingbird

/// A network's charter, its compliance dashboard and each group's report, as JSON and as pages.
/// The dashboard is public when the network chooses; a group's report is for the network's people
/// (a token) or for the group itself (a link signed with its feed key).
struct ComplianceRoutes {
    let registry: Registry

    func add(to router: Router<ChorusRequestContext>) {
        router.get("api/v1/n/:network/compliance") { request, context in
            try await Responses.json(try dashboard(request, context).report)
        }
        router.get("n/:network/compliance") { request, context in
            let (report, canSeeReports) = try await dashboard(request, context)
            return html(ComplianceDashboardPage.render(report, canSeeReports: canSeeReports))
        }
        router.get("n/:network/compliance.csv") { request, context in
            let report = try await dashboard(request, context).report
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                                                   .contentDisposition: "attachment; filename=\"\(report.network)-compliance.csv\""],
                            body: .init(byteBuffer: ByteBuffer(string: ComplianceCSV.text(report))))
        }
        router.get("api/v1/n/:network/groups/:groupId/compliance") { request, context in
            try await Responses.json(try groupReport(request, context))
        }
        router.get("n/:network/groups/:groupId/compliance") { request, context in
            await html(GroupCompliancePage.render(try groupReport(request, context)))
        }
        router.get("n/:network/charter.xml") { request, context in
            guard let charter = try await registry.charterDocument(network: try context.required("network")) else { return noCharter }
            return StaticBody.response(Array(charter.bytes), contentType: "application/xml; charset=utf-8", request: request)
        }
        router.get("n/:network/charter.xml.minisig") { request, context in
            guard let signature = try await registry.charterDocument(network: try context.required("network"))?.signature else { return noCharter }
            return StaticBody.response(Array(signature.utf8), contentType: "text/plain; charset=utf-8", request: request)
        }
    }

    private var noCharter: Response { Responses.problem(.notFound, "not-found", "this network has not published a signed charter") }

    private func html(_ page: Response) -> Response {
        var response = page
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The report, and whether the viewer is one of the network's people (who may open each group's report).
    private func dashboard(_ request: Request, _ context: ChorusRequestContext) async throws -> (report: ComplianceReport, canSeeReports: Bool) {
        let slug = try context.required("network")
        let authorization = NetworkAuthorization(registry: registry)
        let canSeeReports: Bool
        if try await registry.network(slug).dashboardPublic {
            if request.headers[.authorization] != nil {
                canSeeReports = (try? await authorization.authorize(request, context, .viewer)) != nil
            } else {
                canSeeReports = false
            }
        } else {
            _ = try await authorization.authorize(request, context, .viewer)
            canSeeReports = true
        }
        return (try await registry.complianceReport(network: slug), canSeeReports)
    }

    private func groupReport(_ request: Request, _ context: ChorusRequestContext) async throws -> GroupComplianceReport {
        let slug = try context.required("network")
        let groupId = try context.groupID()
        if let proof = request.uri.queryParameters["proof"], let until = request.uri.queryParameters["until"].flatMap({ Int64(String($0)) }) {
            guard try await registry.acceptsReportProof(network: slug, groupId: groupId, until: until, proof: String(proof)) else {
                throw RegistryError.forbidden("this report link is not signed by the group's key, or it has expired")
            }
        } else {
            _ = try await NetworkAuthorization(registry: registry).authorize(request, context, .viewer)
        }
        return try await registry.complianceReport(network: slug, groupId: groupId)
    }
}
