import ArgumentParser
import ChorusFeed
import Foundation

struct NetworkDelegate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delegate",
        abstract: "With the network's own key, let a registry's directory key sign the network's directory for a while.",
        discussion: """
            Writes delegation.pub (the directory key, byte for byte) and delegation.pub.minisig, signed with the trusted
            comment 'chorus-delegation v1 network=<slug> key=<key id> expires=<time>'. Run it where the network's key is
            kept; give the two files to the registry, which publishes them beside the directory.
            """)
    @Argument(help: "The network's slug.") var slug: String
    @Option(help: "The network's secret key file.") var key: String
    @Option(name: .customLong("directory-key"), help: "The registry's directory key for the network (its .pub file).") var directoryKey: String
    @Option(help: "How long the delegation lasts: 180d, 26w.") var expires = DurationArgument(argument: "180d")!
    @Option(help: "The folder to write the two files into.") var out = "."
    @Option(help: ArgumentHelp("Sign as if at this RFC 3339 time.", visibility: .hidden)) var now: InstantArgument?

    func run() throws {
        let delegated: MinisignPublicKey
        do { delegated = try MinisignPublicKey(fileContents: try Files.readText(directoryKey)) } catch let error as SignatureError {
            throw Console.fail("\(directoryKey): \(error.code.rawValue): \(error.message)", code: error.code.exitCode)
        }
        let secretKey = try KeyPassphrase.openSecretKey(key)
        let until = (now?.date ?? Date()).addingTimeInterval(expires.seconds)
        let (keyFile, signature) = try DelegationStatement.sign(directoryKey: delegated, network: slug, expires: until, with: secretKey)
        let path = URL(fileURLWithPath: out).appendingPathComponent("delegation.pub").path
        try Files.replace(path, keyFile)
        try Files.replace(path + ".minisig", Data(signature.fileContents.utf8))
        print("network \(slug) delegates its directory to key \(delegated.keyIDHex) until \(Timestamp.format(until)) (signed with key \(secretKey.publicKey.keyIDHex))")
        print("wrote \(path) and \(path).minisig")
    }
}

struct NetworkVerifyDelegation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-delegation",
        abstract: "Check a delegation statement against the network's own public key; print the directory key it names.")
    @Argument(help: "The network's slug.") var slug: String
    @Argument(help: "The delegation.pub file; its signature is FILE.minisig.") var file: String
    @Option(help: "The network's public key file.") var pub: String
    @Option(help: ArgumentHelp("Verify as if at this RFC 3339 time.", visibility: .hidden)) var now: InstantArgument?

    func run() throws {
        let networkKey: MinisignPublicKey
        do { networkKey = try MinisignPublicKey(fileContents: try Files.readText(pub)) } catch let error as SignatureError {
            throw Console.fail("\(pub): \(error.code.rawValue): \(error.message)", code: error.code.exitCode)
        }
        do {
            let delegated = try DelegationStatement.verify(keyFile: try Files.read(file), signatureFile: try Files.readText(file + ".minisig"),
                                                           networkKey: networkKey, network: slug, now: now?.date ?? Date())
            print("network \(slug) delegates its directory to key \(delegated.key.keyIDHex) until \(Timestamp.format(delegated.expires))")
        } catch let error as SignatureError {
            throw Console.fail("\(file): \(error.code.rawValue): \(error.message)", code: error.code.exitCode)
        }
    }
}

struct NetworkDelegation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delegation",
        abstract: "Show the registry's directory key for a network, or take the network's delegation statement for it.",
        discussion: """
            Without --statement: writes the directory key (directory-key.pub) into --out for the network's volunteers, who
            run 'chorus network delegate' with it, and says whether a delegation is in force. With --statement FILE (the
            delegation.pub they send back, with FILE.minisig beside it): checks it against the network's pinned key and
            this registry's directory key, and publishes it at /n/SLUG/delegation.pub.
            """)
    @Argument(help: "The network's slug.") var slug: String
    @Option(help: "The delegation.pub file the network signed; its signature is FILE.minisig.") var statement: String?
    @Option(help: "Where to write directory-key.pub.") var out = "."
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        if let statement {
            let keyFile = try Files.read(statement)
            let signature = try Files.readText(statement + ".minisig")
            let delegation = try await registry.withRegistry { try await $0.setDelegation(network: slug, keyFile: keyFile, signature: signature) }
            print("\(slug): the directory key may sign the network's directory until \(Timestamp.format(delegation.expires)); published at /n/\(slug)/delegation.pub")
            return
        }
        let (key, delegation) = try await registry.withRegistry { registry in
            (try await registry.directoryKey(network: slug), try await registry.delegation(network: slug))
        }
        let path = URL(fileURLWithPath: out).appendingPathComponent("directory-key.pub").path
        try Files.replace(path, Data(key.fileContents.utf8))
        print("\(slug): directory key \(key.keyIDHex), fingerprint \(key.fingerprint), written to \(path)")
        print(delegation.map { "delegated until \(Timestamp.format($0.expires)), set by \($0.setBy)" }
              ?? "not delegated yet: the network runs 'chorus network delegate \(slug) --key NETWORK.key --directory-key \(path)' and sends back delegation.pub")
    }
}
