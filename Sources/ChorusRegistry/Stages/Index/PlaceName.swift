import Foundation

/// Place names as the gazetteer compares them: case, accents and punctuation ignored, spaces collapsed.
public enum PlaceName {
    public static func key(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var key = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !key.isEmpty { key.append(" ") }
                pendingSpace = false
                key.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "\u{2019}" {
                pendingSpace = true
            }
        }
        return key
    }
}
