import Foundation
import GRDB

extension Outputs {
    /// The groups a network lists now, as the directory shows them, by name.
    func listedGroups(network slug: String) async throws -> (network: Network, groups: [PublicGroup]) {
        let network = try await tenants.network(slug)
        let documents = try await context.database.read { db in try PublicDocumentRow.listed(db, network: network.id!) }
        return (network, try documents.map { try DirectoryCoding.decoder.decode(PublicGroup.self, from: $0) })
    }

    /// The Meeting Guide feed of a network (a JSON array of meetings).
    func meetingGuideExport(network slug: String, at address: PublicAddress) async throws -> Data {
        let (network, groups) = try await listedGroups(network: slug)
        return try OutputCoding.encoder.encode(MeetingGuideExport.meetings(of: groups, network: network, address: address))
    }

    /// The HSDS 3 export of a network (a JSON array of organizations with their services nested).
    func hsdsExport(network slug: String, at address: PublicAddress) async throws -> Data {
        let groups = try await listedGroups(network: slug).groups
        return try OutputCoding.encoder.encode(HSDSExport.organizations(of: groups, address: address, now: context.now))
    }
}
