import Foundation

/// Checks that span several parts of a feed: references, duplicates, privacy, and declarations that contradict each other.
enum FeedValidator {
    static func problems(in feed: GroupFeed, sources: SourceLines) -> [FeedProblem] {
        var problems: [FeedProblem] = []
        let profile = feed.profile

        func add(_ severity: FeedProblem.Severity, _ code: String, _ message: String, _ key: String?, occurrence: Int = 0) {
            problems.append(FeedProblem(severity, code: code, message, line: key.flatMap { sources.line(of: $0, occurrence: occurrence) }))
        }

        var locationIDs: Set<String> = []
        for location in profile.locations {
            let key = "location/\(location.id)"
            if !locationIDs.insert(location.id).inserted { add(.error, "location.duplicate-id", "location id '\(location.id)' is used twice", key, occurrence: 1) }
            if location.isWithheld {
                // The feed is public at its own address and mirrored byte for byte: only the area may be in it.
                let what = "location '\(location.id)' is withheld or given on request"
                if location.address.street != nil || location.address.postcode != nil {
                    add(.error, "privacy.withheld-address", "\(what) but publishes its street or postcode; remove them (the feed itself is public)", key)
                }
                if location.name != nil {
                    add(.error, "privacy.withheld-name", "\(what) but publishes the venue's name; remove <name> (the feed itself is public)", key)
                }
                if location.directions != nil {
                    add(.error, "privacy.withheld-directions", "\(what) but publishes directions; remove <directions> (the feed itself is public)", key)
                }
                if location.geo != nil {
                    add(.error, "privacy.withheld-coordinates", "\(what) but publishes coordinates; remove <geo>: the directory places it at the centre of its area (the feed itself is public)", key)
                }
            } else if location.setting.isClosedToPublic {
                add(.warning, "privacy.closed-setting-public", "location '\(location.id)' is a \(location.setting.rawValue) venue shown publicly; consider precision=\"withheld\" or disclosure=\"on-request\"", key)
            }
            if !location.isWithheld && location.geo == nil && location.setting != .online {
                add(.warning, "location.no-coordinates", "location '\(location.id)' has no <geo>, so distance searches cannot place it", key)
            }
            if location.address.locality == nil && location.address.region == nil {
                add(.warning, "location.no-area", "location '\(location.id)' names no locality or region, so nobody can find it by place", key)
            }
        }

        var meetingIDs: Set<String> = []
        for meeting in profile.meetings {
            let key = "meeting/\(meeting.id)"
            if !meetingIDs.insert(meeting.id).inserted { add(.error, "meeting.duplicate-id", "meeting id '\(meeting.id)' is used twice", key, occurrence: 1) }
            if let locationID = meeting.locationID, !locationIDs.contains(locationID) {
                add(.error, "meeting.location-unknown", "meeting '\(meeting.id)' refers to location '\(locationID)', which the feed does not define", key)
            }
            if meeting.mode.hasVenue && meeting.locationID == nil {
                add(.error, "meeting.location-missing", "meeting '\(meeting.id)' is \(meeting.mode.rawValue) but names no location", key)
            }
            if meeting.mode.hasOnlineRoom && meeting.online == nil {
                add(.error, "meeting.online-missing", "meeting '\(meeting.id)' is \(meeting.mode.rawValue) but has no <online> element", key)
            }
            if let online = meeting.online {
                if online.disclosure == .onRequest && online.url != nil {
                    add(.error, "privacy.on-request-link", "meeting '\(meeting.id)' gives its join link on request but publishes it; remove href (the feed itself is public)", key)
                }
                if online.disclosure == .public {
                    if let url = online.url {
                        if !LinkScheme.isSecureWeb(url) { add(.error, "online.link", "meeting '\(meeting.id)' join link must be an https: URL", key) }
                    } else {
                        add(.error, "online.link", "meeting '\(meeting.id)' says its join link is public but gives no href", key)
                    }
                }
            }
            if let count = meeting.facilitators, count > profile.facilitation.poolSize {
                add(.warning, "consistency.facilitators", "meeting '\(meeting.id)' has \(count) facilitators but the pool has \(profile.facilitation.poolSize)", key)
            }
            let schedule = meeting.schedule
            if schedule.recurrence == nil && schedule.extraDates.isEmpty && schedule.endDate == nil {
                add(.warning, "schedule.one-off", "meeting '\(meeting.id)' has no rrule, so it takes place once, on \(schedule.startDate)", key)
            }
        }

        let facilitation = profile.facilitation
        for (name, value) in [("lived-experience", facilitation.livedExperience), ("trained", facilitation.trained),
                              ("peer", facilitation.peer), ("professional", facilitation.professional)] {
            if let value, value > facilitation.poolSize {
                add(.error, "facilitation.counts", "\(value) \(name) facilitators is more than the pool of \(facilitation.poolSize)", "facilitation")
            }
        }
        if let peer = facilitation.peer, let professional = facilitation.professional, peer + professional > facilitation.poolSize {
            add(.error, "facilitation.counts", "\(peer) peer and \(professional) professional facilitators are more than the pool of \(facilitation.poolSize)", "facilitation")
        }
        if facilitation.facilitators.count > facilitation.poolSize {
            add(.error, "facilitation.counts", "\(facilitation.facilitators.count) listed facilitators are more than the pool of \(facilitation.poolSize)", "facilitation")
        }
        for facilitator in facilitation.facilitators where PersonalData.looksLikeContact(facilitator.handle) {
            add(.error, "privacy.personal-data", "facilitator handle '\(facilitator.handle)' looks like contact details; use a pseudonymous handle", "facilitation")
        }

        for audience in profile.audiences {
            if audience.id.needsReason && audience.reason == nil {
                add(.error, "audience.reason-missing", "audience '\(audience.id.rawValue)' restricts who may come; say why in its reason attribute", nil)
            }
            if audience.id == .youngPeople {
                if audience.minimumAge == nil || audience.maximumAge == nil {
                    add(.error, "audience.age-range", "audience 'young-people' needs min-age and max-age", nil)
                } else if let low = audience.minimumAge, let high = audience.maximumAge, low > high {
                    add(.error, "audience.age-range", "min-age \(low) is above max-age \(high)", nil)
                }
            }
            if audience.id == .culturalCommunity && audience.community == nil {
                add(.error, "audience.community-missing", "audience 'cultural-community' needs the community's name", nil)
            }
        }
        if profile.audiences.count > 1 && profile.audiences.contains(where: { $0.id == .anyone }) {
            add(.warning, "consistency.audience", "audience 'anyone' is listed beside restricted audiences", nil)
        }

        let fee = profile.fee
        switch fee.kind {
        case .fee:
            if fee.amount == nil || fee.currency == nil {
                add(.error, "fee.amount-missing", "a fee needs its amount and currency", nil)
            }
            if let amount = fee.amount, Decimal(string: amount) == nil || amount.contains(where: { !$0.isNumber && $0 != "." }) {
                add(.error, "fee.amount", "fee amount '\(amount)' must be a decimal number such as 500 or 2.50", nil)
            }
            if let currency = fee.currency, currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                add(.error, "fee.currency", "currency '\(currency)' must be an ISO 4217 code such as GBP or JPY", nil)
            }
        default:
            if fee.amount != nil {
                add(.error, "consistency.fee", "the group says it is \(fee.kind.rawValue) but gives a fee amount", nil)
            }
        }

