import ChorusLanguage
import Testing

@Suite struct PluralRulesTests {
    @Test func categoriesFollowCLDR() {
        #expect([0, 1, 2, 5].map { PluralCategory.of($0, in: "en") } == [.other, .one, .other, .other])
        #expect([0, 1, 2, 1_000_000].map { PluralCategory.of($0, in: "fr") } == [.one, .one, .other, .many])
        #expect([0, 1, 2, 1_000_000, 2_000_000].map { PluralCategory.of($0, in: "es") } == [.other, .one, .other, .many, .many])
        #expect([0, 1, 2, 21].map { PluralCategory.of($0, in: "de") } == [.other, .one, .other, .other])
        #expect([0, 1, 2].map { PluralCategory.of($0, in: "ja") } == [.other, .other, .other])
        #expect([0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111].map { PluralCategory.of($0, in: "ar") }
                == [.zero, .one, .two, .few, .few, .many, .many, .other, .other, .other, .few, .many])
        #expect(PluralCategory.of(5, in: "es-MX") == .other)
    }

    /// Each shipped catalog's `Plural-Forms` expression, as gettext evaluates it, gives the index of the CLDR
    /// category for every number from 0 to 2,000 and for the millions.
    @Test func everyShippedCatalogsPluralFormsAgreeWithCLDR() throws {
        #expect(!Catalogs.files.isEmpty, "no catalogs are shipped")
        for (language, file) in Catalogs.files {
            let header = try #require(file.headerValue("Plural-Forms"), "\(language).po has no Plural-Forms")
            let forms = try PluralFormsExpression(header)
            #expect(forms.count == PluralCategory.categories(of: language).count, "\(language): nplurals")
            for number in Array(0...2_000) + [1_000_000, 2_000_000, 1_000_001] {
                #expect(forms.index(number) == PluralCategory.index(of: number, in: language), "\(language): \(number)")
                if forms.index(number) != PluralCategory.index(of: number, in: language) { break }
            }
        }
    }

    @Test func theExpressionReaderReadsGettextsUsualForms() throws {
        let arabic = try PluralFormsExpression("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);")
        #expect([0, 1, 2, 3, 11, 100].map(arabic.index) == [0, 1, 2, 3, 4, 5])
        let german = try PluralFormsExpression("nplurals=2; plural=(n != 1);")
        #expect([0, 1, 2].map(german.index) == [1, 0, 1])
        #expect(throws: PluralFormsExpression.Failure.self) { try PluralFormsExpression("nplurals=2; plural=(n !=;") }
    }
}
