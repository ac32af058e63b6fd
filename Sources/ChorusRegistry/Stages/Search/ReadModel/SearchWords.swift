import Foundation

/// Words as the directory's text search compares them: split at anything that is not a letter or a digit, lower
/// case, and without the diacritics of Latin letters ("Dún Laoghaire" → "dun", "laoghaire"), as SQLite's FTS5
/// `unicode61 remove_diacritics 2` tokenizer makes them.
enum SearchWords {
    static func of(_ text: String) -> [String] {
        text.split { !$0.isLetter && !$0.isNumber }.map(fold)
    }

    /// The words of a search, at most eight; each must begin a word of the group.
    static func query(_ text: String) -> [String] {
        Array(text.split { !$0.isLetter && !$0.isNumber }.prefix(8).map(fold))
    }

    static func fold(_ word: Substring) -> String {
        var scalars = String.UnicodeScalarView()
        var baseIsLatin = false
        for scalar in String(word).decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark {
                if baseIsLatin { continue }
            } else {
                baseIsLatin = scalar.value < 0x0250 || (0x1E00...0x1EFF).contains(scalar.value)
            }
            scalars.append(scalar)
        }
        return String(scalars).precomposedStringWithCanonicalMapping.lowercased()
    }
}
