import ArgumentParser
import ChorusRegistry
import Foundation

struct PlacesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places", abstract: "Manage the gazetteer that place searches use.",
        subcommands: [PlacesImport.self, PlacesFind.self])
}

struct PlacesImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load populated places from a GeoNames table (e.g. cities15000.txt or GB.txt).",
        discussion: "The whole file is checked first: a bad line stops the import with its line number and nothing is stored. Importing the same file again updates its places.")
    @Argument(help: "A GeoNames 'geoname' table: 19 tab-separated columns, UTF-8.") var file: String
    @Option(help: "GeoNames admin1CodesASCII.txt, to show region names instead of codes.") var regions: String?
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let table = try Self.read(file)
        let parsed: GazetteerFile
        do { parsed = try GazetteerFile(table) } catch { throw Console.fail("\(file): \(error)") }
        var regionNames: [String: String] = [:]
        if let regions {
            do { regionNames = try GazetteerFile.regionNames(try Self.read(regions)) } catch { throw Console.fail("\(regions): \(error)") }
        }
        let count = try await registry.withRegistry { try await $0.importPlaces(parsed, regionNames: regionNames) }
        print("imported \(count) place(s) from \(file)" + (parsed.skipped > 0 ? "; skipped \(parsed.skipped) that are not populated places" : ""))
    }

    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw Console.fail("\(path): cannot read the file") }
        guard data.count <= 2 << 30 else { throw Console.fail("\(path): the file is larger than 2 GiB") }
        return data
    }
}

struct PlacesFind: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "find", abstract: "Show the places a name matches, as a search would.")
    @Argument(help: "A place name, optionally with its region or country: \"Springfield, Illinois\".") var name: String
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let places = try await registry.withRegistry { try await $0.places(named: name) }
        if places.isEmpty { throw Console.fail("no place matches '\(name)'") }
        for place in places {
            let point = place.latitude.map { String(format: "%.4f %.4f", $0, place.longitude ?? 0) } ?? "no point (area only)"
            print("\(place.label)\t\(place.kind)\t\(point)")
        }
    }
}
