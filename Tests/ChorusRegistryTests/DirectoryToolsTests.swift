import ChorusTestSupport
import Foundation
import Testing

extension MachineHeavyTests {
/// Third-party checkers against the real server on loopback, loaded with the sample feeds and gazetteer:
/// openapi-spec-validator and schemathesis for the JSON API; chromium with Selenium and axe-core for the pages.
@Suite(.serialized) struct DirectoryToolsTests {
    @Test func theAPIMatchesItsOpenAPIDocumentUnderSchemathesis() async throws {
        guard ExternalTool.find("openapi-spec-validator") != nil, ExternalTool.find("schemathesis") != nil,
              let bash = ExternalTool.find("bash") else { return }
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let result = try await Run.programAside(bash, [Repository.path("Tests/API/check_openapi.sh"), server.base,
                                                       Repository.path("Sources/ChorusServer/OpenAPI/openapi.json")])
        print(result.lines.last ?? "")
        #expect(result.status == 0, "\(result.output.suffix(4000))\(result.error.suffix(2000))")
    }

    @Test func aRealBrowserSearchesByPointerAndKeyboardWithNoSeriousAxeViolations() async throws {
        guard ExternalTool.find("chromium") != nil, ExternalTool.find("chromedriver") != nil,
              let python = ExternalTool.find("python3"),
              ExternalTool.pythonModule("selenium", package: "selenium"),
              ExternalTool.pythonModule("axe_selenium_python", package: "axe-selenium-python") else { return }
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let screenshots = try scratchDirectory() + "/screenshots"
        let result = try await Run.programAside(python, [Repository.path("Tests/Browser/directory_flow.py"), "--base", server.base,
                                                         "--screenshots", screenshots])
        print("browser checks: \(result.lines.last(where: { $0.contains("passed") }) ?? "no summary"); screenshots in \(screenshots)")
        let failures = result.lines.filter { $0.hasPrefix("FAIL") || $0.hasPrefix("error") }
        #expect(result.status == 0, "\(failures.joined(separator: "\n"))\n\(result.error.suffix(2000))")
    }

    @Test func aRealBrowserSearchesInSpanishAndArabicByKeyboardAndNoPseudoLocalePageOverflows() async throws {
        guard ExternalTool.find("chromium") != nil, ExternalTool.find("chromedriver") != nil,
              let python = ExternalTool.find("python3"),
              ExternalTool.pythonModule("selenium", package: "selenium"),
              ExternalTool.pythonModule("axe_selenium_python", package: "axe-selenium-python") else { return }
        let fixture = try await DirectoryFixture.start(places: true)
        let server = try await RunningServer.start(fixture.registry) { $0.pseudoLocales = true }
        defer { Task { await server.stop(); await fixture.stop() } }
        let screenshots = try scratchDirectory() + "/screenshots"
        let invite = try await fixture.registry.invite(network: "all", role: .admin)
        let result = try await Run.programAside(python, [Repository.path("Tests/Browser/language_flow.py"), "--base", server.base,
                                                         "--screenshots", screenshots, "--invite", invite.token, "--network", "all"])
        print("language browser checks: \(result.lines.last(where: { $0.contains("passed") }) ?? "no summary"); screenshots in \(screenshots)")
        let failures = result.lines.filter { $0.hasPrefix("FAIL") || $0.hasPrefix("error") }
        #expect(result.status == 0, "\(failures.joined(separator: "\n"))\n\(result.error.suffix(2000))")
    }
}
}
