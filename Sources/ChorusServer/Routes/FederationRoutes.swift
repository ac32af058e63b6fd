import ChorusFeed
import ChorusRegistry
import Foundation
import Hummingbird

/// What a registry upstream needs to trust a network's directory from the network's key alone: the registry's
/// directory key for the network, and the network's statement delegating to it.
struct FederationRoutes {
    let registry: Registry

    func add(to router: Router<ChorusRequestContext>) {
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
