import Foundation

/// Writes a `GroupFeed` as format v1 XML, in the element order of `Federation/schema/group-feed.rng`.
/// Reading what it writes gives back the same value.
public enum FeedWriter {
    public static func xml(_ feed: GroupFeed) -> String {
        var w = XMLWriter()
        w.open("feed", [("xmlns", ChorusNamespace.atom), ("xmlns:g", ChorusNamespace.group), ("xml:lang", feed.language)])
        w.element("id", text: feed.id)
        w.element("title", text: feed.title)
        w.element("updated", text: Timestamp.format(feed.updated))
        w.open("author")
        w.element("name", text: feed.authorName)
        w.close("author")
        if let url = feed.selfURL { w.empty("link", [("rel", "self"), ("type", "application/atom+xml"), ("href", url)]) }
        if let url = feed.alternateURL { w.empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", url)]) }
        writeProfile(feed.profile, to: &w)
        for notice in feed.notices { writeNotice(notice, to: &w) }
        w.close("feed")
        return w.text
    }

    public static func data(_ feed: GroupFeed) -> Data { Data(xml(feed).utf8) }

    private static func writeProfile(_ p: GroupProfile, to w: inout XMLWriter) {
        w.open("g:group", [("version", "1")])
        w.element("g:summary", text: p.summary)
        w.element("g:expect", text: p.whatToExpect)
        for tag in p.languages { w.empty("g:language", [("tag", tag)]) }
        for id in p.experiences { w.empty("g:experience", [("id", id.rawValue)]) }
        for a in p.audiences {
            w.empty("g:audience", [("id", a.id.rawValue), ("min-age", a.minimumAge.text), ("max-age", a.maximumAge.text),
                                   ("community", a.community), ("reason", a.reason)])
        }
        w.empty("g:membership", [("id", p.membership.rawValue)])
        for id in p.accessRoutes { w.empty("g:access", [("id", id.rawValue)]) }
        w.empty("g:fee", [("kind", p.fee.kind.rawValue), ("amount", p.fee.amount), ("currency", p.fee.currency), ("per", p.fee.per?.rawValue), ("note", p.fee.note)])
        w.empty("g:independence", [("id", p.independence.id.rawValue), ("host", p.independence.host)])
        w.empty("g:status", [("id", p.status.id.rawValue), ("until", p.status.until?.description), ("note", p.status.note)])
        for id in p.commitments { w.empty("g:commitment", [("id", id.rawValue)]) }
        for rule in p.groundRules {
            if let text = rule.text { w.element("g:ground-rule", [("id", rule.id?.rawValue)], text: text) } else { w.empty("g:ground-rule", [("id", rule.id?.rawValue)]) }
        }
        for location in p.locations { writeLocation(location, to: &w) }
        for meeting in p.meetings { writeMeeting(meeting, to: &w) }
        writeFacilitation(p.facilitation, to: &w)
        for c in p.contacts {
            if let label = c.label { w.element("g:contact", [("kind", c.kind.rawValue), ("href", c.uri)], text: label) } else { w.empty("g:contact", [("kind", c.kind.rawValue), ("href", c.uri)]) }
        }
        w.element("g:next-key", text: p.nextKey)
        w.close("g:group")
    }

    private static func writeLocation(_ l: Location, to w: inout XMLWriter) {
        w.open("g:location", [("id", l.id), ("setting", l.setting.rawValue), ("precision", l.precision.rawValue), ("disclosure", l.disclosure.rawValue), ("timezone", l.timeZone)])
        w.element("g:name", text: l.name)
        w.open("g:address")
        w.element("g:street", text: l.address.street)
        w.element("g:locality", text: l.address.locality)
        w.element("g:region", text: l.address.region)
        w.element("g:postcode", text: l.address.postcode)
        w.element("g:country", text: l.address.country)
        w.close("g:address")
        if let geo = l.geo { w.empty("g:geo", [("lat", Coordinates.format(geo.latitude)), ("lon", Coordinates.format(geo.longitude))]) }
        for id in l.accessibility { w.empty("g:accessibility", [("id", id.rawValue)]) }
        w.element("g:directions", text: l.directions)
        w.close("g:location")
    }

    private static func writeMeeting(_ m: Meeting, to w: inout XMLWriter) {
        w.open("g:meeting", [("id", m.id), ("mode", m.mode.rawValue), ("location", m.locationID), ("facilitators", m.facilitators.text)])
        w.element("g:title", text: m.title)
        if let o = m.online { w.empty("g:online", [("platform", o.platform), ("disclosure", o.disclosure.rawValue), ("href", o.url)]) }
        let s = m.schedule
        let attributes: [(String, String?)] = [
            ("rrule", s.recurrence?.rrule), ("start-date", s.startDate.description), ("start-time", s.startTime.description),
            ("duration", ISODuration.format(minutes: s.durationMinutes)), ("timezone", s.timeZone), ("end-date", s.endDate?.description),
        ]
        if s.excludedDates.isEmpty && s.extraDates.isEmpty {
            w.empty("g:schedule", attributes)
        } else {
            w.open("g:schedule", attributes)
            for date in s.excludedDates { w.empty("g:exclude", [("date", date.description)]) }
            for date in s.extraDates { w.empty("g:extra", [("date", date.description)]) }
            w.close("g:schedule")
        }
        w.close("g:meeting")
    }

    private static func writeFacilitation(_ f: Facilitation, to w: inout XMLWriter) {
        let attributes: [(String, String?)] = [
            ("pool-size", f.poolSize.description), ("lived-experience", f.livedExperience.text), ("trained", f.trained.text),
            ("training-provider", f.trainingProvider), ("peer", f.peer.text), ("professional", f.professional.text),
            ("members-lived-experience-percent", f.membersWithLivedExperiencePercent.text),
        ]
        if f.facilitators.isEmpty {
            w.empty("g:facilitation", attributes)
            return
        }
        w.open("g:facilitation", attributes)
        for person in f.facilitators {
            w.empty("g:facilitator", [("handle", person.handle), ("lived-experience", person.livedExperience.description),
                                      ("trained", person.trained.description), ("role", person.role.rawValue)])
        }
        w.close("g:facilitation")
    }

    private static func writeNotice(_ n: Notice, to w: inout XMLWriter) {
        w.open("entry")
        w.element("id", text: n.id)
        w.element("title", text: n.title)
        w.element("updated", text: Timestamp.format(n.updated))
        w.element("content", [("type", "text")], text: n.text)
        w.empty("g:notice", [("kind", n.kind.rawValue), ("meeting", n.meetingID), ("date", n.date?.description)])
        w.close("entry")
    }
}

enum Coordinates {
    /// Decimal degrees with up to six places, without trailing zeros.
    static func format(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

extension Optional where Wrapped == Int {
    fileprivate var text: String? { self?.description }
}
