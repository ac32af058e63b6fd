/// Picks a page's language from `Accept-Language` (RFC 9110 §12.5.4) by RFC 4647 lookup: the ranges in order of
/// quality, each tried as it is and then with its last subtags cut off ("es-MX" → "es"), among the languages a
/// network offers; the network's default when none matches.
public enum LanguageNegotiation {
    public struct Range: Equatable, Sendable {
        public let tag: String
        public let quality: Double
    }

    /// The ranges with a quality above zero, best first; equal qualities keep the header's order. At most 32 are read.
    public static func ranges(_ header: String) -> [Range] {
        let parsed = header.split(separator: ",").prefix(32).enumerated().compactMap { position, item -> (Int, Range)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { return nil }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                guard let value = Double(parameter.dropFirst(2)), (0...1).contains(value) else { return nil }
                quality = value
            }
            guard quality > 0, tag == "*" || LanguageTag.canonical(tag) != nil else { return nil }
            return (position, Range(tag: tag == "*" ? "*" : LanguageTag.canonical(tag)!, quality: quality))
        }
        return parsed.sorted { $0.1.quality != $1.1.quality ? $0.1.quality > $1.1.quality : $0.0 < $1.0 }.map(\.1)
    }

    public struct Choice: Equatable, Sendable {
        public let language: String
        /// The visitor's own tag that chose it ("es-MX" for "es"), for dates, numbers and units.
        public let visitorTag: String?

        public init(language: String, visitorTag: String?) {
            self.language = language
            self.visitorTag = visitorTag
        }
    }

    public static func choose(_ header: String?, offered: [String], fallback: String) -> Choice {
        let offeredByLowercase = Dictionary(offered.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        for range in ranges(header ?? "") {
            if range.tag == "*" { return Choice(language: fallback, visitorTag: nil) }
            var subtags = range.tag.split(separator: "-").map(String.init)
            while !subtags.isEmpty {
                if let match = offeredByLowercase[subtags.joined(separator: "-").lowercased()] {
                    return Choice(language: match, visitorTag: range.tag)
                }
                subtags.removeLast()
                if subtags.last?.count == 1 { subtags.removeLast() }
            }
        }
        return Choice(language: fallback, visitorTag: nil)
    }
}
