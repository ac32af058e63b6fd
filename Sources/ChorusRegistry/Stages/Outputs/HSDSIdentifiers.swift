import Crypto
import Foundation

/// The export's ids: the group's own UUID, and name-based (version 5) UUIDs under it for everything else.
extension HSDSExport {
    static func groupUUID(_ groupId: String) -> UUID {
        let last = groupId.hasPrefix("urn:uuid:") ? String(groupId.dropFirst(9)) : groupId
        return UUID(uuidString: last) ?? UUID(uuidString: uuid5(namespace: UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!, name: groupId))!
    }

    /// RFC 9562 version 5: SHA-1 of the namespace and the name, with the version and variant bits set.
    static func uuid5(namespace: UUID, name: String) -> String {
        var bytes = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        bytes += Array(name.utf8)
        var hash = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        let uuid = hash.withUnsafeBytes { $0.load(as: uuid_t.self) }
        return UUID(uuid: uuid).uuidString.lowercased()
    }
}
