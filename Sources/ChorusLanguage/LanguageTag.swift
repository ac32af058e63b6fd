/// BCP 47 language tags as the directory uses them: "es", "es-MX", "ar", "zh-Hant-HK".
public enum LanguageTag {
    /// "es-MX" → "es".
    public static func primary(_ tag: String) -> String {
        String(tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? Substring(tag)).lowercased()
    }

    /// The region subtag, upper case: "es-MX" → "MX", "zh-Hant-HK" → "HK", "es" → nil.
    public static func region(_ tag: String) -> String? {
        tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).dropFirst()
            .first { ($0.count == 2 && $0.allSatisfy(\.isLetter)) || ($0.count == 3 && $0.allSatisfy(\.isNumber)) }
            .map { $0.uppercased() }
    }

    /// A tag in its usual case ("ES-mx" → "es-MX"), or nil when it is not a plausible tag.
    public static func canonical(_ tag: String) -> String? {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...8).contains(parts.count), tag.count <= 35,
              parts.allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }),
              (2...3).contains(parts[0].count), parts[0].allSatisfy(\.isLetter) else { return nil }
        return parts.enumerated().map { index, part in
            if index == 0 { return part.lowercased() }
            if part.count == 2 { return part.uppercased() }
            if part.count == 4 { return part.prefix(1).uppercased() + part.dropFirst().lowercased() }
            return part.lowercased()
        }.joined(separator: "-")
    }

    /// Scripts written right to left, by language.
    public static func isRightToLeft(_ tag: String) -> Bool {
        ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"].contains(primary(tag)) || tag.hasSuffix("-XB")
    }
}
