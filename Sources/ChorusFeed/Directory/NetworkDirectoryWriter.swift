import Foundation

/// Writes a `NetworkDirectory` as its Atom document. The bytes depend only on the directory, so an unchanged
/// directory is the same document and a re-signature does not make it look new.
public enum NetworkDirectoryWriter {
    public static func write(_ directory: NetworkDirectory) -> Data {
        var xml = XMLWriter()
        xml.open("feed", [("xmlns", ChorusNamespace.atom), ("xmlns:fh", NetworkDirectory.historyNamespace),
                          ("xmlns:d", NetworkDirectory.namespace)])
        xml.empty("fh:complete")
        xml.element("id", text: directory.id)
        xml.element("title", text: "\(directory.name): directory")
        xml.element("updated", text: Timestamp.format(directory.updated))
        xml.open("author")
        xml.element("name", text: directory.name)
        xml.close("author")
        xml.empty("link", [("rel", "self"), ("type", "application/atom+xml"), ("href", "directory.xml")])
        xml.empty("d:network", [("slug", directory.network), ("charter", directory.charterVersion)])
        if let moved = directory.movedTo { xml.empty("d:moved", [("href", moved)]) }
        for gathered in directory.gathers { xml.empty("d:gathers", [("id", gathered.id), ("network", gathered.network)]) }
        for entry in directory.entries { write(entry, to: &xml) }
        xml.close("feed")
        return Data(xml.text.utf8)
    }

    private static func write(_ entry: NetworkDirectory.Entry, to xml: inout XMLWriter) {
        xml.open("entry")
        xml.element("id", text: entry.groupId)
        xml.element("title", text: entry.title)
        xml.element("updated", text: Timestamp.format(entry.updated))
        xml.empty("link", [("rel", "alternate"), ("type", "application/atom+xml"), ("href", entry.feed.origin ?? entry.feed.mirror)])
        xml.empty("d:listing", [("since", Timestamp.format(entry.listedSince)), ("tier", entry.tier), ("tier-name", entry.tierName),
                                ("stale", entry.stale ? "true" : nil)])
        xml.empty("d:feed", [("origin", entry.feed.origin), ("mirror", entry.feed.mirror), ("seq", String(entry.feed.seq)),
                             ("sha256", entry.feed.sha256), ("expires", Timestamp.format(entry.feed.expires))])
        xml.element("d:key", [("id", entry.key.id)], text: entry.key.base64)
        if let next = entry.nextKey { xml.element("d:next-key", [("id", next.id)], text: next.base64) }
        xml.close("entry")
    }
}
