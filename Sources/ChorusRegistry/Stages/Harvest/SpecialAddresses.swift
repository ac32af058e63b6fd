/// The address ranges the harvester never connects to: every range of the IANA IPv4 and IPv6 Special-Purpose Address
/// Registries that is not globally reachable, with multicast, limited broadcast and the deprecated site-local and
/// 6to4-relay ranges, and with the ranges that embed an IPv4 address (mapped, compatible, translated, NAT64, 6to4)
/// judged by the address they embed.
enum SpecialAddresses {
    struct Range: Sendable {
        let name: String
        let prefix: [UInt8]
        let length: Int

        init(_ name: String, _ prefix: [UInt8], _ length: Int) {
            self.name = name
            self.prefix = prefix
            self.length = length
        }

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == prefix.count else { return false }
            var bits = length
            for (byte, want) in zip(address, prefix) {
                if bits <= 0 { return true }
                let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if byte & mask != want & mask { return false }
                bits -= 8
            }
            return true
        }
    }

    static let ipv4: [Range] = [
        Range("this network", [0, 0, 0, 0], 8),
        Range("private use", [10, 0, 0, 0], 8),
        Range("shared address space", [100, 64, 0, 0], 10),
        Range("loopback", [127, 0, 0, 0], 8),
        Range("link local", [169, 254, 0, 0], 16),
        Range("private use", [172, 16, 0, 0], 12),
        Range("IETF protocol assignments", [192, 0, 0, 0], 24),
        Range("documentation (TEST-NET-1)", [192, 0, 2, 0], 24),
        Range("6to4 relay anycast (deprecated)", [192, 88, 99, 0], 24),
        Range("private use", [192, 168, 0, 0], 16),
        Range("benchmarking", [198, 18, 0, 0], 15),
        Range("documentation (TEST-NET-2)", [198, 51, 100, 0], 24),
        Range("documentation (TEST-NET-3)", [203, 0, 113, 0], 24),
        Range("multicast", [224, 0, 0, 0], 4),
        Range("reserved", [240, 0, 0, 0], 4),
        Range("limited broadcast", [255, 255, 255, 255], 32),
    ]

    static let ipv6: [Range] = [
        Range("unspecified and IPv4-compatible", [UInt8](repeating: 0, count: 16), 96),
        Range("discard only", [0x01, 0x00] + [UInt8](repeating: 0, count: 14), 64),
        Range("dummy prefix", [0x01, 0x00, 0, 0, 0, 0, 0, 1] + [UInt8](repeating: 0, count: 8), 64),
        Range("local-use IPv4/IPv6 translation", [0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01] + [UInt8](repeating: 0, count: 10), 48),
        Range("IETF protocol assignments", [0x20, 0x01] + [UInt8](repeating: 0, count: 14), 23),
        Range("documentation", [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 12), 32),
        Range("documentation", [0x3F, 0xFF] + [UInt8](repeating: 0, count: 14), 20),
        Range("segment routing SIDs", [0x5F, 0x00] + [UInt8](repeating: 0, count: 14), 16),
        Range("unique local", [0xFC] + [UInt8](repeating: 0, count: 15), 7),
        Range("link local", [0xFE, 0x80] + [UInt8](repeating: 0, count: 14), 10),
        Range("site local (deprecated)", [0xFE, 0xC0] + [UInt8](repeating: 0, count: 14), 10),
        Range("multicast", [0xFF] + [UInt8](repeating: 0, count: 15), 8),
    ]

    /// Globally reachable exceptions inside the ranges above (from the IPv6 registry).
    static let ipv6Reachable: [Range] = [
        Range("TURN anycast", [0x20, 0x01, 0x00, 0x01] + [UInt8](repeating: 0, count: 11) + [1], 128),
        Range("AMT", [0x20, 0x01, 0x00, 0x03] + [UInt8](repeating: 0, count: 12), 32),
        Range("AS112-v6", [0x20, 0x01, 0x00, 0x04, 0x01, 0x12] + [UInt8](repeating: 0, count: 10), 48),
        Range("ORCHIDv2", [0x20, 0x01, 0x00, 0x20] + [UInt8](repeating: 0, count: 12), 28),
        Range("drone remote ID", [0x20, 0x01, 0x00, 0x30] + [UInt8](repeating: 0, count: 12), 28),
    ]

    /// Ranges whose addresses carry an IPv4 address, and where it is: judged by that address.
    static let embeddingIPv4: [(range: Range, offset: Int)] = [
        (Range("IPv4-mapped", [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF, 0, 0, 0, 0], 96), 12),
        (Range("IPv4-translated", [UInt8](repeating: 0, count: 8) + [0xFF, 0xFF, 0, 0] + [0, 0, 0, 0], 96), 12),
        (Range("NAT64", [0x00, 0x64, 0xFF, 0x9B] + [UInt8](repeating: 0, count: 12), 96), 12),
        (Range("6to4", [0x20, 0x02] + [UInt8](repeating: 0, count: 14), 16), 2),
    ]

    /// The reason an address is refused, or nil for a globally reachable one.
    static func refusal(_ address: [UInt8]) -> String? {
        if address.count == 4 { return ipv4.first { $0.contains(address) }?.name }
        guard address.count == 16 else { return "not an address" }
        for (range, offset) in embeddingIPv4 where range.contains(address) {
            return refusal(Array(address[offset..<offset + 4])).map { "\(range.name) \($0)" }
        }
        if address[0..<12].allSatisfy({ $0 == 0 }), !address[12..<16].allSatisfy({ $0 == 0 }), address[12..<15] != [0, 0, 0] {
            return refusal(Array(address[12..<16])).map { "IPv4-compatible \($0)" } ?? "IPv4-compatible (deprecated)"
        }
        if ipv6Reachable.contains(where: { $0.contains(address) }) { return nil }
        return ipv6.first { $0.contains(address) }?.name
    }
}
