import ArgumentParser
import ChorusFeed
import Foundation

struct KeyGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write NAME.pub (share it) and NAME.key (keep it secret) in minisign format.")

    @Option(help: "The folder to write the two files into.") var out: String
    @Option(help: "The files' base name.") var name = "group"
    @Flag(help: "Protect the secret key with a passphrase (asked at the terminal, or the first line of standard input).")
    var passphrase = false

    func run() throws {
        let key = MinisignSecretKey.generate()
        let publicPath = URL(fileURLWithPath: out).appendingPathComponent("\(name).pub").path
        let secretPath = URL(fileURLWithPath: out).appendingPathComponent("\(name).key").path
        for path in [publicPath, secretPath] where FileManager.default.fileExists(atPath: path) {
            throw Console.fail("\(path) already exists; not overwriting it")
        }
        let chosen = passphrase ? try KeyPassphrase.choose() : nil
        try Files.create(secretPath, Data(key.file(passphrase: chosen).utf8), mode: 0o600)
        try Files.create(publicPath, Data(key.publicKey.fileContents.utf8))
        print("key id \(key.publicKey.keyIDHex)")
        print("public key: \(publicPath) (give this to your network)")
        print("secret key: \(secretPath) (keep this private; anyone with it can publish as your group)")
    }
}
