import ChorusRegistry
import Foundation
import Hummingbird

/// Routes a group uses itself: push a signed feed, or ask to be fetched again. The signature authenticates a push.
struct PublishRoutes {
    let registry: Registry
    let configuration: ServerConfiguration
    let pushesPerGroup: RateLimiter
    let requestsPerAddress: RateLimiter
    let pings: RateLimiter

    init(registry: Registry, configuration: ServerConfiguration) {
        self.registry = registry
        self.configuration = configuration
        pushesPerGroup = RateLimiter(capacity: configuration.pushesPerGroupPerMinute, per: 60)
        requestsPerAddress = RateLimiter(capacity: configuration.requestsPerAddressPerMinute, per: 60)
        pings = RateLimiter(capacity: 1, per: configuration.pingInterval)
    }


    struct PushVerdict: Encodable {
        let outcome: String
        let code: String?
        let message: String
        let seq: UInt64?
    }

    func add(to router: Router<ChorusRequestContext>) {
        router.post("api/v1/groups/:groupId/feed") { request, context in
            let groupId = try context.groupID()
            if let limited = try await limit(context, group: groupId, limiter: pushesPerGroup) { return limited }
            var request = request
            let buffer: ByteBuffer
            do { buffer = try await request.collectBody(upTo: configuration.maxPushBytes) } catch {
                return Responses.problem(.contentTooLarge, "too-large", "a push is at most \(configuration.maxPushBytes) bytes")
            }
            let push: PushRequest
            do { push = try JSONDecoder().decode(PushRequest.self, from: Data(buffer.readableBytesView)) } catch {
                return Responses.problem(.badRequest, "malformed", "send JSON: {\"feed\": \"<base64 of the feed's bytes>\", \"signature\": \"<the .minisig text>\"}")
            }
            guard let bytes = Data(base64Encoded: push.feed) else {
                return Responses.problem(.badRequest, "malformed", "\"feed\" is not valid base64")
            }
            let result = try await registry.push(groupId: groupId, bytes: bytes, signature: push.signature)
            let verdict = PushVerdict(outcome: result.outcome.rawValue, code: result.code, message: result.message, seq: result.sequence)
            return try Responses.json(verdict, status: result.outcome == .rejected ? .unprocessableContent : .ok)
        }
        router.post("api/v1/groups/:groupId/ping") { request, context in
            let groupId = try context.groupID()
            if let limited = try await limit(context, group: groupId, limiter: pings) { return limited }
            try await registry.schedule(groupId: groupId)
            return try Responses.json(["scheduled": groupId], status: .accepted)
        }
    }

    private func limit(_ context: ChorusRequestContext, group: String, limiter: RateLimiter) async throws -> Response? {
        var wait = await requestsPerAddress.take(context.clientAddress)
        if wait == nil { wait = await limiter.take(group) }
        guard let wait else { return nil }
        let seconds = Int(wait.rounded(.up))
        return Responses.problem(.tooManyRequests, "rate-limited", "too many requests; try again in \(seconds) s",
                                 headers: [.retryAfter: "\(seconds)"])
    }
}
