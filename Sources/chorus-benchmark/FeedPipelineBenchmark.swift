import CLibXML2
import ChorusFeed
import Crypto
import Foundation

/// Measures verify + parse + validate over the sample feeds against its two floors measured in the
/// same run: libxml2's raw `xmlReadMemory` of the same bytes, and one bare Ed25519 verification.
@main
struct FeedPipelineBenchmark {
    struct Sample {
        let bytes: Data
        let signatureFile: String
        let publicKey: MinisignPublicKey
        let rawKey: Curve25519.Signing.PublicKey
        let rawSignature: Data
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
        for sample in samples { _ = try? pipeline(sample, now: now); rawParse(sample.bytes); _ = sample.rawKey.isValidSignature(sample.rawSignature, for: sample.bytes) }

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
            for _ in 0..<rounds { for sample in samples where !sample.rawKey.isValidSignature(sample.rawSignature, for: sample.bytes) { invalid += 1 } }
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
        print("bare Ed25519 verification:                 \(rate(verifySeconds))")
        print("raw parse + one verification:              \(rate(floor))")
        print(String(format: "ratio pipeline / (raw parse + one verification): %.2f (target ≤ 3.00)", pipelineSeconds / floor))
        print(String(format: "pipeline throughput target ≥ 5000 feeds/s on one core: %@", Double(count) / pipelineSeconds >= 5000 ? "met" : "NOT met"))
    }

    static func pipeline(_ sample: Sample, now: Date) throws -> GroupFeed {
        try SignedFeedReader.read(sample.bytes, signatureFile: sample.signatureFile, publicKey: sample.publicKey, context: VerificationContext(now: now)).feed
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
                rawKey: try Curve25519.Signing.PublicKey(rawRepresentation: publicKey.rawKey), rawSignature: Data(signature.signature))
        }
    }
}
