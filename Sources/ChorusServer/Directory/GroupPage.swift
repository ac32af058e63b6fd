import ChorusFeed
import ChorusLanguage
import ChorusRegistry
import Foundation

/// The group page. First, under the name, what a person needs to go: who may come, the next meeting, where, how to
/// join and how to get in touch; then what the group is, what to expect, its meetings and next dates, access, every
/// contact, its tier in each network that lists it, and how to report a problem.
struct GroupView {
    /// A line of "what this group is": the directory's words, and the group's own note beside them.
    struct Fact {
        let text: String
        let note: String?
    }

    /// The first screen: "when, where, how do I get in".
    struct Glance {
        let when: String?
        let yours: String?
        let meeting: String?
        let noDates: String?
        let whereText: String
        let directions: String?
        let join: String
        let contact: Contact?
    }

    struct Meeting {
        struct Day {
            let text: String
            let cancelled: Bool
        }

        let id: String
        let title: String
        let when: String
        let how: String
        let place: String?
        let directions: String?
        let access: String?
        let join: String?
        let joinURL: String?
        let hasDates: Bool
        let dates: [Day]
        let calendarPath: String
    }

    struct Notice {
        let kind: String
        let date: String?
        let title: String
        let text: String?
    }

    /// A way to get in touch, with its address or number written out so it can be copied or read aloud.
    struct Contact {
        let uri: String
        let kind: String
        let text: String
        let label: String?
    }

    struct Listing {
        let network: String
        let networkName: String
        let tierName: String?
        let tierDescription: String?
        let contact: String?
        let contactText: String?
    }

    var groupLang: String?
    /// "rtl" for a group writing in Arabic, Hebrew…; "auto" when it names no language.
    var groupDir = "auto"
    let title: String
    let restriction: String?
    let restrictionReasons: [String]
    let glance: Glance
    let pageURL: String
    let statusText: String?
    /// The group's own words about its pause.
    let statusNote: String?
    let notices: [Notice]
    let summary: String
    let facts: [Fact]
    let whatToExpect: String?
    let hasGroundRules: Bool
    let groundRules: [String]
    let meetings: [Meeting]
    let accessText: String
    let hasContacts: Bool
    let contacts: [Contact]
    let website: String?
    let facilitation: String
    let trainingProvider: String?
    let listings: [Listing]
    var crisisLines: [CrisisLine] = []
    /// Stored, not computed: templates read stored properties only.
    var hasCrisisLines = false
    let verified: String
    let path: String
    /// schema.org JSON-LD, already safe inside a script element.
    let linkedData: String
}

