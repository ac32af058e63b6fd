import ChorusCharter
import ChorusFeed
import ChorusRegistry
import Foundation
import Hummingbird

/// What the browser publisher needs from the registry's own Swift code, with nothing stored or logged:
/// `GET /api/v1/feed-questions` (the vocabularies of `FeedAnswers`, by field) and `POST /api/v1/draft` (answers in,
/// the exact feed bytes `chorus feed new` would write out, with what `chorus feed lint` and, with `?network=`, that
/// network's charter say of them) and `POST /api/v1/answers` (a published feed back into answers). The browser signs
/// exactly the bytes it is given.
struct DraftRoutes {
    let registry: Registry
    let requestsPerAddress: RateLimiter

    init(registry: Registry, configuration: ServerConfiguration) {
        self.registry = registry
        requestsPerAddress = RateLimiter(capacity: configuration.requestsPerAddressPerMinute, per: 60)
    }

    struct Questions: Encodable {
        struct Field: Encodable {
            let field: String
            let name: String
            let terms: [Term]
        }
        struct Term: Encodable {
            let id: String
            let label: String
            let definition: String
        }
        let vocabularies: [Field]
    }

    struct Draft: Encodable {
        let groupId: String
        /// The feed's exact bytes, as UTF-8 text.
        let feed: String
        let lint: LintRoutes.Answer
    }

    static let questions: Data = {
        let fields = AnswerVocabularies.byField.map { entry in
            Questions.Field(field: entry.field, name: entry.vocabulary.name,
                            terms: entry.vocabulary.terms.map { Questions.Term(id: $0.id, label: $0.label, definition: $0.definition) })
        }
        return (try? JSONEncoder().encode(Questions(vocabularies: fields))) ?? Data()
    }()

    func add(to router: Router<ChorusRequestContext>) {
        // A published feed back into answers, so the form can change it (`FeedAnswers(feed:)`).
        router.post("api/v1/answers") { request, context in
            if let wait = await requestsPerAddress.take(context.clientAddress) { return Responses.tooManyRequests(wait) }
            let body: Data
            switch await LintRoutes.body(of: request, what: "a feed") {
            case .read(let read): body = read
            case .refused(let response): return response
            }
            let report = FeedReader.check(body)
            guard let feed = report.feed, report.errors.isEmpty else {
                let first = report.errors.first
                return Responses.problem(.unprocessableContent, first?.code ?? "feed", "this is not a feed the form can open: \(first?.message ?? "it could not be read")")
            }
            do { return try Responses.json(try FeedAnswers(feed: feed)) } catch let error as FeedProblem {
                return Responses.problem(.unprocessableContent, error.code, error.message)
            }
        }
        router.get("api/v1/feed-questions") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(bytes: Self.questions)))
        }
        router.post("api/v1/draft") { request, context in
            if let wait = await requestsPerAddress.take(context.clientAddress) { return Responses.tooManyRequests(wait) }
            let network = request.uri.queryParameters.get("network")
            let evaluator: CharterEvaluator?
            switch try await LintRoutes.charter(of: network, in: registry) {
            case .found(let found): evaluator = found
            case .refused(let response): return response
            }
            let body: Data
            switch await LintRoutes.body(of: request, what: "a draft's answers") {
            case .read(let read): body = read
            case .refused(let response): return response
            }
            let answers: FeedAnswers
            do { answers = try JSONDecoder().decode(FeedAnswers.self, from: body) } catch let error as DecodingError {
                return Responses.problem(.unprocessableContent, "answers", AnswersDescription.describe(error))
            }
            let feed: GroupFeed
            do { feed = try answers.makeFeed(now: registry.now) } catch let error as FeedProblem {
                return Responses.problem(.unprocessableContent, error.code, error.message)
            }
            let bytes = FeedWriter.data(feed)
            let lint = LintRoutes.answer(bytes, network: network, evaluator: evaluator, now: registry.now)
            return try Responses.json(Draft(groupId: feed.id, feed: String(decoding: bytes, as: UTF8.self), lint: lint))
        }
    }
}
