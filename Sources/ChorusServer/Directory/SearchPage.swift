import ChorusFeed
import ChorusLanguage
import ChorusRegistry
import Foundation

/// The results page: the search form with its filters as chosen, place choices, and the results.
struct SearchView {
    typealias Option = FormOption

    struct Choice {
        let label: String
        let query: String
    }

    struct Result {
        struct Next {
            let groupTime: String
            let yourTime: String?
            let meeting: String
            let mode: String
        }

        /// One line per notice: its title, linking to the notice on the group page.
        struct Notice {
            let title: String
            let lang: String?
        }

        let groupId: String
        /// The group page, with the visitor's zone when the search had it.
        let link: String
        let title: String
        let restriction: String?
        let restrictionReason: String?
        let summary: String
        let lang: String?
        /// Where, in the directory's words (a distance, "Online"), then the area the group names.
        let whereWords: String?
        let whereArea: String?
        let next: Next?
        let noNext: String
        let facts: String
        let tiers: [Tier]
        let notices: [Notice]
    }

    /// A network that lists the group, and the tier its charter gives it: both in the network's own words.
    struct Tier {
        let network: String
        let tier: String?
    }

    var heading = tr("Peer support groups")
    var error: String?
    var place = ""
    var text = ""
    var latitude: String?
    var longitude: String?
    var searcherZone: String?
    var within: String?
    var filtersOpen = false
    var filterCount: Int?
    var radii: [Option] = []
    var days: [Option] = []
    var times: [Option] = []
    var modes: [Option] = []
    var audiences: [Option] = []
    var languages: [Option] = []
    var access: [Option] = []
    var freeOnly = false
    var networks: [Option] = []
    var hasNetworks = false
    var choices: [Choice] = []
    var hasChoices = false
    var unknownPlace: String?
    var showResults = false
    var countText = ""
    var results: [Result] = []
    var hasResults = false
    /// Nothing within the distance: the nearest group, and how far it is.
    var nearest: Result?
    var nearestText: String?
    var first = 1
    var previous: String?
    var more: String?
    /// The search's query string for its Atom and RSS feeds (no page, no time zone).
    var feedQuery: String?
}


enum SearchPage {
    static var dayLabels: [String] { Weekday.allCases.map(ScheduleWords.weekday) }
    static let dayValues = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `offered` counts the listed groups of each audience and language facet: the form offers only those some
    /// group has (and the one chosen), with the count beside each.
    static func view(parameters: SearchParameters?, error: String?, results: DirectoryResults?, offered: [String: Int],
                     networks: [(slug: String, name: String)], now: Date) -> SearchView {
        var view = SearchView()
        view.error = error
        let query = parameters?.query ?? DirectoryQuery()
        view.place = query.place ?? ""
        view.text = query.text ?? ""
        if query.place == nil, let latitude = query.latitude, let longitude = query.longitude {
            view.latitude = String(format: "%.4f", latitude)
            view.longitude = String(format: "%.4f", longitude)
        }
        view.searcherZone = parameters?.searcherZone?.identifier
        view.radii = SearchParameters.radii.map { .init(value: $0.formatted, label: tr("{distance} km", ["distance": Localizer.current.decimal($0)]), selected: query.radiusKm == $0) }
        view.days = dayValues.indices.map { .init(value: dayValues[$0], label: dayLabels[$0], selected: query.days.contains($0)) }
        let timeValue = query.startMinutes.flatMap { range in DirectoryQuery.partsOfDay.first { $0.value == range }?.key }
        view.times = [("", tr("Any time")), ("morning", tr("Morning (before 12:00)")), ("afternoon", tr("Afternoon (12:00 to 17:00)")),
                      ("evening", tr("Evening (from 17:00)"))].map {
            .init(value: $0.0, label: $0.1, selected: ($0.0.isEmpty && query.startMinutes == nil) || $0.0 == timeValue)
        }
        view.modes = [.init(value: "", label: tr("Any way"), selected: query.mode == nil)]
            + AttendanceMode.allCases.map { .init(value: $0.rawValue, label: $0.shownLabel, selected: query.mode == $0) }
        func counted(_ label: String, _ facet: String) -> String { offered[facet].map { "\(label) (\(Localizer.current.number($0)))" } ?? label }
        view.audiences = [.init(value: "", label: tr("Anyone"), selected: query.audience == nil)]
            + AudienceKind.allCases.filter { $0 != .anyone && (offered["audience:" + $0.rawValue] != nil || query.audience == $0) }.map {
                .init(value: $0.rawValue, label: counted($0.shownLabel, "audience:" + $0.rawValue), selected: query.audience == $0)
            }
        var languageCodes = offered.keys.filter { $0.hasPrefix("language:") }.map { String($0.dropFirst("language:".count)) }
        if let chosen = query.language, !languageCodes.contains(chosen) { languageCodes.append(chosen) }
        view.languages = [.init(value: "", label: tr("Any language"), selected: query.language == nil)]
            + languageCodes.map { .init(value: $0, label: counted(Labels.language($0), "language:" + $0), selected: query.language == $0) }
            .sorted { $0.label.compare($1.label, locale: Localizer.current.locale) == .orderedAscending }
        view.access = AccessibilityFeature.allCases.map {
            .init(value: $0.rawValue, label: $0.shownLabel, selected: query.accessibility.contains($0))
        }
        view.freeOnly = query.freeOnly
        view.hasNetworks = networks.count > 1
        view.networks = [.init(value: "", label: tr("Any network"), selected: query.network == nil)]
            + networks.map { .init(value: $0.slug, label: $0.name, selected: query.network == $0.slug) }
        let chosen = query.days.count + (query.startMinutes == nil ? 0 : 1) + (query.mode == nil ? 0 : 1)
            + (query.audience == nil ? 0 : 1) + (query.language == nil ? 0 : 1) + query.accessibility.count
            + (query.freeOnly ? 1 : 0) + (query.network == nil ? 0 : 1) + (query.withinHours == nil ? 0 : 1)
        view.filterCount = chosen == 0 ? nil : chosen
        view.filtersOpen = chosen > 0
        view.within = query.withinHours.map(String.init)

        guard let parameters, let results else { return view }
        view.heading = heading(query: query, results: results)
        view.unknownPlace = results.unknownPlace
        view.choices = results.choices.map { place in
            SearchView.Choice(label: place.label, query: parameters.queryString(replacing: ["place": place.label, "page": nil]))
        }
        view.hasChoices = !view.choices.isEmpty
        guard results.unknownPlace == nil, results.choices.isEmpty else { return view }
        view.showResults = true
        view.feedQuery = parameters.queryString(replacing: ["page": nil, "limit": nil, "tz": nil])
        view.first = results.offset + 1
        let last = results.offset + results.hits.count
        view.countText = results.hits.isEmpty ? tr("No groups found.")
            : results.offset == 0 && !results.hasMore ? trPlural("{count} group found.", "{count} groups found.", count: results.hits.count)
            : tr("Groups {first} to {last}.", ["first": Localizer.current.number(view.first), "last": Localizer.current.number(last)])
        view.results = results.hits.map { result($0, searcherZone: parameters.searcherZone, now: now) }
        view.hasResults = !view.results.isEmpty
        if let nearest = results.nearest {
            view.nearest = result(nearest, searcherZone: parameters.searcherZone, now: now)
            let distance = Localizer.current.decimal(query.radiusKm)
            let nearestIs = nearest.distanceKm.map(Labels.distance) ?? nearest.withheldArea.map { tr("in {area}", ["area": Labels.area($0)]) } ?? tr("further away")
            if let place = results.place, place.kind != .coordinates {
                view.nearestText = tr("No group meets within {distance} km of {place}. The nearest is {nearest}:", ["distance": distance, "place": place.name, "nearest": nearestIs])
            } else {
                view.nearestText = tr("No group meets within {distance} km of you. The nearest is {nearest}:", ["distance": distance, "nearest": nearestIs])
            }
        }
        if view.hasResults { view.filtersOpen = false }
        if parameters.page > 1 { view.previous = parameters.queryString(replacing: ["page": parameters.page == 2 ? nil : String(parameters.page - 1)]) }
        if results.hasMore { view.more = parameters.queryString(replacing: ["page": String(parameters.page + 1)]) }
        return view
    }

