/// What setting a charter changed: how many groups were judged and how many moved tier.
public struct CharterChange: Codable, Sendable {
    public let network: String
    public let version: String
    public let evaluated: Int
    public let changedTier: Int
    public let listed: Int
    public let notListed: Int
    public let groupsPerTier: [String: Int]
}
