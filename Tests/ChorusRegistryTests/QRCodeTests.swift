@testable import ChorusServer
import ChorusTestSupport
import Foundation
import Testing

/// The QR encoder read back by a real decoder (zbarimg, Debian's zbar-tools), at every version it makes.
@Suite struct QRCodeTests {
    /// A plain PBM image with a quiet zone of four modules, `scale` pixels a module.
    static func pbm(_ code: QRCode, scale: Int = 4) -> String {
        let side = (code.size + 8) * scale
        var lines = ["P1", "\(side) \(side)"]
        for row in 0..<side {
            let moduleRow = row / scale - 4
            var line = ""
            for column in 0..<side {
                let moduleColumn = column / scale - 4
                let dark = moduleRow >= 0 && moduleRow < code.size && moduleColumn >= 0 && moduleColumn < code.size
                    && code.modules[moduleRow][moduleColumn]
                line += dark ? "1 " : "0 "
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func everyVersionIsReadBackByARealDecoder() async throws {
        guard let zbarimg = ExternalTool.find("zbarimg") else {
            print("skipped: zbarimg is not installed (Debian package zbar-tools)")
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "CI installs zbar-tools")
            return
        }
        let folder = try scratchDirectory()
        var texts = ["http://127.0.0.1:8080/groups/urn:uuid:101e799f-89fe-4cec-b452-80d0a9f85404",
                     "https://directory.example.org/groups/urn:uuid:5593fd9e-95ad-4316-ac7c-2033ea0f693b?from=flyer", "A"]
        // Lengths at the edge of each version's capacity at level M, and just past it.
        for length in [14, 15, 26, 27, 42, 43, 62, 63, 84, 85, 106, 107, 122, 123, 152, 153, 180, 181, 213] {
            texts.append(String(("https://x.example/" + String(repeating: "abcdefghij", count: 30)).prefix(length)))
        }
        var versions: Set<Int> = []
        for (index, text) in texts.enumerated() {
            let code = try QRCode(text)
            versions.insert(code.version)
            #expect(code.size == code.version * 4 + 17)
            let file = folder + "/code-\(index).pbm"
            try Self.pbm(code).write(toFile: file, atomically: true, encoding: .utf8)
            let result = try Run.program(zbarimg, ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", file])
            #expect(result.status == 0, "version \(code.version), \(text.utf8.count) bytes: \(result.error)")
            #expect(result.output.trimmingCharacters(in: .newlines) == text, "version \(code.version) reads back")
        }
        #expect(versions == Set(1...10), "every version is made and read: \(versions.sorted())")
        #expect(throws: QRCode.TooLong.self) { try QRCode(String(repeating: "x", count: 214)) }
    }

    @Test func theSVGDrawsEveryDarkModuleInsideAQuietZone() throws {
        let code = try QRCode("https://example.org/")
        let svg = code.svg(label: "QR code")
        let dark = code.modules.reduce(0) { $0 + $1.filter { $0 }.count }
        #expect(svg.components(separatedBy: "h1v1h-1z").count - 1 == dark)
        #expect(svg.contains("viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
    }
}
