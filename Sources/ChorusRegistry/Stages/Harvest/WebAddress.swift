import Foundation

/// An absolute http or https address with a host: the only kind the registry fetches, posts to, or moves a
/// follow to. Where it may connect is still decided by `AddressPolicy` when it does.
enum WebAddress {
    static func parse(_ text: String, maximumBytes: Int = 2000) -> URL? {
        guard text.utf8.count <= maximumBytes, let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              url.host?.isEmpty == false else { return nil }
        return url
    }
}
