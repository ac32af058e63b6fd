import ArgumentParser
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
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        Logs.bootstrap()
        let logger = Logger(label: "chorus")
        try await registry.withRegistry(logger: logger) { registry in
            let server = ChorusServer(registry: registry, configuration: ServerConfiguration(host: host, port: port, harvest: !noHarvest))
            try await server.run { port in
                logger.info("serving", metadata: ["url": "http://\(host):\(port)/", "db": "\(self.registry.db)"])
            }
        }
    }
}
