/// A pseudo-locale for finding English left in pages: every letter accented, every string about 40% longer and
/// bracketed, and the markup, `{{mustache}}` tags, `{placeholders}` and `&entities;` in it left as they are.
/// `en-XA` reads left to right; `ar-XB` is the same text for right-to-left layout.
public enum PseudoLocale {
    public static let tag = "en-XA"
    public static let rightToLeftTag = "ar-XB"

    public static func catalog(from template: POFile, tag: String = tag) -> Catalog {
        var file = POFile(header: [("Language", tag)])
        file.entries = template.entries.map { entry in
            var pseudo = entry
            let categories = PluralCategory.categories(of: "en")
            pseudo.strings = entry.idPlural.map { plural in categories.map { $0 == .one ? transform(entry.id) : transform(plural) } }
                ?? [transform(entry.id)]
            return pseudo
        }
        return Catalog(language: "en", file: file)
    }

    static let accents: [Character: Character] = [
        "a": "á", "b": "ƀ", "c": "ç", "d": "ð", "e": "é", "f": "ƒ", "g": "ĝ", "h": "ĥ", "i": "í", "j": "ĵ", "k": "ķ",
        "l": "ļ", "m": "ɱ", "n": "ñ", "o": "ö", "p": "þ", "q": "ǫ", "r": "ŕ", "s": "š", "t": "ţ", "u": "û", "v": "ṽ",
        "w": "ŵ", "x": "ẋ", "y": "ý", "z": "ž", "A": "Å", "B": "Ɓ", "C": "Ç", "D": "Ð", "E": "É", "F": "Ƒ", "G": "Ĝ",
        "H": "Ĥ", "I": "Î", "J": "Ĵ", "K": "Ķ", "L": "Ļ", "M": "Ṁ", "N": "Ñ", "O": "Ö", "P": "Þ", "Q": "Ǫ", "R": "Ŕ",
        "S": "Š", "T": "Ţ", "U": "Û", "V": "Ṽ", "W": "Ŵ", "X": "Ẋ", "Y": "Ý", "Z": "Ž",
    ]

    public static func transform(_ text: String) -> String {
        var out = ""
        var letters = 0
        var index = text.startIndex
        func skip(to closing: String) {
            if let end = text.range(of: closing, range: index..<text.endIndex) {
                out += text[index..<end.upperBound]
                index = end.upperBound
            } else {
                out += text[index...]
                index = text.endIndex
            }
        }
        while index < text.endIndex {
            let character = text[index]
            if text[index...].hasPrefix("{{") { skip(to: "}}"); continue }
            if character == "{" { skip(to: "}"); continue }
            if character == "<" { skip(to: ">"); continue }
            if character == "&", let semicolon = text[index...].prefix(10).firstIndex(of: ";") {
                out += text[index...semicolon]
                index = text.index(after: semicolon)
                continue
            }
            if character.isLetter { letters += 1 }
            out.append(accents[character] ?? character)
            index = text.index(after: index)
        }
        // Padding in short runs that a line may break between, as longer words would: never one unbreakable block.
        let tildes = max(1, (letters * 2 + 4) / 5)
        let padding = stride(from: 0, to: tildes, by: 6).map { String(repeating: "~", count: min(6, tildes - $0)) }.joined(separator: " ")
        return "[" + out + (tildes > 6 ? " " : "") + padding + "]"
    }
}
