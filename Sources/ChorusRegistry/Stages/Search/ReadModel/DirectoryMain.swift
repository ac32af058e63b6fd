extension DirectorySnapshot {
    /// The indexes over every group, built in one pass.
    struct Main: Sendable {
        /// A place of a group under one of its area names.
        struct AreaPlace: Sendable {
            let group: IndexedGroup
            let place: Int
            let pointless: Bool
        }

        let groups: [Int64: IndexedGroup]
        let timeline: [TimelineEntry]
        /// Every point, sorted by grid cell.
        let points: [GridPoint]
        /// The groups the points and the timeline refer to, by slot.
        let slots: [IndexedGroup]
        let slotOfRow: [Int64: Int32]
        let areas: [AreaKey: [AreaPlace]]
        /// Every word of every group, sorted, with the rows of the groups that have it.
        let words: [String]
        let postings: [[Int64]]
        let facets: [String: [Int64]]
        let networks: [String: [Int64]]

        init(groups: [Int64: IndexedGroup]) {
            self.groups = groups
            var timeline: [TimelineEntry] = []
            var points: [GridPoint] = []
            var slots: [IndexedGroup] = []
            var slotOfRow: [Int64: Int32] = [:]
            var areas: [AreaKey: [AreaPlace]] = [:]
            var postingsByWord: [String: [Int64]] = [:]
            var facets: [String: [Int64]] = [:]
            var networks: [String: [Int64]] = [:]
            for (row, group) in groups {
                let slot = Int32(slots.count)
                slots.append(group)
                slotOfRow[row] = slot
                timeline += TimelineEntry.of(group, slot: slot)
                for (index, place) in group.places.enumerated() {
                    if let latitude = place.latitude, let longitude = place.longitude {
                        points.append(GridPoint(latitude: latitude, longitude: longitude, cell: Grid.cell(latitude: latitude, longitude: longitude),
                                                slot: slot, place: Int32(index)))
                    }
                    for kind in [PlaceKind.locality, .region, .postcode] {
                        if let key = place.key(kind) {
                            areas[AreaKey(kind: kind.keyKind, key: key, country: place.country), default: []]
                                .append(AreaPlace(group: group, place: index, pointless: place.pointless))
                        }
                    }
                }
                for word in group.words { postingsByWord[word, default: []].append(row) }
                for facet in group.facets { facets[facet, default: []].append(row) }
                for membership in group.memberships { networks[membership.slug, default: []].append(row) }
            }
            self.timeline = timeline.sorted()
            self.points = points.sorted { $0.cell < $1.cell }
            self.slots = slots
            self.slotOfRow = slotOfRow
            self.areas = areas
            let words = postingsByWord.keys.sorted()
            self.words = words
            self.postings = words.map { postingsByWord[$0]! }
            self.facets = facets
            self.networks = networks
        }

        /// The points inside a latitude/longitude box: one binary search per row of cells.
        func forEachPoint(in box: (minLat: Double, maxLat: Double, minLon: Double, maxLon: Double), _ body: (GridPoint) -> Void) {
            for (first, last) in Grid.rows(covering: box) {
                var index = points.lowerBound { $0.cell < first }
                while index < points.count, points[index].cell <= last {
                    let point = points[index]
                    if point.latitude >= box.minLat && point.latitude <= box.maxLat && point.longitude >= box.minLon && point.longitude <= box.maxLon {
                        body(point)
                    }
                    index += 1
                }
            }
        }

        /// Rows of groups with a word that begins with `prefix`.
        func rows(withWordStarting prefix: String) -> [Int64] {
            var rows: [Int64] = []
            var index = words.lowerBound { $0 < prefix }
            while index < words.count, words[index].hasPrefix(prefix) {
                rows += postings[index]
                index += 1
            }
            return rows
        }
    }
}
