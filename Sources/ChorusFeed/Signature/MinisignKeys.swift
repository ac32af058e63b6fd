import Crypto
import Foundation

/// A minisign public key: `Ed` ‖ 8-byte key id ‖ 32-byte Ed25519 key, base64, under an untrusted comment line.
public struct MinisignPublicKey: Sendable, Equatable {
    public let keyID: [UInt8]
    public let rawKey: [UInt8]
    package let key: Curve25519.Signing.PublicKey

    public init(keyID: [UInt8], key: Curve25519.Signing.PublicKey) {
        self.keyID = keyID
        self.rawKey = Array(key.rawRepresentation)
        self.key = key
    }

    /// Reads the base64 line alone.
    public init(base64 line: String) throws(SignatureError) {
        guard let bytes = Data(base64Encoded: line.trimmedWhitespace) else {
            throw SignatureError(.keyMalformed, "the public key is not valid base64")
        }
        guard bytes.count == 42 else { throw SignatureError(.keyMalformed, "the public key is \(bytes.count) bytes; a minisign public key is 42") }
        guard bytes[0] == 0x45, bytes[1] == 0x64 else { throw SignatureError(.keyMalformed, "the public key is not an Ed25519 (Ed) minisign key") }
        let raw = Array(bytes)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw[10..<42]) else {
            throw SignatureError(.keyMalformed, "the public key's 32 bytes are not an Ed25519 key")
        }
        self.keyID = Array(raw[2..<10])
        self.rawKey = Array(raw[10..<42])
        self.key = key
    }

    /// Reads a `.pub` file: an optional `untrusted comment:` line, then the base64 line.
    public init(fileContents: String) throws(SignatureError) {
        let lines = fileContents.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let keyLine = lines.first { !$0.hasPrefix("untrusted comment:") }
        guard let keyLine, lines.count <= 2 else {
            throw SignatureError(.keyMalformed, "a public key file has an untrusted comment line and one base64 line")
        }
        try self.init(base64: keyLine)
    }

    public var base64: String { Data([0x45, 0x64] + keyID + rawKey).base64EncodedString() }

    /// The key id as minisign prints it: the 8 bytes read as a little-endian integer, in upper-case hex.
    public var keyIDHex: String { KeyID.hex(keyID) }

    public var fileContents: String { "untrusted comment: minisign public key \(keyIDHex)\n\(base64)\n" }

    public static func == (lhs: MinisignPublicKey, rhs: MinisignPublicKey) -> Bool {
        lhs.keyID == rhs.keyID && lhs.rawKey == rhs.rawKey
    }
}

/// A minisign secret key: unencrypted (as `minisign -G -W` and `chorus key generate` write it) or protected by a
/// passphrase (as `minisign -G`, `chorus key generate --passphrase` and the browser publisher write it).
public struct MinisignSecretKey: Sendable {
    public let keyID: [UInt8]
    package let key: Curve25519.Signing.PrivateKey

    public static func generate() -> MinisignSecretKey {
        MinisignSecretKey(keyID: randomBytes(8), key: Curve25519.Signing.PrivateKey())
    }

    init(keyID: [UInt8], key: Curve25519.Signing.PrivateKey) {
        self.keyID = keyID
        self.key = key
    }

    public var publicKey: MinisignPublicKey { MinisignPublicKey(keyID: keyID, key: key.publicKey) }

    /// Whether a `.key` file is protected by a passphrase, so that a caller knows to ask for one.
    public static func isProtected(fileContents: String) -> Bool {
        guard let bytes = try? fileBytes(fileContents) else { return false }
        return bytes.count == 158 && (bytes[2] != 0 || bytes[3] != 0)
    }

