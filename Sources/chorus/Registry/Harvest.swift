import ArgumentParser
import ChorusRegistry
import Foundation
import Logging

struct Harvest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest", abstract: "Fetch and verify the groups' feeds: one pass with --once, otherwise continuously.")
    @Flag(help: "Fetch every harvestable group now, once, and stop.") var once = false
    @Option(help: "Only the groups of this network.") var network: String?
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        Logs.bootstrap(level: once ? .warning : .info)
        try await registry.withRegistry { registry in
            if once {
                let summary = try await registry.harvestPass(force: true, network: network)
                print(summary)
            } else {
                await HarvestLoop(registry: registry).run()
            }
        }
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a consistent copy of the registry database, safe while chorus serve runs.")
    @Argument(help: "The new file to write.") var path: String
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await registry.withRegistry { registry in
            do { try registry.database.backup(to: path) } catch let error as RegistryError {
                throw Console.fail(error.description)
            } catch {
                throw Console.fail("backup to \(path) failed: \(error)")
            }
        }
        print("backed up \(registry.db) to \(path)")
    }
}
