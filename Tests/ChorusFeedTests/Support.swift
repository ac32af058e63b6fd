import ChorusFeed
import Foundation
import Testing

enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    static func text(_ path: String) throws -> String { String(decoding: try data(path), as: UTF8.self) }

    /// The sample feeds in `Feeds/`, by file name.
    static func sampleFeeds() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: url("Feeds"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "xml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

enum Example {
    static var bytes: Data { get throws { try Repository.data("Federation/examples/minimal-annotated.xml") } }
    static var text: String { get throws { try Repository.text("Federation/examples/minimal-annotated.xml") } }

    /// The example feed with one substring replaced, for a test of one defect.
    static func replacing(_ target: String, with replacement: String) throws -> Data {
        let source = try text
        precondition(source.contains(target), "the example has no \(target)")
        return Data(source.replacingOccurrences(of: target, with: replacement).utf8)
    }
}

func instant(_ text: String) -> Date { Timestamp.parse(text)! }
