import ChorusFeed
import ChorusLanguage
import Foundation

/// A group's meetings as an RFC 5545 calendar: one recurring event per meeting in the meeting's own zone (with its
/// VTIMEZONE), its excluded dates as EXDATE, its extra dates as RDATE, and each cancellation notice as a cancelled
/// instance. A withheld venue is never written: the event says only the area. A join link appears only when public.
public struct GroupCalendar {
    public let group: PublicGroup
    public let pageURL: String
    /// Years ahead the time zone definitions cover.
    let horizon: Date

    public init(group: PublicGroup, pageURL: String, now: Date) {
        self.group = group
        self.pageURL = pageURL
        horizon = now.addingTimeInterval(5 * 366 * 86_400)
    }

    public func ics(meetingId: String? = nil) -> String {
        let meetings = group.meetings.filter { meetingId == nil || $0.id == meetingId }
        let events = meetings.compactMap(event)
        var lines = ICalendarLines()
        lines.add("BEGIN", "VCALENDAR")
        lines.add("VERSION", "2.0")
        lines.add("PRODID", "-//Chorus//Peer support directory//EN")
        lines.add("CALSCALE", "GREGORIAN")
        lines.add("METHOD", "PUBLISH")
        let name = meetings.count == 1 && meetingId != nil ? "\(group.title): \(meetings[0].title)" : group.title
        lines.add("NAME", text: name)
        lines.add("X-WR-CALNAME", text: name)
        lines.add("URL", pageURL)
        var zones: [String: Date] = [:]
        for event in events { zones[event.timeZone] = min(zones[event.timeZone] ?? event.firstStart, event.firstStart) }
        for (zone, first) in zones.sorted(by: { $0.key < $1.key }) {
            TimeZoneDefinition(identifier: zone, from: first.addingTimeInterval(-86_400 * 366), through: horizon).write(to: &lines)
        }
        for event in events { event.write(to: &lines, group: group, pageURL: pageURL) }
        lines.add("END", "VCALENDAR")
        return lines.text
    }

    /// The recurrence of one meeting, as the directory computes its occurrences (see `Occurrences.materialise`).
    struct Event {
        var meeting: PublicGroup.Meeting
        var timeZone: String
        var schedule: Schedule
        var firstDate: LocalDate
        var firstStart: Date
        var extraDates: [LocalDate]
        var cancelled: [LocalDate]

        func write(to lines: inout ICalendarLines, group: PublicGroup, pageURL: String) {
            let zone = "TZID=" + ICalendarLines.parameter(timeZone)
            let uid = "\(meeting.id)/\(group.groupId)"
            let stamp = ICalendarLines.utc(group.updated)
            let time = schedule.startTime
            lines.add("BEGIN", "VEVENT")
            lines.add("UID", text: uid)
            lines.add("DTSTAMP", stamp)
            lines.add("DTSTART;" + zone, ICalendarLines.local(firstDate, time))
            lines.add("DURATION", "PT\(schedule.durationMinutes)M")
            if let recurrence = schedule.recurrence {
                var rule = recurrence.rrule
                if case .weekly(let interval, _) = recurrence, interval > 1 { rule += ";WKST=MO" }
                if let end = schedule.endDate, let zoneValue = TimeZone(identifier: timeZone) {
                    rule += ";UNTIL=" + ICalendarLines.utc(ZonedClock(zone: zoneValue).instant(date: end, time: time))
                }
                lines.add("RRULE", rule)
            }
            let extras = Set(extraDates)
            let excluded = schedule.excludedDates.filter { $0 >= firstDate && !extras.contains($0) }.sorted()
            if !excluded.isEmpty { lines.add("EXDATE;" + zone, excluded.map { ICalendarLines.local($0, time) }.joined(separator: ",")) }
            if !extraDates.isEmpty { lines.add("RDATE;" + zone, extraDates.map { ICalendarLines.local($0, time) }.joined(separator: ",")) }
            describe(&lines, group: group, pageURL: pageURL, cancelled: false)
            lines.add("END", "VEVENT")
            for date in cancelled {
                lines.add("BEGIN", "VEVENT")
                lines.add("UID", text: uid)
                lines.add("DTSTAMP", stamp)
                lines.add("RECURRENCE-ID;" + zone, ICalendarLines.local(date, time))
                lines.add("DTSTART;" + zone, ICalendarLines.local(date, time))
                lines.add("DURATION", "PT\(schedule.durationMinutes)M")
                lines.add("STATUS", "CANCELLED")
                describe(&lines, group: group, pageURL: pageURL, cancelled: true)
                lines.add("END", "VEVENT")
            }
        }

