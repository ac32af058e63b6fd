import ChorusFeed
import Foundation

/// What a charter's signed trusted comment says: `chorus-charter v1 network=<slug> version=<version>`.
public struct CharterClaim: Sendable, Equatable {
    public let network: String
    public let version: String

    public init(network: String, version: String) {
        self.network = network
        self.version = version
    }

    public var trustedComment: String { "chorus-charter v1 network=\(network) version=\(version)" }

    public init(trustedComment: String) throws(SignatureError) {
        let fields = trustedComment.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == "chorus-charter", fields[1] == "v1",
              fields[2].hasPrefix("network="), fields[3].hasPrefix("version="),
              fields[2].count > 8, fields[3].count > 8 else {
            throw SignatureError(.claimMalformed, "the trusted comment is not 'chorus-charter v1 network=… version=…': '\(trustedComment.prefix(120))'")
        }
        self.init(network: String(fields[2].dropFirst(8)), version: String(fields[3].dropFirst(8)))
    }
}

/// Why a signed charter was refused: its signature, or the verified bytes themselves.
public enum SignedCharterRejection: Error, Sendable, CustomStringConvertible {
    case signature(SignatureError)
    case charter(FeedProblem)

    public var description: String {
        switch self {
        case .signature(let error): error.description
        case .charter(let problem): problem.description
        }
    }
}

/// Verifies a charter's bytes with the network's key, then reads exactly those bytes.
public enum SignedCharterReader {
    public static func read(_ bytes: Data, signatureFile: String, publicKey: MinisignPublicKey) throws(SignedCharterRejection) -> Charter {
        let claim: CharterClaim
        do {
            let signature = try MinisignSignature(fileContents: signatureFile)
            try signature.verify(bytes, with: publicKey)
            claim = try CharterClaim(trustedComment: signature.trustedComment)
        } catch {
            throw .signature(error)
        }
        let charter: Charter
        do { charter = try CharterReader.read(bytes) } catch { throw .charter(error) }
        guard charter.network == claim.network, charter.version == claim.version else {
            throw .signature(SignatureError(.claimWrongNetwork,
                "the signature is for network \(claim.network) version \(claim.version), but the charter says network \(charter.network) version \(charter.version)"))
        }
        return charter
    }
}

public enum CharterSigner {
    public static func sign(_ bytes: Data, charter: Charter, with key: MinisignSecretKey) throws -> MinisignSignature {
        try MinisignSignature.sign(bytes, with: key, trustedComment: CharterClaim(network: charter.network, version: charter.version).trustedComment,
                                   untrustedComment: "charter signature from chorus secret key \(KeyID.hex(key.keyID))")
    }
}
