/// One thing wrong with a feed, with a stable code and, for XML, the line it is on.
public struct FeedProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning
    }

    public let severity: Severity
    /// A stable identifier such as `xml.doctype` or `meeting.duplicate-id`, listed in `Federation/group-feed.md`.
    public let code: String
    public let message: String
    public let line: Int?

    public init(_ severity: Severity = .error, code: String, _ message: String, line: Int? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.line = line.flatMap { $0 > 0 ? $0 : nil }
    }

    /// `FILE:LINE: error: CODE: message`, the form linters and editors understand (line 0 when unknown).
    public func located(in file: String) -> String {
        "\(file):\(line ?? 0): \(severity.rawValue): \(code): \(message)"
    }

    /// `LINE: error: CODE: message`, without the file name a caller may put in front.
    public var description: String {
        (line.map { "\($0): " } ?? "") + "\(severity.rawValue): \(code): \(message)"
    }
}

/// Sizes beyond which a feed is refused before or while it is read.
public struct FeedLimits: Sendable {
    public var maximumBytes: Int
    public var maximumMeetings: Int
    public var maximumLocations: Int
    public var maximumNotices: Int
    public var maximumTextLength: Int
    public var maximumListLength: Int

    public init(
        maximumBytes: Int = 1 << 20, maximumMeetings: Int = 200, maximumLocations: Int = 100,
        maximumNotices: Int = 200, maximumTextLength: Int = 4000, maximumListLength: Int = 100
    ) {
        self.maximumBytes = maximumBytes
        self.maximumMeetings = maximumMeetings
        self.maximumLocations = maximumLocations
        self.maximumNotices = maximumNotices
        self.maximumTextLength = maximumTextLength
        self.maximumListLength = maximumListLength
    }

    public static let standard = FeedLimits()
}

extension String {
    /// The text without leading and trailing XML whitespace (space, tab, CR, LF); much cheaper than Foundation's trimming.
    public var trimmedWhitespace: String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        if first == utf8.startIndex && utf8.index(after: last) == utf8.endIndex { return String(self) }
        return String(self[first...last])
    }
}
