import Foundation

/// Reads a network directory document under the hardened XML rules. Anything a follower would have to guess at is
/// refused with a `directory.*` code: a missing part, an unreadable value, a group listed twice.
public enum NetworkDirectoryReader {
    /// A national network's directory of ten thousand groups is about 15 MB; anything far beyond is refused unread.
    public static let maximumBytes = 32 << 20

    public static func read(_ bytes: Data, maximumBytes: Int = maximumBytes) throws(FeedProblem) -> NetworkDirectory {
        let result: Result<NetworkDirectory, FeedProblem> = try XMLDocumentReading.withRoot(bytes, maximumBytes: maximumBytes) { root in
            Result { () throws(FeedProblem) in try directory(root) }
        }
        return try result.get()
    }

    private static func problem(_ code: String, _ message: String, at element: XMLElementView? = nil) -> FeedProblem {
        FeedProblem(code: "directory." + code, message, line: element?.line)
    }

    private static func directory(_ root: XMLElementView) throws(FeedProblem) -> NetworkDirectory {
        guard root.is("feed", in: ChorusNamespace.atom) else {
            throw problem("not-a-directory", "the document is not an Atom feed: its root is <\(root.localName)>")
        }
        let children = root.children
        guard children.contains(where: { $0.is("complete", in: NetworkDirectory.historyNamespace) }) else {
            throw problem("incomplete", "the directory is not marked complete (RFC 5005 <fh:complete/>), so it cannot say which groups left")
        }
        guard let network = children.first(where: { $0.is("network", in: NetworkDirectory.namespace) }),
              let slug = network.attribute("slug"), !slug.isEmpty else {
            throw problem("missing", "the directory has no <d:network slug=\"…\"/>")
        }
        var entries: [NetworkDirectory.Entry] = []
        var seen = Set<String>()
        for element in children where element.is("entry", in: ChorusNamespace.atom) {
            let entry = try self.entry(element)
            guard seen.insert(entry.groupId).inserted else { throw problem("duplicate", "group \(entry.groupId) is listed twice", at: element) }
            entries.append(entry)
        }
        var gathers: [NetworkDirectory.Gathered] = []
        for element in children where element.is("gathers", in: NetworkDirectory.namespace) {
            guard let id = element.attribute("id"), !id.isEmpty, let network = element.attribute("network"), !network.isEmpty else {
                throw problem("missing", "<d:gathers> needs id= and network=", at: element)
            }
            gathers.append(NetworkDirectory.Gathered(id: id, network: network))
        }
        let moved = children.first { $0.is("moved", in: NetworkDirectory.namespace) }
        if let moved, moved.attribute("href")?.isEmpty ?? true { throw problem("missing", "<d:moved> needs href=", at: moved) }
        let author = children.first { $0.is("author", in: ChorusNamespace.atom) }
        let name = author.flatMap { atomText($0, "name") } ?? slug
        return NetworkDirectory(id: try required(root, "id"), network: slug, name: name, charterVersion: network.attribute("charter"),
                                updated: try instant(try required(root, "updated"), "updated", at: root), gathers: gathers, movedTo: moved?.attribute("href"), entries: entries)
    }

    private static func entry(_ element: XMLElementView) throws(FeedProblem) -> NetworkDirectory.Entry {
        let children = element.children
        func extensionElement(_ name: String) throws(FeedProblem) -> XMLElementView {
            guard let found = children.first(where: { $0.is(name, in: NetworkDirectory.namespace) }) else {
                throw problem("missing", "an entry has no <d:\(name)>", at: element)
            }
            return found
        }
        func attribute(_ owner: XMLElementView, _ name: String) throws(FeedProblem) -> String {
            guard let value = owner.attribute(name), !value.isEmpty else {
                throw problem("missing", "<d:\(owner.localName)> has no \(name)=", at: owner)
            }
            return value
        }
        let listing = try extensionElement("listing")
        let feed = try extensionElement("feed")
        guard let seq = UInt64(try attribute(feed, "seq")) else { throw problem("invalid", "<d:feed seq=> is not an unsigned integer", at: feed) }
        let sha256 = try attribute(feed, "sha256")
        guard sha256.count == 64, sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw problem("invalid", "<d:feed sha256=> is not 64 lower-case hex digits", at: feed)
        }
        let nextKey = try children.first { $0.is("next-key", in: NetworkDirectory.namespace) }.map { (next) throws(FeedProblem) in try key(next) }
        return NetworkDirectory.Entry(
            groupId: try required(element, "id"), title: try required(element, "title"),
            updated: try instant(try required(element, "updated"), "updated", at: element),
            listedSince: try instant(try attribute(listing, "since"), "since", at: listing),
            tier: listing.attribute("tier"), tierName: listing.attribute("tier-name"), stale: listing.attribute("stale") == "true",
            feed: NetworkDirectory.FeedReference(origin: feed.attribute("origin"), mirror: try attribute(feed, "mirror"), seq: seq,
                                                 sha256: sha256, expires: try instant(try attribute(feed, "expires"), "expires", at: feed)),
            key: try key(try extensionElement("key")), nextKey: nextKey)
    }

    private static func key(_ element: XMLElementView) throws(FeedProblem) -> NetworkDirectory.ListedKey {
        guard let id = element.attribute("id"), id.count == 16, id.allSatisfy({ $0.isHexDigit }) else {
            throw problem("invalid", "<d:\(element.localName)> has no 16-digit id=", at: element)
        }
        let base64 = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !base64.isEmpty else { throw problem("missing", "<d:\(element.localName)> holds no key", at: element) }
        return NetworkDirectory.ListedKey(id: id.uppercased(), base64: base64)
    }

    private static func required(_ element: XMLElementView, _ name: String) throws(FeedProblem) -> String {
        guard let text = atomText(element, name), !text.isEmpty else {
            throw problem("missing", "<\(element.localName)> has no <\(name)>", at: element)
        }
        return text
    }

    private static func atomText(_ element: XMLElementView, _ name: String) -> String? {
        element.children.first { $0.is(name, in: ChorusNamespace.atom) }?.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func instant(_ text: String, _ name: String, at element: XMLElementView) throws(FeedProblem) -> Date {
        guard let date = Timestamp.parse(text) else { throw problem("invalid", "\(name) '\(text.prefix(40))' is not an RFC 3339 date-time", at: element) }
        return date
    }
}
