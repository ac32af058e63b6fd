import ChorusLanguage
import Foundation
import GRDB

extension Outputs {
    /// A search as a feed, so a visitor can follow "groups near me": one entry per group, published when the group
    /// was first listed here and updated when the registry accepted its current feed.
    /// `parameters` is the search's query string, already normalised by the caller; it is repeated in the feed's links only.
    func searchFeed(_ query: DirectoryQuery, parameters: String, description: String, at address: PublicAddress) async throws -> Syndication {
        var query = query
        query.offset = 0
        query.limit = Self.feedLength
        let results = try await directory.search(query)
        let ids = results.hits.map(\.groupId)
        let now = context.now
        let dates = try await context.database.read { db in
            var dates: [String: (listed: Date, accepted: Date)] = [:]
            for row in try ListingDatesRow.of(db, groupIds: ids) { dates[row.groupId] = (row.listed ?? row.fetchedAt, row.fetchedAt) }
            return dates
        }
        let suffix = parameters.isEmpty ? "" : "?" + parameters
        let entries = results.hits.map { hit in
            let date = dates[hit.groupId] ?? (now, now)
            var lines = [hit.summary]
            if let distance = hit.distanceKm { lines.append(tr("About {km} km away.", ["km": String(format: "%.1f", distance)])) }
            if let area = hit.withheldArea ?? hit.area { lines.append(tr("Meets in {area}.", ["area": area])) }
            if hit.modes.contains(.online) { lines.append(tr("Meets online.")) }
            return Syndication.Entry(
                id: hit.groupId, title: hit.title, updated: max(date.accepted, date.listed),
                published: date.listed, link: address.groupPage(hit.groupId), summary: lines.joined(separator: " "),
                categories: hit.modes.map(\.rawValue), language: hit.language)
        }
        return Syndication(
            id: address.tag(since: Date(timeIntervalSince1970: 1_735_689_600), "search" + suffix),
            title: tr("Peer support groups: {search}", ["search": description]),
            subtitle: tr("Groups matching a directory search ({search}). New groups appear here as they are listed.", ["search": description]),
            language: Localizer.current.language, updated: entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 1_735_689_600),
            pageURL: address.url("/search" + suffix), atomURL: address.url("/search.atom" + suffix),
            rssURL: address.url("/search.rss" + suffix), author: tr("Chorus directory"), entries: entries)
    }
}
