import ChorusLanguage
import Foundation
import Hummingbird

/// The fields of a form as a browser sends it: `application/x-www-form-urlencoded`, or `multipart/form-data` when
/// it carries files. A field given twice keeps its first value.
struct FormFields: Sendable {
    private(set) var values: [String: String] = [:]

    static let limit = 64 << 10

    init(values: [String: String]) { self.values = values }

    init(_ text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            if values[name] == nil { values[name] = value }
        }
    }

    static func read(_ request: Request, limit: Int = FormFields.limit) async throws -> FormFields {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limit) } catch {
            throw HTTPError(.contentTooLarge, message: tr("this form is larger than {size} KB", ["size": String(limit >> 10)]))
        }
        if let boundary = request.headers[.contentType].flatMap(MultipartFields.boundary(of:)) {
            do { return FormFields(values: try MultipartFields.values(buffer, boundary: boundary)) } catch {
                throw HTTPError(.badRequest, message: error.description)
            }
        }
        return FormFields(String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    subscript(_ name: String) -> String? { values[name] }

    /// The field with surrounding whitespace removed; nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// A confirmation box ticked.
    func confirmed(_ name: String = "confirm") -> Bool { values[name] == "yes" }

    private static func decode(_ part: Substring) -> String? {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
