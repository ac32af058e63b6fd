import ChorusFeed
import ChorusRegistry
import Foundation
import NIOCore

/// The JSON of `DirectoryResults`, written straight into a buffer: the same document `JSONEncoder` makes of it
/// (sorted keys, ISO 8601 dates, absent optionals left out), at a fraction of the cost, because searches are the
/// directory's busiest answer. A test holds the two equal.
struct SearchResultsJSON {
    private(set) var buffer = ByteBuffer()

    static func encode(_ results: DirectoryResults) -> ByteBuffer {
        var writer = SearchResultsJSON()
        writer.buffer.reserveCapacity(1024 + results.hits.count * 900)
        writer.results(results)
        return writer.buffer
    }

    private mutating func results(_ results: DirectoryResults) {
        open("{")
        key("choices"); list(results.choices) { $0.place($1) }
        key("hasMore"); bool(results.hasMore)
        key("hits"); list(results.hits) { $0.hit($1) }
        if let nearest = results.nearest { key("nearest"); hit(nearest) }
        key("offset"); number(results.offset)
        if let place = results.place { key("place"); self.place(place) }
        if let unknown = results.unknownPlace { key("unknownPlace"); string(unknown) }
        close("}")
    }

    private mutating func place(_ place: DirectoryPlace) {
        open("{")
        key("country"); string(place.country)
        key("kind"); string(place.kind.rawValue)
        key("label"); string(place.label)
        if let latitude = place.latitude { key("latitude"); number(latitude) }
        if let longitude = place.longitude { key("longitude"); number(longitude) }
        key("name"); string(place.name)
        if let region = place.region { key("region"); string(region) }
        if let timeZone = place.timeZone { key("timeZone"); string(timeZone) }
        close("}")
    }

    private mutating func hit(_ hit: DirectoryHit) {
        open("{")
        if let area = hit.area { key("area"); string(area) }
        if let distance = hit.distanceKm { key("distanceKm"); number(distance) }
        key("free"); bool(hit.free)
        key("groupId"); string(hit.groupId)
        if let language = hit.language { key("language"); string(language) }
        key("listings"); list(hit.listings) { $0.listing($1) }
        key("modes"); list(hit.modes) { $0.string($1.rawValue) }
        if let next = hit.next { key("next"); self.next(next) }
        key("notices"); list(hit.notices) { $0.notice($1) }
        if let restriction = hit.restriction { key("restriction"); string(restriction) }
        if let reason = hit.restrictionReason { key("restrictionReason"); string(reason) }
        key("status"); string(hit.status.rawValue)
        key("summary"); string(hit.summary)
        key("title"); string(hit.title)
        if let area = hit.withheldArea { key("withheldArea"); string(area) }
        close("}")
    }

    private mutating func listing(_ listing: DirectoryHit.Listing) {
        open("{")
        key("network"); string(listing.network)
        key("networkName"); string(listing.networkName)
        if let tier = listing.tier { key("tier"); string(tier) }
        if let description = listing.tierDescription { key("tierDescription"); string(description) }
        if let name = listing.tierName { key("tierName"); string(name) }
        close("}")
    }

    private mutating func next(_ next: DirectoryHit.Next) {
        open("{")
        key("end"); date(next.end)
        key("meetingId"); string(next.meetingId)
        key("meetingTitle"); string(next.meetingTitle)
        key("mode"); string(next.mode.rawValue)
        key("start"); date(next.start)
        key("timeZone"); string(next.timeZone)
        close("}")
    }

    private mutating func notice(_ notice: PublicGroup.Notice) {
        open("{")
        if let date = notice.date { key("date"); string(date) }
        key("id"); string(notice.id)
        key("kind"); string(notice.kind.rawValue)
        if let meeting = notice.meetingId { key("meetingId"); string(meeting) }
        if let text = notice.text { key("text"); string(text) }
        key("title"); string(notice.title)
        key("updated"); date(notice.updated)
        close("}")
    }

    // MARK: Writing

    /// Whether the next value or key follows another and needs a comma first.
    private var needsComma = false

    private mutating func open(_ bracket: StaticString) {
        buffer.writeStaticString(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: StaticString) {
        buffer.writeStaticString(bracket)
        needsComma = true
    }

    private mutating func list<T>(_ items: [T], _ each: (inout Self, T) -> Void) {
        open("[")
        for item in items {
            if needsComma { buffer.writeStaticString(",") }
            each(&self, item)
        }
        close("]")
    }

    private mutating func key(_ name: StaticString) {
        if needsComma { buffer.writeStaticString(",") }
        buffer.writeStaticString("\"")
        buffer.writeStaticString(name)
        buffer.writeStaticString("\":")
        needsComma = false
    }

    private mutating func bool(_ value: Bool) {
        buffer.writeStaticString(value ? "true" : "false")
        needsComma = true
    }

    private mutating func number(_ value: Int) {
        buffer.writeString(String(value))
        needsComma = true
    }

    private mutating func number(_ value: Double) {
        buffer.writeString(value.description)
        needsComma = true
    }

    private mutating func date(_ value: Date) { string(Timestamp.format(value)) }

    private mutating func string(_ value: String) {
        buffer.writeStaticString("\"")
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            buffer.writeString(value)
        } else {
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                case 0x09: buffer.writeStaticString("\\t")
                case 0..<0x20:
                    let digits = Array("0123456789abcdef".utf8)
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(digits[Int(byte >> 4)])
                    buffer.writeInteger(digits[Int(byte & 0x0F)])
                default: buffer.writeInteger(byte)
                }
            }
        }
        buffer.writeStaticString("\"")
        needsComma = true
    }
}
