/// Turns a typed contact into the URI the feed carries.
public enum ContactAddress {
    /// Why a typed contact does not look like one of its kind, or nil.
    public static func check(_ answer: String, kind: ContactKind) -> String? {
        switch kind {
        case .email: return answer.contains("@") ? nil : "That does not look like an e-mail address."
        case .webForm: return answer.lowercased().hasPrefix("https://") ? nil : "A web form address starts with https://"
        default: return answer.filter(\.isNumber).count >= 6 ? nil : "That does not look like a phone number."
        }
    }

    /// The URI for a typed contact: `mailto:`, `tel:` or `sms:` added where missing; an address already written as one stays as it is.
    public static func uri(_ answer: String, kind: ContactKind) -> String {
        guard !answer.isEmpty else { return answer }
        switch kind {
        case .email: return answer.hasPrefix(kind.scheme) ? answer : kind.scheme + answer
        case .phone, .text: return answer.hasPrefix(kind.scheme) ? answer : kind.scheme + answer.filter { $0.isNumber || $0 == "+" }
        case .webForm: return answer
        }
    }
}
