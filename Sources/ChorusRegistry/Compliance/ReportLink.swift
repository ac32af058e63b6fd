import ChorusFeed
import Crypto
import Foundation
import GRDB

/// A link to one group's compliance report that the group itself authorises with its feed key, so a group's
/// volunteers can read their report without a network token: an Ed25519 signature over
/// `chorus-report v1 network=<slug> group=<group id> until=<unix seconds>`, in base64url.
public enum ReportLink {
    public static func message(network: String, groupId: String, until: Int64) -> String {
        "chorus-report v1 network=\(network) group=\(groupId) until=\(until)"
    }

    public static func proof(network: String, groupId: String, until: Int64, key: MinisignSecretKey) throws -> String {
        let signature = try key.key.signature(for: Data(message(network: network, groupId: groupId, until: until).utf8))
        return Data(signature).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func signature(fromProof proof: String) -> Data? {
        var base64 = proof.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}

extension Registry {
    /// True when `proof` is the group's own signature of a report link for this network that has not yet expired.
    public func acceptsReportProof(network slug: String, groupId: String, until: Int64, proof: String) throws -> Bool {
        guard Double(until) > now.timeIntervalSince1970, until - Int64(now.timeIntervalSince1970) <= 366 * 86_400,
              let signature = ReportLink.signature(fromProof: proof), signature.count == 64 else { return false }
        let key = try pool.read { db -> MinisignPublicKey? in
            let network = try network(db, slug)
            let (_, group) = try membership(db, network: network, groupId: groupId)
            return try trust(db, group).pinnedKey
        }
        guard let key else { return false }
        return key.key.isValidSignature(signature, for: Data(ReportLink.message(network: slug, groupId: groupId, until: until).utf8))
    }
}
