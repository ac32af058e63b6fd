import Foundation

/// Everything a network is, in one file (`chorus network export`), so another registry can recreate it
/// (`chorus network import`) without taking anything on trust: every snapshot is checked again there against its
/// pinned key, and every charter against the network key that checked it here. JSON; bytes are base64.
/// The file holds the people's passphrase hashes and the audit log: keep it as private as the database.
public struct NetworkExport: Codable, Sendable {
    public static let formatName = "chorus-network-export v1"

    public var format = NetworkExport.formatName
    public var exportedAt: Date
    public var network: Settings
    public var networkKeys: [NetworkKey]
    public var charters: [Charter]
    public var currentCharter: String?
    public var groups: [Group]
    public var people: [Person]
    public var audit: [AuditEntry]
    public var follows: [Follow]
    /// The directory's permanent id and the last seq signed for it, so followers see the same directory continue.
    public var directoryId: String?
    public var directorySeq: Int64?

    public struct Settings: Codable, Sendable {
        public var slug: String
        public var name: String
        public var policy: EnrolmentPolicy
        public var createdAt: Date
        public var dashboardPublic: Bool
        public var contact: String?
        public var crisisLine: String?
        public var embedOrigins: String?
        /// Absent from exports made before networks had languages.
        public var defaultLanguage: String?
        public var languages: String?
    }

    public struct NetworkKey: Codable, Sendable {
        public var keyId: String
        public var publicKey: String
        public var pinnedAt: Date
        public var pinnedBy: String
        public var retiredAt: Date?
    }

    public struct Charter: Codable, Sendable {
        public var version: String
        public var bytes: Data
        public var signature: String?
        public var setAt: Date
        public var setBy: String
        public var verifiedKeyId: String?
    }

    public struct Group: Codable, Sendable {
        public var groupId: String
        public var feedURL: String
        public var hostedHere: Bool
        public var harvestState: HarvestState
        public var harvestReason: String?
        public var createdAt: Date
        public var keys: [Key]
        public var membership: Membership
        /// The last good feed, exactly as accepted, with its signature.
        public var snapshot: Snapshot?
    }

    public struct Key: Codable, Sendable {
        public var keyId: String
        public var publicKey: String
        public var status: KeyStatus
        public var source: String
        public var createdAt: Date
        public var changedAt: Date
    }

    public struct Membership: Codable, Sendable {
        public var status: MembershipStatus
        public var reason: String?
        public var createdAt: Date
        public var updatedAt: Date
        public var feedURL: String?
        public var vetoedKeyId: String?
        public var followed: Bool
    }

    public struct Snapshot: Codable, Sendable {
        public var seq: Int64
        public var bytes: Data
        public var signature: String
        public var fetchedAt: Date
        public var via: Arrival
    }

    public struct Person: Codable, Sendable {
        public var login: String
        public var name: String
        public var passphraseHash: String
        public var role: Role
        public var addedAt: Date
        public var createdAt: Date
    }

    public struct AuditEntry: Codable, Sendable {
        public var at: Date
        public var actor: String
        public var action: String
        public var groupId: String?
        public var detail: String?
    }

    public struct Follow: Codable, Sendable {
        public var url: String
        public var remoteNetwork: String
        public var networkKey: String
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970)
        }
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(timeIntervalSince1970: try decoder.singleValueContainer().decode(Double.self))
        }
        return decoder
    }
}

/// What an import did: the groups it recreated, and those it refused and why.
public struct ImportReport: Sendable {
    public var network: String
    public var groups = 0
    public var charters = 0
    public var people = 0
    public var auditEntries = 0
    public var refusedGroups: [HeldGroup] = []
    public var skippedPeople: [String] = []
}
