import ChorusFeed
import ChorusRegistry
import Foundation
import Hummingbird

/// What a registry upstream needs to follow a network and trust it from the network's key alone: the network's
/// signed directory, the registry's directory key for the network, and the network's statement delegating to it.
struct FederationRoutes {
    let registry: Registry
    let built: BuiltOutputs
    let subscriptionsPerAddress = RateLimiter(capacity: 10, per: 3600)
    let pingsPerAddress = RateLimiter(capacity: 60, per: 60)

    static let cacheControl = "public, max-age=300"

    struct Subscription: Decodable {
        let callback: String
        let directory: String
    }

    struct Ping: Decodable {
        let directory: String
    }

    func add(to router: Router<ChorusRequestContext>) {
        router.get("n/:network/directory.xml") { request, context in
            let slug = try context.required("network")
            let stamp = try await registry.directoryStamp(network: slug)
            let (headers, notModified) = Conditional.check(request, stamp: stamp, variant: "directory", contentType: OutputRoutes.atom,
                                                           cacheControl: Self.cacheControl)
            if let notModified { return notModified }
            let signed = try await registry.signedDirectory(network: slug)
            let tag = signed.stamp.tag
            return try await built.answer(request, headers: headers, name: "directory " + slug, tag: tag, size: signed.document.count) {
                ByteBuffer(bytes: signed.document)
            }
        }
        router.get("n/:network/directory.xml.minisig") { request, context in
            let signed = try await registry.signedDirectory(network: try context.required("network"))
            return StaticBody.response(Array(signed.signature.utf8), contentType: "text/plain; charset=utf-8", request: request)
        }
        // Another registry asks to be pinged when this network's directory changes.
        router.post("n/:network/directory-subscribers") { request, context in
            if let wait = await subscriptionsPerAddress.take(context.clientAddress) { return Responses.tooManyRequests(wait) }
            guard let subscription = try await Self.read(Subscription.self, request) else {
                return Self.malformed(#"{"callback": "<your /n/SLUG/follow-ping>", "directory": "<this directory's address>"}"#)
            }
            do {
                try await registry.subscribe(network: try context.required("network"), callback: subscription.callback, directory: subscription.directory)
                return try Responses.json(["subscribed": subscription.callback], status: .created)
            } catch let error as RegistryError {
                return Responses.problem(for: error)
            }
        }
        // A followed registry says its directory changed; it is fetched and checked as always.
        router.post("n/:network/follow-ping") { request, context in
            if let wait = await pingsPerAddress.take(context.clientAddress) { return Responses.tooManyRequests(wait) }
            guard let ping = try await Self.read(Ping.self, request) else {
                return Self.malformed(#"{"directory": "<the followed directory's address>"}"#)
            }
            let slug = try context.required("network")
            guard try await registry.followPinged(network: slug, directory: ping.directory) else {
                return Responses.problem(.notFound, "not-followed", "\(slug) does not follow \(ping.directory.prefix(200))")
            }
            return try Responses.json(["scheduled": ping.directory], status: .accepted)
        }
        router.get("n/:network/directory-key.pub") { request, context in
            let key = try await registry.directoryKey(network: try context.required("network"))
            return StaticBody.response(Array(key.fileContents.utf8), contentType: "text/plain; charset=utf-8", request: request)
        }
        router.get("n/:network/delegation.pub") { request, context in
            guard let delegation = try await registry.delegation(network: try context.required("network")) else { return noDelegation }
            return StaticBody.response(Array(delegation.keyFile), contentType: "text/plain; charset=utf-8", request: request)
        }
        router.get("n/:network/delegation.pub.minisig") { request, context in
            guard let delegation = try await registry.delegation(network: try context.required("network")) else { return noDelegation }
            return StaticBody.response(Array(delegation.signature.utf8), contentType: "text/plain; charset=utf-8", request: request)
        }
    }

    /// A small JSON body, or nil when it is too large or not the shape asked for.
    private static func read<Body: Decodable>(_ type: Body.Type, _ request: Request) async throws -> Body? {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: 4096) else { return nil }
        return try? JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
    }

    private static func malformed(_ shape: String) -> Response {
        Responses.problem(.badRequest, "malformed", "send at most 4 KB of JSON: \(shape)")
    }

    private var noDelegation: Response {
        Responses.problem(.notFound, "not-found", "this network has not delegated the signing of its directory to this registry")
    }
}
