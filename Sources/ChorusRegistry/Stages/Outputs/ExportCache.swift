import Foundation

/// The whole-network exports as last built, kept as one fragment per group, so that a change re-encodes only the
/// groups it touched (`BuiltOnce` gives each build the fragments of the one before).
enum ExportCache {
    struct Key: Hashable, Sendable {
        let kind: ExportKind
        let network: Int64
        /// The address the export's links point at.
        let base: String
    }

    /// What a group's fragment was built from: its own change sequence, the sequence of changes that touch every
    /// group (a network renamed, the gazetteer reloaded), and for exports that depend on the date, the day.
    struct Version: Equatable, Sendable {
        let seq: Int64
        let everything: Int64
        let day: Int
    }

    struct Fragment: Sendable {
        let version: Version
        let bytes: Data
    }

    typealias Fragments = [Int64: Fragment]

    struct Built: Sendable {
        let body: ExportBody
        let fragments: Fragments
    }

    static func store(capacity: Int = 256 << 20) -> BuiltOnce<Key, Built> {
        BuiltOnce(capacity: capacity) { built in built.fragments.values.reduce(0) { $0 + $1.bytes.count } }
    }
}
