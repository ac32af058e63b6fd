import Foundation
import GRDB

/// A visitor's report of a problem with a listing, as the network's people see it.
public struct ListingReport: Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case closed
        case wrongTime = "wrong-time"
        case wrongPlace = "wrong-place"
        case unsafe
        case other

        /// The words the report form and the inbox use.
        public var words: String {
            switch self {
            case .closed: "The group has closed or stopped meeting"
            case .wrongTime: "The time or day is wrong"
            case .wrongPlace: "The place is wrong"
            case .unsafe: "It feels unsafe, or is not peer support"
            case .other: "Something else"
            }
        }
    }

    public let id: Int64
    public let groupId: String
    public let groupTitle: String?
    public let kind: Kind
    public let text: String
    /// How the reporter asked to be answered, if they did; only the network's people see it.
    public let replyTo: String?
    public let createdAt: Date
    public let doneAt: Date?
    public let doneBy: String?
    public let doneNote: String?
}

/// Reports go to every network that lists the group, capped per group per day; nothing about the reporter is kept
/// beyond what they typed.
struct ListingReports: Sendable {
    let context: StageContext
    let tenants: Tenants

    static let textLimit = 2000
    static let replyLimit = 200
    static let perGroupPerDay = 20

    /// Files the report with each network that lists the group; returns how many networks received it.
    func submit(groupId: String, kind: ListingReport.Kind, text: String, replyTo: String?) async throws -> Int {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let replyTo = replyTo?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        guard text.count <= Self.textLimit else { throw RegistryError.invalid(.report, "say what is wrong in at most \(Self.textLimit) characters") }
        guard kind != .other || !text.isEmpty else { throw RegistryError.invalid(.report, "say in a few words what is wrong") }
        guard (replyTo?.count ?? 0) <= Self.replyLimit else {
            throw RegistryError.invalid(.report, "a way to answer you can have at most \(Self.replyLimit) characters")
        }
        let now = context.now
        return try await context.database.write { db in
            guard let group = try GroupRecord.filter(Column("groupId") == groupId).fetchOne(db) else {
                throw RegistryError.notFound(.listedGroup(id: groupId))
            }
            let listing: SQL = "SELECT m.networkId FROM membership m \(Listing.joins) WHERE m.groupRow = \(group.id!) AND \(Listing.isListed)"
            let networks = try SQLRequest<Int64>(literal: listing).fetchAll(db)
            guard !networks.isEmpty else { throw RegistryError.notFound(.listedGroup(id: groupId)) }
            let today = try ListingReportRecord.filter(Column("groupRow") == group.id! && Column("createdAt") > now.addingTimeInterval(-86_400))
                .fetchCount(db)
            guard today < Self.perGroupPerDay * networks.count else {
                throw RegistryError.conflict(.tooManyReports, "this listing has had many reports today; its network has them and will look")
            }
            for network in networks {
                var record = ListingReportRecord(networkId: network, groupRow: group.id!, kind: kind, text: text, replyTo: replyTo, createdAt: now)
                try record.insert(db)
                try tenants.audit(db, network: network, actor: Registry.Actor("visitor"), action: "report.receive", groupId: groupId,
                                  detail: "report \(record.id!): \(kind.rawValue)")
            }
            return networks.count
        }
    }

    func reports(network slug: String, open: Bool, limit: Int = 200) async throws -> [ListingReport] {
        try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let rows = try Row.fetchAll(db, sql: """
                SELECT listingReport.*, feedGroup.groupId AS groupId, feedGroup.title AS groupTitle FROM listingReport
                JOIN feedGroup ON feedGroup.id = listingReport.groupRow
                WHERE listingReport.networkId = ? AND (listingReport.doneAt IS NULL) = ?
                ORDER BY listingReport.id DESC LIMIT ?
                """, arguments: [network.id!, open, limit])
            return try rows.map { row in
                let record = try ListingReportRecord(row: row)
                return ListingReport(id: record.id!, groupId: row["groupId"], groupTitle: row["groupTitle"], kind: record.kind, text: record.text,
                                     replyTo: record.replyTo, createdAt: record.createdAt, doneAt: record.doneAt, doneBy: record.doneBy,
                                     doneNote: record.doneNote)
            }
        }
    }

    func openCount(network slug: String) async throws -> Int {
        try await context.database.read { db in
            let network = try tenants.network(db, slug)
            return try ListingReportRecord.filter(Column("networkId") == network.id! && Column("doneAt") == nil).fetchCount(db)
        }
    }

    /// Marks a report done with a note; a report of another network is not found.
    func markDone(network slug: String, id: Int64, note: String, actor: Registry.Actor) async throws {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= Self.textLimit else { throw RegistryError.invalid(.report, "a note has at most \(Self.textLimit) characters") }
        let now = context.now
        try await context.database.write { db in
            let network = try tenants.network(db, slug)
            guard var record = try ListingReportRecord.filter(Column("id") == id && Column("networkId") == network.id!).fetchOne(db) else {
                throw RegistryError.notFound(.report(id: id, network: slug))
            }
            guard record.doneAt == nil else { return }
            record.doneAt = now
            record.doneBy = actor.name
            record.doneNote = note.nilIfEmpty
            try record.update(db)
            let groupId = try String.fetchOne(db, sql: "SELECT groupId FROM feedGroup WHERE id = ?", arguments: [record.groupRow])
            try tenants.audit(db, network: network.id!, actor: actor, action: "report.done", groupId: groupId,
                              detail: "report \(id)" + (note.isEmpty ? "" : ": \(note)"))
        }
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
