import Foundation
import GRDB

extension Registry {
    /// Loads (or reloads) GeoNames places into the gazetteer in one transaction, then re-places withheld areas.
    public func importPlaces(_ file: GazetteerFile, regionNames: [String: String] = [:]) throws -> Int {
        try pool.write { db in
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO gazetteer (name, region, regionCode, country, latitude, longitude, population, timeZone, source, sourceId)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'geonames', ?)
                ON CONFLICT (source, sourceId) DO UPDATE SET name = excluded.name, region = excluded.region,
                    regionCode = excluded.regionCode, country = excluded.country, latitude = excluded.latitude,
                    longitude = excluded.longitude, population = excluded.population, timeZone = excluded.timeZone
                RETURNING id
                """)
            let name = try db.cachedStatement(sql: "INSERT OR IGNORE INTO gazetteerName (nameKey, placeId) VALUES (?, ?)")
            for entry in file.entries {
                let region = entry.regionCode.flatMap { regionNames["\(entry.country).\($0)"] }
                guard let id = try Int64.fetchOne(upsert, arguments: [
                    entry.name, region, entry.regionCode, entry.country, entry.latitude, entry.longitude, entry.population,
                    entry.timeZone, entry.geonameId,
                ]) else { continue }
                try db.execute(sql: "DELETE FROM gazetteerName WHERE placeId = ?", arguments: [id])
                for key in Set(entry.names.map(PlaceName.key)) where !key.isEmpty {
                    try name.execute(arguments: [key, id])
                }
            }
            try resolveAreaPoints(db)
            return file.entries.count
        }
    }
}
