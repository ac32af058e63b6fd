import ChorusCharter
import ChorusFeed
import ChorusTestSupport
import Foundation

/// Builds a charter document around rule elements, for tests of one predicate or exemption at a time.
func charterXML(rules: String, network: String = "test", version: String = "1", tiers: String? = nil, listedFrom: String = "basic") -> String {
    """
    <?xml version="1.0" encoding="utf-8"?>
    <charter xmlns="urn:chorus:charter:1" network="\(network)" version="\(version)">
      <title>Test charter</title>
      <source>Written for the tests</source>
      <tiers listed-from="\(listedFrom)">
    \(tiers ?? """
        <tier id="basic" rank="1"><name>Basic</name></tier>
        <tier id="full" rank="2" includes="basic"><name>Full</name></tier>
    """)
      </tiers>
      <rules>
    \(rules)
      </rules>
    </charter>
    """
}

/// One rule with the given test and exemptions.
func rule(_ body: String, id: String = "r", severity: String = "required", tiers: String = "basic") -> String {
    """
        <rule id="\(id)" severity="\(severity)" tiers="\(tiers)">
          <text>Rule \(id).</text><source>Test</source><fix>Fix \(id).</fix>
          \(body)
        </rule>
    """
}

func readCharter(_ xml: String) throws -> Charter { try CharterReader.read(Data(xml.utf8)) }

/// The outcome of a one-rule charter on a feed.
func outcome(_ body: String, _ feed: GroupFeed, now: Date = sampleNow) throws -> Verdict.RuleResult {
    let verdict = CharterEvaluator(try readCharter(charterXML(rules: rule(body)))).evaluate(feed, now: now)
    return verdict.results[0]
}

let sampleNow = Timestamp.parse("2026-12-01T00:00:00Z")!

func sample(_ name: String) throws -> GroupFeed {
    try FeedReader.read(try Data(contentsOf: URL(fileURLWithPath: Repository.path("Feeds/\(name).xml"))))
}

func exampleCharter(_ slug: String) throws -> Charter {
    try CharterReader.read(try Data(contentsOf: URL(fileURLWithPath: Repository.path("Federation/charters/\(slug).xml"))))
}
