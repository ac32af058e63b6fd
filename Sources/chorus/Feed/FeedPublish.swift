import ArgumentParser
import AsyncHTTPClient
import ChorusFeed
import ChorusServer
import Foundation
import NIOCore

struct FeedPublish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Push a signed feed to a registry and print its verdict. With --key, signs it first.",
        discussion: "A group new to the registry joins a network with --join SLUG --pub FILE.pub: the registry pins the key and hosts the feed from then on.")
    @Argument(help: "The feed file; its signature is FILE.minisig.") var file: String
    @Option(help: "The registry's base URL, e.g. https://registry.example.org.") var registry: String
    @Option(help: "Sign first with this secret key (seq: the current Unix time).") var key: String?
    @Option(help: "With --key: how long the signature stays valid.") var expires = DurationArgument(argument: "90d")!
    @Option(help: "Ask to join this network of the registry with the feed (a group new to the registry).") var join: String?
    @Option(help: "With --join: the group's public key file.") var pub: String?


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
        if let join {
            guard let pub else { throw Console.fail("--join needs the group's public key: --pub FILE.pub") }
            let body = try JSONEncoder().encode(EnrolmentPush(bytes: bytes, signature: signature, publicKey: try Files.readText(pub)))
            let slug = join.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? join
            let (status, answer) = try await post(body, to: "\(base)/api/v1/networks/\(slug)/enrolment-requests", base: base)
            guard status == 201, let joined = try? JSONDecoder().decode(EnrolmentAnswer.self, from: Data(answer.readableBytesView)) else {
                let refusal = try? JSONDecoder().decode(Verdict.self, from: Data(answer.readableBytesView))
                throw Console.fail("\(base) refused the request to join \(join) (HTTP \(status)): \(refusal?.message ?? String(buffer: answer))")
            }
            print("\(base): \(joined.listed ? "listed" : "waiting") in \(join): \(joined.message)")
            print("key \(joined.keyId) pinned, fingerprint \(joined.fingerprint); the registry hosts the feed at \(joined.feedURL)")
            return
        }
        let id = feed.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? feed.id
        let body = try JSONEncoder().encode(PushRequest(bytes: bytes, signature: signature))
        let (status, answer) = try await post(body, to: "\(base)/api/v1/groups/\(id)/feed", base: base)
        let verdict = try? JSONDecoder().decode(Verdict.self, from: Data(answer.readableBytesView))
        let message = verdict?.message ?? String(buffer: answer)
        switch (status, verdict?.outcome) {
        case (200, "accepted"), (200, "unchanged"):
            print("\(base): \(verdict!.outcome!): \(message)")
        default:
            throw Console.fail("\(base) refused the feed (HTTP \(status)): \(verdict?.code.map { "\($0): " } ?? "")\(message)")
        }
    }

    private func post(_ body: Data, to url: String, base: String) async throws -> (UInt, ByteBuffer) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            return (response.status.code, try await response.body.collect(upTo: 64 << 10))
        } catch {
            throw Console.fail("could not reach \(base): \(error)", code: 3)
        }
    }
}
