import Crypto
import Foundation

/// A minisign signature file:
/// `untrusted comment: …` / base64(`Ed` ‖ key id ‖ signature) / `trusted comment: …` / base64(global signature).
public struct MinisignSignature: Sendable, Equatable {
    public var untrustedComment: String
    public let algorithm: [UInt8]
    public let keyID: [UInt8]
    public let signature: [UInt8]
    public let trustedComment: String
    public let globalSignature: [UInt8]

    /// Signs `message` as minisign's legacy (non-prehashed) `Ed` mode does.
    public static func sign(_ message: some DataProtocol, with secretKey: MinisignSecretKey, trustedComment: String,
                            untrustedComment: String = "signature from chorus secret key") throws -> MinisignSignature {
        precondition(!trustedComment.contains(where: \.isNewline), "a trusted comment is one line")
        let signature = Array(try secretKey.key.signature(for: message))
        let global = Array(try secretKey.key.signature(for: signature + Array(trustedComment.utf8)))
        return MinisignSignature(
            untrustedComment: untrustedComment, algorithm: [0x45, 0x64], keyID: secretKey.keyID, signature: signature,
            trustedComment: trustedComment, globalSignature: global)
    }

    init(untrustedComment: String, algorithm: [UInt8], keyID: [UInt8], signature: [UInt8], trustedComment: String, globalSignature: [UInt8]) {
        self.untrustedComment = untrustedComment
        self.algorithm = algorithm
        self.keyID = keyID
        self.signature = signature
        self.trustedComment = trustedComment
        self.globalSignature = globalSignature
    }

    /// Reads a `.minisig` file, checking its shape but not yet any signature.
    public init(fileContents: String) throws(SignatureError) {
        // Split on scalars: in a Swift String "\r\n" is one Character.
        let lines = fileContents.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0.last == "\r" ? $0.dropLast() : $0[...])) }
        guard lines.count >= 4, lines[0].hasPrefix("untrusted comment:"), lines[2].hasPrefix("trusted comment: "),
              lines.dropFirst(4).allSatisfy(\.isEmpty) else {
            if lines.count < 4 || lines.prefix(4).contains(where: \.isEmpty) {
                throw SignatureError(.signatureTruncated, "the signature file is incomplete; it needs four lines (untrusted comment, signature, trusted comment, global signature)")
            }
            throw SignatureError(.signatureMalformed, "the signature file is not in minisign format (untrusted comment, signature, trusted comment, global signature)")
        }
        guard let signatureData = Data(base64Encoded: lines[1]), let globalData = Data(base64Encoded: lines[3]) else {
            throw SignatureError(.signatureBase64, "the signature file holds text that is not valid base64")
        }
        let bytes = Array(signatureData)
        guard bytes.count >= 2 else { throw SignatureError(.signatureTruncated, "the signature line is too short") }
        let algorithm = Array(bytes[0..<2])
        if algorithm == [0x45, 0x44] {
            throw SignatureError(.signaturePrehashed, "the signature is prehashed (ED); sign the exact bytes with `minisign -S -l` or `chorus feed sign`")
        }
        guard algorithm == [0x45, 0x64] else { throw SignatureError(.signatureAlgorithm, "unknown signature algorithm; expected Ed") }
        guard bytes.count == 74 else {
            throw SignatureError(.signatureTruncated, "the signature is \(bytes.count) bytes; an Ed signature is 74")
        }
        guard globalData.count == 64 else {
            throw SignatureError(.signatureTruncated, "the global signature is \(globalData.count) bytes; it must be 64")
        }
        self.init(
            untrustedComment: String(lines[0].dropFirst("untrusted comment:".count)).trimmedWhitespace,
            algorithm: algorithm, keyID: Array(bytes[2..<10]), signature: Array(bytes[10..<74]),
            trustedComment: String(lines[2].dropFirst("trusted comment: ".count)), globalSignature: Array(globalData))
    }

    public var fileContents: String {
        let line = Data(algorithm + keyID + signature).base64EncodedString()
        return "untrusted comment: \(untrustedComment)\n\(line)\ntrusted comment: \(trustedComment)\n\(Data(globalSignature).base64EncodedString())\n"
    }

    /// Checks the key id, the signature over `message`, and the global signature over the trusted comment.
    public func verify(_ message: some DataProtocol, with publicKey: MinisignPublicKey) throws(SignatureError) {
        guard keyID == publicKey.keyID else {
            throw SignatureError(.keyIDMismatch, "signed by key \(KeyID.hex(keyID)), not by the expected key \(publicKey.keyIDHex)")
        }
        guard publicKey.key.isValidSignature(signature, for: message) else {
            throw SignatureError(.signatureInvalid, "the signature does not match these bytes: the file was changed after signing, or signed by another key")
        }
        guard publicKey.key.isValidSignature(globalSignature, for: signature + Array(trustedComment.utf8)) else {
            throw SignatureError(.trustedCommentInvalid, "the trusted comment was changed after signing")
        }
    }
}