        for contact in profile.contacts {
            let scheme = contact.kind.scheme
            if !LinkScheme.isContact(contact.uri, kind: contact.kind) {
                add(.error, "contact.uri", "a \(contact.kind.rawValue) contact must be a \(scheme) URI, not '\(contact.uri)'", nil)
            }
        }

        var noticeIDs: Set<String> = []
        for notice in feed.notices {
            let key = "notice/\(notice.id)"
            if !noticeIDs.insert(notice.id).inserted { add(.error, "notice.duplicate-id", "notice id '\(notice.id)' is used twice", key, occurrence: 1) }
            if notice.kind != .announcement && (notice.meetingID == nil || notice.date == nil) {
                add(.error, "notice.target-missing", "a \(notice.kind.rawValue) notice must name its meeting and date", key)
            }
            if let meetingID = notice.meetingID, !meetingIDs.contains(meetingID) {
                add(.error, "notice.meeting-unknown", "notice '\(notice.id)' refers to meeting '\(meetingID)', which the feed does not define", key)
            }
        }

        if profile.whatToExpect == nil {
            add(.warning, "profile.expect-missing", "no <expect>: tell newcomers what a first meeting is like", nil)
        }
        if profile.groundRules.isEmpty {
            add(.warning, "profile.ground-rules-missing", "no ground rules are declared", nil)
        }
        if profile.status.id == .active && profile.meetings.isEmpty {
            add(.error, "status.no-meetings", "an active group needs at least one meeting", nil)
        }
        return problems
    }
}

enum PersonalData {
    /// True for text that looks like an e-mail address or a phone number.
    static func looksLikeContact(_ text: String) -> Bool {
        if text.contains("@") { return true }
        return text.filter(\.isNumber).count >= 7
    }
}
