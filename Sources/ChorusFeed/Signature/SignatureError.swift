/// Why a signature, a key or a signed feed was refused. Codes are stable and listed in `Federation/signatures.md`.
public struct SignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        case keyMalformed = "key.malformed"
        case keyEncrypted = "key.encrypted"
        case keyChecksum = "key.checksum"
        case keyPassphrase = "key.passphrase"
        case signatureMalformed = "signature.malformed"
        case signatureBase64 = "signature.base64"
        case signatureTruncated = "signature.truncated"
        case signaturePrehashed = "signature.prehashed"
        case signatureAlgorithm = "signature.algorithm"
        case keyIDMismatch = "signature.key-id-mismatch"
        case signatureInvalid = "signature.invalid"
        case trustedCommentInvalid = "signature.trusted-comment-invalid"
        case claimMalformed = "claim.malformed"
        case claimWrongGroup = "claim.wrong-group"
        case claimRollback = "claim.rollback"
        case claimReplay = "claim.replay"
        case claimExpired = "claim.expired"
        case claimWrongNetwork = "claim.wrong-network"
        case claimWrongKey = "claim.wrong-key"

        /// The exit status `chorus feed verify` uses for this rejection.
        public var exitCode: Int32 {
            switch self {
            case .keyMalformed, .keyEncrypted, .keyChecksum, .keyPassphrase: 10
            case .signatureMalformed, .signatureAlgorithm: 11
            case .signatureBase64: 12
            case .signatureTruncated: 13
            case .signaturePrehashed: 14
            case .keyIDMismatch: 15
            case .signatureInvalid: 16
            case .trustedCommentInvalid: 17
            case .claimMalformed: 18
            case .claimWrongGroup: 19
            case .claimRollback: 20
            case .claimReplay: 21
            case .claimExpired: 22
            case .claimWrongNetwork: 23
            case .claimWrongKey: 24
            }
        }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
