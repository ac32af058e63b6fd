import ArgumentParser
import ChorusLanguage
import ChorusRegistry
import ChorusServer
import Foundation
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the registry: HTTP API, mirror and the harvester, until SIGINT or SIGTERM.")
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @Flag(help: "Serve the API only; do not harvest in this process.") var noHarvest = false
    @Option(help: "The public address of this registry (https://registry.example.org): feeds and calendars link to it and their ids name its host.")
    var publicURL: String?
    @Option(name: .customLong("allowed-host"), help: "Without --public-url: a host (name or name:port) whose requests may name the base of links; repeat for several. By default only loopback names.")
    var allowedHosts: [String] = []
    @Option(help: "Seconds a client may take to send a request's headers.") var headerTimeout: Double = 10
    @Option(help: "Seconds a client may take to send a request's body.") var bodyTimeout: Double = 60
    @Option(help: "Seconds an idle connection is kept open.") var idleTimeout: Double = 75
    @Option(help: "Open connections one client address may hold.") var maxConnectionsPerAddress = 64
    @Option(help: "The language of pages outside any network when a visitor's browser asks for none Chorus has.") var language = "en"
    @Flag(help: "Also offer the pseudo-locales en-XA and ar-XB (every string accented and longer), to find text left untranslated.")
    var pseudoLocales = false
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        Logs.bootstrap()
        let logger = Logger(label: "chorus")
        try await registry.withRegistry(logger: logger) { registry in
            var configuration = ServerConfiguration(host: host, port: port, harvest: !noHarvest)
            configuration.allowedHosts = allowedHosts
            guard Catalogs.shipped.contains(language) else {
                throw ValidationError("--language must be one Chorus has a catalog for: \(Catalogs.shipped.joined(separator: ", "))")
            }
            configuration.defaultLanguage = language
            configuration.pseudoLocales = pseudoLocales
            guard [headerTimeout, bodyTimeout, idleTimeout].allSatisfy({ $0 > 0 && $0 <= 3600 }), (1...100_000).contains(maxConnectionsPerAddress) else {
                throw ValidationError("timeouts must be above 0 and at most 3600 seconds, and --max-connections-per-address 1 to 100000")
            }
            configuration.connections.headerTimeout = headerTimeout
            configuration.connections.bodyTimeout = bodyTimeout
            configuration.connections.idleTimeout = idleTimeout
            configuration.connections.maxConnectionsPerAddress = maxConnectionsPerAddress
            if let publicURL {
                guard let url = URLComponents(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
                      url.query == nil, url.path.isEmpty || url.path == "/" else {
                    throw ValidationError("--public-url must be an http or https address with no path, such as https://registry.example.org")
                }
                configuration.publicURL = publicURL
            }
            let started = Date()
            let groups = try await registry.warmDirectory()
            logger.info("directory read model built", metadata: ["groups": "\(groups)", "seconds": "\(String(format: "%.1f", Date().timeIntervalSince(started)))"])
            let server = ChorusServer(registry: registry, configuration: configuration)
            try await server.run { port in
                logger.info("serving", metadata: ["url": "http://\(host):\(port)/", "db": "\(self.registry.db)"])
            }
        }
    }
}
