import ArgumentParser
import ChorusFeed
import Foundation

struct KeyGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write NAME.pub (share it) and NAME.key (keep it secret) in minisign format.")

    @Option(help: "The folder to write the two files into.") var out: String
    @Option(help: "The files' base name.") var name = "group"

    func run() throws {
        let key = MinisignSecretKey.generate()
        let publicPath = URL(fileURLWithPath: out).appendingPathComponent("\(name).pub").path
        let secretPath = URL(fileURLWithPath: out).appendingPathComponent("\(name).key").path
        for path in [publicPath, secretPath] where FileManager.default.fileExists(atPath: path) {
            throw Console.fail("\(path) already exists; not overwriting it")
        }
        try Files.create(secretPath, Data(key.fileContents.utf8), mode: 0o600)
        try Files.create(publicPath, Data(key.publicKey.fileContents.utf8))
        print("key id \(key.publicKey.keyIDHex)")
        print("public key: \(publicPath) (give this to your network)")
        print("secret key: \(secretPath) (keep this private; anyone with it can publish as your group)")
    }
}
