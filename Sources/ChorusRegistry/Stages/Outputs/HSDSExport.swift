import ChorusFeed
import Foundation

/// A network's groups as Open Referral HSDS 3.2 organizations (checked against that version's published schemas),
/// each with one service whose service_at_locations carry the meetings' schedules. What does not map, and how:
/// - HSDS gives a schedule's time zone as a UTC offset, which breaks at daylight-saving changes: `timezone` holds the
///   offset in force now, `opens_at`/`closes_at` the local time with that offset (`19:00+00:00`) as HSDS asks, and
///   `description` names the IANA zone, which is what keeps the time right after the next change.
/// - A fee is `fees_description` in words ("A fee of 500 JPY per month.") and a `cost_options` entry with its amount.
/// - Excluded and extra dates have no field: `notes` lists them.
/// - A withheld venue becomes a location with only its area as its name: no address, no coordinates.
/// - An online meeting's link is the location's `url` only when the group made it public.
/// Ids are UUIDs: the group's own, and name-based (version 5) UUIDs under it for everything else, so they stay stable.
public enum HSDSExport {
    public static func organizations(of groups: [PublicGroup], address: PublicAddress, now: Date) -> [Organization] {
        groups.map { organization($0, address: address, now: now) }
    }

    static func organization(_ group: PublicGroup, address: PublicAddress, now: Date) -> Organization {
        let namespace = groupUUID(group.groupId)
        let root = namespace.uuidString.lowercased()
        let id = { (name: String) in uuid5(namespace: namespace, name: name) }
        let email = ContactKind.email.scheme, phone = ContactKind.phone.scheme
        let phones = group.contacts.filter { $0.uri.hasPrefix(phone) }.map { contact in
            Phone(id: id("phone:" + contact.uri), number: String(contact.uri.dropFirst(phone.count)), type: .voice)
        }
        let ages = group.audiences.first { $0.minimumAge != nil || $0.maximumAge != nil }
        let serviceId = id("service")
        let service = Service(
            id: serviceId, organizationId: root, name: group.title,
            status: serviceStatus(group.status),
            description: [group.summary, group.whatToExpect].compactMap { $0 }.joined(separator: "\n\n"),
            url: address.groupPage(group.groupId),
            lastModified: Timestamp.format(group.updated),
            feesDescription: feesDescription(group.fee),
            applicationProcess: group.accessRoutes.map(\.definition).joined(separator: " "),
            eligibilityDescription: group.audiences.map { audience in
                var text = audience.id.definition
                if let low = audience.minimumAge, let high = audience.maximumAge { text += " Ages \(low) to \(high)." }
                if let community = audience.community { text += " (\(community))" }
                return text
            }.joined(separator: " "),
            languages: group.languages.map { tag in
                let code = String(tag.prefix { $0 != "-" }).lowercased()
                return Language(id: id("language:" + tag), name: Locale(identifier: "en").localizedString(forLanguageCode: code) ?? tag,
                                code: code, note: tag)
            },
            costOptions: costOption(group.fee, id: id("cost"), serviceId: serviceId).map { [$0] },
            minimumAge: ages?.minimumAge, maximumAge: ages?.maximumAge,
            serviceAtLocations: group.meetings.flatMap { serviceAtLocations(group, $0, id: id, now: now) })
        return Organization(
            id: root, name: group.title, description: group.summary, website: group.website,
            email: group.contacts.first { $0.uri.hasPrefix(email) }.map { String($0.uri.dropFirst(email.count)) },
            phones: phones.isEmpty ? nil : phones, services: [service])
    }

    /// The fee in a visitor's words: "Free.", "A fee of 500 JPY per month. Reduced for students."
    static func feesDescription(_ fee: PublicGroup.Fee) -> String {
        var text: String
        switch fee.kind {
        case .free, .voluntaryContribution: text = fee.kind.label + "."
        case .fee:
            text = "A fee" + (fee.amount.map { " of \($0)" + (fee.currency.map { " \($0)" } ?? "") } ?? "")
                + (fee.per.map { " " + $0.label } ?? "") + "."
        }
        if let note = fee.note { text += " " + note }
        return text
    }

    static func costOption(_ fee: PublicGroup.Fee, id: String, serviceId: String) -> CostOption? {
        guard fee.kind == .fee, let amount = fee.amount.flatMap({ Double($0) }) else { return nil }
        return CostOption(id: id, serviceId: serviceId, option: "Fee" + (fee.per.map { " " + $0.label } ?? ""),
                          currency: fee.currency, amount: amount, amountDescription: fee.note)
    }

