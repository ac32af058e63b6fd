import ChorusFeed
import Crypto
import Foundation

/// A network's groups as Open Referral HSDS 3 organizations, each with one service whose service_at_locations carry
/// the meetings' schedules. What does not map, and how it is written instead:
/// - HSDS gives a schedule's time zone as a UTC offset, which breaks at daylight-saving changes: `timezone` holds the
///   offset in force now, `opens_at`/`closes_at` the local wall-clock time, and `description` names the IANA zone.
/// - Excluded and extra dates have no field: `notes` lists them.
/// - A withheld venue becomes a location with only its area as its name: no address, no coordinates.
/// - An online meeting's link is the location's `url` only when the group made it public.
/// Ids are UUIDs: the group's own, and name-based (version 5) UUIDs under it for everything else, so they stay stable.
public enum HSDSExport {
    public static func organizations(of groups: [PublicGroup], address: PublicAddress, now: Date) -> [[String: Any]] {
        groups.map { organization($0, address: address, now: now) }
    }

    static func organization(_ group: PublicGroup, address: PublicAddress, now: Date) -> [String: Any] {
        let root = groupUUID(group.groupId)
        let id = { (name: String) in uuid5(namespace: root, name: name) }
        var organization: [String: Any] = [
            "id": root.uuidString.lowercased(), "name": group.title, "description": group.summary,
        ]
        if let website = group.website { organization["website"] = website }
        if let email = group.contacts.first(where: { $0.uri.hasPrefix("mailto:") }) { organization["email"] = String(email.uri.dropFirst(7)) }
        let phones = group.contacts.filter { $0.uri.hasPrefix("tel:") }.map { contact -> [String: Any] in
            ["id": id("phone:" + contact.uri), "number": String(contact.uri.dropFirst(4)), "type": "voice"]
        }
        if !phones.isEmpty { organization["phones"] = phones }

        var service: [String: Any] = [
            "id": id("service"), "organization_id": root.uuidString.lowercased(), "name": group.title,
            "status": Self.serviceStatus(group.status),
            "description": [group.summary, group.whatToExpect].compactMap { $0 }.joined(separator: "\n\n"),
            "url": address.groupPage(group.groupId),
            "last_modified": Timestamp.format(group.updated),
            "fees_description": Optional(group.fee.kind.definition).map { text in
                [text, group.fee.amount.map { "\($0) \(group.fee.currency ?? "")" }, group.fee.note].compactMap { $0 }.joined(separator: " ")
            } ?? group.fee.kind.rawValue,
            "application_process": group.accessRoutes.map(\.definition).joined(separator: " "),
            "eligibility_description": group.audiences.map { audience in
                var text = audience.id.definition
                if let low = audience.minimumAge, let high = audience.maximumAge { text += " Ages \(low) to \(high)." }
                if let community = audience.community { text += " (\(community))" }
                return text
            }.joined(separator: " "),
            "languages": group.languages.map { ["id": id("language:" + $0), "code": String($0.prefix { $0 != "-" }).lowercased(), "note": $0] },
        ]
        if let young = group.audiences.first(where: { $0.minimumAge != nil || $0.maximumAge != nil }) {
            if let low = young.minimumAge { service["minimum_age"] = low }
            if let high = young.maximumAge { service["maximum_age"] = high }
        }
        service["service_at_locations"] = group.meetings.flatMap { meeting in
            serviceAtLocations(group, meeting, id: id, now: now)
        }
        organization["services"] = [service]
        return organization
    }

