import ArgumentParser
import Foundation

@main
struct Chorus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chorus",
        abstract: "Publish, check and verify signed peer-support group feeds, and run the registry that lists them.",
        subcommands: [KeyCommand.self, TranslationsCommand.self, FeedCommand.self, CharterCommand.self, NetworkCommand.self, GroupCommand.self, PlacesCommand.self,
                      Serve.self, Demo.self, Harvest.self, Backup.self])

    /// Usage errors exit with status 2, as command-line tools conventionally do.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Make the key pair a group signs its feed with.", subcommands: [KeyGenerate.self])
}

struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed", abstract: "Write, check, sign, verify and show a group feed.",
        subcommands: [FeedNew.self, FeedLint.self, FeedSign.self, FeedVerify.self, FeedShow.self, FeedPublish.self])
}
