import ChorusRegistry
import Foundation
import Hummingbird
import HummingbirdAuth

/// The console's middleware, in order: refuse other sites' unsafe requests, load the session (`hummingbird-auth`'s
/// session middleware over the registry's database), find the person it belongs to, and keep the session's
/// deadlines. Only `/console/…` passes through it, so only a signed-in console person ever gets a cookie.
enum ConsoleAuthentication {
    /// `__Host-` cookies must be `Secure`; browsers treat loopback as a secure context, so the cookie works on a
    /// registry tried out over plain HTTP on 127.0.0.1 as well as behind HTTPS.
    static let cookie = SessionCookieParameters(name: ConsoleSession.cookieName, path: "/", secure: true, sameSite: .strict)

    /// The sessions as the middleware keeps them; sign-in uses the same to end the session a browser had before.
    static func storage(_ registry: Registry) -> SessionStorage<ConsoleSession> {
        SessionStorage(ConsoleSessionStore(registry: registry), configuration: .init(sessionCookieParameters: cookie))
    }

    static func add(to group: RouterGroup<ChorusRequestContext>, registry: Registry) {
        group.add(middleware: SameOriginGuard())
        group.add(middleware: SessionMiddleware(sessionStorage: storage(registry), defaultSessionExpiration: .seconds(Int64(ConsoleSession.idleTimeout))))
        group.add(middleware: SessionAuthenticator(context: ChorusRequestContext.self) { (session: ConsoleSession, _) in
            guard registry.now.timeIntervalSince(session.createdAt) < ConsoleSession.absoluteTimeout else { return nil }
            return try await registry.person(id: session.personId)
        })
        group.add(middleware: SessionDeadlines(registry: registry))
    }
}

/// Ends a session whose person is gone or whose seven days are up, and moves an active session's idle deadline on.
struct SessionDeadlines: RouterMiddleware {
    typealias Context = ChorusRequestContext
    let registry: Registry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if var session = context.sessions.session {
            if context.identity == nil {
                context.sessions.clearSession()
            } else if registry.now.timeIntervalSince(session.lastSeen) > ConsoleSession.refreshInterval {
                session.lastSeen = registry.now
                _ = context.sessions.updateSession(session, expiresIn: .seconds(Int64(ConsoleSession.idleTimeout)))
            }
        }
        return try await next(request, context)
    }
}
