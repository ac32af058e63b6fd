import CLibXML2
import Foundation

/// Hardened reading of other Chorus XML documents (charters) for the modules of this package.
package enum XMLDocumentReading {
    /// Parses `bytes` under the hardened rules and hands the root element to `body` while the document lives.
    package static func withRoot<T>(
        _ bytes: some ContiguousBytes, maximumBytes: Int, _ body: (XMLElementView) -> T
    ) throws(FeedProblem) -> T {
        let parsed: Result<xmlDocPtr, FeedProblem> = bytes.withUnsafeBytes { buffer in
            Result { () throws(FeedProblem) in try HardenedXMLParser.parse(buffer, maximumBytes: maximumBytes) }
        }
        let document = try parsed.get()
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw FeedProblem(code: "xml.malformed", "the document has no root element")
        }
        return body(XMLElementView(node: root))
    }
}
