import ChorusFeed
import ChorusRegistry
import Foundation
import Hummingbird

/// `/console/n/SLUG/registries`: the network's directory for registries upstream (its directory key, the network's
/// delegation to it, which an admin gives here) and the networks at other registries that this network follows.
struct OtherRegistriesRoutes {
    let registry: Registry

    struct View {
        let lang = "en"
        let frame: ConsoleFrame
        let isAdmin: Bool
        let directoryPath: String
        let keyId: String
        let fingerprint: String
        let delegation: String?
        let delegationExpired: Bool
        let problem: String?
        let follows: [Follow]
        let hasFollows: Bool
    }

    struct Follow {
        let url: String
        let network: String
        let state: String
        let lastLook: String
        let groups: Int
        let held: [Held]
        let hasHeld: Bool
    }

    struct Held {
        let group: String
        let reason: String
    }

    func add(to console: RouterGroup<ChorusRequestContext>) {
        console.page("n/:network/registries") { request, context in
            let access = try Console.access(context, .viewer)
            return Console.render(try await view(access, said: GroupRoutes.said(request)), "console-registries")
        }
        console.page("n/:network/registries/delegation", method: .post) { request, context in
            let access = try Console.access(context, .admin)
            let fields = try await FormFields.read(request)
            try Console.checkToken(fields, access)
            // A textarea sends CR LF; the key file the network signed has LF line ends.
            let keyFile = Data((fields["keyFile"] ?? "").replacingOccurrences(of: "\r\n", with: "\n").utf8)
            do {
                _ = try await registry.setDelegation(network: access.network, keyFile: keyFile, signature: fields["signature"] ?? "", actor: access.actor)
            } catch let error as RegistryError {
                return Console.render(try await view(access, problem: Console.sentence(error.description)), "console-registries",
                                      status: Responses.problem(for: error).status)
            }
            return Console.seeOther("/console/n/\(access.network)/registries?said=delegated")
        }
    }

    private func view(_ access: ConsoleAccess, said: String? = nil, problem: String? = nil) async throws -> View {
        let key = try await registry.directoryKey(network: access.network)
        let delegation = try await registry.delegation(network: access.network)
        let now = registry.now
        let follows = try await registry.follows(network: access.network).map { follow in
            Follow(url: follow.url, network: follow.remoteNetwork,
                   state: follow.sequence == nil ? "No good directory yet" : follow.stale ? "Out of date: its last good directory has expired"
                       : "Current (directory \(follow.sequence!), until \(follow.expires.map(Console.when) ?? "?"))",
                   lastLook: follow.lastDetail.map { "\(follow.lastAttemptAt.map(Console.when) ?? ""): \($0)" } ?? "not looked at yet",
                   groups: follow.groups, held: follow.held.map { Held(group: $0.groupId, reason: $0.reason) }, hasHeld: !follow.held.isEmpty)
        }
        return View(frame: access.frame("/registries", said: said), isAdmin: access.role == .admin,
                    directoryPath: "/n/\(PublicAddress.segment(access.network))/directory.xml", keyId: key.keyIDHex, fingerprint: key.fingerprint,
                    delegation: delegation.map { "until \(Console.when($0.expires)), given by \($0.setBy) on \(Console.when($0.setAt))" },
                    delegationExpired: delegation.map { $0.expires <= now } ?? false, problem: problem,
                    follows: follows, hasFollows: !follows.isEmpty)
    }
}
