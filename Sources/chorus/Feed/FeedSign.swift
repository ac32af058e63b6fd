import ArgumentParser
import ChorusFeed
import Foundation

struct FeedSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a feed's exact bytes; writes FILE.minisig beside it.")

    @Argument(help: "The feed file.") var file: String
    @Option(help: "The group's secret key file.") var key: String
    @Option(help: "The sequence number (default: the current Unix time). It must grow with every feed.") var seq: UInt64?
    @Option(help: "How long the signature stays valid: 90d, 12w, 48h.") var expires = DurationArgument(argument: "90d")!
    @Option(help: ArgumentHelp("Sign as if at this RFC 3339 time.", visibility: .hidden)) var now: InstantArgument?

    func run() throws {
        let (bytes, feed) = try Files.readFeed(file)
        let (claim, keyID) = try FeedSigning.sign(file: file, bytes: bytes, feed: feed, keyPath: key, seq: seq,
                                                  expires: expires.seconds, now: now?.date ?? Date())
        print("signed \(file) as group \(claim.groupID), seq \(claim.sequence), expires \(Timestamp.format(claim.expires)) (key \(keyID))")
    }
}
