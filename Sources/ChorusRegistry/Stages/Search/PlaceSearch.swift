import Foundation
import GRDB

/// Finds places by name in the imported gazetteer and in the localities the feeds publish.
enum PlaceSearch {
    /// Every place answering to a name, best first. "Springfield, Illinois" or "Springfield, IL, US" narrows by
    /// region and country; case, accents and punctuation are ignored.
    static func places(_ db: Database, named text: String) throws -> [DirectoryPlace] {
        let parts = text.split(separator: ",").map { PlaceName.key(String($0)) }.filter { !$0.isEmpty }
        guard let nameKey = parts.first else { return [] }
        let qualifiers = Array(parts.dropFirst())
        var found: [(place: DirectoryPlace, population: Int)] = []
        for place in try GazetteerRecord.fetchAll(db, literal: """
            SELECT g.* FROM gazetteerName n JOIN gazetteer g ON g.id = n.placeId WHERE n.nameKey = \(nameKey)
            ORDER BY g.population DESC LIMIT 200
            """) {
            guard matches(qualifiers, region: [place.region, place.regionCode], country: place.country) else { continue }
            found.append((DirectoryPlace(name: place.name, region: place.region ?? place.regionCode, country: place.country,
                                         latitude: place.latitude, longitude: place.longitude, kind: .locality, timeZone: place.timeZone,
                                         label: ""), place.population))
        }
        for kind in [PlaceKind.locality, .postcode, .region] {
            for row in try FeedPlaceRow.named(db, key: nameKey, kind: kind) {
                let region = kind == .region ? nil : row.region
                guard matches(qualifiers, region: [region], country: row.country) else { continue }
                let place = DirectoryPlace(name: row.name, region: region, country: row.country, latitude: row.latitude,
                                           longitude: row.longitude, kind: kind, timeZone: nil, label: "")
                if found.contains(where: { same($0.place, place) }) { continue }
                found.append((place, row.venues))
            }
        }
        return found.sorted { $0.population > $1.population }.map { entry in
            var place = entry.place
            place.label = [place.name, place.region, place.country].compactMap { $0 }.joined(separator: ", ")
            return place
        }
    }

    private static func matches(_ qualifiers: [String], region: [String?], country: String) -> Bool {
        let names = Set((region.compactMap { $0 } + [country, CountryNames.name(of: country) ?? country]).map(PlaceName.key))
        return qualifiers.allSatisfy { names.contains($0) }
    }

    /// Two answers to the same name are one place when they are in the same country within 30 km.
    private static func same(_ a: DirectoryPlace, _ b: DirectoryPlace) -> Bool {
        guard a.country == b.country else { return false }
        guard let aLat = a.latitude, let aLon = a.longitude, let bLat = b.latitude, let bLon = b.longitude else { return true }
        return Distance.kilometres(aLat, aLon, bLat, bLon) < 30
    }
}

enum CountryNames {
    static func name(of code: String) -> String? {
        Locale(identifier: "en").localizedString(forRegionCode: code)
    }
}

enum Distance {
    /// Great-circle distance on a sphere of the Earth's mean radius.
    static func kilometres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians
        let dLon = (lon2 - lon1) * radians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 6371.0088 * 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
    }

    /// A latitude/longitude box that holds every point within `kilometres` of a centre.
    static func box(latitude: Double, longitude: Double, kilometres: Double) -> (minLat: Double, maxLat: Double, minLon: Double, maxLon: Double) {
        let dLat = kilometres / 111.0
        let cosLat = max(cos(latitude * Double.pi / 180), 0.01)
        let dLon = min(180, kilometres / (111.32 * cosLat))
        return (latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon)
    }
}
