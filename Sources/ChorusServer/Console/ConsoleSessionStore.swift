import ChorusRegistry
import Foundation
import Hummingbird

/// Where `hummingbird-auth`'s session middleware keeps console sessions: in the registry's database, by the SHA-256
/// of the session id (the registry never stores the id itself), with expiry read from the registry's clock.
struct ConsoleSessionStore: PersistDriver {
    let registry: Registry

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await set(key: key, value: value, expires: expires)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let personId = (value as? ConsoleSession)?.personId
        let expiresAt = expires.map { registry.now.addingTimeInterval(TimeInterval($0.components.seconds)) }
        try await registry.storeConsoleSession(id: key, personId: personId, value: try JSONEncoder().encode(value), expiresAt: expiresAt)
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        guard let stored = try await registry.consoleSession(id: key) else { return nil }
        guard let object = try? JSONDecoder().decode(type, from: stored.value) else { throw PersistError.invalidConversion }
        return (object, stored.expiresAt.map { .seconds(max(0, $0.timeIntervalSince(registry.now))) })
    }

    func remove(key: String) async throws { try await registry.removeConsoleSession(id: key) }
}
