import Foundation

/// A network's directory for registries upstream: the complete list of the groups it lists (an Atom feed marked
/// complete, RFC 5005), each with what a follower needs to fetch and verify the group on its own
/// (`Federation/federation.md`). Addresses at the publishing registry are references relative to the document.
public struct NetworkDirectory: Sendable, Equatable {
    public static let namespace = "urn:chorus:network-directory:1"
    public static let historyNamespace = "http://purl.org/syndication/history/1.0"

    /// The directory's permanent id (`urn:uuid:…`), which moves with the network to another registry.
    public var id: String
    public var network: String
    public var name: String
    /// The charter version the tiers come from, if the network has one.
    public var charterVersion: String?
    public var updated: Date
    /// Every directory this one gathers groups from, directly or through the directories those follow: a follower
    /// that finds its own directory here would be following itself in a loop.
    public var gathers: [Gathered]
    /// The network has moved: its directory's new address, signed here so followers can move with it.
    public var movedTo: String?
    public var entries: [Entry]

    public init(id: String, network: String, name: String, charterVersion: String?, updated: Date, gathers: [Gathered] = [],
                movedTo: String? = nil, entries: [Entry]) {
        self.id = id
        self.network = network
        self.name = name
        self.charterVersion = charterVersion
        self.updated = updated
        self.gathers = gathers
        self.movedTo = movedTo
        self.entries = entries
    }

    public struct Gathered: Sendable, Equatable, Hashable {
        /// The gathered directory's permanent id.
        public var id: String
        public var network: String

        public init(id: String, network: String) {
            self.id = id
            self.network = network
        }
    }

    public struct Entry: Sendable, Equatable {
        public var groupId: String
        public var title: String
        /// When the group's listing in this network last changed.
        public var updated: Date
        public var listedSince: Date
        public var tier: String?
        public var tierName: String?
        /// The group's current feed has expired and nothing newer has arrived.
        public var stale: Bool
        public var feed: FeedReference
        public var key: ListedKey
        public var nextKey: ListedKey?

        public init(groupId: String, title: String, updated: Date, listedSince: Date, tier: String?, tierName: String?, stale: Bool,
                    feed: FeedReference, key: ListedKey, nextKey: ListedKey?) {
            self.groupId = groupId
            self.title = title
            self.updated = updated
            self.listedSince = listedSince
            self.tier = tier
            self.tierName = tierName
            self.stale = stale
            self.feed = feed
            self.key = key
            self.nextKey = nextKey
        }
    }

    /// Where the group's feed is, and which version of it the network lists.
    public struct FeedReference: Sendable, Equatable {
        /// The feed at the group's own host; nil for a feed the registry hosts.
        public var origin: String?
        /// The registry's exact copy, relative to the directory document.
        public var mirror: String
        public var seq: UInt64
        /// SHA-256 of the listed feed's exact bytes, lower-case hex.
        public var sha256: String
        public var expires: Date

        public init(origin: String?, mirror: String, seq: UInt64, sha256: String, expires: Date) {
            self.origin = origin
            self.mirror = mirror
            self.seq = seq
            self.sha256 = sha256
            self.expires = expires
        }
    }

    /// A group's public key as the registry has pinned it, or as the group announced it for its next rotation.
    public struct ListedKey: Sendable, Equatable {
        /// 16 upper-case hex digits, as minisign prints a key id.
        public var id: String
        /// The key's base64 line, as in a minisign public key file.
        public var base64: String

        public init(id: String, base64: String) {
            self.id = id
            self.base64 = base64
        }
    }
}
