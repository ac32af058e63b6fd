import ChorusFeed
import Foundation

/// A feed the registry publishes, before it is written as Atom 1.0 or RSS 2.0. All text is plain: the writers escape it.
public struct Syndication: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var title: String
        public var updated: Date
        public var published: Date?
        /// The HTML page the entry is about.
        public var link: String
        public var summary: String
        public var categories: [String]
        /// The entry's own language when it differs from the feed's (a group's notices are in the group's language).
        public var language: String?
    }

    /// A tag URI (RFC 4151), stable for as long as the registry keeps its public address.
    public var id: String
    public var title: String
    public var subtitle: String
    public var language: String
    /// The newest entry's time, or the time the feed's subject last changed when it has no entries.
    public var updated: Date
    /// The page this feed follows, and the address of the feed itself in each format.
    public var pageURL: String
    public var atomURL: String
    public var rssURL: String
    public var author: String
    public var entries: [Entry]
    /// Deleted-entry records (RFC 6721) for what left: `ref` is the id the thing had elsewhere (a group's id, as
    /// the network's directory lists it), so a follower removes it rather than guesses. Atom only.
    public var deletions: [Deletion] = []

    public struct Deletion: Sendable, Equatable {
        public var ref: String
        public var when: Date
        public var comment: String
    }

    static let tombstones = "http://purl.org/atompub/tombstones/1.0"

    /// Each entry's `atom:updated`, distinct within the feed, since feed readers and validators take equal times to
    /// be the same revision: whole seconds, and where an earlier entry already has that second, milliseconds as well
    /// (the time's own, then one more each until it is free).
    static func distinctTimes(_ dates: [Date]) -> [String] {
        var used = Set<String>()
        return dates.map { date in
            var text = Timestamp.format(date)
            if used.contains(text) {
                let second = date.timeIntervalSince1970.rounded(.down)
                var milliseconds = Int(((date.timeIntervalSince1970 - second) * 1000).rounded(.down))
                repeat {
                    text = String(Timestamp.format(date).dropLast()) + "." + String(format: "%03d", min(milliseconds, 999)) + "Z"
                    milliseconds += 1
                } while used.contains(text) && milliseconds < 1000
            }
            used.insert(text)
            return text
        }
    }

    public func atom() -> String {
        var xml = XMLWriter()
        xml.open("feed", [("xmlns", "http://www.w3.org/2005/Atom"), ("xmlns:at", deletions.isEmpty ? nil : Self.tombstones),
                          ("xml:lang", language)])
        xml.element("id", text: id)
        xml.element("title", text: title)
        xml.element("subtitle", text: subtitle)
        xml.element("updated", text: Timestamp.format(updated))
        xml.empty("link", [("rel", "self"), ("type", "application/atom+xml"), ("href", atomURL)])
        xml.empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", pageURL)])
        xml.empty("link", [("rel", "alternate"), ("type", "application/rss+xml"), ("href", rssURL)])
        xml.open("author")
        xml.element("name", text: author)
        xml.close("author")
        xml.element("generator", text: "Chorus")
        for deletion in deletions {
            xml.open("at:deleted-entry", [("ref", deletion.ref), ("when", Timestamp.format(deletion.when))])
            xml.element("at:comment", text: deletion.comment)
            xml.close("at:deleted-entry")
        }
        for (entry, updated) in zip(entries, Self.distinctTimes(entries.map(\.updated))) {
            xml.open("entry", [("xml:lang", entry.language)])
            xml.element("id", text: entry.id)
            xml.element("title", text: entry.title)
            xml.element("updated", text: updated)
            xml.element("published", text: entry.published.map(Timestamp.format))
            xml.empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", entry.link)])
            for category in entry.categories { xml.empty("category", [("term", category)]) }
            xml.element("summary", [("type", "text")], text: entry.summary)
            xml.close("entry")
        }
        xml.close("feed")
        return xml.text
    }

    public func rss() -> String {
        var xml = XMLWriter()
        xml.open("rss", [("version", "2.0"), ("xmlns:atom", "http://www.w3.org/2005/Atom")])
        xml.open("channel")
        xml.element("title", text: title)
        xml.element("link", text: pageURL)
        xml.element("description", text: Self.asHTMLText(subtitle))
        xml.element("language", text: language)
        xml.element("lastBuildDate", text: Self.rfc822(updated))
        xml.element("generator", text: "Chorus")
        xml.empty("atom:link", [("rel", "self"), ("type", "application/rss+xml"), ("href", rssURL)])
        for entry in entries {
            xml.open("item")
            xml.element("title", text: entry.title)
            xml.element("link", text: entry.link)
            xml.element("guid", [("isPermaLink", "false")], text: entry.id)
            xml.element("pubDate", text: Self.rfc822(entry.published ?? entry.updated))
            for category in entry.categories { xml.element("category", text: category) }
            xml.element("description", text: Self.asHTMLText(entry.summary))
            xml.close("item")
        }
        xml.close("channel")
        xml.close("rss")
        return xml.text
    }

    /// RSS readers take `<description>` as HTML: group text is escaped as HTML first, so a reader shows it as text and
    /// never as markup, and the XML writer then escapes the result again.
    static func asHTMLText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// RSS 2.0 and HTTP dates: `Mon, 23 Nov 2026 12:00:00 GMT`.
    public static func rfc822(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let day = LocalDate(daysSinceEpoch: days)
        let weekday = String(day.weekday.name.prefix(3))
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][day.month - 1]
        let time = [rest / 3600, rest % 3600 / 60, rest % 60].map { String(twoDigits: $0) }.joined(separator: ":")
        return "\(weekday), \(String(twoDigits: day.day)) \(month) \(day.year) \(time) GMT"
    }
}
