import Foundation
import GRDB

extension Registry {
    /// The groups a network lists now, as the directory shows them, by name.
    public func listedGroups(network slug: String) throws -> (network: Network, groups: [PublicGroup]) {
        let network = try self.network(slug)
        let documents = try pool.read { db in
            try Data.fetchAll(db, sql: """
                SELECT d.document FROM directoryListing l JOIN directoryGroup d ON d.groupRow = l.groupRow
                WHERE l.networkId = ? ORDER BY d.title, l.groupId
                """, arguments: [network.id!])
        }
        return (network, try documents.map { try DirectoryCoding.decoder.decode(PublicGroup.self, from: $0) })
    }

    /// The Meeting Guide feed of a network (a JSON array of meetings).
    public func meetingGuideExport(network slug: String, at address: PublicAddress) throws -> Data {
        let (network, groups) = try listedGroups(network: slug)
        return try OutputCoding.encoder.encode(MeetingGuideExport.meetings(of: groups, network: network, address: address))
    }

    /// The HSDS 3 export of a network (a JSON array of organizations with their services nested).
    public func hsdsExport(network slug: String, at address: PublicAddress) throws -> Data {
        let groups = try listedGroups(network: slug).groups
        return try OutputCoding.encoder.encode(HSDSExport.organizations(of: groups, address: address, now: now))
    }
}
