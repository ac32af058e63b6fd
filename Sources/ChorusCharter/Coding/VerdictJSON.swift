import Foundation

/// A verdict as compact JSON, byte for byte the same for equal verdicts, written by hand because registries
/// store one per group on every charter change; `JSONDecoder` reads it back as a `Verdict`.
public enum VerdictJSON {
    public static func encode(_ verdict: Verdict) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(256 + verdict.results.count * 160)
        out.append(ascii: "{\"charterVersion\":")
        string(verdict.charterVersion, into: &out)
        out.append(ascii: ",\"completeness\":")
        strings(verdict.completeness, into: &out)
        out.append(ascii: verdict.listed ? ",\"listed\":true,\"network\":" : ",\"listed\":false,\"network\":")
        string(verdict.network, into: &out)
        out.append(ascii: ",\"results\":[")
        for (index, result) in verdict.results.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            if let fix = result.fix {
                out.append(ascii: "\"fix\":")
                string(fix, into: &out)
                out.append(UInt8(ascii: ","))
            }
            out.append(ascii: "\"outcome\":")
            string(result.outcome.rawValue, into: &out)
            out.append(ascii: ",\"reason\":")
            string(result.reason, into: &out)
            out.append(ascii: ",\"rule\":")
            string(result.rule, into: &out)
            out.append(ascii: ",\"severity\":")
            string(result.severity.rawValue, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        if let tier = verdict.tier {
            out.append(ascii: ",\"tier\":")
            string(tier, into: &out)
        }
        out.append(ascii: ",\"tiersReached\":")
        strings(verdict.tiersReached, into: &out)
        out.append(ascii: ",\"warnings\":[")
        for (index, warning) in verdict.warnings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(ascii: "{\"code\":")
            string(warning.code, into: &out)
            out.append(ascii: ",\"message\":")
            string(warning.message, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(ascii: "]}")
        return Data(out)
    }

    private static func strings(_ values: [String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(value, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func string(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(ascii: "\\\"")
            case UInt8(ascii: "\\"): out.append(ascii: "\\\\")
            case 0..<0x20: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

private extension Array where Element == UInt8 {
    mutating func append(ascii text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}
