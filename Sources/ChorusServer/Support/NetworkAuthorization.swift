import ChorusRegistry
import Foundation
import Hummingbird

/// Checks that a request carries a token of the network in its path with at least the role needed.
/// API clients send `Authorization: Bearer <token>`; a browser may send the token as the password of HTTP Basic,
/// which keeps the admin pages free of cookies.
struct NetworkAuthorization {
    let registry: Registry

    func authorize(_ request: Request, _ context: ChorusRequestContext, _ role: Role) async throws -> Access {
        let slug = try context.required("network")
        guard let token = Self.token(in: request) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"chorus\", Basic realm=\"chorus \(slug)\""],
                            message: "this needs a network token: Authorization: Bearer <token>")
        }
        let access = try await registry.authenticate(token: token, network: slug)
        guard access.role >= role else {
            throw RegistryError.forbidden("a \(access.role.rawValue) token cannot do this; it needs \(role.rawValue)")
        }
        return access
    }

    static func token(in request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        if header.hasPrefix("Bearer ") { return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        if header.hasPrefix("Basic "), let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
           let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":") {
            return String(text[text.index(after: colon)...])
        }
        return nil
    }
}
