import ChorusFeed

extension DirectorySearch {
    /// What a group and one of its occurrences must be to answer a search.
    struct Conditions {
        let query: DirectoryQuery
        let snapshot: DirectorySnapshot
        /// The earliest start considered, and the instant an occurrence must not have ended by (a meeting under
        /// way is offered as on now).
        let from: Int64
        let now: Int64
        let until: Int64
        let facets: [String]
        /// The folded words of the text, each of which must begin a word of the group; nil without text.
        let words: [String]?
        private let modes: [AttendanceMode]?
        let textRows: Set<Int64>?

        init(query: DirectoryQuery, snapshot: DirectorySnapshot, from: Int64, now: Int64, until: Int64) {
            self.query = query
            self.snapshot = snapshot
            self.from = from
            self.now = now
            self.until = until
            var facets: [String] = []
            if let mode = query.mode { facets.append("mode:\(mode.rawValue)") }
            if let audience = query.audience { facets.append("audience:\(audience.rawValue)") }
            if let language = query.language { facets.append("language:\(DirectoryFacets.primaryLanguage(language))") }
            facets += query.accessibility.map { "access:\($0.rawValue)" }
            if query.freeOnly { facets.append("free") }
            self.facets = facets
            let words = query.text.map(SearchWords.query)
            self.words = words?.isEmpty == false ? words : nil
            modes = query.mode.map { $0 == .hybrid ? [.hybrid] : [$0, .hybrid] }
            textRows = self.words.map { snapshot.matching(words: $0) }
        }

        /// Listed (or, for a network's admins, an active member) where the search asks, not closed, with every
        /// facet and every word.
        func admit(_ group: IndexedGroup) -> Bool {
            guard group.status != .closed else { return false }
            guard group.memberships.contains(where: { membership in
                (query.listedOnly ? membership.listed : membership.active)
                    && (query.network == nil || membership.slug == query.network)
                    && (query.tier == nil || membership.tier == query.tier)
            }) else { return false }
            for facet in facets where !group.facets.contains(facet) { return false }
            if let textRows, !textRows.contains(group.row) { return false }
            return true
        }

        func accepts(_ occurrence: IndexedGroup.Occurrence) -> Bool {
            guard !occurrence.cancelled, occurrence.start >= from, occurrence.end > now, occurrence.start < until else { return false }
            if !query.days.isEmpty && !query.days.contains(occurrence.weekday) { return false }
            if let minutes = query.startMinutes, !minutes.contains(occurrence.minute) { return false }
            if let modes, !modes.contains(occurrence.mode) { return false }
            return true
        }

        func next(of group: IndexedGroup) -> IndexedGroup.Occurrence? {
            group.nextOccurrence(from: from) { $0.start < until && accepts($0) }
        }

        /// Every group the text allows, or the groups of the rarest facet when it has at most `limit`; nil
        /// without either.
        func candidateRows(atMost limit: Int) -> [Int64]? {
            let facetRows = snapshot.having(facets: facets, limit: limit)
            if let textRows, textRows.count <= facetRows?.count ?? .max { return Array(textRows) }
            return facetRows
        }
    }
}
