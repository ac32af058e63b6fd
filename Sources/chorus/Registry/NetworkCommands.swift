import ArgumentParser
import ChorusRegistry
import Foundation

struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network", abstract: "Create networks and issue their tokens.",
        subcommands: [NetworkCreate.self, NetworkList.self, NetworkToken.self])
}

struct NetworkCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a network the registry hosts.")
    @Argument(help: "Short lowercase name used in URLs, e.g. hvn-england.") var slug: String
    @Option(help: "The network's full name.") var name: String
    @Option(help: "open: groups are admitted at once; approval: an admin approves each.") var policy = EnrolmentPolicy.approval
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let network = try await registry.withRegistry { try $0.createNetwork(slug: slug, name: name, policy: policy) }
        print("created network \(network.slug) (\(network.name)), policy \(network.policy.rawValue)")
    }
}

struct NetworkList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the networks.")
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await registry.withRegistry { registry in
            for network in try registry.networks() {
                let groups = try registry.groups(network: network.slug)
                print("\(network.slug)\t\(network.policy.rawValue)\t\(groups.count) group(s)\t\(network.name)")
            }
        }
    }
}

struct NetworkToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Issue a bearer token for a network's API. It is printed once; only its hash is kept.")
    @Argument(help: "The network's slug.") var slug: String
    @Option(help: "admin, editor or viewer.") var role: Role
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let token = try await registry.withRegistry { try $0.issueToken(network: slug, role: role) }
        print(token)
        Console.error("this \(role.rawValue) token for \(slug) is shown once; keep it somewhere safe")
    }
}
