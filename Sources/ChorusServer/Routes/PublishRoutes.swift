import ChorusRegistry
import Foundation
import Hummingbird

/// Routes a group uses itself: push a signed feed, or ask to be fetched again. The signature authenticates a push,
/// so only a push the registry accepts spends the group's budget: a refused, malformed or replayed push, or one for
/// an unknown group, is counted against the address it came from, and strangers cannot lock a group out.
struct PublishRoutes {
    let registry: Registry
    let configuration: ServerConfiguration
    let pushesPerGroup: RateLimiter
    let requestsPerAddress: RateLimiter
    let failedPushesPerAddress: RateLimiter
    let pings: RateLimiter
    let enrolmentRequestsPerAddress: RateLimiter
    let addresses: PublicAddressPolicy

    init(registry: Registry, configuration: ServerConfiguration) {
        self.registry = registry
        self.configuration = configuration
        pushesPerGroup = RateLimiter(capacity: configuration.pushesPerGroupPerMinute, per: 60)
        requestsPerAddress = RateLimiter(capacity: configuration.requestsPerAddressPerMinute, per: 60)
        failedPushesPerAddress = RateLimiter(capacity: configuration.failedPushesPerAddressPerMinute, per: 60)
        pings = RateLimiter(capacity: 1, per: configuration.pingInterval)
        enrolmentRequestsPerAddress = RateLimiter(capacity: configuration.enrolmentRequestsPerAddressPerHour, per: 3600)
        addresses = PublicAddressPolicy(configuration)
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
            let address = context.clientAddress
            var wait = await requestsPerAddress.take(address)
            if wait == nil { wait = await failedPushesPerAddress.wait(address) }
            if wait == nil { wait = await pushesPerGroup.wait(groupId) }
            if let wait { return Responses.tooManyRequests(wait) }
            func failed(_ response: Response) async -> Response {
                _ = await failedPushesPerAddress.take(address)
                return response
            }
            let (push, bytes): (PushRequest, Data)
            switch await read(PushRequest.self, from: request, what: "a push", shape: #"{"feed": "<base64 of the feed's bytes>", "signature": "<the .minisig text>"}"#) {
            case .read(let body, let feed): (push, bytes) = (body, feed)
            case .refused(let response): return await failed(response)
            }
            let result: IngestResult
            do { result = try await registry.push(groupId: groupId, bytes: bytes, signature: push.signature) } catch let error as RegistryError {
                return await failed(Responses.problem(for: error))
            }
            if result.outcome == .accepted { _ = await pushesPerGroup.take(groupId) } else { _ = await failedPushesPerAddress.take(address) }
            let verdict = PushVerdict(outcome: result.outcome.rawValue, code: result.code, message: result.message, seq: result.sequence)
            return try Responses.json(verdict, status: result.outcome == .rejected ? .unprocessableContent : .ok)
        }
        // A group new to this registry joins a network by pushing its first signed feed with its public key.
        router.post("api/v1/networks/:network/enrolment-requests") { request, context in
            let network = try context.required("network")
            let address = context.clientAddress
            var wait = await requestsPerAddress.take(address)
            if wait == nil { wait = await failedPushesPerAddress.wait(address) }
            if wait == nil { wait = await enrolmentRequestsPerAddress.take(address) }
            if let wait { return Responses.tooManyRequests(wait) }
            func failed(_ response: Response) async -> Response {
                _ = await failedPushesPerAddress.take(address)
                return response
            }
            let (push, bytes): (EnrolmentPush, Data)
            switch await read(EnrolmentPush.self, from: request, what: "an enrolment request",
                              shape: #"{"feed": "<base64 of the feed's bytes>", "signature": "<the .minisig text>", "publicKey": "<the .pub text>"}"#) {
            case .read(let body, let feed): (push, bytes) = (body, feed)
            case .refused(let response): return await failed(response)
            }
            let base = addresses.address(for: request).base
            do {
                let result = try await registry.requestEnrolment(network: network, bytes: bytes, signature: push.signature,
                                                                 publicKey: push.publicKey, mirrorBase: base)
                let answer = EnrolmentAnswer(
                    groupId: result.groupId, membership: result.membership.rawValue, listed: result.membership == .active,
                    message: result.message, keyId: result.keyId, fingerprint: result.fingerprint,
                    feedURL: "\(base)/mirror/\(result.groupId)/feed.xml", groupPage: "/groups/\(result.groupId)")
                return try Responses.json(answer, status: .created)
            } catch let error as RegistryError {
                return await failed(Responses.problem(for: error))
            }
        }
        router.post("api/v1/groups/:groupId/ping") { request, context in
            let groupId = try context.groupID()
            if let limited = try await limit(context, group: groupId, limiter: pings) { return limited }
            try await registry.schedule(groupId: groupId)
            return try Responses.json(["scheduled": groupId], status: .accepted)
        }
    }

    enum Read<Body> {
        case read(Body, Data)
        case refused(Response)
    }

    /// A JSON body carrying a feed's bytes as base64, within the push size limit; or the one-line refusal to send.
    private func read<Body: Decodable & CarriesFeed>(_ type: Body.Type, from request: Request, what: String, shape: String) async -> Read<Body> {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: configuration.maxPushBytes) } catch {
            return .refused(Responses.problem(.contentTooLarge, "too-large", "\(what) is at most \(configuration.maxPushBytes) bytes"))
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView)) else {
            return .refused(Responses.problem(.badRequest, "malformed", "send JSON: \(shape)"))
        }
        guard let bytes = Data(base64Encoded: body.feed) else {
            return .refused(Responses.problem(.badRequest, "malformed", "\"feed\" is not valid base64"))
        }
        return .read(body, bytes)
    }

    private func limit(_ context: ChorusRequestContext, group: String, limiter: RateLimiter) async throws -> Response? {
        var wait = await requestsPerAddress.take(context.clientAddress)
        if wait == nil { wait = await limiter.take(group) }
        return wait.map(Responses.tooManyRequests)
    }
}
