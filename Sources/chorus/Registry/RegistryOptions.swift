import ArgumentParser
import ChorusRegistry
import Foundation
import Logging

/// `--db` and the harvester's address policy, shared by every command that opens the registry.
struct RegistryOptions: ParsableArguments {
    @Option(help: "The registry's SQLite database file.") var db = "chorus.sqlite"
    @Flag(help: "Allow feeds on private, loopback and link-local addresses (for demos and tests on one machine).")
    var allowPrivateFeeds = false

    /// Opens the registry, runs `body`, and always releases the HTTP client.
    func withRegistry<T>(logger: Logger = Logger(label: "chorus"), _ body: (Registry) async throws -> T) async throws -> T {
        let database: RegistryDatabase
        do { database = try RegistryDatabase(path: db) } catch {
            throw Console.fail("\(error)")
        }
        let registry = Registry(database: database, fetcher: FeedFetcher(policy: AddressPolicy(allowPrivate: allowPrivateFeeds)), logger: logger)
        do {
            let result = try await body(registry)
            await registry.fetcher.shutdown()
            return result
        } catch let error as RegistryError {
            await registry.fetcher.shutdown()
            throw Console.fail(error.description)
        } catch {
            await registry.fetcher.shutdown()
            throw error
        }
    }
}

extension Role: ExpressibleByArgument {}
extension EnrolmentPolicy: ExpressibleByArgument {}

enum Logs {
    /// Structured logs on standard error, once per process.
    static func bootstrap(level: Logger.Level = .info) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
