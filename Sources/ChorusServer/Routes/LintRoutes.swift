import ChorusCharter
import ChorusFeed
import ChorusRegistry
import Foundation
import Hummingbird

/// `POST /api/v1/lint`: what `chorus feed lint` says of an unsigned draft feed, and with `?network=SLUG` the tier
/// it reaches under that network's charter and, in plain words, what to change for the next one. The same Swift code
/// as the command line. Nothing of the draft is stored or logged; the body is capped at the feed size limit and
/// each client address has its own budget of requests.
struct LintRoutes {
    let registry: Registry
    let requestsPerAddress: RateLimiter
    /// Fetching makes the registry reach out: fewer of those per address.
    let fetchesPerAddress: RateLimiter

    init(registry: Registry, configuration: ServerConfiguration) {
        self.registry = registry
        requestsPerAddress = RateLimiter(capacity: configuration.requestsPerAddressPerMinute, per: 60)
        fetchesPerAddress = RateLimiter(capacity: configuration.feedChecksPerAddressPerMinute, per: 60)
    }

    struct FeedAddress: Decodable {
        let url: String
    }

    struct Answer: Encodable {
        enum CodingKeys: String, CodingKey { case valid, problems, network, tier, tierName, listed, advice, failing }

        struct Problem: Encodable {
            let severity: String
            let code: String
            let message: String
            let line: Int?
        }

        /// No error: the draft can be signed and published.
        let valid: Bool
        /// False when the body is not XML at all: answered as a 422 with one line.
        var readable = true
        let problems: [Problem]
        let network: String?
        let tier: String?
        let tierName: String?
        let listed: Bool?
        /// The verdict as `chorus feed lint --charter` prints it.
        let advice: String?
        /// Each charter rule the draft fails: the rule in the charter's plain words, why, and the charter's hint.
        var failing: [FailingRule]?
    }

    struct FailingRule: Encodable {
        let rule: String
        let severity: String
        let text: String?
        let reason: String
        let fix: String?
    }

    func add(to router: Router<ChorusRequestContext>) {
        addURLCheck(to: router)
        router.post("api/v1/lint") { request, context in
            if let wait = await requestsPerAddress.take(context.clientAddress) { return Responses.tooManyRequests(wait) }
            let network = request.uri.queryParameters.get("network")
            let evaluator: CharterEvaluator?
            switch try await Self.charter(of: network, in: registry) {
            case .found(let found): evaluator = found
            case .refused(let response): return response
            }
            let bytes: Data
            switch await Self.body(of: request, what: "a draft feed") {
            case .read(let read): bytes = read
            case .refused(let response): return response
            }
            guard !bytes.isEmpty else {
                return Responses.problem(.badRequest, "empty", "send the draft feed's XML as the request body")
            }
            let answer = Self.answer(bytes, network: network, evaluator: evaluator, now: registry.now)
            if !answer.readable, let first = answer.problems.first {
                return Responses.problem(.unprocessableContent, first.code, first.message)
            }
            return try Responses.json(answer)
        }
    }

    /// `POST /api/v1/lint-url`: the same report for a feed the registry fetches, with the harvester's limits and
    /// address policy (no private or loopback addresses unless the operator allows them).
    private func addURLCheck(to router: Router<ChorusRequestContext>) {
        router.post("api/v1/lint-url") { request, context in
            if let wait = await requestsPerAddress.take(context.clientAddress) { return Responses.tooManyRequests(wait) }
            if let wait = await fetchesPerAddress.take(context.clientAddress) { return Responses.tooManyRequests(wait) }
            let network = request.uri.queryParameters.get("network")
            let evaluator: CharterEvaluator?
            switch try await Self.charter(of: network, in: registry) {
            case .found(let found): evaluator = found
            case .refused(let response): return response
            }
            var request = request
            let address: FeedAddress
            do {
                address = try JSONDecoder().decode(FeedAddress.self, from: Data(try await request.collectBody(upTo: 4096).readableBytesView))
            } catch {
                return Responses.problem(.badRequest, "malformed", "send JSON: {\"url\": \"https://…/feed.xml\"}")
            }
            let bytes: Data
            do {
                guard case .body(let data, _) = try await registry.fetcher.fetchFeed(address.url) else {
                    return Responses.problem(.unprocessableContent, "fetch", "\(address.url) gave no feed")
                }
                bytes = data
            } catch let failure as FetchFailure {
                return Responses.problem(.unprocessableContent, failure.code.rawValue, "could not fetch the feed: \(failure.message)")
            }
            let answer = Self.answer(bytes, network: network, evaluator: evaluator, now: registry.now)
            if !answer.readable, let first = answer.problems.first {
                return Responses.problem(.unprocessableContent, first.code, first.message)
            }
            return try Responses.json(answer)
        }
    }

    enum BodyRead {
        case read(Data)
        case refused(Response)
    }

    /// A body within the feed size limit: a draft, a feed, or a draft's answers.
    static func body(of request: Request, what: String) async -> BodyRead {
        var request = request
        let limit = FeedLimits.standard.maximumBytes
        do { return .read(Data(try await request.collectBody(upTo: limit).readableBytesView)) } catch {
            return .refused(Responses.problem(.contentTooLarge, "too-large", "\(what) is at most \(limit) bytes"))
        }
    }

    enum CharterLookup {
        case found(CharterEvaluator?)
        case refused(Response)
    }

    /// The charter of `?network=`, if one was asked for; a network without a charter is a `404`.
    static func charter(of network: String?, in registry: Registry) async throws -> CharterLookup {
        guard let network else { return .found(nil) }
        guard let charter = try await registry.charter(network: network) else {
            return .refused(Responses.problem(.notFound, "not-found", "network '\(network)' has no charter to judge the feed against"))
        }
        return .found(CharterEvaluator(charter))
    }

    static func answer(_ bytes: Data, network: String?, evaluator: CharterEvaluator?, now: Date) -> Answer {
        let report = FeedReader.check(bytes)
        var problems = report.problems.map {
            Answer.Problem(severity: $0.severity == .error ? "error" : "warning", code: $0.code, message: $0.message, line: $0.line)
        }
        guard let feed = report.feed, report.errors.isEmpty else {
            let readable = report.feed != nil || !report.problems.allSatisfy { $0.code.hasPrefix("xml.") }
            return Answer(valid: false, readable: readable, problems: problems, network: network, tier: nil, tierName: nil,
                          listed: nil, advice: nil)
        }
        let reported = Set(report.problems.map(\.code))
        if evaluator == nil {
            problems += ConsistencyCheck.warnings(in: feed).filter { !reported.contains($0.code) }.map {
                Answer.Problem(severity: "warning", code: $0.code, message: $0.message, line: nil)
            }
        }
        guard let evaluator else {
            return Answer(valid: true, problems: problems, network: nil, tier: nil, tierName: nil, listed: nil, advice: nil)
        }
        let verdict = evaluator.evaluate(feed, now: now)
        let rules = Dictionary(evaluator.charter.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let failing = verdict.results.filter { $0.outcome == .fail }.map {
            FailingRule(rule: $0.rule, severity: $0.severity.rawValue, text: rules[$0.rule]?.text, reason: $0.reason, fix: $0.fix)
        }
        return Answer(valid: true, problems: problems, network: network, tier: verdict.tier,
                      tierName: verdict.tier.flatMap { evaluator.charter.tier($0)?.name }, listed: verdict.listed,
                      advice: VerdictText.render(verdict, evaluator: evaluator), failing: failing)
    }
}