    private static func serviceAtLocations(_ group: PublicGroup, _ meeting: PublicGroup.Meeting, id: (String) -> String,
                                           now: Date) -> [ServiceAtLocation] {
        var result: [ServiceAtLocation] = []
        if meeting.mode.hasVenue, let place = group.place(id: meeting.placeId) {
            result.append(ServiceAtLocation(id: id("at:\(meeting.id):\(place.id)"), location: venue(place, id: id),
                                            schedules: [schedule(meeting, id: id("schedule:\(meeting.id):\(place.id)"), now: now)]))
        }
        if meeting.mode.hasOnlineRoom {
            let room = Location(id: id("online:" + meeting.id), locationType: .virtual, name: meeting.platform ?? "Online",
                                description: meeting.joinURL == nil ? "Ask the group for the link." : nil, url: meeting.joinURL)
            result.append(ServiceAtLocation(id: id("at:\(meeting.id):online"), location: room,
                                            schedules: [schedule(meeting, id: id("schedule:\(meeting.id):online"), now: now)]))
        }
        return result
    }

    private static func venue(_ place: PublicGroup.Place, id: (String) -> String) -> Location {
        var location = Location(id: id("location:" + place.id), locationType: .physical, name: place.area)
        location.accessibility = place.accessibility.map { feature in
            Accessibility(id: id("accessibility:\(place.id):\(feature.id)"), description: feature.definition)
        }
        if place.withheld {
            location.description = "The group gives the venue when you contact it."
            return location
        }
        location.name = place.name ?? place.area
        if let latitude = place.latitude, let longitude = place.longitude {
            location.latitude = latitude
            location.longitude = longitude
        }
        if let street = place.street {
            location.addresses = [Address(
                id: id("address:" + place.id), address1: street, city: place.locality ?? "", stateProvince: place.region ?? "",
                postalCode: place.postcode ?? "", country: place.country, addressType: .physical)]
        }
        location.transportation = place.directions
        return location
    }

    private static func schedule(_ meeting: PublicGroup.Meeting, id: String, now: Date) -> Schedule {
        let seconds = TimeZone(identifier: meeting.timeZone)?.secondsFromGMT(for: now)
        let offset = seconds.map { $0 == 0 ? "Z" : ZonedClock.offset($0) } ?? ""
        var schedule = Schedule(
            id: id, dtstart: meeting.startDate, opensAt: meeting.startTime + offset,
            closesAt: meeting.endTime.map { $0 + offset }, attendingType: meeting.mode,
            timezone: seconds.map { Double($0) / 3600 },
            until: meeting.endDate,
            description: "\(meeting.title), \(meeting.schedule), \(meeting.startTime) local time in \(meeting.timeZone)"
                + " (the UTC offset given is the one in force when this was exported).")
        switch meeting.rrule.flatMap({ try? Recurrence(rrule: $0) }) {
        case .weekly(let interval, let days)?:
            schedule.freq = .weekly
            schedule.byday = days.map(\.rawValue).joined(separator: ",")
            if interval > 1 {
                schedule.interval = interval
                schedule.wkst = Weekday.monday.rawValue
            }
        case .monthly(let interval, let ordinal, let day)?:
            schedule.freq = .monthly
            schedule.byday = "\(ordinal)\(day.rawValue)"
            if interval > 1 { schedule.interval = interval }
        case nil:
            schedule.validFrom = meeting.startDate
            schedule.validTo = meeting.startDate
            schedule.description = "\(meeting.title), once on \(meeting.startDate), \(meeting.startTime) local time in \(meeting.timeZone)."
        }
        var notes: [String] = []
        if !meeting.excludedDates.isEmpty { notes.append("No meeting on " + meeting.excludedDates.joined(separator: ", ") + ".") }
        if !meeting.extraDates.isEmpty { notes.append("Also meets on " + meeting.extraDates.joined(separator: ", ") + ".") }
        schedule.notes = notes.isEmpty ? nil : notes.joined(separator: " ")
        return schedule
    }

    private static func serviceStatus(_ status: ActivityStatus) -> Service.Status {
        switch status {
        case .active: .active
        case .paused: .temporarilyClosed
        case .closed: .defunct
        }
    }
}
