import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

/// Group text and links that reach other software: RSS readers render `<description>` as HTML, so group text must
/// arrive there as text; a feed's links must be web addresses.
@Suite struct FeedTextTests {
    static let hostile = [#"<script>alert(1)</script>"#, #"<img src=x onerror="alert(1)">"#, #"Tea & biscuits <b>bold</b>"#]

    @Test func rssReadersDecodeGroupTextAsTextNeverAsMarkup() async throws {
        guard ExternalTool.pythonModule("feedparser", package: "feedparser") else { return }
        let feed = Syndication(
            id: "tag:example.org,2026:x", title: "Group notices", subtitle: Self.hostile[1], language: "en", updated: Date(),
            pageURL: "https://example.org/", atomURL: "https://example.org/a.atom", rssURL: "https://example.org/a.rss", author: "x",
            entries: Self.hostile.enumerated().map { index, text in
                Syndication.Entry(id: "n\(index)", title: "Notice \(index)", updated: Date(), published: Date(),
                                  link: "https://example.org/g", summary: text, categories: [])
            })
        let file = try scratchDirectory() + "/hostile.rss"
        try Data(feed.rss().utf8).write(to: URL(fileURLWithPath: file))
        let python = try #require(ExternalTool.find("python3"))
        let result = try await Run.programAside(python, [Repository.path("Tests/Outputs/rss_descriptions.py"), file])
        #expect(result.status == 0, "\(result.error)")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]]).first!
        #expect(decoded["bozo"] as? Bool == false)
        let texts = [decoded["channel"] as? String ?? ""] + (decoded["items"] as? [String] ?? [])
        #expect(texts.count == 4)
        for text in texts {
            #expect(text.range(of: "<[a-zA-Z/]", options: .regularExpression) == nil, "an element reached the reader: \(text)")
        }
        #expect(texts[1].contains("&lt;script&gt;"), "the text is kept, as text: \(texts[1])")
    }

    @Test func aFeedLinkMustBeAWebAddress() throws {
        let source = try String(decoding: Data(contentsOf: URL(fileURLWithPath: Repository.path("Federation/examples/minimal-annotated.xml"))), as: UTF8.self)
        let alternate = #"type="text/html" href="https://riverside-voices.example.org/""#
        #expect(source.contains(alternate))
        for bad in ["javascript:alert(1)", "data:text/html,&lt;b&gt;x", "file:///etc/passwd", "https://exa mple.org/", "JavaScript:alert(1)"] {
            let text = source.replacingOccurrences(of: alternate, with: #"type="text/html" href="\#(bad)""#)
            let report = FeedReader.check(Data(text.utf8))
            #expect(report.errors.contains { $0.code == "link.scheme" && $0.line == 10 }, "\(bad): \(report.errors)")
        }
        #expect(LinkScheme.isWeb("https://example.org/feed.xml") && LinkScheme.isWeb("http://example.org/"))
        #expect(!LinkScheme.isWeb("javascript:alert(1)") && !LinkScheme.isWeb("https://") && !LinkScheme.isWeb("https://a\u{0}b"))
        #expect(LinkScheme.isContact("mailto:group@example.org", kind: .email) && !LinkScheme.isContact("javascript:x", kind: .email))
        #expect(!LinkScheme.isContact("http://example.org/form", kind: .webForm), "a web form is https only")
    }
}
