import Foundation

/// Reads the `<g:group>` profile element.
struct GroupProfileReading {
    let reader: ElementReader
    private let ns = ChorusNamespace.group

    func read(_ element: XMLElementView, sources: inout SourceLines) -> GroupProfile? {
        var byName: [String: [XMLElementView]] = [:]
        for child in element.children {
            guard child.namespaceURI == ns else { continue }
            byName[child.localName, default: []].append(child)
        }
        let known: Set<String> = [
            "summary", "expect", "language", "experience", "audience", "membership", "access", "fee", "independence",
            "status", "commitment", "ground-rule", "location", "meeting", "facilitation", "contact", "next-key",
        ]
        for (name, elements) in byName where !known.contains(name) {
            reader.warning("feed.unknown-element", "unknown element <\(name)> is ignored", at: elements[0])
        }

        func single(_ name: String, required: Bool = true) -> XMLElementView? {
            let elements = byName[name] ?? []
            if elements.count > 1 { reader.error("feed.duplicate", "<\(name)> appears more than once", at: elements[1]) }
            if elements.isEmpty && required { reader.error("feed.missing", "the group profile has no <\(name)>", at: element) }
            return elements.first
        }

        func many(_ name: String, required: Bool = false, limit: Int? = nil) -> [XMLElementView] {
            let elements = reader.limited(byName[name] ?? [], "<\(name)> elements", limit: limit)
            if elements.isEmpty && required { reader.error("feed.missing", "the group profile needs at least one <\(name)>", at: element) }
            return elements
        }

        func terms<Term: VocabularyTerm>(_ name: String, _ type: Term.Type, required: Bool = false) -> [Term] {
            var seen: Set<Term> = []
            return many(name, required: required).compactMap { item in
                guard let id = reader.term("id", of: item, as: type) else { return nil }
                guard seen.insert(id).inserted else {
                    reader.warning("value.repeated", "\(Term.vocabularyName) '\(id.rawValue)' is listed twice", at: item)
                    return nil
                }
                return id
            }
        }

        let summary = single("summary").flatMap(reader.text(of:))
        let expect = single("expect", required: false).flatMap(reader.text(of:))
        let languages = many("language", required: true).compactMap(readLanguage)
        let experiences = terms("experience", Experience.self, required: true)
        let audiences = many("audience", required: true).compactMap(readAudience)
        let membership = single("membership").flatMap { reader.term("id", of: $0, as: MembershipKind.self) }
        let accessRoutes = terms("access", AccessRoute.self, required: true)
        let fee = single("fee").flatMap(readFee)
        let independence = single("independence").flatMap { item in
            reader.term("id", of: item, as: IndependenceKind.self).map { Independence(id: $0, host: reader.optionalAttribute("host", of: item)) }
        }
        let status = single("status").flatMap { item in
            reader.term("id", of: item, as: ActivityStatus.self).map {
                Status(id: $0, until: reader.date("until", of: item, required: false), note: reader.optionalAttribute("note", of: item))
            }
        }
        let commitments = terms("commitment", Commitment.self)
        let groundRules = many("ground-rule").compactMap(readGroundRule)
        let locations = many("location", limit: reader.limits.maximumLocations).compactMap { item in
            LocationReading(reader: reader).read(item).map { location in
                sources.record("location/\(location.id)", item.line)
                return location
            }
        }
        let meetings = many("meeting", limit: reader.limits.maximumMeetings).compactMap { item in
            MeetingReading(reader: reader).read(item).map { meeting in
                sources.record("meeting/\(meeting.id)", item.line)
                return meeting
            }
        }
        let facilitation = single("facilitation").flatMap(readFacilitation)
        if let item = byName["facilitation"]?.first { sources.record("facilitation", item.line) }
        let contacts = many("contact", required: true).compactMap(readContact)
        let nextKey = single("next-key", required: false).flatMap(readNextKey)

        guard let summary, let membership, let fee, let independence, let status, let facilitation else { return nil }
        return GroupProfile(
            summary: summary, whatToExpect: expect, languages: languages, experiences: experiences, audiences: audiences,
            membership: membership, accessRoutes: accessRoutes, fee: fee, independence: independence, status: status,
            commitments: commitments, groundRules: groundRules, locations: locations, meetings: meetings,
            facilitation: facilitation, contacts: contacts, nextKey: nextKey)
    }

