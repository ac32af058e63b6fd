import ArgumentParser

@main
struct Chorus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chorus",
        abstract: "Publish, check and verify signed peer-support group feeds.",
        subcommands: [KeyCommand.self, FeedCommand.self])
}

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Make the key pair a group signs its feed with.", subcommands: [KeyGenerate.self])
}

struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed", abstract: "Write, check, sign, verify and show a group feed.",
        subcommands: [FeedNew.self, FeedLint.self, FeedSign.self, FeedVerify.self, FeedShow.self])
}
