import Foundation

/// What a delegation statement's signed trusted comment says:
/// `chorus-delegation v1 network=<slug> key=<key id> expires=<RFC 3339>`. The network's own key signs it over the
/// public key file of the registry's directory key, which may then sign that network's directory until `expires`.
public struct DelegationClaim: Sendable, Equatable {
    public let network: String
    /// The delegated key's id, 16 upper-case hex digits as minisign prints it.
    public let keyID: String
    public let expires: Date

    public init(network: String, keyID: String, expires: Date) {
        self.network = network
        self.keyID = keyID
        self.expires = expires
    }

    public var trustedComment: String {
        "chorus-delegation v1 network=\(network) key=\(keyID) expires=\(Timestamp.format(expires))"
    }

    public init(trustedComment: String) throws(SignatureError) {
        let values = try ClaimFields.read(trustedComment, kind: "chorus-delegation", names: ["network", "key", "expires"])
        let expires = try ClaimFields.instant(values["expires"]!)
        let key = values["key"]!
        guard key.count == 16, key.allSatisfy(\.isHexDigit) else {
            throw SignatureError(.claimMalformed, "the trusted comment's key= is not a 16-digit key id")
        }
        self.init(network: values["network"]!, keyID: key.uppercased(), expires: expires)
    }
}

/// What a network directory's signed trusted comment says: `chorus-directory v1 network=<slug> seq=<n> expires=<RFC 3339>`.
public struct DirectoryClaim: Sendable, Equatable {
    public let network: String
    public let sequence: UInt64
    public let expires: Date

    public init(network: String, sequence: UInt64, expires: Date) {
        self.network = network
        self.sequence = sequence
        self.expires = expires
    }

    public var trustedComment: String {
        "chorus-directory v1 network=\(network) seq=\(sequence) expires=\(Timestamp.format(expires))"
    }

    public init(trustedComment: String) throws(SignatureError) {
        let values = try ClaimFields.read(trustedComment, kind: "chorus-directory", names: ["network", "seq", "expires"])
        self.init(network: values["network"]!, sequence: try ClaimFields.sequence(values["seq"]!), expires: try ClaimFields.instant(values["expires"]!))
    }
}

/// The `kind v1 name=value …` shape every Chorus trusted comment shares: exactly the names asked for, each once,
/// each with a value, separated by single spaces.
enum ClaimFields {
    static func read(_ comment: String, kind: String, names: [String]) throws(SignatureError) -> [String: String] {
        let fields = comment.split(separator: " ", omittingEmptySubsequences: false)
        let shape = "'\(kind) v1 " + names.map { "\($0)=…" }.joined(separator: " ") + "'"
        guard fields.count == names.count + 2, fields[0] == kind, fields[1] == "v1" else {
            throw SignatureError(.claimMalformed, "the trusted comment is not \(shape): '\(comment.prefix(120))'")
        }
        var values: [String: String] = [:]
        for field in fields.dropFirst(2) {
            let pair = field.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, names.contains(String(pair[0])), values[String(pair[0])] == nil else {
                throw SignatureError(.claimMalformed, "trusted comment field '\(field.prefix(60))' is not one of \(shape)")
            }
            values[String(pair[0])] = String(pair[1])
        }
        return values
    }

    /// A `seq=` value: ASCII digits only, at most 2^64 − 1.
    static func sequence(_ text: String) throws(SignatureError) -> UInt64 {
        guard let value = UInt64(text), text.allSatisfy(\.isNumber) else {
            throw SignatureError(.claimMalformed, "the trusted comment's seq= is not an unsigned integer")
        }
        return value
    }

    /// An `expires=` value: an RFC 3339 date-time.
    static func instant(_ text: String) throws(SignatureError) -> Date {
        guard let value = Timestamp.parse(text) else {
            throw SignatureError(.claimMalformed, "the trusted comment's expires= is not an RFC 3339 date-time")
        }
        return value
    }
}
