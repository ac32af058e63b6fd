import Foundation
import HTTPTypes
import HummingbirdCore
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes

/// How long a client may take, and how many connections one address may hold. The defaults let a phone on a slow
/// network through (ten seconds for a request's headers, a minute for its body) and close what only occupies the
/// server: a half-sent header (slowloris), a body that never ends, a connection left idle, a crowd of sockets.
public struct ConnectionLimits: Sendable {
    /// From a connection's start, or the end of its last answer, to a request's complete headers.
    public var headerTimeout: TimeInterval = 10
    /// From a request's headers to the end of its body.
    public var bodyTimeout: TimeInterval = 60
    /// A connection with no request in flight and nothing read for this long is closed.
    public var idleTimeout: TimeInterval = 75
    /// Open connections one client address may hold; the next is closed at once.
    public var maxConnectionsPerAddress = 64

    public init() {}
}

/// Counts open connections per client address, shared by every connection of one server.
final class ConnectionCounter: Sendable {
    private let counts = NIOLockedValueBox<[String: Int]>([:])

    /// False when the address already holds `limit` connections; otherwise counts this one.
    func open(_ address: String, limit: Int) -> Bool {
        counts.withLockedValue { counts in
            let current = counts[address, default: 0]
            guard current < limit else { return false }
            counts[address] = current + 1
            return true
        }
    }

    func close(_ address: String) {
        counts.withLockedValue { counts in
            let current = counts[address, default: 1] - 1
            counts[address] = current > 0 ? current : nil
        }
    }
}

/// Closes a connection whose client exceeds its address's connection cap, or takes too long to send a request's
/// headers or body. It sits after the HTTP decoder, so it sees a request only once its headers are complete.
final class ConnectionLimitHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ConnectionLimits
    private let counter: ConnectionCounter
    private var address: String?
    private var deadline: Scheduled<Void>?

    init(limits: ConnectionLimits, counter: ConnectionCounter) {
        self.limits = limits
        self.counter = counter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard counter.open(address, limit: limits.maxConnectionsPerAddress) else {
            context.close(promise: nil)
            return
        }
        self.address = address
        arm(context, after: limits.headerTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        if let address { counter.close(address) }
        address = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: arm(context, after: limits.bodyTimeout)
        case .end: deadline?.cancel()
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(context, after: limits.headerTimeout + limits.idleTimeout) }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext, after seconds: TimeInterval) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) { channel.close(promise: nil) }
    }
}
