import CLibXML2
import Foundation

/// Parses untrusted XML bytes with libxml2 under strict rules: UTF-8 only, no DOCTYPE, no entity
/// substitution, no DTD loading, no network access, a size cap. The first error is reported with its line.
enum HardenedXMLParser {
    static let options: Int32 = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOERROR.rawValue)
        | Int32(XML_PARSE_NOWARNING.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)

    /// Returns the document; the caller frees it with `xmlFreeDoc`.
    static func parse(_ bytes: UnsafeRawBufferPointer, maximumBytes: Int) throws(FeedProblem) -> xmlDocPtr {
        guard bytes.count <= maximumBytes else {
            throw FeedProblem(code: "xml.too-large", "the feed is \(bytes.count) bytes; the limit is \(maximumBytes) bytes")
        }
        guard !bytes.isEmpty else { throw FeedProblem(code: "xml.empty", "the feed is empty") }
        try PrologCheck.check(bytes)
        guard bytes.count <= Int(Int32.max) else { throw FeedProblem(code: "xml.too-large", "the feed is too large") }

        initialiseOnce
        let collector = ErrorCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlSetStructuredErrorFunc(context, { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
            collector.record(error.pointee)
        })
        defer { xmlSetStructuredErrorFunc(nil, nil) }

        let document = bytes.withMemoryRebound(to: CChar.self) { chars in
            xmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
        }
        if let problem = collector.firstError {
            if let document { xmlFreeDoc(document) }
            throw problem
        }
        guard let document else { throw FeedProblem(code: "xml.malformed", "the document could not be parsed") }
        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            xmlFreeDoc(document)
            throw FeedProblem(code: "xml.doctype", "a DOCTYPE declaration is not allowed in a feed")
        }
        return document
    }

    private static let initialiseOnce: Void = { xmlInitParser() }()

    private final class ErrorCollector {
        var firstError: FeedProblem?

        func record(_ error: xmlError) {
            guard firstError == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let text = error.message.map { String(cString: $0) } ?? "malformed XML"
            let message = text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercasingFirst
            let code = error.code == Int32(XML_ERR_INVALID_CHAR.rawValue) || error.code == Int32(XML_ERR_INVALID_ENCODING.rawValue)
                ? "xml.encoding" : "xml.malformed"
            firstError = FeedProblem(code: code, message, line: Int(error.line))
        }
    }
}

extension String {
    var lowercasingFirst: String {
        guard let first, first.isUppercase, dropFirst().first?.isUppercase != true else { return self }
        return first.lowercased() + dropFirst()
    }
}
