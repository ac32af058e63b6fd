import ChorusFeed
import ChorusRegistry
import Foundation
import Hummingbird

/// What a registry upstream needs to follow a network and trust it from the network's key alone: the network's
/// signed directory, the registry's directory key for the network, and the network's statement delegating to it.
struct FederationRoutes {
    let registry: Registry
    let built: BuiltOutputs

    static let cacheControl = "public, max-age=300"

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
            return StaticBody.response(Array(signed.signature.utf8), contentType: "text/plain; charset=utf-8", request: request,
                                       maxAge: 300)
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

    private var noDelegation: Response {
        Responses.problem(.notFound, "not-found", "this network has not delegated the signing of its directory to this registry")
    }
}