enum GroupPage {
    static func view(_ group: PublicGroup, listings: [DirectoryHit.Listing], contacts networkContacts: [String: String],
                     verified: Date, occurrences: [(meetingId: String, start: Date, end: Date, cancelled: Bool)], now: Date,
                     address: PublicAddress, visitorZone: TimeZone? = nil) -> GroupView {
        let path = PageLanguage.current.link("/groups/" + PublicAddress.segment(group.groupId))
        let region = group.places.first?.country
        var facts: [GroupView.Fact] = []
        let localizer = Localizer.current
        facts.append(.init(text: tr("For: {audiences}", ["audiences": group.audiences.map { audience in
            var text = audience.id.shownLabel
            if let low = audience.minimumAge, let high = audience.maximumAge {
                text += " " + tr("aged {low} to {high}", ["low": localizer.number(low), "high": localizer.number(high)])
            }
            if let community = audience.community { text += " (\(community))" }
            return text
        }.joined(separator: "; ")]), note: nil))
        facts.append(.init(text: tr("Welcomes people {experiences}", ["experiences": group.experiences.map(\.shownLabel).joined(separator: ", ")]), note: nil))
        facts.append(.init(text: tr("Language: {languages}", ["languages": group.languages.map(Labels.language).joined(separator: ", ")]), note: nil))
        facts.append(.init(text: Labels.fee(group.fee), note: group.fee.note))
        facts.append(.init(text: group.membership.shownLabel, note: nil))
        facts.append(.init(text: group.independence.shownLabel, note: nil))

        let meetings = group.meetings.map { meeting -> GroupView.Meeting in
            let zone = TimeZone(identifier: meeting.timeZone) ?? .gmt
            let place = group.place(id: meeting.placeId)
            let startTime = occurrences.first { $0.meetingId == meeting.id }.map { MeetingClock.shared.time($0.start, zone: zone, region: region) }
                ?? "\(meeting.startTime) (\(meeting.timeZone))"
            let hours = meeting.durationMinutes / 60, minutes = meeting.durationMinutes % 60
            let length = [hours > 0 ? trPlural("{count} hour", "{count} hours", count: hours) : nil,
                          minutes > 0 ? trPlural("{count} minute", "{count} minutes", count: minutes) : nil]
                .compactMap { $0 }.joined(separator: " ")
            var placeText: String?
            if let place {
                placeText = place.withheld
                    ? tr("Meets in {area}. The group gives the exact place when you get in touch.", ["area": Labels.area(place.area)])
                    : venueText(place)
            }
            var join: String?
            if meeting.mode.hasOnlineRoom {
                let online = meeting.platform.map { tr("Online on {platform}.", ["platform": $0]) } ?? tr("Online.")
                join = meeting.joinURL != nil ? online : online + " " + tr("Ask the group for the link, using the contact details below.")
            }
            let dates = occurrences.filter { $0.meetingId == meeting.id }.prefix(6).map {
                GroupView.Meeting.Day(text: MeetingClock.shared.day($0.start, zone: zone, region: region), cancelled: $0.cancelled)
            }
            return GroupView.Meeting(
                id: meeting.id, title: meeting.title,
                when: tr("{schedule}, {time}, for {length}.", ["schedule": Self.capitalized(ScheduleWords.describe(rrule: meeting.rrule, startDate: meeting.startDate)),
                                                                "time": startTime, "length": length]),
                how: meeting.mode.shownLabel
                    + (meeting.facilitators.map { ", " + trPlural("with {count} facilitator", "with {count} facilitators", count: $0) } ?? "") + ".",
                place: placeText, directions: place?.directions,
                access: place.flatMap { $0.accessibility.isEmpty ? nil : $0.accessibility.map(\.shownLabel).joined(separator: ", ") },
                join: join, joinURL: meeting.joinURL, hasDates: !dates.isEmpty, dates: Array(dates),
                calendarPath: path + "/meetings/" + PublicAddress.segment(meeting.id) + "/calendar.ics")
        }
        let pool = group.facilitation
        var facilitation = trPlural("{count} facilitator", "{count} facilitators", count: pool.poolSize)
        if let lived = pool.livedExperience { facilitation += ", " + tr("{lived} with lived experience", ["lived": localizer.number(lived)]) }
        if let trained = pool.trained {
            facilitation += ", " + tr("{trained} trained", ["trained": localizer.number(trained)])
        }
        let statusText: String? = switch group.status {
        case .paused: group.statusUntil.map { tr("This group has paused its meetings until {date}.", ["date": noticeDate($0) ?? $0]) }
                       ?? tr("This group has paused its meetings.")
        case .closed: tr("This group has closed.")
        case .active: nil
        }
        let contacts = group.contacts.map(contact)
        var view = GroupView(
            groupLang: group.language, title: group.title, restriction: group.restriction?.sentence,
            restrictionReasons: group.restriction?.reasons ?? [],
            glance: glance(group, occurrences: occurrences, now: now, visitorZone: visitorZone, contact: contacts.first),
            pageURL: address.groupPage(group.groupId), statusText: statusText,
            statusNote: group.status == .paused ? group.statusNote : nil,
            notices: CurrentNotices.of(group, now: now).map {
                GroupView.Notice(kind: $0.kind.shownLabel,
                                 date: $0.date.flatMap(noticeDate), title: $0.title, text: $0.text)
            },
            summary: group.summary, facts: facts, whatToExpect: group.whatToExpect,
            hasGroundRules: !group.groundRules.isEmpty, groundRules: group.groundRules, meetings: meetings,
            accessText: group.accessRoutes.map(\.shownLabel).joined(separator: " "),
            hasContacts: !group.contacts.isEmpty,
            contacts: contacts,
            website: group.website, facilitation: facilitation, trainingProvider: pool.trainingProvider,
            listings: listings.map { listing in
                let contact = networkContacts[listing.network]
                return GroupView.Listing(
                    network: listing.network, networkName: listing.networkName, tierName: listing.tierName,
                    tierDescription: listing.tierDescription, contact: contact, contactText: contact.map(contactText))
            },
            verified: MeetingClock.shared.dateAndTime(verified, zone: .gmt), path: path,
            linkedData: GroupLinkedData(group: group, pageURL: address.groupPage(group.groupId), now: now).scriptText())
        view.groupDir = Self.direction(group.language)
        return view
    }

