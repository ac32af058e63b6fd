import Foundation

/// How the JSON outputs are written: keys sorted, so the same directory gives the same bytes (and the same ETag).
enum OutputCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
