import ArgumentParser
import ChorusCharter
import ChorusFeed
import Foundation

struct CharterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charter", abstract: "Check, explain and sign a network's charter.",
        subcommands: [CharterCheck.self, CharterExplain.self, CharterSign.self])
}

struct CharterCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check charters: one line per problem as FILE:LINE: error: CODE: message.",
        discussion: "With --key, also verifies each FILE.minisig against the network's public key. Exit status: 0 when every charter is valid, 1 otherwise.")
    @Argument(help: "The charter files (or https:// URLs) to check.") var charters: [String]
    @Option(help: "The network's public key: verify the charter's signature (FILE.minisig) with it.") var key: String?

    func run() async throws {
        var failed = false
        for location in charters {
            do {
                let loaded = try await CharterSource.load(location, publicKey: key)
                let verified = key == nil ? "" : ", signature verified"
                print("\(location): ok: network \(loaded.charter.network), version \(loaded.charter.version), \(loaded.charter.tiers.count) tiers, \(loaded.charter.rules.count) rules\(verified)")
            } catch let failure as CharterSource.Failure {
                for line in failure.lines { print(line) }
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

struct CharterExplain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Print a charter as a readable document: its tiers and every rule in plain words.")
    @Argument(help: "The charter file or https:// URL.") var charter: String
    @Option(help: "The network's public key: verify the charter's signature first.") var key: String?

    func run() async throws {
        let loaded = try await CharterSource.loadOrFail(charter, publicKey: key)
        print(CharterText.render(loaded.charter), terminator: "")
    }
}

struct CharterSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a charter with the network's secret key; writes FILE.minisig.",
        discussion: "The trusted comment is 'chorus-charter v1 network=<slug> version=<version>', taken from the charter itself.")
    @Argument(help: "The charter file.") var file: String
    @Option(help: "The network's secret key file.") var key: String

    func run() throws {
        let bytes = try Files.read(file)
        let charter: Charter
        do { charter = try CharterReader.read(bytes) } catch { throw Console.fail(error.located(in: file)) }
        let secretKey = try KeyPassphrase.openSecretKey(key)
        let signature = try CharterSigner.sign(bytes, charter: charter, with: secretKey)
        try Files.replace(file + ".minisig", Data(signature.fileContents.utf8))
        print("signed \(file) for network \(charter.network), version \(charter.version), with key \(secretKey.publicKey.keyIDHex)")
    }
}
