import CLibXML2
import ChorusFeed
import Crypto
import Foundation

/// Measures verify + parse + validate over the sample feeds against its two floors measured in the
/// same run: libxml2's raw `xmlReadMemory` of the same bytes, and the two bare Ed25519 verifications that minisign
/// needs (the signature over the feed, and the global signature over the signature and its trusted comment).
@main
struct FeedPipelineBenchmark {
    struct Sample {
        let bytes: Data
        let signatureFile: String
        let publicKey: MinisignPublicKey
        let rawKey: Curve25519.Signing.PublicKey
        let rawSignature: Data
        let rawGlobalSignature: Data
        /// What the global signature signs: the signature, then the trusted comment.
        let globalMessage: Data
    }

    static func main() throws {
        let arguments = CommandLine.arguments
        let folder = arguments.count > 1 ? arguments[1] : "Feeds"
        let total = arguments.count > 2 ? Int(arguments[2]) ?? 20_000 : 20_000
        let samples = try loadSamples(folder)
        guard !samples.isEmpty else {
            print("no signed feeds in \(folder)")
            exit(1)
        }
        let rounds = (total + samples.count - 1) / samples.count
        let count = rounds * samples.count
        let now = Date()
        print("feeds: \(samples.count) samples × \(rounds) rounds = \(count) feeds, mean size \(samples.map(\.bytes.count).reduce(0, +) / samples.count) bytes")

        // Warm up every path once.
        for sample in samples { _ = try? pipeline(sample, now: now); rawParse(sample.bytes); _ = bareVerifications(sample) }

        var failures = 0
        let pipelineSeconds = measure {
            for _ in 0..<rounds { for sample in samples where (try? pipeline(sample, now: now)) == nil { failures += 1 } }
        }
        let readSeconds = measure {
            for _ in 0..<rounds { for sample in samples where !FeedReader.check(sample.bytes).isValid { failures += 1 } }
        }
        let verifySignatureSeconds = measure {
            for _ in 0..<rounds { for sample in samples where (try? FeedVerifier.verify(sample.bytes, signatureFile: sample.signatureFile, publicKey: sample.publicKey, context: VerificationContext(now: now))) == nil { failures += 1 } }
        }
        let parseSeconds = measure {
            for _ in 0..<rounds { for sample in samples { rawParse(sample.bytes) } }
        }
        var invalid = 0
        let verifySeconds = measure {
            for _ in 0..<rounds { for sample in samples where !bareVerifications(sample) { invalid += 1 } }
        }
        guard failures == 0, invalid == 0 else {
            print("error: \(failures) pipeline failures, \(invalid) bad signatures")
            exit(1)
        }
        let floor = parseSeconds + verifySeconds
        func rate(_ seconds: Double) -> String { String(format: "%10.0f feeds/s  (%.1f µs/feed)", Double(count) / seconds, seconds / Double(count) * 1e6) }
        print("full pipeline (verify + parse + validate): \(rate(pipelineSeconds))")
        print("read + validate only (no signature):       \(rate(readSeconds))")
        print("signature checks only (two Ed25519):       \(rate(verifySignatureSeconds))")
        print("raw xmlReadMemory:                         \(rate(parseSeconds))")
        print("two bare Ed25519 verifications:            \(rate(verifySeconds))")
        print("raw parse + two verifications:             \(rate(floor))")
        print(String(format: "ratio pipeline / (raw parse + two verifications): %.2f [target ≤ 1.30: %@]", pipelineSeconds / floor,
                     (pipelineSeconds / floor <= 1.3 ? "met" : "not met") as NSString))
        print(String(format: "pipeline throughput target ≥ 5000 feeds/s on one core: %@", Double(count) / pipelineSeconds >= 5000 ? "met" : "NOT met"))
    }

    static func pipeline(_ sample: Sample, now: Date) throws -> GroupFeed {
        try SignedFeedReader.read(sample.bytes, signatureFile: sample.signatureFile, publicKey: sample.publicKey, context: VerificationContext(now: now)).feed
    }

    static func bareVerifications(_ sample: Sample) -> Bool {
        sample.rawKey.isValidSignature(sample.rawSignature, for: sample.bytes)
            && sample.rawKey.isValidSignature(sample.rawGlobalSignature, for: sample.globalMessage)
    }

    static func rawParse(_ bytes: Data) {
        bytes.withUnsafeBytes { buffer in
            let chars = buffer.bindMemory(to: CChar.self)
            if let document = xmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", Int32(XML_PARSE_NONET.rawValue)) {
                xmlFreeDoc(document)
            }
        }
    }

    static func measure(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func loadSamples(_ folder: String) throws -> [Sample] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted()
        return try names.compactMap { name in
            let path = folder + "/" + name
            guard let signatureFile = try? String(contentsOfFile: path + ".minisig", encoding: .utf8) else { return nil }
            let publicKey = try MinisignPublicKey(fileContents: try String(contentsOfFile: path.replacingOccurrences(of: ".xml", with: ".pub"), encoding: .utf8))
            let signature = try MinisignSignature(fileContents: signatureFile)
            return Sample(
                bytes: try Data(contentsOf: URL(fileURLWithPath: path)), signatureFile: signatureFile, publicKey: publicKey,
                rawKey: try Curve25519.Signing.PublicKey(rawRepresentation: publicKey.rawKey), rawSignature: Data(signature.signature),
                rawGlobalSignature: Data(signature.globalSignature), globalMessage: Data(signature.signature + Array(signature.trustedComment.utf8)))
        }
    }
}
