import Foundation

/// The link from a network's own key to the registry key that signs the network's directory: the directory key's
/// public key file (`delegation.pub`), signed by the network's key (`delegation.pub.minisig`) with a
/// `DelegationClaim`. A reader who trusts only the network's key checks this, then the directory with the key it names.
public enum DelegationStatement {
    public struct Delegated: Sendable, Equatable {
        public let key: MinisignPublicKey
        public let expires: Date
    }

    /// The statement's two files, made on the volunteers' side with the network's secret key.
    public static func sign(directoryKey: MinisignPublicKey, network: String, expires: Date,
                            with networkKey: MinisignSecretKey) throws -> (keyFile: Data, signature: MinisignSignature) {
        let keyFile = Data(directoryKey.fileContents.utf8)
        let claim = DelegationClaim(network: network, keyID: directoryKey.keyIDHex, expires: expires)
        let signature = try MinisignSignature.sign(keyFile, with: networkKey, trustedComment: claim.trustedComment,
                                                   untrustedComment: "delegation signature from chorus secret key \(KeyID.hex(networkKey.keyID))")
        return (keyFile, signature)
    }

    /// Checks a statement against the network's pinned key, in the order of `Federation/signatures.md`
    /// ("Verifying a delegation"), and returns the directory key it delegates to.
    public static func verify(keyFile: Data, signatureFile: String, networkKey: MinisignPublicKey, network: String,
                              now: Date) throws(SignatureError) -> Delegated {
        let signature = try MinisignSignature(fileContents: signatureFile)
        try signature.verify(keyFile, with: networkKey)
        let claim = try DelegationClaim(trustedComment: signature.trustedComment)
        guard claim.network == network else {
            throw SignatureError(.claimWrongNetwork, "the delegation is for network \(claim.network), not \(network)")
        }
        guard let text = String(data: keyFile, encoding: .utf8) else { throw SignatureError(.keyMalformed, "the delegated key file is not UTF-8 text") }
        let key = try MinisignPublicKey(fileContents: text)
        guard key.keyIDHex == claim.keyID else {
            throw SignatureError(.claimWrongKey, "the delegation names key \(claim.keyID), but the key file it signs is key \(key.keyIDHex)")
        }
        guard claim.expires > now else {
            throw SignatureError(.claimExpired, "the delegation expired at \(Timestamp.format(claim.expires))")
        }
        return Delegated(key: key, expires: claim.expires)
    }
}
