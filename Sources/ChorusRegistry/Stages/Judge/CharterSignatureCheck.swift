import ChorusCharter
import ChorusFeed
import Foundation

/// What a charter's signature says against the network's pinned key, in words for the network's volunteers.
public enum CharterSignatureCheck: Sendable, Equatable {
    /// The network has pinned no key yet, so any charter is taken; `signed` says whether it carried a signature.
    case noKeyPinned(signed: Bool)
    case verified(keyId: String)
    case missing(keyId: String)
    case refused(keyId: String, reason: String)

    public var acceptable: Bool {
        switch self {
        case .noKeyPinned, .verified: true
        case .missing, .refused: false
        }
    }

    public var verifiedKeyId: String? {
        if case .verified(let keyId) = self { keyId } else { nil }
    }

    public var sentence: String {
        switch self {
        case .noKeyPinned(let signed):
            "The network has no key pinned at this registry, so its signature is not checked" + (signed ? " (it carries one)." : " (it carries none).")
        case .verified(let keyId): "Signed with the network's key \(keyId)."
        case .missing(let keyId): "The network's key \(keyId) is pinned, so the charter must carry its signature (the contents of charter.xml.minisig)."
        case .refused(let keyId, let reason): "The signature does not check out against the network's key \(keyId): \(reason)"
        }
    }

    /// What the network's pinned key says of `bytes` and `signature`, without setting anything.
    static func check(_ bytes: Data, signature: String?, network slug: String, tenants: Tenants) async throws -> CharterSignatureCheck {
        try await tenants.context.database.read { db in
            of(bytes, signature: signature, key: try tenants.currentKey(db, network: try tenants.network(db, slug).id!))
        }
    }

    static func of(_ bytes: Data, signature: String?, key: MinisignPublicKey?) -> CharterSignatureCheck {
        let signature = signature.flatMap { $0.trimmedWhitespace.isEmpty ? nil : $0 }
        guard let key else { return .noKeyPinned(signed: signature != nil) }
        guard let signature else { return .missing(keyId: key.keyIDHex) }
        do {
            _ = try SignedCharterReader.read(bytes, signatureFile: signature, publicKey: key)
            return .verified(keyId: key.keyIDHex)
        } catch {
            return .refused(keyId: key.keyIDHex, reason: error.description)
        }
    }
}
