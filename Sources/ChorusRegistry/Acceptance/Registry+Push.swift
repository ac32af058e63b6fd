import Foundation
import GRDB

extension Registry {
    /// A feed a group pushes itself. The signature is the authentication: it must verify with the pinned key
    /// under the same order and freshness rules as a pulled feed. A refused push changes nothing but the log;
    /// in particular it never counts towards suspending the group's harvesting.
    public func push(groupId: String, bytes: Data, signature: String) throws -> IngestResult {
        let started = now
        let row = try pool.read { db -> Int64 in
            let group = try groupRecord(db, id: groupId)
            let enrolled = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM membership WHERE groupRow = ? AND status != 'removed')",
                                             arguments: [group.id!]) ?? false
            guard enrolled else { throw RegistryError.notFound(.group(id: groupId)) }
            return group.id!
        }
        return try ingest(groupRow: row, bytes: bytes, signature: signature, via: .push, started: started)
    }
}
