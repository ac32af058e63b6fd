import ChorusLanguage
import ChorusRegistry
import Foundation
import Hummingbird

/// `/groups/{id}/report`: a visitor tells the networks that list a group that something is wrong with the listing.
/// No account, no cookie, no JavaScript; nothing about the visitor is kept beyond what they typed. Limits: per
/// address, a field hidden from people that only robots fill in, and a cap per group per day in the registry.
struct ListingReportRoutes {
    let registry: Registry
    let perAddress = RateLimiter(capacity: 5, per: 3600)

    struct Kind {
        let value: String
        let words: String
        let checked: Bool
    }

    struct FormView {
        let groupId: String
        let title: String
        let titleLang: String
        let kinds: [Kind]
        let text: String
        let replyTo: String
        let problem: String?
        let textLimit = 2000
        let replyLimit = 200
    }

    func add(to router: Router<ChorusRequestContext>) {
        router.get("groups/:groupId/report") { _, context in
            let groupId = try context.groupID()
            return try await form(groupId, text: "", replyTo: "", kind: nil, problem: nil, status: .ok)
        }
        router.group().add(middleware: SameOriginGuard()).post("groups/:groupId/report") { request, context in
            let groupId = try context.groupID()
            let fields = try await FormFields.read(request, limit: 16 << 10)
            let kind = fields["kind"].flatMap(ListingReport.Kind.init(rawValue:))
            let text = fields["text"] ?? ""
            let replyTo = fields["reply"] ?? ""
            if fields.text("website") != nil { return thanks(groupId) }
            guard let kind else {
                return try await form(groupId, text: text, replyTo: replyTo, kind: nil, problem: tr("Choose what is wrong."), status: .unprocessableContent)
            }
            if let wait = await perAddress.take(context.clientAddress) { 
                // The same English in both forms, as the page has always said it; a translation takes its own plural forms.
                var response = PageRenderer.shared.message(tr("Please wait"), trPlural("Thank you: this registry has had several reports from you within the hour. Try again in {count} minutes.", "Thank you: this registry has had several reports from you within the hour. Try again in {count} minutes.", count: Int(wait / 60) + 1),
                                                           status: .tooManyRequests)
                response.headers[.retryAfter] = "\(Int(wait.rounded(.up)))"
                return response
            }
            do {
                try await registry.reportListing(groupId: groupId, kind: kind, text: text, replyTo: replyTo)
            } catch let error as RegistryError {
                if case .notFound = error { throw error }
                return try await form(groupId, text: text, replyTo: replyTo, kind: kind, problem: Console.sentence(error.description), status: Responses.problem(for: error).status)
            }
            return thanks(groupId)
        }
    }

    private func form(_ groupId: String, text: String, replyTo: String, kind: ListingReport.Kind?, problem: String?,
                      status: HTTPResponse.Status) async throws -> Response {
        let group = try await registry.publicGroup(groupId: groupId).group
        return PageRenderer.shared.render(FormView(groupId: groupId, title: group.title, titleLang: group.language ?? "und",
                                                   kinds: ListingReport.Kind.allCases.map { Kind(value: $0.rawValue, words: Self.words($0), checked: $0 == kind) },
                                                   text: text, replyTo: replyTo, problem: problem),
                                          "report", status: status)
    }

    private func thanks(_ groupId: String) -> Response {
        PageRenderer.shared.message(tr("Thank you"), tr("Your report has gone to the people who run the networks that list this group. They will look at it; if you left a way to answer you, they may write back."),
                                    status: .ok)
    }

    /// What a kind of report says, in the page's language (`ListingReport.Kind.words` is the English).
    static func words(_ kind: ListingReport.Kind) -> String {
        switch kind {
        case .closed: tr("The group has closed or stopped meeting")
        case .wrongTime: tr("The time or day is wrong")
        case .wrongPlace: tr("The place is wrong")
        case .unsafe: tr("It feels unsafe, or is not peer support")
        case .other: tr("Something else")
        }
    }
}
