import Foundation

/// One line for why a `FeedAnswers` JSON document could not be read, naming the answer by its path.
public enum AnswersDescription {
    public static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing answer '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "answer '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type: \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "not valid JSON: \(context.underlyingError.map { String(describing: $0) } ?? context.debugDescription)"
        @unknown default:
            return "cannot read the answers"
        }
    }
}
