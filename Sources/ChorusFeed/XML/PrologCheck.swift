import Foundation

/// Checks the bytes before the root element, where the dangerous parts of XML live:
/// the encoding (UTF-8 only) and any DOCTYPE, which is refused before libxml2 sees it.
enum PrologCheck {
    static func check(_ bytes: UnsafeRawBufferPointer) throws(FeedProblem) {
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            throw FeedProblem(code: "xml.encoding", "the feed is UTF-16; feeds must be UTF-8", line: 1)
        }
        if bytes.count >= 2, (bytes[0] == 0 && bytes[1] == 0x3C) || (bytes[0] == 0x3C && bytes[1] == 0) {
            throw FeedProblem(code: "xml.encoding", "the feed is UTF-16 without a byte-order mark; feeds must be UTF-8", line: 1)
        }
        var index = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var line = 1

        func starts(with text: StaticString, at position: Int) -> Bool {
            let count = text.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            return (0..<count).allSatisfy { bytes[position + $0] == text.utf8Start[$0] }
        }

        func skip(until terminator: StaticString) -> Bool {
            while index < bytes.count {
                if starts(with: terminator, at: index) { index += terminator.utf8CodeUnitCount; return true }
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
            return false
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1; index += 1; continue }
            if byte == 0x20 || byte == 0x09 || byte == 0x0D { index += 1; continue }
            guard byte == 0x3C else { return }  // text before the root: libxml2 reports it
            if starts(with: "<?xml ", at: index) || starts(with: "<?xml\t", at: index) {
                let declarationStart = index
                guard skip(until: "?>") else { return }
                try checkEncoding(UnsafeRawBufferPointer(rebasing: bytes[declarationStart..<index]), line: line)
            } else if starts(with: "<?", at: index) {
                guard skip(until: "?>") else { return }
            } else if starts(with: "<!--", at: index) {
                guard skip(until: "-->") else { return }
            } else if starts(with: "<!", at: index) {
                throw FeedProblem(code: "xml.doctype", "a DOCTYPE declaration is not allowed in a feed", line: line)
            } else {
                return  // the root element
            }
        }
    }

    private static func checkEncoding(_ declaration: UnsafeRawBufferPointer, line: Int) throws(FeedProblem) {
        let text = String(decoding: declaration, as: UTF8.self)
        guard let range = text.range(of: "encoding") else { return }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
        let name = rest.dropFirst().prefix { $0 != quote }
        let normalised = name.uppercased()
        guard normalised == "UTF-8" || normalised == "UTF8" else {
            throw FeedProblem(code: "xml.encoding", "the feed declares encoding \(name); feeds must be UTF-8", line: line)
        }
    }
}
