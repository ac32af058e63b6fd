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
