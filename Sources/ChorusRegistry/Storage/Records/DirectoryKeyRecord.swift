import Foundation
import GRDB

/// The registry's own key that signs one network's directory, and the network's statement delegating to it.
struct DirectoryKeyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "directoryKey"
    var networkId: Int64
    var keyId: String
    var publicKey: String
    /// The unencrypted minisign secret key file: an online key, so the registry can sign without anyone present.
    var secretKey: String
    var createdAt: Date
    var delegationKeyFile: Data?
    var delegationSignature: String?
    var delegationExpires: Date?
    var delegationSetAt: Date?
    var delegationSetBy: String?
}

/// The directory a network last published for registries upstream, with the signature made over exactly its bytes.
struct SignedDirectoryRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "signedDirectory"
    var networkId: Int64
    /// The directory's permanent Atom id, `urn:uuid:…`.
    var directoryId: String
    var seq: Int64
    var digest: String
    var document: Data
    var signature: String
    var signedAt: Date
    var expires: Date
}
