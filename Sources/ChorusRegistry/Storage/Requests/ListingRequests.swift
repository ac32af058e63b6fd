import GRDB

/// "Listed in the directory", defined once: an active membership whose network has no charter, or whose current
/// verdict lists the group. In every query that uses it, `m` is the membership, `n` its network and `v` the current
/// verdict of that membership, joined by `joins`.
enum Listing {
    static let joins: SQL = """
        JOIN network n ON n.id = m.networkId
        LEFT JOIN verdict v ON v.networkId = m.networkId AND v.groupRow = m.groupRow AND v.current = 1
        """

    static var isListed: SQL { "m.status = \(MembershipStatus.active) AND (n.charterId IS NULL OR v.listed = 1)" }

    /// With `listedOnly` false, every active membership counts: what a network's admins may search.
    static func condition(listedOnly: Bool) -> SQL {
        listedOnly ? isListed : "m.status = \(MembershipStatus.active)"
    }
}

/// Groups with a pinned key, an active harvest state and at least one membership that is not removed, as `g`.
enum Harvestable {
    static var condition: SQL {
        """
        g.harvestState = \(HarvestState.active) AND g.hostedHere = 0
        AND EXISTS (SELECT 1 FROM groupKey k WHERE k.groupRow = g.id AND k.status = \(KeyStatus.pinned))
        AND EXISTS (SELECT 1 FROM membership m WHERE m.groupRow = g.id AND m.status != \(MembershipStatus.removed))
        """
    }
}