        private func describe(_ lines: inout ICalendarLines, group: PublicGroup, pageURL: String, cancelled: Bool) {
            let summary = "\(group.title): \(meeting.title)"
            lines.add("SUMMARY", text: cancelled ? tr("Cancelled: {meeting}", ["meeting": summary]) : summary)
            if !cancelled { lines.add("STATUS", "CONFIRMED") }
            lines.add("TRANSP", "OPAQUE")
            lines.add("URL", pageURL)
            var description = [group.summary]
            let place = group.place(id: meeting.placeId)
            if let place, place.setting != .online {
                if place.withheld {
                    description.append(tr("Meets in {area}. The group gives the venue when you contact it.", ["area": place.area]))
                } else {
                    let address = [place.name, place.street, place.locality, place.postcode, place.region, place.country]
                        .compactMap { $0 }.filter { !$0.isEmpty }
                    lines.add("LOCATION", text: address.joined(separator: ", "))
                    if let latitude = place.latitude, let longitude = place.longitude {
                        lines.add("GEO", String(format: "%.6f;%.6f", latitude, longitude))
                    }
                }
            }
            if meeting.mode.hasOnlineRoom {
                if let link = meeting.joinURL {
                    lines.add("CONFERENCE;VALUE=URI;FEATURE=VIDEO", link)
                    description.append(tr("Join online: {link}", ["link": link]))
                } else {
                    description.append(meeting.platform.map { tr("Online ({platform}): ask the group for the link.", ["platform": $0]) }
                                       ?? tr("Online: ask the group for the link."))
                }
            }
            description.append(tr("More about the group, and how to contact it: {address}", ["address": pageURL]))
            lines.add("DESCRIPTION", text: description.joined(separator: "\n\n"))
        }
    }

    private func event(_ meeting: PublicGroup.Meeting) -> Event? {
        guard group.status != .closed, group.status != .paused || group.statusUntil != nil,
              let schedule = meeting.feedSchedule, let zone = TimeZone(identifier: meeting.timeZone) else { return nil }
        let resumes = group.status == .paused ? group.statusUntil.flatMap { LocalDate(iso: $0) } : nil
        let recurrence = schedule.recurrence, startDate = schedule.startDate, startTime = schedule.startTime
        let earliest = max(startDate, resumes ?? startDate)
        let ruleEnd = schedule.endDate ?? earliest.adding(days: 3 * 366)
        // The first date of the rule itself, excluded or not: iCalendar counts the series from DTSTART.
        let firstRuleDate = recurrence.map { rule in
            Schedule(recurrence: rule, startDate: startDate, startTime: startTime, durationMinutes: 0, timeZone: meeting.timeZone)
                .dates(from: earliest, through: ruleEnd).first
        } ?? (startDate >= earliest ? startDate : nil)
        let extras = schedule.extraDates.filter { $0 >= earliest }.sorted()
        guard let first = firstRuleDate ?? extras.first else { return nil }
        let cancelledDates = group.notices.filter { $0.kind == .cancellation && $0.meetingId == meeting.id }
            .compactMap { $0.date.flatMap { LocalDate(iso: $0) } }
            .filter { date in date >= earliest && schedule.dates(from: date, through: date).contains(date) }
        let clock = ZonedClock(zone: zone)
        return Event(meeting: meeting, timeZone: meeting.timeZone, schedule: schedule, firstDate: first,
                     firstStart: clock.instant(date: first, time: startTime),
                     extraDates: firstRuleDate == nil ? Array(extras.dropFirst()) : extras.filter { $0 != first },
                     cancelled: Array(Set(cancelledDates)).sorted())
    }
}