    static func heading(query: DirectoryQuery, results: DirectoryResults) -> String {
        if let place = results.place, place.kind != .coordinates { return tr("Groups near {place}", ["place": place.name]) }
        if results.place?.kind == .coordinates { return tr("Groups near you") }
        if let place = query.place { return tr("Groups near {place}", ["place": place]) }
        if let text = query.text { return tr("Groups matching “{text}”", ["text": text]) }
        if let hours = query.withinHours { return trPlural("Groups meeting in the next hour", "Groups meeting in the next {count} hours", count: hours) }
        if query.mode == .online { return tr("Groups that meet online") }
        return tr("Peer support groups")
    }

    static func result(_ hit: DirectoryHit, searcherZone: TimeZone?, now: Date) -> SearchView.Result {
        var whereWords: String?, whereArea: String?
        if let distance = hit.distanceKm {
            whereWords = Labels.distance(distance)
            whereArea = hit.area.map(Labels.area)
        } else if let area = hit.withheldArea {
            whereWords = tr("Meets in {area}; the group gives the exact place when you get in touch", ["area": Labels.area(area)])
        } else if let area = hit.area {
            whereArea = Labels.area(area)
        } else {
            whereWords = tr("Online")
        }
        var next: SearchView.Result.Next?
        if let occurrence = hit.next, let zone = TimeZone(identifier: occurrence.timeZone) {
            let lines = RelativeTime.lines(start: occurrence.start, end: occurrence.end, now: now, zone: zone, visitorZone: searcherZone)
            next = .init(groupTime: lines.meeting, yourTime: lines.visitor, meeting: occurrence.meetingTitle,
                         mode: occurrence.mode.shownLabel.lowercased(with: Localizer.current.locale))
        }
        var facts = hit.modes.map(\.shownLabel)
        if hit.free { facts.append(tr("Free")) }
        let tiers = hit.listings.map { SearchView.Tier(network: $0.networkName, tier: $0.tierName) }
        let link = PageLanguage.current.link("/groups/" + hit.groupId) + (searcherZone.map { "?tz=" + $0.identifier } ?? "")
        return SearchView.Result(
            groupId: hit.groupId, link: link, title: hit.title, restriction: hit.restriction, restrictionReason: hit.restrictionReason, summary: hit.summary, lang: hit.language,
            whereWords: whereWords, whereArea: whereArea, next: next,
            noNext: hit.status == .paused ? tr("Paused for now.") : tr("No meeting dates in the next eight weeks."),
            facts: facts.joined(separator: " · "), tiers: tiers,
            notices: hit.notices.map { .init(title: $0.title, lang: hit.language) })
    }
}