    private func readLanguage(_ element: XMLElementView) -> String? {
        guard let tag = reader.requiredAttribute("tag", of: element) else { return nil }
        guard LanguageTag.isWellFormed(tag) else {
            reader.error("language.invalid", "'\(tag)' is not a BCP 47 language tag such as en, es or ja", at: element)
            return nil
        }
        return tag
    }

    private func readAudience(_ element: XMLElementView) -> Audience? {
        guard let id = reader.term("id", of: element, as: AudienceKind.self) else { return nil }
        return Audience(
            id: id,
            minimumAge: reader.count("min-age", of: element, range: 0...120),
            maximumAge: reader.count("max-age", of: element, range: 0...120),
            community: reader.optionalAttribute("community", of: element),
            reason: reader.optionalAttribute("reason", of: element))
    }

    private func readFee(_ element: XMLElementView) -> Fee? {
        guard let kind = reader.term("kind", of: element, as: FeeKind.self) else { return nil }
        let per = reader.optionalTerm("per", of: element, as: FeePeriod.self)
        return Fee(
            kind: kind, amount: reader.optionalAttribute("amount", of: element),
            currency: reader.optionalAttribute("currency", of: element), per: per,
            note: reader.optionalAttribute("note", of: element))
    }

    private func readGroundRule(_ element: XMLElementView) -> GroundRule? {
        let id = reader.optionalTerm("id", of: element, as: StandardGroundRule.self)
        let hasID = element.attribute("id") != nil
        let raw = element.text.trimmedWhitespace
        let text = raw.isEmpty ? nil : reader.text(of: element)
        if !hasID && raw.isEmpty {
            reader.error("text.empty", "a <ground-rule> needs an id, its own words, or both", at: element)
            return nil
        }
        if hasID && id == nil { return nil }
        return GroundRule(id: id, text: text)
    }

    private func readFacilitation(_ element: XMLElementView) -> Facilitation? {
        let pool = reader.count("pool-size", of: element, required: true, range: 0...1000)
        let facilitators = reader.limited(element.children.filter { $0.is("facilitator", in: ns) }, "facilitators").compactMap { item -> Facilitator? in
            guard let handle = reader.requiredAttribute("handle", of: item),
                  let lived = reader.flag("lived-experience", of: item),
                  let trained = reader.flag("trained", of: item),
                  let role = reader.term("role", of: item, as: FacilitatorRole.self) else { return nil }
            return Facilitator(handle: handle, livedExperience: lived, trained: trained, role: role)
        }
        guard let pool else { return nil }
        return Facilitation(
            poolSize: pool,
            livedExperience: reader.count("lived-experience", of: element, range: 0...1000),
            trained: reader.count("trained", of: element, range: 0...1000),
            trainingProvider: reader.optionalAttribute("training-provider", of: element),
            peer: reader.count("peer", of: element, range: 0...1000),
            professional: reader.count("professional", of: element, range: 0...1000),
            membersWithLivedExperiencePercent: reader.count("members-lived-experience-percent", of: element, range: 0...100),
            facilitators: facilitators)
    }

    private func readContact(_ element: XMLElementView) -> Contact? {
        guard let kind = reader.term("kind", of: element, as: ContactKind.self),
              let uri = reader.requiredAttribute("href", of: element) else { return nil }
        let label = element.text.trimmedWhitespace.isEmpty ? nil : reader.text(of: element)
        return Contact(kind: kind, uri: uri, label: label)
    }

    private func readNextKey(_ element: XMLElementView) -> String? {
        guard let text = reader.text(of: element) else { return nil }
        do {
            _ = try MinisignPublicKey(base64: text)
        } catch {
            reader.error("next-key.invalid", "<next-key> is not a minisign public key: \(error.message)", at: element)
            return nil
        }
        return text
    }
}

public enum LanguageTag {
    /// A well-formed BCP 47 tag in the common shape: a 2–3 letter language, then subtags of 1–8 letters or digits.
    public static func isWellFormed(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
