import ArgumentParser
import ChorusFeed
import ChorusRegistry
import Foundation

struct NetworkFollow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Make a network here follow a network's signed directory at another registry.",
        discussion: """
            DIRECTORY-URL is the followed network's /n/SLUG/directory.xml. The directory is checked from the followed
            network's own public key (--key), through the delegation published beside it; every group it lists is
            fetched from that registry's mirror and checked against the group's own key, then judged by this network's
            charter and policy. The registry looks again every hour, and at once when pinged.
            """)
    @Argument(help: "The network here that follows.") var slug: String
    @Argument(help: "The followed network's directory address.") var directoryURL: String
    @Option(help: "The followed network's own public key file.") var key: String
    @Option(help: "The followed network's slug, when the address does not end in /n/SLUG/directory.xml.") var network: String?
    @Option(help: ArgumentHelp("This registry's public address of /n/SLUG/follow-ping: the followed registry is asked to ping it on every change.",
                               valueName: "url")) var callback: String?
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let networkKey: MinisignPublicKey
        do { networkKey = try MinisignPublicKey(fileContents: try Files.readText(key)) } catch let error as SignatureError {
            throw Console.fail("\(key): \(error.code.rawValue): \(error.message)", code: error.code.exitCode)
        }
        let (report, told) = try await registry.withRegistry { registry in
            let report = try await registry.follow(network: slug, directoryURL: directoryURL, networkKey: networkKey, remoteNetwork: network)
            guard let callback, report.outcome == .accepted || report.outcome == .unchanged else { return (report, nil as Int?) }
            return (report, try await registry.askToBeTold(network: slug, directory: directoryURL, callback: callback))
        }
        try FollowOutput.print(report)
        if let told, let callback {
            Swift.print(told == 201 ? "the followed registry pings \(callback) on every change"
                        : "the followed registry answered HTTP \(told) to the request to ping \(callback); the follow polls hourly")
        }
    }
}

struct NetworkFollows: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follows", abstract: "List what a network follows, with the groups held back and why; --refresh looks again now.")
    @Argument(help: "The network here that follows.") var slug: String
    @Flag(help: "Fetch and check every followed directory now.") var refresh = false
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let (reports, follows) = try await registry.withRegistry { registry in
            (refresh ? try await registry.refreshFollows(force: true) : [], try await registry.follows(network: slug))
        }
        for report in reports { Swift.print(report.line) }
        if follows.isEmpty { Swift.print("\(slug) follows no directory") }
        for follow in follows {
            let state = follow.sequence == nil ? "no good directory yet" : follow.stale ? "STALE: the last good directory has expired" : "current"
            Swift.print("\(follow.url)  network \(follow.remoteNetwork)  key \(follow.networkKeyId)  seq \(follow.sequence.map(String.init) ?? "none")  \(state)  \(follow.groups) group(s)")
            if let detail = follow.lastDetail { Swift.print("  last look: \(detail)") }
            for held in follow.held { Swift.print("  held \(held.groupId): \(held.reason)") }
        }
    }
}

/// A follow report on the terminal: the summary and held groups on standard output; a refusal as one line on
/// standard error with a non-zero exit (the follow is kept and tried again).
enum FollowOutput {
    static func print(_ report: FollowReport) throws {
        switch report.outcome {
        case .accepted, .unchanged:
            Swift.print(report.line)
            for held in report.held { Swift.print("  held \(held.groupId): \(held.reason)") }
        case .refused, .failed:
            let code = report.code.flatMap(SignatureError.Code.init(rawValue:))?.exitCode ?? 1
            throw Console.fail(report.line + " (the follow is kept and tried again every hour)", code: code)
        }
    }
}
