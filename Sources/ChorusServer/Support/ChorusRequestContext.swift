import ChorusRegistry
import Hummingbird
import HummingbirdAuth
import NIOCore

/// The request context: Hummingbird's core storage, the client's address (for per-address rate limits), and for
/// the console only, its session and the person signed in.
public struct ChorusRequestContext: RequestContext, RemoteAddressRequestContext, SessionRequestContext, AuthRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    public let sessions = SessionContext<ConsoleSession>()
    public var identity: ConsolePerson?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
