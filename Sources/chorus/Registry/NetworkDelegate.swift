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
