import ChorusLanguage
import Testing

@Suite struct NegotiationTests {
    let offered = ["en", "es", "fr", "de", "ja", "ar"]

    @Test func qualitiesOrderTheRangesAndZeroRulesOneOut() {
        #expect(LanguageNegotiation.ranges("fr;q=0.5, es-MX, de;q=0, ja;q=0.8").map(\.tag) == ["es-MX", "ja", "fr"])
        #expect(LanguageNegotiation.ranges("en;q=2, es;q=abc, <script>, fr").map(\.tag) == ["fr"])
        #expect(LanguageNegotiation.ranges("").isEmpty)
    }

    @Test(arguments: [
        ("es-MX,es;q=0.9,en;q=0.8", "es", "es-MX"),
        ("pt-BR, fr;q=0.3", "fr", "fr"),
        ("de-CH", "de", "de-CH"),
        ("zh-Hant-TW, ar-EG;q=0.5", "ar", "ar-EG"),
        ("sw, yo", "en", nil),
        ("*", "en", nil),
        ("ES-mx", "es", "es-MX"),
        ("fr;q=0.1, ja;q=0.9", "ja", "ja"),
    ] as [(String, String, String?)])
    func theHeaderChoosesAmongTheOffered(header: String, language: String, visitor: String?) {
        let choice = LanguageNegotiation.choose(header, offered: offered, fallback: "en")
        #expect(choice.language == language && choice.visitorTag == visitor, "\(header)")
    }

    @Test func aLanguageNotOfferedFallsBackToTheDefault() {
        #expect(LanguageNegotiation.choose("fr", offered: ["es", "en"], fallback: "es").language == "es")
        #expect(LanguageNegotiation.choose(nil, offered: ["es", "en"], fallback: "es").language == "es")
    }

    @Test func aHugeHeaderIsReadOnlyInPart() {
        let header = Array(repeating: "xx;q=0.1", count: 10_000).joined(separator: ",") + ",es"
        #expect(LanguageNegotiation.choose(header, offered: offered, fallback: "en").language == "en")
    }

    @Test func distancesFollowTheRegion() {
        #expect(DistanceUnit.forTag("en-GB") == .miles && DistanceUnit.forTag("en-US") == .miles)
        #expect(DistanceUnit.forTag("en") == .both && DistanceUnit.forTag("es") == .kilometres && DistanceUnit.forTag("en-IE") == .kilometres)
    }

    @Test func aLocalizerFormatsNumbersTheLanguagesWay() {
        #expect(Localizer(language: "de").number(12345) == "12.345")
        #expect(Localizer(language: "fr").number(12345).filter(\.isNumber) == "12345")
        #expect(Localizer(language: "en").plural("{count} group", "{count} groups", count: 1) == "1 group")
        #expect(Localizer(language: "en").plural("{count} group", "{count} groups", count: 1200) == "1,200 groups")
    }
}
