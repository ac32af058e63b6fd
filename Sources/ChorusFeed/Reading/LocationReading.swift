/// Reads a `<g:location>`.
struct LocationReading {
    let reader: ElementReader
    private let ns = ChorusNamespace.group

    func read(_ element: XMLElementView) -> Location? {
        guard let id = reader.requiredAttribute("id", of: element),
              let setting = reader.term("setting", of: element, as: Setting.self) else { return nil }
        let precision = reader.optionalTerm("precision", of: element, as: Precision.self) ?? .exact
        let disclosure = reader.optionalTerm("disclosure", of: element, as: Disclosure.self) ?? .public
        let timeZone = reader.optionalAttribute("timezone", of: element).flatMap { reader.timeZone($0, at: element) }
        var name: String?, address: Address?, geo: Geo?, directions: String?
        var accessibility: [AccessibilityFeature] = []
        for child in element.children where child.namespaceURI == ns {
            switch child.localName {
            case "name": name = reader.text(of: child)
            case "directions": directions = reader.text(of: child)
            case "address": address = readAddress(child)
            case "geo": geo = readGeo(child)
            case "accessibility":
                if let feature = reader.term("id", of: child, as: AccessibilityFeature.self), !accessibility.contains(feature) {
                    accessibility.append(feature)
                }
            default: reader.warning("feed.unknown-element", "unknown element <\(child.localName)> is ignored", at: child)
            }
        }
        guard let address else {
            reader.error("feed.missing", "location '\(id)' needs an <address> with at least its <country>", at: element)
            return nil
        }
        return Location(
            id: id, name: name, setting: setting, address: address, geo: geo, precision: precision,
            disclosure: disclosure, timeZone: timeZone, accessibility: accessibility, directions: directions)
    }

    private func readAddress(_ element: XMLElementView) -> Address? {
        var parts: [String: String] = [:]
        for child in element.children where child.namespaceURI == ns {
            guard ["street", "locality", "region", "postcode", "country"].contains(child.localName) else {
                reader.warning("feed.unknown-element", "unknown element <\(child.localName)> is ignored", at: child)
                continue
            }
            parts[child.localName] = reader.text(of: child)
        }
        guard let country = parts["country"] else {
            reader.error("feed.missing", "<address> needs a <country> (ISO 3166-1 code such as GB)", at: element)
            return nil
        }
        guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            reader.error("location.country", "country '\(country)' must be a two-letter ISO 3166-1 code such as GB or US", at: element)
            return nil
        }
        return Address(street: parts["street"], locality: parts["locality"], region: parts["region"], postcode: parts["postcode"], country: country)
    }

    private func readGeo(_ element: XMLElementView) -> Geo? {
        guard let latText = reader.requiredAttribute("lat", of: element),
              let lonText = reader.requiredAttribute("lon", of: element) else { return nil }
        guard let lat = Double(latText), let lon = Double(lonText), lat.isFinite, lon.isFinite else {
            reader.error("location.coordinates", "coordinates must be decimal degrees, not '\(latText)', '\(lonText)'", at: element)
            return nil
        }
        guard (-90...90).contains(lat), (-180...180).contains(lon) else {
            reader.error("location.coordinates", "coordinates \(latText), \(lonText) are out of range (latitude −90…90, longitude −180…180)", at: element)
            return nil
        }
        return Geo(latitude: lat, longitude: lon)
    }
}
