/// A registry operation that cannot go ahead: what kind of trouble, about what, and a one-line reason fit to show a
/// volunteer. Callers match on the case and its payload; the server maps each case to one HTTP status in one place.
public enum RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Something the caller named does not exist, or is not theirs to see.
    case notFound(Missing)
    /// The caller's input cannot be used.
    case invalid(Input, String)
    /// The request contradicts what the registry already holds.
    case conflict(Conflict, String)
    /// The caller may not do this.
    case forbidden(String)
    /// The database could not be read or written.
    case storage(String)

    public enum Missing: Sendable, Equatable {
        case network(slug: String)
        case group(id: String)
        case membership(groupId: String, network: String)
        case listedGroup(id: String)
        case meeting(groupId: String, meetingId: String)
        case groupRow(Int64)
        case charter(network: String)
        case verdict(groupId: String, network: String)
        case token(id: Int64, network: String)
        case person(login: String, network: String)
        case report(id: Int64, network: String)
    }

    /// Which input was refused.
    public enum Input: String, Sendable, Equatable {
        case slug, name, key, feed, signature, charter, query, contact, file, token
        case crisisLine = "crisis-line"
        case embedOrigin = "embed-origin"
        case login, passphrase, report, url, language
    }

    public enum Conflict: String, Sendable, Equatable {
        case networkExists, charterVersionExists, keyPinned, keyRevoked, membershipRemoved, noKey, notHarvested, fileExists
        case loginTaken, alreadyMember, lastAdmin, tooManyReports, groupKnown, tooManyRequests, followLoop, followExists
    }

    public var description: String {
        switch self {
        case .notFound(let missing): missing.description
        case .invalid(_, let message), .conflict(_, let message), .forbidden(let message), .storage(let message): message
        }
    }
}

extension RegistryError.Missing: CustomStringConvertible {
    public var description: String {
        switch self {
        case .network(let slug): "no network \(slug)"
        case .group(let id): "no group \(id) in this registry"
        case .membership(let groupId, let network): "group \(groupId) is not enrolled in \(network)"
        case .listedGroup(let id): "no listed group \(id)"
        case .meeting(let groupId, let meetingId): "group \(groupId) has no meeting \(meetingId)"
        case .groupRow(let row): "group row \(row) is missing"
        case .charter(let network): "\(network) has no charter yet"
        case .verdict(let groupId, let network): "group \(groupId) has not been judged against \(network)'s charter yet (no accepted feed)"
        case .token(let id, let network): "network \(network) has no token \(id)"
        case .person(let login, let network): "\(network) has no person \(login)"
        case .report(let id, let network): "\(network) has no report \(id)"
        }
    }
}
