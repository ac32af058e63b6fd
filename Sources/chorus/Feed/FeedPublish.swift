import ArgumentParser
import AsyncHTTPClient
import ChorusFeed
import ChorusServer
import Foundation
import NIOCore

struct FeedPublish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Push a signed feed to a registry and print its verdict. With --key, signs it first.")
    @Argument(help: "The feed file; its signature is FILE.minisig.") var file: String
    @Option(help: "The registry's base URL, e.g. https://registry.example.org.") var registry: String
    @Option(help: "Sign first with this secret key (seq: the current Unix time).") var key: String?
    @Option(help: "With --key: how long the signature stays valid.") var expires = DurationArgument(argument: "90d")!

    struct Verdict: Decodable {
        let outcome: String?
        let code: String?
        let message: String?
        let error: String?
    }

    func run() async throws {
        let (bytes, feed) = try Files.readFeed(file)
        if let key {
            _ = try FeedSigning.sign(file: file, bytes: bytes, feed: feed, keyPath: key, seq: nil, expires: expires.seconds)
        }
        let signature = try Files.readText(file + ".minisig")
        let base = registry.hasSuffix("/") ? String(registry.dropLast()) : registry
        let id = feed.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? feed.id
        var request = HTTPClientRequest(url: "\(base)/api/v1/groups/\(id)/feed")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body = try JSONEncoder().encode(PushRequest(bytes: bytes, signature: signature))
        request.body = .bytes(ByteBuffer(bytes: body))
        let status: UInt
        let answer: ByteBuffer
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            status = response.status.code
            answer = try await response.body.collect(upTo: 64 << 10)
        } catch {
            throw Console.fail("could not reach \(base): \(error)", code: 3)
        }
        let verdict = try? JSONDecoder().decode(Verdict.self, from: Data(answer.readableBytesView))
        let message = verdict?.message ?? String(buffer: answer)
        switch (status, verdict?.outcome) {
        case (200, "accepted"), (200, "unchanged"):
            print("\(base): \(verdict!.outcome!): \(message)")
        default:
            throw Console.fail("\(base) refused the feed (HTTP \(status)): \(verdict?.code.map { "\($0): " } ?? "")\(message)")
        }
    }
}
