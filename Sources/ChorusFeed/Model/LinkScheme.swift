/// The address schemes a feed may carry, each where its field allows it: web links `https:` or `http:`, a join link
/// `https:`, and a contact route the scheme of its kind (`ContactKind.scheme`). Anything else — `javascript:`, `data:`,
/// `file:`, an address with spaces or control characters — is refused by the reader or the validator, and the
/// registry's outputs carry only addresses that pass these checks.
public enum LinkScheme {
    /// An `https:` or `http:` address with a host, no white space and no control characters.
    public static func isWeb(_ address: String) -> Bool {
        hasScheme(address, ["https://", "http://"])
    }

    /// An `https:` address with a host.
    public static func isSecureWeb(_ address: String) -> Bool {
        hasScheme(address, ["https://"])
    }

    /// A contact route of its kind's scheme, with something after it.
    public static func isContact(_ address: String, kind: ContactKind) -> Bool {
        kind == .webForm ? isSecureWeb(address) : hasScheme(address, [kind.scheme])
    }

    private static func hasScheme(_ address: String, _ schemes: [String]) -> Bool {
        let lower = address.lowercased()
        guard let scheme = schemes.first(where: lower.hasPrefix), address.count > scheme.count, address.count <= 2048 else { return false }
        return !address.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F || "<>\"`".unicodeScalars.contains($0) }
    }
}
