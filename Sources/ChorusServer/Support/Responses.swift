import ChorusRegistry
import Foundation
import Hummingbird

/// JSON and error responses shared by the routes.
enum Responses {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    struct Problem: Encodable {
        let error: String
        let message: String
    }

    static func problem(_ status: HTTPResponse.Status, _ code: String, _ message: String,
                        headers: HTTPFields = [:]) -> Response {
        var response = (try? json(Problem(error: code, message: message), status: status))
            ?? Response(status: status)
        for field in headers { response.headers.append(field) }
        return response
    }

    /// A `429` that says how long to wait, in words and in `Retry-After`.
    static func tooManyRequests(_ wait: TimeInterval) -> Response {
        let seconds = Int(wait.rounded(.up))
        return problem(.tooManyRequests, "rate-limited", "too many requests; try again in \(seconds) s", headers: [.retryAfter: "\(seconds)"])
    }

    static func problem(for error: any Error) -> Response {
        switch error {
        case let error as RegistryError:
            switch error {
            case .notFound(let missing): problem(.notFound, "not-found", missing.description)
            case .invalid(_, let m): problem(.unprocessableContent, "invalid", m)
            case .conflict(_, let m): problem(.conflict, "conflict", m)
            case .forbidden(let m): problem(.forbidden, "forbidden", m)
            case .storage(let m): problem(.serviceUnavailable, "storage", m)
            }
        case let error as HTTPError:
            problem(error.status, "http", error.body ?? error.status.reasonPhrase)
        default:
            problem(.internalServerError, "internal", "the registry could not complete this request")
        }
    }

    static func text(_ body: String, contentType: String = "text/plain; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
