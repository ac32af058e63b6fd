import ArgumentParser
import ChorusRegistry
import Foundation

struct NetworkExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write everything a network is into one file, for 'chorus network import' on another registry.",
        discussion: """
            Settings, charter history, pinned keys, memberships with their states and reasons, each group's last good
            feed with its exact bytes and signature, people and roles (with their passphrase hashes), follows and the
            audit log. Keep the file as private as the database. Announce the move first ('chorus network moved'), so
            the directory's followers move with the network.
            """)
    @Argument(help: "The network's slug.") var slug: String
    @Argument(help: "The file to write.") var file: String
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let data = try await registry.withRegistry { try await $0.exportNetwork(network: slug) }
        guard FileManager.default.createFile(atPath: file, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw Console.fail("cannot write \(file)")
        }
        print("wrote \(slug) to \(file) (\(data.count) bytes, readable only by you)")
    }
}

struct NetworkImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Recreate an exported network here, checking every charter and every group's feed again.")
    @Argument(help: "The file 'chorus network export' wrote.") var file: String
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let data = try Files.read(file)
        let report = try await registry.withRegistry { try await $0.importNetwork(data) }
        print("imported \(report.network): \(report.groups) group(s), \(report.charters) charter(s), \(report.people) person(s), \(report.auditEntries) audit entries")
        for refused in report.refusedGroups { print("  refused \(refused.groupId): \(refused.reason)") }
        for login in report.skippedPeople { print("  \(login) already signs in here for another network: invite them again ('chorus network invite')") }
        print("next: the network's volunteers delegate its directory to this registry's key ('chorus network delegation \(report.network)')")
    }
}

struct NetworkMoved: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moved",
        abstract: "Announce in the network's signed directory that it now lives at another registry; followers move with it.")
    @Argument(help: "The network's slug.") var slug: String
    @Option(help: "The directory's new address (…/n/SLUG/directory.xml on the new registry).") var to: String?
    @Flag(help: "Withdraw the announcement.") var withdraw = false
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        guard (to != nil) != withdraw else { throw ValidationError("give --to URL, or --withdraw") }
        try await registry.withRegistry { try await $0.setDirectoryMoved(network: slug, to: to) }
        print(to.map { "\(slug): the next directory signed here says the network now lives at \($0)" } ?? "\(slug): the move announcement is withdrawn")
    }
}
