extension DirectorySnapshot {
    /// The indexes over every group, built in one pass.
    struct Main: Sendable {
        struct Point: Sendable {
            let group: IndexedGroup
            let place: Int
        }

        let groups: [Int64: IndexedGroup]
        let timeline: [TimelineEntry]
        let grid: [Int64: [Point]]
        let areas: [AreaKey: [Point]]
        /// Every word of every group, sorted, with the rows of the groups that have it.
        let words: [String]
        let postings: [[Int64]]
        let facets: [String: [Int64]]
        let networks: [String: [Int64]]

        init(groups: [Int64: IndexedGroup]) {
            self.groups = groups
            var timeline: [TimelineEntry] = []
            var grid: [Int64: [Point]] = [:]
            var areas: [AreaKey: [Point]] = [:]
            var postingsByWord: [String: [Int64]] = [:]
            var facets: [String: [Int64]] = [:]
            var networks: [String: [Int64]] = [:]
            for (row, group) in groups {
                timeline += TimelineEntry.of(group)
                for (index, place) in group.places.enumerated() {
                    if let latitude = place.latitude, let longitude = place.longitude {
                        grid[Grid.cell(latitude: latitude, longitude: longitude), default: []].append(Point(group: group, place: index))
                    }
                    for kind in [PlaceKind.locality, .region, .postcode] {
                        if let key = place.key(kind) {
                            areas[AreaKey(kind: kind.keyKind, key: key, country: place.country), default: []].append(Point(group: group, place: index))
                        }
                    }
                }
                for word in group.words { postingsByWord[word, default: []].append(row) }
                for facet in group.facets { facets[facet, default: []].append(row) }
                for membership in group.memberships { networks[membership.slug, default: []].append(row) }
            }
            self.timeline = timeline.sorted()
            self.grid = grid
            self.areas = areas
            let words = postingsByWord.keys.sorted()
            self.words = words
            self.postings = words.map { postingsByWord[$0]! }
            self.facets = facets
            self.networks = networks
        }

        /// Rows of groups with a word that begins with `prefix`.
        func rows(withWordStarting prefix: String) -> [Int64] {
            var low = 0
            var high = words.count
            while low < high {
                let middle = (low + high) / 2
                if words[middle] < prefix { low = middle + 1 } else { high = middle }
            }
            var rows: [Int64] = []
            var index = low
            while index < words.count, words[index].hasPrefix(prefix) {
                rows += postings[index]
                index += 1
            }
            return rows
        }
    }
}
