import ChorusRegistry
import Foundation
import Hummingbird
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle
import UnixSignals

/// The HTTP server: routes over a registry, with the harvester running in the same process.
public struct ChorusServer: Sendable {
    public let registry: Registry
    public let configuration: ServerConfiguration
    public let logger: Logger
    let metrics = PrometheusCollectorRegistry()
    /// Outputs and group pages as last built, shared by the routes that answer from them.
    let built = BuiltOutputs()
    var languages: RegistryLanguages {
        RegistryLanguages(fallback: configuration.defaultLanguage, pseudoLocales: configuration.pseudoLocales)
    }

    public init(registry: Registry, configuration: ServerConfiguration, logger: Logger = Logger(label: "chorus.server")) {
        self.registry = registry
        self.configuration = configuration
        self.logger = logger
    }

    func makeRouter() -> Router<ChorusRequestContext> {
        let router = Router(context: ChorusRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: HTTPCachingMiddleware())
        router.add(middleware: PrivacyHeadersMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: HostRequiredMiddleware())
        DirectoryPages(registry: registry, addresses: PublicAddressPolicy(configuration), built: built).add(to: router)
        DirectoryAPIRoutes(registry: registry).add(to: router)
        OutputRoutes(registry: registry, configuration: configuration, built: built).add(to: router)
        AssetRoutes().add(to: router)
        OperationsRoutes(registry: registry, metrics: metrics).add(to: router)
        AdminRoutes(registry: registry).add(to: router)
        PublishRoutes(registry: registry, configuration: configuration).add(to: router)
        LintRoutes(registry: registry, configuration: configuration).add(to: router)
        DraftRoutes(registry: registry, configuration: configuration).add(to: router)
        PublishPages(registry: registry).add(to: router)
        MirrorRoutes(registry: registry).add(to: router)
        ComplianceRoutes(registry: registry).add(to: router)
        FederationRoutes(registry: registry, built: built).add(to: router)
        ListingReportRoutes(registry: registry).add(to: router)
        let console = router.group("console")
        ConsoleAuthentication.add(to: console, registry: registry)
        SignInRoutes(registry: registry).add(to: console)
        GroupRoutes(registry: registry).add(to: console)
        CharterRoutes(registry: registry).add(to: console)
        CharterEditorRoutes(registry: registry).add(to: console)
        NetworkRoutes(registry: registry, addresses: PublicAddressPolicy(configuration)).add(to: console)
        OtherRegistriesRoutes(registry: registry).add(to: console)
        if let folder = configuration.sampleFeeds { SampleFeedRoutes(folder: folder).add(to: router) }
        return router
    }

    /// Serves until SIGINT or SIGTERM (or `shutdown` is triggered), then stops taking requests, lets the harvester
    /// finish its current transaction and returns. `onRunning` receives the bound port (useful with port 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let serviceGroup = makeServiceGroup(onRunning: onRunning, signals: [.sigterm, .sigint])
        try await serviceGroup.run()
    }

    /// `extraRoutes` adds routes beside Chorus's own, behind the same middleware (benchmarks use it for a baseline).
    public func makeServiceGroup(onRunning: @escaping @Sendable (Int) async -> Void, signals: [UnixSignal],
                                 extraRoutes: (Router<ChorusRequestContext>) -> Void = { _ in }) -> ServiceGroup {
        let router = makeRouter()
        extraRoutes(router)
        let limits = configuration.connections
        let counter = ConnectionCounter()
        let application = Application(
            responder: HeadResponder(inner: LanguageResponder(inner: router.buildResponder(), registry: registry, languages: languages)),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [ConnectionLimitHandler(limits: limits, counter: counter)],
                idleTimeout: .milliseconds(Int64(limits.idleTimeout * 1000)))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        var services: [any Service] = [application]
        if configuration.harvest {
            services.append(HarvestService(loop: HarvestLoop(registry: registry)))
            services.append(FederationService(loop: FederationLoop(registry: registry)))
        }
        return ServiceGroup(configuration: .init(services: services.map { .init(service: $0) },
                                                 gracefulShutdownSignals: signals, logger: logger))
    }
}

struct FederationService: Service {
    let loop: FederationLoop

    func run() async throws {
        try await cancelWhenGracefulShutdown { await loop.run() }
    }
}

struct HarvestService: Service {
    let loop: HarvestLoop

    func run() async throws {
        try await cancelWhenGracefulShutdown { await loop.run() }
    }
}
