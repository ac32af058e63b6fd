import ChorusLanguage
import MultipartKit
import NIOCore
import NIOHTTP1

/// The fields of a `multipart/form-data` body, as a browser sends a form that carries files: each part by its
/// name, a file by its contents, read as UTF-8 text.
enum MultipartFields {
    /// The boundary that a `multipart/form-data` Content-Type names, or nil for any other type.
    static func boundary(of contentType: String) -> String? {
        let parameters = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parameters.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parameters.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            return value
        }
        return ""
    }

    /// The named parts of `body`, the first of each name kept. A part that was begun and never finished means the
    /// form arrived truncated, and is refused rather than taken short.
    static func values(_ body: ByteBuffer, boundary: String) throws(MultipartFormError) -> [String: String] {
        guard !boundary.isEmpty, boundary.utf8.count <= 70 else { throw .boundary }
        let parser = MultipartParser(boundary: boundary)
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var content = ByteBuffer()
        var begun = false
        parser.onHeader = { name, value in headers.add(name: name, value: value); begun = true }
        parser.onBody = { chunk in content.writeBuffer(&chunk); begun = true }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: content))
            headers = HTTPHeaders()
            content = ByteBuffer()
            begun = false
        }
        do { try parser.execute(body) } catch { throw .syntax }
        guard !begun else { throw .truncated }
        var values: [String: String] = [:]
        for part in parts {
            guard let name = part.name, values[name] == nil else { continue }
            values[name] = String(decoding: part.body.readableBytesView, as: UTF8.self)
        }
        return values
    }
}

enum MultipartFormError: Error, CustomStringConvertible {
    case boundary, syntax, truncated

    var description: String {
        switch self {
        case .boundary: tr("the form's Content-Type names no usable boundary")
        case .syntax: tr("the form's parts cannot be read")
        case .truncated: tr("the form arrived cut short; send it again")
        }
    }
}