    private static func serviceAtLocations(_ group: PublicGroup, _ meeting: PublicGroup.Meeting, id: (String) -> String,
                                           now: Date) -> [[String: Any]] {
        var result: [[String: Any]] = []
        let place = group.place(id: meeting.placeId)
        if meeting.mode.hasVenue, let place {
            var location: [String: Any] = ["id": id("location:" + place.id), "location_type": "physical"]
            if place.withheld {
                location["name"] = place.area
                location["description"] = "The group gives the venue when you contact it."
            } else {
                location["name"] = place.name ?? place.area
                if let latitude = place.latitude, let longitude = place.longitude {
                    location["latitude"] = latitude
                    location["longitude"] = longitude
                }
                if let street = place.street {
                    location["addresses"] = [[
                        "id": id("address:" + place.id), "address_1": street, "city": place.locality ?? "",
                        "state_province": place.region ?? "", "postal_code": place.postcode ?? "", "country": place.country,
                        "address_type": "physical",
                    ] as [String: Any]]
                }
                if let directions = place.directions { location["transportation"] = directions }
            }
            location["accessibility"] = place.accessibility.map { feature in
                ["id": id("accessibility:\(place.id):\(feature.rawValue)"), "description": feature.definition]
            }
            result.append(["id": id("at:\(meeting.id):\(place.id)"), "location": location,
                           "schedules": [schedule(meeting, id: id("schedule:\(meeting.id):\(place.id)"), now: now)]])
        }
        if meeting.mode.hasOnlineRoom {
            var location: [String: Any] = ["id": id("online:" + meeting.id), "location_type": "virtual",
                                           "name": meeting.platform ?? "Online"]
            if let link = meeting.joinURL { location["url"] = link } else {
                location["description"] = "Ask the group for the link."
            }
            result.append(["id": id("at:\(meeting.id):online"), "location": location,
                           "schedules": [schedule(meeting, id: id("schedule:\(meeting.id):online"), now: now)]])
        }
        return result
    }

    private static func schedule(_ meeting: PublicGroup.Meeting, id: String, now: Date) -> [String: Any] {
        var schedule: [String: Any] = ["id": id, "dtstart": meeting.startDate, "opens_at": meeting.startTime,
                                       "attending_type": meeting.mode.rawValue]
        if let end = meeting.endTime { schedule["closes_at"] = end }
        if let zone = TimeZone(identifier: meeting.timeZone) {
            schedule["timezone"] = Double(zone.secondsFromGMT(for: now)) / 3600
        }
        var description = "\(meeting.title), \(meeting.schedule), \(meeting.startTime) local time in \(meeting.timeZone)"
            + " (the UTC offset given is the one in force when this was exported)."
        switch meeting.rrule.flatMap({ try? Recurrence(rrule: $0) }) {
        case .weekly(let interval, let days)?:
            schedule["freq"] = "WEEKLY"
            schedule["byday"] = days.map(\.rawValue).joined(separator: ",")
            if interval > 1 {
                schedule["interval"] = interval
                schedule["wkst"] = "MO"
            }
        case .monthly(let interval, let ordinal, let day)?:
            schedule["freq"] = "MONTHLY"
            schedule["byday"] = "\(ordinal)\(day.rawValue)"
            if interval > 1 { schedule["interval"] = interval }
        case nil:
            schedule["valid_from"] = meeting.startDate
            schedule["valid_to"] = meeting.startDate
            description = "\(meeting.title), once on \(meeting.startDate), \(meeting.startTime) local time in \(meeting.timeZone)."
        }
        if let until = meeting.endDate { schedule["until"] = until }
        schedule["description"] = description
        var notes: [String] = []
        if !meeting.excludedDates.isEmpty { notes.append("No meeting on " + meeting.excludedDates.joined(separator: ", ") + ".") }
        if !meeting.extraDates.isEmpty { notes.append("Also meets on " + meeting.extraDates.joined(separator: ", ") + ".") }
        if !notes.isEmpty { schedule["notes"] = notes.joined(separator: " ") }
        return schedule
    }

    static func groupUUID(_ groupId: String) -> UUID {
        let last = groupId.hasPrefix("urn:uuid:") ? String(groupId.dropFirst(9)) : groupId
        return UUID(uuidString: last) ?? UUID(uuidString: uuid5(namespace: UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!, name: groupId))!
    }

    /// RFC 9562 version 5: SHA-1 of the namespace and the name, with the version and variant bits set.
    static func uuid5(namespace: UUID, name: String) -> String {
        var bytes = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        bytes += Array(name.utf8)
        var hash = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        let uuid = hash.withUnsafeBytes { $0.load(as: uuid_t.self) }
        return UUID(uuid: uuid).uuidString.lowercased()
    }

    /// HSDS service statuses: active, inactive, defunct, temporarily closed.
    private static func serviceStatus(_ status: ActivityStatus) -> String {
        switch status {
        case .active: "active"
        case .paused: "temporarily closed"
        case .closed: "defunct"
        }
    }
}
