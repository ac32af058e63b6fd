import ChorusCharter
import ChorusFeed
import ChorusTestSupport
import Foundation
import Testing

/// A rule's text and fix in other languages: `<text xml:lang="es">` and `<fix xml:lang="es">` beside the untagged ones.
@Suite struct CharterTranslationTests {
    static let translated = """
        <rule id="r" severity="required" tiers="basic">
          <text>Attendance is voluntary.</text>
          <text xml:lang="es">La asistencia es voluntaria.</text>
          <text xml:lang="pt-BR">A participação é voluntária.</text>
          <source>Test</source>
          <fix>Declare it.</fix>
          <fix xml:lang="es">Decláralo.</fix>
          <commitment id="voluntary-attendance"/>
        </rule>
    """

    @Test func aReaderChoosesTheClosestTranslationAndFallsBackToTheCharters() throws {
        let rule = try readCharter(charterXML(rules: Self.translated)).rules[0]
        #expect(rule.text(in: "es") == ("La asistencia es voluntaria.", "es"))
        #expect(rule.text(in: "es-MX") == ("La asistencia es voluntaria.", "es"))
        #expect(rule.text(in: "pt-BR").text == "A participação é voluntária.")
        #expect(rule.text(in: "pt") == ("Attendance is voluntary.", nil), "pt-BR is not a translation into pt")
        #expect(rule.fix(in: "pt-BR") == ("Declare it.", nil), "a translated text does not need a translated fix")
        #expect(rule.fix(in: "es").text == "Decláralo.")
        #expect(rule.text(in: "ja") == ("Attendance is voluntary.", nil))
    }

    @Test func theWriterKeepsTranslationsAndTheSchemaAcceptsThem() throws {
        let charter = try readCharter(charterXML(rules: Self.translated))
        let written = CharterWriter.xml(charter)
        #expect(try readCharter(written).rules[0].translations == charter.rules[0].translations)
        guard let xmllint = ExternalTool.find("xmllint") else { return }
        let file = try scratchDirectory() + "/charter.xml"
        try written.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Run.program(xmllint, ["--noout", "--relaxng", Repository.path("Federation/schema/charter.rng"), file])
        #expect(result.status == 0, "\(result.error)")
    }

    @Test func aBadOrRepeatedTranslationIsRefusedWithItsLine() {
        let bad = Self.translated.replacingOccurrences(of: "xml:lang=\"pt-BR\"", with: "xml:lang=\"not a tag\"")
        #expect(CharterReader.check(Data(charterXML(rules: bad).utf8)).problems.map(\.code).contains("charter.translation"))
        let twice = Self.translated.replacingOccurrences(of: "xml:lang=\"pt-BR\"", with: "xml:lang=\"es\"")
        let problems = CharterReader.check(Data(charterXML(rules: twice).utf8)).problems
        #expect(problems.contains { $0.code == "charter.translation" && $0.line != nil && $0.message.contains("two <text xml:lang=\"es\">") })
    }
}
