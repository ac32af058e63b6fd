import Crypto
import Foundation
import HummingbirdBcrypt

/// How a console passphrase is checked when chosen and stored once chosen.
///
/// Stored with bcrypt at cost 12 by default: about a quarter of a second per check on one core of a small server,
/// slow enough that a stolen database does not give up passphrases cheaply, fast enough that a sign-in does not
/// keep a volunteer waiting, and with the cost in the hash so that it can be raised later. bcrypt reads only 72
/// bytes, so the passphrase is first reduced to the base64 of its SHA-256 (44 bytes): a long passphrase is never
/// cut short.
public struct Passphrases: Sendable {
    public static let minimumLength = 12
    public static let maximumLength = 200
    public static let defaultCost: UInt8 = 12

    public let cost: UInt8

    public init(cost: UInt8 = Passphrases.defaultCost) { self.cost = cost }

    public func hash(_ passphrase: String) -> String { Bcrypt.hash(Self.prehash(passphrase), cost: cost) }

    public func verify(_ passphrase: String, against hash: String) -> Bool { Bcrypt.verify(Self.prehash(passphrase), hash: hash) }

    /// A hash that nothing matches, checked when the sign-in name is unknown so that the answer takes as long.
    var decoy: String {
        Self.decoyLock.lock()
        defer { Self.decoyLock.unlock() }
        if let hash = Self.decoyHashes[cost] { return hash }
        let hash = Bcrypt.hash(UUID().uuidString, cost: cost)
        Self.decoyHashes[cost] = hash
        return hash
    }

    private static let decoyLock = NSLock()
    nonisolated(unsafe) private static var decoyHashes: [UInt8: String] = [:]

    private static func prehash(_ passphrase: String) -> String {
        Data(SHA256.hash(data: Data(passphrase.utf8))).base64EncodedString()
    }

    /// Why a chosen passphrase will not do, in one line, or nil when it will.
    public static func problem(with passphrase: String, login: String = "", name: String = "") -> String? {
        if passphrase.count < minimumLength { return "a passphrase needs at least \(minimumLength) characters; several words are easiest to remember" }
        if passphrase.count > maximumLength { return "a passphrase may have at most \(maximumLength) characters" }
        if Set(passphrase.lowercased()).count < 5 { return "this passphrase repeats too few characters; choose several different words" }
        let lowered = passphrase.lowercased()
        let letters = String(lowered.filter(\.isLetter))
        let common = CommonPassphrases.list
        if common.contains(lowered) || common.contains(letters) || common.contains(lowered.filter { !$0.isWhitespace }) {
            return "this passphrase is one of the most common ones and easy to guess; choose words of your own"
        }
        for own in [login, name].map({ $0.lowercased().filter(\.isLetter) }) where own.count >= 4 && letters.contains(own) {
            return "a passphrase must not contain your sign-in name or your name"
        }
        return nil
    }
}

/// The shipped list of passphrases too common to use (`Resources/common-passphrases.txt`).
enum CommonPassphrases {
    static let list: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passphrases", withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("the common passphrase list is missing from the bundle")
        }
        return Set(text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }()
}
