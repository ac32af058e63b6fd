/// CLDR plural categories (https://cldr.unicode.org/index/cldr-spec/plural-rules), for whole numbers.
public enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other

    /// The categories a language uses, in CLDR order. A catalog's `msgstr[i]` follow this order, and its
    /// `Plural-Forms` header gives the same index for every number.
    public static func categories(of language: String) -> [PluralCategory] {
        switch LanguageTag.primary(language) {
        case "ar": [.zero, .one, .two, .few, .many, .other]
        case "es", "fr", "it", "pt": [.one, .many, .other]
        case "ja", "zh", "ko", "yue": [.other]
        default: [.one, .other]
        }
    }

    /// The category of a whole number in a language (the integer rules of CLDR 44: `i`, `v = 0`, `e = 0`).
    public static func of(_ number: Int, in language: String) -> PluralCategory {
        let n = abs(number)
        switch LanguageTag.primary(language) {
        case "ar":
            switch n % 100 {
            case _ where n == 0: return .zero
            case _ where n == 1: return .one
            case _ where n == 2: return .two
            case 3...10: return .few
            case 11...99: return .many
            default: return .other
            }
        case "es", "it":
            if n == 1 { return .one }
            return n != 0 && n % 1_000_000 == 0 ? .many : .other
        case "fr", "pt":
            if n <= 1 { return .one }
            return n % 1_000_000 == 0 ? .many : .other
        case "ja", "zh", "ko", "yue":
            return .other
        default:
            return n == 1 ? .one : .other
        }
    }

    /// The `msgstr[i]` index of a number.
    public static func index(of number: Int, in language: String) -> Int {
        categories(of: language).firstIndex(of: of(number, in: language)) ?? 0
    }
}
