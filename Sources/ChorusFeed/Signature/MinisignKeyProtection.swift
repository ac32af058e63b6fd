import Crypto
import CryptoExtras
import Foundation

/// How minisign protects a secret key with a passphrase: scrypt (libsodium's `crypto_pwhash_scryptsalsa208sha256`)
/// over the passphrase and the file's 32-byte salt gives 104 bytes, XORed over key id ‖ secret key ‖ checksum. The
/// file records libsodium's `opslimit` and `memlimit`; libsodium turns them into scrypt's N, r and p by the rule in
/// `parameters`, and so does this.
public struct MinisignKeyProtection: Sendable, Equatable {
    public let opsLimit: UInt64
    public let memLimit: UInt64

    public init(opsLimit: UInt64, memLimit: UInt64) {
        self.opsLimit = opsLimit
        self.memLimit = memLimit
    }

    /// What `minisign -G` writes: N = 2^20, r = 8, p = 1 (1 GiB, several seconds).
    public static let minisign = MinisignKeyProtection(opsLimit: 33_554_432, memLimit: 1_073_741_824)
    /// What Chorus writes, here and in the browser: N = 2^16, r = 8, p = 1 (64 MiB), which a phone can bear.
    public static let chorus = MinisignKeyProtection(opsLimit: 2_097_152, memLimit: 67_108_864)
    /// A key file asking for more than this is refused rather than opened: it is minisign's own default.
    static let largestMemory = 1 << 30

    /// libsodium's `pickparams` (crypto_pwhash/scryptsalsa208sha256/pwhash_scryptsalsa208sha256.c).
    public var parameters: (logN: Int, r: Int, p: Int) {
        let ops = max(opsLimit, 32_768)
        let r: UInt64 = 8
        func logN(below maxN: UInt64) -> Int {
            var logN = 1
            while logN < 63, UInt64(1) << UInt64(logN) <= maxN / 2 { logN += 1 }
            return logN
        }
        if ops < memLimit / 32 {
            return (logN(below: ops / (r * 4)), Int(r), 1)
        }
        let n = logN(below: memLimit / (r * 128))
        let maxRP = min((ops / 4) / (UInt64(1) << UInt64(n)), 0x3fff_ffff)
        return (n, Int(r), Int(UInt32(truncatingIfNeeded: maxRP) / UInt32(r)))
    }

    /// The 104-byte stream that hides key id ‖ secret key ‖ checksum.
    func stream(passphrase: String, salt: [UInt8]) throws(SignatureError) -> [UInt8] {
        let (logN, r, p) = parameters
        let memory = 128 * r * (1 << logN)
        guard logN <= 20, p >= 1, p <= 16, memory <= Self.largestMemory else {
            throw SignatureError(.keyMalformed, "the secret key's scrypt parameters (N=2^\(logN), r=\(r), p=\(p)) ask for more than minisign's own; the file is not one minisign or Chorus wrote")
        }
        do {
            let key = try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: salt, outputByteCount: 104,
                                               rounds: 1 << logN, blockSize: r, parallelism: p, maxMemory: memory + 128 * r * p + (1 << 20))
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw SignatureError(.keyMalformed, "the secret key's scrypt parameters cannot be used: \(error)")
        }
    }

    static func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func littleEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}
