import Foundation
import Logging

/// What every stage shares: the database, the clock and the log.
struct StageContext: Sendable {
    let database: RegistryDatabase
    let clock: @Sendable () -> Date
    let logger: Logger

    var now: Date { clock() }
}