    static func glance(_ group: PublicGroup, occurrences: [(meetingId: String, start: Date, end: Date, cancelled: Bool)], now: Date,
                       visitorZone: TimeZone?, contact: GroupView.Contact?) -> GroupView.Glance {
        let region = group.places.first?.country
        let next = occurrences.first { !$0.cancelled }
        let meeting = next.flatMap { next in group.meetings.first { $0.id == next.meetingId } }
        var when: String?, yours: String?
        if let next, let meeting, let zone = TimeZone(identifier: meeting.timeZone) {
            let lines = RelativeTime.lines(start: next.start, end: next.end, now: now, zone: zone, visitorZone: visitorZone, region: region)
            when = lines.meeting
            yours = lines.visitor
        }
        let place = meeting.flatMap { $0.mode.hasVenue ? group.place(id: $0.placeId) : nil }
            ?? (meeting == nil ? group.places.first { $0.setting != .online } : nil)
        var whereText = tr("Online")
        var directions: String?
        if let place {
            if place.withheld {
                whereText = tr("In {area}. The group gives the exact place when you get in touch.", ["area": Labels.area(place.area)])
            } else {
                whereText = venueText(place)
                if let latitude = place.latitude, let longitude = place.longitude { directions = Labels.directions(latitude, longitude) }
            }
            if meeting?.mode == .hybrid { whereText += " " + tr("Or online.") }
        }
        let noDates = next != nil ? nil
            : group.status == .paused ? (group.statusUntil.map { tr("The group has paused its meetings until {date}.", ["date": noticeDate($0) ?? $0]) }
                                         ?? tr("The group has paused its meetings."))
            : tr("No meeting dates in the next eight weeks.")
        return GroupView.Glance(when: when, yours: yours, meeting: meeting?.title, noDates: noDates,
                                whereText: whereText, directions: directions,
                                join: group.accessRoutes.map(\.shownLabel).joined(separator: " "), contact: contact)
    }

    /// The writing direction of a group's own text.
    static func direction(_ language: String?) -> String {
        language.map { LanguageTag.isRightToLeft($0) ? "rtl" : "ltr" } ?? "auto"
    }

    /// The first letter in upper case, as the start of a sentence, in the page's language.
    static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased(with: Localizer.current.locale) + text.dropFirst()
    }

    /// A public venue as text: name, street, locality, postcode and country.
    static func venueText(_ place: PublicGroup.Place) -> String {
        [place.name, place.street, place.locality, place.postcode, Labels.country(place.country)].compactMap { $0 }.joined(separator: ", ")
    }

    /// "2026-12-22" as "Tuesday 22 December".
    static func noticeDate(_ iso: String) -> String? {
        guard let date = LocalDate(iso: iso) else { return iso }
        return MeetingClock.shared.day(Date(timeIntervalSince1970: TimeInterval(date.daysSinceEpoch * 86_400 + 43_200)), zone: .gmt)
    }

    static func contact(_ contact: PublicGroup.Contact) -> GroupView.Contact {
        GroupView.Contact(uri: contact.uri, kind: contact.kind.shownLabel, text: contactText(contact.uri), label: contact.label)
    }

    static func contactText(_ uri: String) -> String {
        for kind in [ContactKind.email, .phone, .text, .webForm] where uri.hasPrefix(kind.scheme) {
            let rest = String(uri.dropFirst(kind.scheme.count))
            return kind == .email ? String(rest.prefix { $0 != "?" }) : rest
        }
        return uri
    }
}
