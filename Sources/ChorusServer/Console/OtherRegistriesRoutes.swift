import ChorusFeed
import ChorusLanguage
import ChorusRegistry
import Foundation
import Hummingbird

/// `/console/n/SLUG/registries`: the network's directory for registries upstream (its directory key, the network's
/// delegation to it, which an admin gives here) and the networks at other registries that this network follows.
struct OtherRegistriesRoutes {
    let registry: Registry

    struct View {
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
                   state: follow.sequence.map { sequence in
                       follow.stale ? tr("Out of date: its last good directory has expired")
                           : tr("Current (directory {sequence}, until {until})", ["sequence": String(sequence), "until": follow.expires.map(Console.when) ?? "?"])
                   } ?? tr("No good directory yet"),
                   lastLook: follow.lastDetail.map { tr("{when}: {detail}", ["when": follow.lastAttemptAt.map(Console.when) ?? "", "detail": $0]) }
                       ?? tr("not looked at yet"),
                   groups: follow.groups, held: follow.held.map { Held(group: $0.groupId, reason: $0.reason) }, hasHeld: !follow.held.isEmpty)
        }
        return View(frame: access.frame("/registries", said: said), isAdmin: access.role == .admin,
                    directoryPath: "/n/\(PublicAddress.segment(access.network))/directory.xml", keyId: key.keyIDHex, fingerprint: key.fingerprint,
                    delegation: delegation.map {
                        tr("until {expires}, given by {who} on {when}", ["expires": Console.when($0.expires), "who": $0.setBy, "when": Console.when($0.setAt)])
                    },
                    delegationExpired: delegation.map { $0.expires <= now } ?? false, problem: problem,
                    follows: follows, hasFollows: !follows.isEmpty)
    }
}
