import ChorusFeed
import GRDB

// Vocabulary values are stored as their stable ids, so a column holds exactly what the feed format defines.
extension AttendanceMode: DatabaseValueConvertible {}
extension ActivityStatus: DatabaseValueConvertible {}
extension Setting: DatabaseValueConvertible {}
extension FeeKind: DatabaseValueConvertible {}
extension DirectoryChange.Kind: DatabaseValueConvertible {}

// The registry's own states, bound into queries as their stored ids.
extension MembershipStatus: DatabaseValueConvertible {}
extension HarvestState: DatabaseValueConvertible {}
extension KeyStatus: DatabaseValueConvertible {}
extension HarvestOutcome: DatabaseValueConvertible {}
extension Arrival: DatabaseValueConvertible {}
extension Role: DatabaseValueConvertible {}
extension EnrolmentPolicy: DatabaseValueConvertible {}
