import ChorusFeed
import Foundation
import Testing

/// Every hostile or broken input gives exactly one clear, one-line error, quickly and without a crash.
@Suite struct HostileInputTests {
    func firstError(_ bytes: Data) -> FeedProblem? { FeedReader.check(bytes).errors.first }

    func expectOneLineError(_ bytes: Data, code: String, mentioning words: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let report = FeedReader.check(bytes)
        guard let problem = report.errors.first else {
            Issue.record("no error reported", sourceLocation: sourceLocation)
            return
        }
        #expect(problem.code == code, "got \(problem)", sourceLocation: sourceLocation)
        #expect(!problem.description.contains("\n"), "not one line: \(problem.description)", sourceLocation: sourceLocation)
        #expect(!problem.message.isEmpty, sourceLocation: sourceLocation)
        if let words { #expect(problem.message.localizedCaseInsensitiveContains(words), "\(problem.message)", sourceLocation: sourceLocation) }
    }

    func withProlog(_ prolog: String) throws -> Data {
        try Example.replacing("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", with: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + prolog)
    }

    @Test func externalEntity() throws {
        let bytes = try withProlog("<!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n")
        expectOneLineError(bytes, code: "xml.doctype", mentioning: "DOCTYPE")
        #expect(firstError(bytes)?.line == 2)
    }

    @Test func entityExpansionBomb() throws {
        var entities = "<!ENTITY a0 \"lol\">"
        for level in 1...10 { entities += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">" }
        let bytes = try withProlog("<!DOCTYPE feed [\(entities)]>\n")
        expectOneLineError(bytes, code: "xml.doctype")
    }

    @Test func anyDoctypeEvenAfterAComment() throws {
        expectOneLineError(try withProlog("<!-- hello -->\n<!DOCTYPE feed>\n"), code: "xml.doctype")
    }

    @Test func undeclaredEntityReference() throws {
        let bytes = try Example.replacing("Riverside Hearing Voices Group", with: "Riverside &xxe; Group")
        expectOneLineError(bytes, code: "xml.malformed", mentioning: "xxe")
    }

    @Test func tenMegabyteFile() throws {
        var big = try Example.text
        big += "<!--" + String(repeating: "x", count: 10 << 20) + "-->"
        expectOneLineError(Data(big.utf8), code: "xml.too-large", mentioning: "limit")
    }

    @Test func invalidUTF8() throws {
        var bytes = try Example.bytes
        let position = try #require(bytes.firstRange(of: Data("Riverside Hearing".utf8))).lowerBound
        bytes[position + 2] = 0xC3
        bytes[position + 3] = 0x28
        expectOneLineError(bytes, code: "xml.encoding")
    }

    @Test func utf16Document() throws {
        let text = try Example.text.replacingOccurrences(of: "encoding=\"utf-8\"", with: "encoding=\"utf-16\"")
        var bytes = Data([0xFF, 0xFE])
        bytes.append(text.data(using: .utf16LittleEndian)!)
        expectOneLineError(bytes, code: "xml.encoding", mentioning: "UTF-16")
        expectOneLineError(text.data(using: .utf16LittleEndian)!, code: "xml.encoding", mentioning: "UTF-16")
    }

    @Test func declaredLatin1() throws {
        let bytes = try Example.replacing("encoding=\"utf-8\"", with: "encoding=\"ISO-8859-1\"")
        expectOneLineError(bytes, code: "xml.encoding", mentioning: "ISO-8859-1")
    }

    @Test func truncatedXML() throws {
        let bytes = try Example.bytes
        for cut in [bytes.count / 3, bytes.count / 2, bytes.count - 10] {
            expectOneLineError(bytes.prefix(cut), code: "xml.malformed")
        }
        expectOneLineError(Data(), code: "xml.empty")
    }

    @Test func wrongRootElement() {
        expectOneLineError(Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>".utf8), code: "feed.root", mentioning: "rss")
    }

    @Test func wrongNamespace() throws {
        let bytes = try Example.replacing("xmlns=\"http://www.w3.org/2005/Atom\"", with: "xmlns=\"http://purl.org/atom/ns#\"")
        expectOneLineError(bytes, code: "feed.namespace")
    }

    @Test func duplicateMeetingIDs() throws {
        let bytes = try Example.replacing("<g:meeting id=\"online\"", with: "<g:meeting id=\"tuesday\"")
        expectOneLineError(bytes, code: "meeting.duplicate-id", mentioning: "tuesday")
        #expect(firstError(bytes)?.line == 50)
    }

    @Test func unknownVocabularyID() throws {
        expectOneLineError(try Example.replacing("<g:access id=\"drop-in\"/>", with: "<g:access id=\"walk-in\"/>"), code: "vocabulary.unknown", mentioning: "walk-in")
    }

    @Test func rruleOutsideTheSubset() throws {
        expectOneLineError(try Example.replacing("FREQ=WEEKLY;BYDAY=TU", with: "FREQ=DAILY;BYHOUR=19"), code: "schedule.rrule-unsupported", mentioning: "FREQ=DAILY")
    }

    @Test func unknownTimeZone() throws {
        let bytes = try Example.replacing("start-time=\"19:00\" duration=\"PT1H30M\" timezone=\"Europe/London\"", with: "start-time=\"19:00\" duration=\"PT1H30M\" timezone=\"Europe/Atlantis\"")
        expectOneLineError(bytes, code: "schedule.timezone-unknown", mentioning: "Europe/Atlantis")
    }

    @Test func coordinatesOutOfRange() throws {
        expectOneLineError(try Example.replacing("lat=\"53.4808\"", with: "lat=\"153.4808\""), code: "location.coordinates", mentioning: "out of range")
        expectOneLineError(try Example.replacing("lat=\"53.4808\"", with: "lat=\"nan\""), code: "location.coordinates")
    }

    @Test func tenThousandMeetings() throws {
        let meeting = """
            <g:meeting id="m#" mode="online"><g:title>M</g:title><g:online platform="Zoom"/>\
            <g:schedule rrule="FREQ=WEEKLY;BYDAY=MO" start-date="2026-01-05" start-time="10:00" duration="PT1H" timezone="UTC"/></g:meeting>

            """
        let many = (0..<10_000).map { meeting.replacingOccurrences(of: "#", with: String($0)) }.joined()
        let bytes = try Example.replacing("<g:facilitation ", with: many + "<g:facilitation ")
        let limits = FeedLimits(maximumBytes: 8 << 20)
        let report = FeedReader.check(bytes, limits: limits)
        #expect(report.errors.map(\.code) == ["limit.exceeded"])
        #expect(report.errors.first?.message.contains("the limit is 200") == true)
        expectOneLineError(bytes, code: "xml.too-large")
    }

    @Test func deeplyNestedElements() throws {
        let deep = String(repeating: "<g:x>", count: 20_000) + String(repeating: "</g:x>", count: 20_000)
        expectOneLineError(try Example.replacing("<g:status id=\"active\"/>", with: "<g:status id=\"active\"/>" + deep), code: "xml.malformed")
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 42)
        for length in [1, 7, 100, 4096] {
            for _ in 0..<50 {
                let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
                #expect(!FeedReader.check(bytes).errors.isEmpty)
            }
        }
    }

    @Test func mutatedExampleNeverCrashes() throws {
        let original = try Example.bytes
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<3 { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            _ = FeedReader.check(bytes)
        }
    }
}

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