    /// Reads a `.key` file in minisign's secret-key format; a protected one needs its passphrase.
    public init(fileContents: String, passphrase: String? = nil) throws(SignatureError) {
        var bytes = try Self.fileBytes(fileContents)
        guard bytes.count == 158 else { throw SignatureError(.keyMalformed, "the secret key is \(bytes.count) bytes; a minisign secret key is 158") }
        guard bytes[0] == 0x45, bytes[1] == 0x64 else { throw SignatureError(.keyMalformed, "the secret key is not an Ed25519 (Ed) minisign key") }
        guard bytes[4] == 0x42, bytes[5] == 0x32 else { throw SignatureError(.keyMalformed, "unknown checksum algorithm in the secret key") }
        let protected = bytes[2] != 0 || bytes[3] != 0
        if protected {
            guard bytes[2] == 0x53, bytes[3] == 0x63 else {
                throw SignatureError(.keyMalformed, "the secret key is protected by an unknown method; minisign uses scrypt (Sc)")
            }
            guard let passphrase else {
                throw SignatureError(.keyEncrypted, "the secret key is protected by a passphrase; give the passphrase")
            }
            let protection = MinisignKeyProtection(opsLimit: MinisignKeyProtection.littleEndian(bytes[38..<46]),
                                                   memLimit: MinisignKeyProtection.littleEndian(bytes[46..<54]))
            let stream = try protection.stream(passphrase: passphrase, salt: Array(bytes[6..<38]))
            for index in 0..<104 { bytes[54 + index] ^= stream[index] }
        }
        let keyID = Array(bytes[54..<62])
        let secret = Array(bytes[62..<126])
        let checksum = Array(bytes[126..<158])
        // `minisign -G -W` (version 0.11) leaves the checksum of an unencrypted key as zeros.
        let unchecked = !protected && checksum.allSatisfy { $0 == 0 }
        guard unchecked || Blake2b.hash([0x45, 0x64] + keyID + secret, outputLength: 32) == checksum else {
            if protected { throw SignatureError(.keyPassphrase, "the passphrase is not the one this secret key was protected with") }
            throw SignatureError(.keyChecksum, "the secret key's checksum does not match; the file is damaged")
        }
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: secret[0..<32]),
              Array(key.publicKey.rawRepresentation) == Array(secret[32..<64]) else {
            throw SignatureError(.keyMalformed, "the secret key's two halves do not belong together")
        }
        self.keyID = keyID
        self.key = key
    }

    /// The unencrypted file.
    public var fileContents: String { file(passphrase: nil) }

    /// The file, protected by `passphrase` when one is given (a fresh salt each time).
    public func file(passphrase: String?, protection: MinisignKeyProtection = .chorus) -> String {
        let secret = Array(key.rawRepresentation) + Array(key.publicKey.rawRepresentation)
        var hidden = keyID + secret + Blake2b.hash([0x45, 0x64] + keyID + secret, outputLength: 32)
        var header: [UInt8] = [0x45, 0x64, 0, 0, 0x42, 0x32] + [UInt8](repeating: 0, count: 48)
        if let passphrase {
            let salt = Self.randomBytes(32)
            header = [0x45, 0x64, 0x53, 0x63, 0x42, 0x32] + salt
                + MinisignKeyProtection.littleEndianBytes(protection.opsLimit) + MinisignKeyProtection.littleEndianBytes(protection.memLimit)
            // Chorus's own parameters are within the bounds it opens, so this cannot fail.
            let stream = (try? protection.stream(passphrase: passphrase, salt: salt)) ?? []
            precondition(stream.count == 104, "scrypt gave no stream for Chorus's own parameters")
            for index in 0..<104 { hidden[index] ^= stream[index] }
        }
        let body = Data(header + hidden).base64EncodedString()
        let label = passphrase == nil ? "unencrypted" : "protected by a passphrase"
        return "untrusted comment: minisign secret key \(KeyID.hex(keyID)) (\(label))\n\(body)\n"
    }

    private static func fileBytes(_ fileContents: String) throws(SignatureError) -> [UInt8] {
        let lines = fileContents.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        guard let line = lines.first(where: { !$0.hasPrefix("untrusted comment:") }),
              let data = Data(base64Encoded: line.trimmedWhitespace) else {
            throw SignatureError(.keyMalformed, "the secret key file has no valid base64 line")
        }
        return Array(data)
    }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

package enum KeyID {
    package static func hex(_ id: [UInt8]) -> String {
        id.reversed().map { byte in
            let digits = Array("0123456789ABCDEF")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }
}
