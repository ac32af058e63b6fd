import Foundation
import GRDB

/// The whole-network exports, and how one group's part of each is written.
public enum ExportKind: Sendable, Hashable {
    case meetingGuide
    case hsds

    /// A group's elements of the export's array, joined by commas (empty when it has none), as the whole array
    /// would have written them.
    func fragment(_ group: PublicGroup, network: Network, address: PublicAddress, now: Date) throws -> Data {
        switch self {
        case .meetingGuide:
            let array = try OutputCoding.encoder.encode(MeetingGuideExport.meetings(of: [group], network: network, address: address))
            return array.count > 2 ? array.dropFirst().dropLast() : Data()
        case .hsds:
            return try OutputCoding.encoder.encode(HSDSExport.organization(group, address: address, now: now))
        }
    }

    /// The day, for the exports whose bytes depend on it (HSDS gives the UTC offset in force), so their fragments are
    /// written again once a day.
    func day(_ now: Date) -> Int {
        self == .hsds ? Int(now.timeIntervalSince1970 / 86_400) : 0
    }
}

extension Outputs {
    /// The groups a network lists now, as the directory shows them, by name.
    func listedGroups(network slug: String) async throws -> (network: Network, groups: [PublicGroup]) {
        let network = try await tenants.network(slug)
        let documents = try await context.database.read { db in try PublicDocumentRow.listed(db, network: network.id!) }
        return (network, try documents.map { try DirectoryCoding.decoder.decode(PublicGroup.self, from: $0) })
    }

    /// The Meeting Guide feed of a network (a JSON array of meetings), or its HSDS 3 export (a JSON array of
    /// organizations with their services nested), as of the network's current stamp.
    func export(_ kind: ExportKind, network slug: String, at address: PublicAddress) async throws -> ExportBody {
        let network = try await tenants.network(slug)
        let tag = try await networkStamp(network: slug).tag
        let key = ExportCache.Key(kind: kind, network: network.id!, base: address.base)
        return try await exports.value(for: key, tag: tag) { [context] previous in
            let kept = previous?.fragments ?? [:]
            let now = context.now
            let day = kind.day(now)
            let (listed, everything, documents) = try await context.database.read { db in
                let listed = try ExportedGroupRow.listed(db, network: network.id!)
                let everything = try DirectoryTouchRecord.fetchOne(db, key: 0)?.seq ?? 0
                let stale = listed.filter { row in
                    kept[row.groupRow]?.version != ExportCache.Version(seq: row.seq, everything: everything, day: day)
                }
                return (listed, everything, try PublicDocumentRow.documents(db, groupRows: stale.map(\.groupRow)))
            }
            let written = try await OffThePool.run {
                try ParallelMap.map(documents) { row, document in
                    Result { try kind.fragment(DirectoryCoding.decoder.decode(PublicGroup.self, from: document),
                                               network: network, address: address, now: now) }.map { (row, $0) }
                }.map { try $0.get() }
            }
            let seqs = Dictionary(listed.map { ($0.groupRow, $0.seq) }, uniquingKeysWith: max)
            var fragments = ExportCache.Fragments(minimumCapacity: listed.count)
            for row in listed { fragments[row.groupRow] = kept[row.groupRow] }
            for (row, bytes) in written {
                fragments[row] = ExportCache.Fragment(version: .init(seq: seqs[row] ?? 0, everything: everything, day: day), bytes: bytes)
            }
            let parts = listed.compactMap { fragments[$0.groupRow]?.bytes }.filter { !$0.isEmpty }
            return ExportCache.Built(body: ExportBody(fragments: parts, rewritten: written.count), fragments: fragments)
        }.body
    }
}
