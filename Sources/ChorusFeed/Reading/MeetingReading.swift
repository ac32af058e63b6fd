/// Reads a `<g:meeting>` and its `<g:schedule>`.
struct MeetingReading {
    let reader: ElementReader
    private let ns = ChorusNamespace.group

    func read(_ element: XMLElementView) -> Meeting? {
        guard let id = reader.requiredAttribute("id", of: element),
              let mode = reader.term("mode", of: element, as: AttendanceMode.self) else { return nil }
        let locationID = reader.optionalAttribute("location", of: element)
        let facilitators = reader.count("facilitators", of: element, range: 0...50)
        var title: String?, online: OnlineAccess?, schedule: Schedule?
        var scheduleSeen = false
        for child in element.children where child.namespaceURI == ns {
            switch child.localName {
            case "title": title = reader.text(of: child)
            case "online": online = readOnline(child)
            case "schedule":
                if scheduleSeen { reader.error("feed.duplicate", "meeting '\(id)' has more than one <schedule>", at: child) }
                scheduleSeen = true
                schedule = readSchedule(child)
            default: reader.warning("feed.unknown-element", "unknown element <\(child.localName)> is ignored", at: child)
            }
        }
        if title == nil { reader.error("feed.missing", "meeting '\(id)' needs a <title>", at: element) }
        if !scheduleSeen { reader.error("feed.missing", "meeting '\(id)' needs a <schedule>", at: element) }
        guard let title, let schedule else { return nil }
        return Meeting(id: id, title: title, mode: mode, locationID: locationID, online: online, schedule: schedule, facilitators: facilitators)
    }

    private func readOnline(_ element: XMLElementView) -> OnlineAccess? {
        guard let platform = reader.requiredAttribute("platform", of: element) else { return nil }
        let disclosure = reader.optionalTerm("disclosure", of: element, as: Disclosure.self) ?? .onRequest
        return OnlineAccess(platform: platform, disclosure: disclosure, url: reader.optionalAttribute("href", of: element))
    }

    private func readSchedule(_ element: XMLElementView) -> Schedule? {
        let startDate = reader.date("start-date", of: element, required: true)
        let endDate = reader.date("end-date", of: element, required: false)
        var startTime: LocalTime?
        if let text = reader.requiredAttribute("start-time", of: element) {
            startTime = LocalTime(iso: text)
            if startTime == nil { reader.error("value.time", "start-time must be a 24-hour time as HH:MM, not '\(text)'", at: element) }
        }
        var duration: Int?
        if let text = reader.requiredAttribute("duration", of: element) {
            duration = ISODuration.minutes(text)
            if duration == nil {
                reader.error("value.duration", "duration must be an ISO 8601 duration from PT5M to PT24H such as PT1H30M, not '\(text)'", at: element)
            }
        }
        let zone = reader.requiredAttribute("timezone", of: element).flatMap { reader.timeZone($0, at: element) }
        var recurrence: Recurrence?
        var ruleFailed = false
        if let rule = element.attribute("rrule") {
            do {
                recurrence = try Recurrence(rrule: rule)
            } catch {
                reader.error("schedule.rrule-unsupported", "rrule '\(rule)': \(error.description)", at: element)
                ruleFailed = true
            }
        }
        var excluded: [LocalDate] = []
        var extra: [LocalDate] = []
        for child in reader.limited(element.children, "schedule dates", limit: 400) where child.namespaceURI == ns {
            switch child.localName {
            case "exclude": reader.date("date", of: child, required: true).map { excluded.append($0) }
            case "extra": reader.date("date", of: child, required: true).map { extra.append($0) }
            default: reader.warning("feed.unknown-element", "unknown element <\(child.localName)> is ignored", at: child)
            }
        }
        if let startDate, let endDate, endDate < startDate {
            reader.error("schedule.end-before-start", "end-date \(endDate) is before start-date \(startDate)", at: element)
        }
        guard let startDate, let startTime, let duration, let zone, !ruleFailed else { return nil }
        return Schedule(
            recurrence: recurrence, startDate: startDate, startTime: startTime, durationMinutes: duration, timeZone: zone,
            endDate: endDate, excludedDates: excluded, extraDates: extra)
    }
}

/// ISO 8601 durations of the form `PT#H#M`, as meeting lengths.
enum ISODuration {
    static func minutes(_ text: String) -> Int? {
        guard text.hasPrefix("PT"), text.count > 2 else { return nil }
        var total = 0
        var number = ""
        var sawHours = false, sawMinutes = false
        for character in text.dropFirst(2) {
            if character.isASCII, character.isNumber {
                number.append(character)
                guard number.count <= 4 else { return nil }
            } else if character == "H", !sawHours, !sawMinutes, let value = Int(number) {
                total += value * 60
                sawHours = true
                number = ""
            } else if character == "M", !sawMinutes, let value = Int(number) {
                total += value
                sawMinutes = true
                number = ""
            } else {
                return nil
            }
        }
        guard number.isEmpty, (5...1440).contains(total) else { return nil }
        return total
    }

    static func format(minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return "PT" + (hours > 0 ? "\(hours)H" : "") + (rest > 0 || hours == 0 ? "\(rest)M" : "")
    }
}
