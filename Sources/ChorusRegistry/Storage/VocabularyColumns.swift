import ChorusFeed
import GRDB

// Vocabulary values are stored as their stable ids, so a column holds exactly what the feed format defines.
extension AttendanceMode: DatabaseValueConvertible {}
extension ActivityStatus: DatabaseValueConvertible {}
extension Setting: DatabaseValueConvertible {}
extension FeeKind: DatabaseValueConvertible {}
