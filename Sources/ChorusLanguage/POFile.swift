/// A gettext PO or POT file (https://www.gnu.org/software/gettext/manual/html_node/PO-Files.html): the header,
/// then entries with translator comments (`# `), extracted comments (`#.`), references (`#:`), flags (`#,`), an
/// optional `msgctxt`, the `msgid` (and `msgid_plural`) and the translations.
public struct POFile: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var translatorComments: [String] = []
        public var extractedComments: [String] = []
        public var references: [String] = []
        public var flags: [String] = []
        public var context: String?
        public var id: String
        public var idPlural: String?
        /// One string, or one per plural form in the order of `PluralCategory.categories(of:)`.
        public var strings: [String]

        public init(context: String? = nil, id: String, idPlural: String? = nil, strings: [String] = [""],
                    extractedComments: [String] = [], references: [String] = []) {
            self.context = context
            self.id = id
            self.idPlural = idPlural
            self.strings = strings
            self.extractedComments = extractedComments
            self.references = references
        }

        public var key: CatalogKey { CatalogKey(context: context, id: id) }
        public var isFuzzy: Bool { flags.contains("fuzzy") }
        public var isTranslated: Bool { !isFuzzy && !strings.isEmpty && strings.allSatisfy { !$0.isEmpty } }
    }

    /// The comment lines above the header entry: the glossary and who made the translation.
    public var headerComments: [String]
    /// `Name: value` pairs of the header entry, in order.
    public var header: [(name: String, value: String)]
    public var entries: [Entry]

    public init(headerComments: [String] = [], header: [(name: String, value: String)] = [], entries: [Entry] = []) {
        self.headerComments = headerComments
        self.header = header
        self.entries = entries
    }

    public func headerValue(_ name: String) -> String? {
        header.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public static func == (lhs: POFile, rhs: POFile) -> Bool {
        lhs.headerComments == rhs.headerComments && lhs.entries == rhs.entries
            && lhs.header.map { "\($0.name): \($0.value)" } == rhs.header.map { "\($0.name): \($0.value)" }
    }
}

public struct CatalogKey: Hashable, Sendable {
    public let context: String?
    public let id: String

    public init(context: String? = nil, id: String) {
        self.context = context
        self.id = id
    }
}

public struct POSyntaxError: Error, CustomStringConvertible, Equatable {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }
}
