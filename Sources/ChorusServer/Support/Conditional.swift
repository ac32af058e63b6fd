import ChorusRegistry
import Foundation
import Hummingbird

/// Conditional GET (RFC 9110 §13): validators from an output's stamp, checked before the output is built.
enum Conditional {
    static func etag(_ stamp: OutputStamp, variant: String) -> String { "W/\"\(stamp.tag)-\(variant)\"" }

    /// The headers of an answer built from `stamp`, or nil; and the 304 to send instead when the client's copy is current.
    static func check(_ request: Request, stamp: OutputStamp, variant: String, contentType: String,
                      cacheControl: String) -> (headers: HTTPFields, notModified: Response?) {
        let validator = etag(stamp, variant: variant)
        let headers: HTTPFields = [
            .contentType: contentType, .eTag: validator, .lastModified: stamp.httpDate, .cacheControl: cacheControl,
        ]
        if let condition = request.headers[.ifNoneMatch] {
            return (headers, matches(condition, validator) ? notModified(headers) : nil)
        }
        if let since = request.headers[.ifModifiedSince].flatMap(parseHTTPDate),
           stamp.modified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970 {
            return (headers, notModified(headers))
        }
        return (headers, nil)
    }

    static func notModified(_ headers: HTTPFields) -> Response {
        var kept = HTTPFields()
        for field in headers where [.eTag, .lastModified, .cacheControl, .vary, .contentLocation].contains(field.name) {
            kept.append(field)
        }
        return Response(status: .notModified, headers: kept)
    }

    /// Weak comparison: `W/"x"` matches `"x"`; `*` matches anything.
    static func matches(_ condition: String?, _ validator: String) -> Bool {
        guard let condition else { return false }
        if condition == validator { return true }
        let opaque = { (tag: Substring) -> Substring in
            let trimmed = tag.drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed
        }
        let wanted = opaque(Substring(validator))
        return condition.split(separator: ",").contains { tag in
            let candidate = opaque(tag).reversed().drop { $0 == " " || $0 == "\t" }.reversed()
            return String(candidate) == "*" || String(candidate) == String(wanted)
        }
    }

    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { part in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard pieces.first == "gzip" || pieces.first == "x-gzip" || pieces.first == "*" else { return false }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }

    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }()
    private static let lock = NSLock()

    static func httpDate(_ date: Date) -> String { Syndication.rfc822(date) }
    static func parseHTTPDate(_ text: String) -> Date? { lock.withLock { formatter.date(from: text) } }
}
