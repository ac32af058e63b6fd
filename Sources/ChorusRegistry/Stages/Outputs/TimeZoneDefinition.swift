import ChorusFeed
import Foundation

/// A VTIMEZONE written from the system's IANA database: every offset change between two instants, grouped into one
/// STANDARD or DAYLIGHT block per kind of change (its first onset as DTSTART, the others as RDATE), so a calendar
/// program that does not know the zone by name still places each meeting at the right local time.
struct TimeZoneDefinition {
    let identifier: String
    let from: Date
    let through: Date

    func write(to lines: inout ICalendarLines) {
        guard let zone = TimeZone(identifier: identifier) else { return }
        struct Kind: Hashable {
            var daylight: Bool
            var offsetFrom: Int
            var offsetTo: Int
            var name: String
        }
        var onsets: [(kind: Kind, local: [String])] = []
        func add(_ kind: Kind, at instant: Date) {
            // DTSTART and RDATE of an onset are in the local time in force before it.
            let local = ICalendarLines.utc(instant.addingTimeInterval(TimeInterval(kind.offsetFrom))).dropLast()
            if let index = onsets.firstIndex(where: { $0.kind == kind }) { onsets[index].local.append(String(local)) } else {
                onsets.append((kind, [String(local)]))
            }
        }
        let clock = ZonedClock(zone: zone)
        let startOffset = zone.secondsFromGMT(for: from)
        add(Kind(daylight: zone.isDaylightSavingTime(for: from), offsetFrom: startOffset, offsetTo: startOffset,
                 name: clock.abbreviation(at: from)), at: from)
        var cursor = from
        while let transition = zone.nextDaylightSavingTimeTransition(after: cursor), transition <= through {
            add(Kind(daylight: zone.isDaylightSavingTime(for: transition),
                     offsetFrom: zone.secondsFromGMT(for: transition.addingTimeInterval(-1)),
                     offsetTo: zone.secondsFromGMT(for: transition), name: clock.abbreviation(at: transition)), at: transition)
            cursor = transition
        }
        lines.add("BEGIN", "VTIMEZONE")
        lines.add("TZID", identifier)
        for (kind, local) in onsets {
            let block = kind.daylight ? "DAYLIGHT" : "STANDARD"
            lines.add("BEGIN", block)
            lines.add("DTSTART", local[0])
            for chunk in stride(from: 1, to: local.count, by: 4) {
                lines.add("RDATE", local[chunk..<min(chunk + 4, local.count)].joined(separator: ","))
            }
            lines.add("TZOFFSETFROM", Self.offset(kind.offsetFrom))
            lines.add("TZOFFSETTO", Self.offset(kind.offsetTo))
            lines.add("TZNAME", text: kind.name)
            lines.add("END", block)
        }
        lines.add("END", "VTIMEZONE")
    }

    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + String(twoDigits: minutes / 60) + String(twoDigits: minutes % 60)
    }
}
