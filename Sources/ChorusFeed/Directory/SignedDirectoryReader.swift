import Foundation

/// A network directory that passed every check, from the network's key alone.
public struct AcceptedDirectory: Sendable {
    public let directory: NetworkDirectory
    public let claim: DirectoryClaim
    /// The registry key the network delegated to, and until when.
    public let delegated: DelegationStatement.Delegated
    public let bytes: Data
    /// The same seq and the same bytes as the directory last accepted: nothing to do.
    public let isRepeat: Bool
}

/// Why a signed directory was refused: its size, a signature or claim, or the verified document itself.
public enum SignedDirectoryRejection: Error, Sendable, CustomStringConvertible {
    case tooLarge(Int)
    case signature(SignatureError)
    case document(FeedProblem)

    public var code: String {
        switch self {
        case .tooLarge: "directory.too-large"
        case .signature(let error): error.code.rawValue
        case .document(let problem): problem.code
        }
    }

    public var description: String {
        switch self {
        case .tooLarge(let size): "\(code): the directory is \(size) bytes; at most \(NetworkDirectoryReader.maximumBytes) are read"
        case .signature(let error): error.description
        case .document(let problem): problem.description
        }
    }
}

/// The directory's acceptance path (`Federation/federation.md`, "Following a network"), in the one order allowed:
/// the delegation against the network's pinned key, the directory's bytes against the delegated key, the claim,
/// and only then the document, which must be the network the claim names.
public enum SignedDirectoryReader {
    public struct Previous: Sendable {
        public let sequence: UInt64
        public let sha256: String

        public init(sequence: UInt64, sha256: String) {
            self.sequence = sequence
            self.sha256 = sha256
        }
    }

    public static func read(
        _ bytes: Data, signatureFile: String, delegationKeyFile: Data, delegationSignature: String,
        networkKey: MinisignPublicKey, network: String, now: Date, previous: Previous? = nil,
        maximumBytes: Int = NetworkDirectoryReader.maximumBytes
    ) throws(SignedDirectoryRejection) -> AcceptedDirectory {
        guard bytes.count <= maximumBytes else { throw .tooLarge(bytes.count) }
        let delegated: DelegationStatement.Delegated
        let claim: DirectoryClaim
        var isRepeat = false
        do throws(SignatureError) {
            delegated = try DelegationStatement.verify(keyFile: delegationKeyFile, signatureFile: delegationSignature,
                                                       networkKey: networkKey, network: network, now: now)
            let signature = try MinisignSignature(fileContents: signatureFile)
            try signature.verify(bytes, with: delegated.key)
            claim = try DirectoryClaim(trustedComment: signature.trustedComment)
            guard claim.network == network else {
                throw SignatureError(.claimWrongNetwork, "the directory is signed for network \(claim.network), not \(network)")
            }
            guard claim.expires > now else {
                throw SignatureError(.claimExpired, "the directory's signature expired at \(Timestamp.format(claim.expires))")
            }
            if let previous {
                guard claim.sequence >= previous.sequence else {
                    throw SignatureError(.claimRollback, "directory seq \(claim.sequence) is lower than the last accepted seq \(previous.sequence)")
                }
                if claim.sequence == previous.sequence {
                    guard FeedDigest.sha256(bytes) == previous.sha256 else {
                        throw SignatureError(.claimReplay, "directory seq \(claim.sequence) was already accepted with different bytes")
                    }
                    isRepeat = true
                }
            }
        } catch {
            throw .signature(error)
        }
        let directory: NetworkDirectory
        do { directory = try NetworkDirectoryReader.read(bytes, maximumBytes: maximumBytes) } catch { throw .document(error) }
        guard directory.network == network else {
            throw .signature(SignatureError(.claimWrongNetwork, "the directory document is network \(directory.network), not \(network)"))
        }
        return AcceptedDirectory(directory: directory, claim: claim, delegated: delegated, bytes: bytes, isRepeat: isRepeat)
    }
}
