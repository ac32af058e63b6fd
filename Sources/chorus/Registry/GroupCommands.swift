import ArgumentParser
import ChorusRegistry
import Foundation

struct GroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group", abstract: "Enrol groups in a network and manage their membership and keys.",
        subcommands: [GroupEnroll.self, GroupList.self, GroupShow.self, GroupApprove.self, GroupSuspend.self,
                      GroupRemove.self, GroupRevokeKey.self])
}

struct NetworkGroupArguments: ParsableArguments {
    @Argument(help: "The group's id (its feed's atom:id, or the UUID of a urn:uuid id).") var groupId: String
    @Option(help: "The network's slug.") var network: String

    var fullID: String {
        groupId.count == 36 && groupId.allSatisfy({ $0.isHexDigit || $0 == "-" }) ? "urn:uuid:" + groupId.lowercased() : groupId
    }
}

struct GroupEnroll: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll",
        abstract: "Fetch a group's signed feed and enrol it. With --pub the key is pinned at once; without, an admin confirms it.")
    @Argument(help: "The feed's URL.") var url: String
    @Option(help: "The network's slug.") var network: String
    @Option(help: "The group's public key file (minisign format).") var pub: String?
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let key = try pub.map(Files.readText)
        let result = try await registry.withRegistry { try await $0.enroll(network: network, feedURL: url, publicKey: key) }
        print("\(result.title ?? result.groupId) (\(result.groupId)): \(result.membership.rawValue)")
        print("key \(result.keyId) [\(result.keyStatus.rawValue)], fingerprint \(result.fingerprint)")
        print(result.message)
    }
}

struct GroupList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a network's groups with their membership and harvest state.")
    @Option(help: "The network's slug.") var network: String
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let groups = try await registry.withRegistry { try await $0.groups(network: network) }
        if json { return try JSONOutput.print(groups) }
        if groups.isEmpty { print("no groups in \(network)") }
        for group in groups {
            let freshness = group.snapshot.map { $0.stale ? "stale" : "seq \($0.seq)" } ?? "no feed yet"
            let tier = group.compliance.map { ($0.tier ?? "no tier") + ($0.listed ? "" : " (not listed)") } ?? "-"
            var line = "\(group.groupId)\t\(group.membership.rawValue)\t\(group.harvestState.rawValue)\t\(freshness)\t\(tier)\t\(group.title ?? "")"
            if let reason = group.harvestReason { line += "\t(\(reason))" }
            print(line)
        }
    }
}

struct GroupShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one group's keys, snapshot and recent harvests (JSON).")
    @OptionGroup var target: NetworkGroupArguments
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try JSONOutput.print(try await registry.withRegistry { try await $0.group(network: target.network, groupId: target.fullID) })
    }
}

struct GroupApprove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Admit a pending group (confirming its key), lift a suspension, or resume harvesting.")
    @OptionGroup var target: NetworkGroupArguments
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let status = try await registry.withRegistry { try await $0.approve(network: target.network, groupId: target.fullID) }
        print("\(target.fullID) in \(target.network): \(status.rawValue)")
    }
}

struct GroupSuspend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Hide a group from the network's directory.")
    @OptionGroup var target: NetworkGroupArguments
    @Option(help: "Why, for the network's records.") var reason: String?
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await registry.withRegistry { try await $0.suspend(network: target.network, groupId: target.fullID, reason: reason) }
        print("\(target.fullID) in \(target.network): suspended")
    }
}

struct GroupRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a group from the network (its history stays).")
    @OptionGroup var target: NetworkGroupArguments
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await registry.withRegistry { try await $0.remove(network: target.network, groupId: target.fullID) }
        print("\(target.fullID) in \(target.network): removed")
    }
}

struct GroupRevokeKey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke-key",
        abstract: "Revoke a group's key (lost or compromised). Nothing is accepted until it is enrolled again with its new key.")
    @OptionGroup var target: NetworkGroupArguments
    @Option(help: "Why, for the audit log.") var reason: String?
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await registry.withRegistry { try await $0.revokeKey(network: target.network, groupId: target.fullID, reason: reason) }
        print("revoked the key of \(target.fullID); enrol it again with --pub NEW.pub to resume")
    }
}

enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
