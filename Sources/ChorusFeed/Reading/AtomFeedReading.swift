import Foundation

/// Reads the Atom envelope and its entries; the group profile is read by `GroupProfileReading`.
struct AtomFeedReading {
    let reader: ElementReader
    private let atom = ChorusNamespace.atom
    private let group = ChorusNamespace.group

    func read(root: XMLElementView, sources: inout SourceLines) -> GroupFeed? {
        guard root.localName == "feed" else {
            reader.error("feed.root", "the root element is <\(root.localName)>; a group feed is an Atom <feed>", at: root)
            return nil
        }
        guard root.namespaceURI == atom else {
            reader.error("feed.namespace", "<feed> is in namespace '\(root.namespaceURI ?? "none")'; it must be \(atom)", at: root)
            return nil
        }
        var id: String?, title: String?, updated: Date?, author: String?, selfURL: String?, alternateURL: String?
        var profile: GroupProfile?
        var profileSeen = false
        var entries: [XMLElementView] = []
        var seen: Set<String> = []

        for child in root.children {
            if child.namespaceURI == atom {
                let name = child.localName
                if ["id", "title", "updated", "author"].contains(name) {
                    if seen.contains(name) { reader.error("feed.duplicate", "<\(name)> appears more than once", at: child); continue }
                    seen.insert(name)
                }
                switch name {
                case "id":
                    id = reader.text(of: child)
                    if let value = id, !Self.isUUIDURN(value) {
                        reader.error("feed.id", "the feed id must be a urn:uuid: URN, not '\(value)'", at: child)
                    }
                case "title": title = reader.text(of: child)
                case "updated": updated = reader.timestamp(of: child)
                case "author":
                    if let name = child.children.first(where: { $0.is("name", in: atom) }) {
                        author = reader.text(of: name)
                    } else {
                        reader.error("feed.missing", "<author> needs a <name>, such as 'The organisers'", at: child)
                    }
                case "link":
                    guard let href = reader.requiredAttribute("href", of: child) else { continue }
                    guard LinkScheme.isWeb(href) else {
                        reader.error("link.scheme", "<link href=\"\(href.prefix(60))\"> must be an https: or http: address", at: child)
                        continue
                    }
                    switch child.attribute("rel") ?? "alternate" {
                    case "self": selfURL = href
                    case "alternate": alternateURL = href
                    default: break
                    }
                case "entry": entries.append(child)
                default: break
                }
            } else if child.is("group", in: group) {
                if profileSeen { reader.error("feed.duplicate", "<group> appears more than once", at: child); continue }
                profileSeen = true
                if let version = child.attribute("version"), version != "1" {
                    reader.error("group.version", "format version \(version) is not supported; this reader knows version 1", at: child)
                    continue
                }
                if !entries.isEmpty {
                    reader.error("feed.order", "<group> must come before the first <entry>", at: child)
                }
                profile = GroupProfileReading(reader: reader).read(child, sources: &sources)
            } else if child.namespaceURI == group {
                reader.warning("feed.unknown-element", "unknown element <\(child.localName)> is ignored", at: child)
            }
        }
        for (name, value) in [("id", id as Any?), ("title", title), ("updated", updated), ("author", author)] where value == nil && !seen.contains(name) {
            reader.error("feed.missing", "the feed has no <\(name)>", at: root)
        }
        if !profileSeen { reader.error("feed.missing", "the feed has no <g:group> profile", at: root) }
        if selfURL == nil { reader.warning("feed.self-link", "the feed has no <link rel=\"self\">; registries use it to find the feed again", at: root) }

        let notices = reader.limited(entries, "entries", limit: reader.limits.maximumNotices).compactMap { readNotice($0, sources: &sources) }
        guard let id, let title, let updated, let author, let profile else { return nil }
        return GroupFeed(
            id: id, title: title, updated: updated, language: root.language, authorName: author,
            selfURL: selfURL, alternateURL: alternateURL, profile: profile, notices: notices)
    }

    private func readNotice(_ entry: XMLElementView, sources: inout SourceLines) -> Notice? {
        var id: String?, title: String?, updated: Date?, content: String?
        var notice: XMLElementView?
        for child in entry.children {
            if child.namespaceURI == atom {
                switch child.localName {
                case "id": id = reader.text(of: child)
                case "title": title = reader.text(of: child)
                case "updated": updated = reader.timestamp(of: child)
                case "content", "summary":
                    if let type = child.attribute("type"), type != "text" {
                        reader.error("text.markup", "notice <\(child.localName)> must be type=\"text\", not \(type)", at: child)
                    } else {
                        content = reader.text(of: child)
                    }
                default: break
                }
            } else if child.is("notice", in: group) {
                notice = child
            }
        }
        guard let notice else {
            reader.error("notice.missing", "every <entry> needs a <g:notice> saying what kind of notice it is", at: entry)
            return nil
        }
        if id == nil || title == nil || updated == nil {
            reader.error("feed.missing", "every <entry> needs an <id>, a <title> and an <updated>", at: entry)
        }
        let kind = reader.term("kind", of: notice, as: NoticeKind.self)
        let meeting = reader.optionalAttribute("meeting", of: notice)
        let date = reader.date("date", of: notice, required: false)
        guard let id, let title, let updated, let kind else { return nil }
        sources.record("notice/\(id)", entry.line)
        return Notice(id: id, title: title, updated: updated, kind: kind, meetingID: meeting, date: date, text: content)
    }

    static func isUUIDURN(_ value: String) -> Bool {
        let lower = value.lowercased()
        guard lower.hasPrefix("urn:uuid:") else { return false }
        return UUID(uuidString: String(value.dropFirst(9))) != nil
    }
}
