import ChorusCharter
import ChorusFeed
import Foundation
import GRDB
import Logging

/// The registry: a small façade over its stages, wired in the order data flows through them —
/// ingest → judge → index → change log → outputs — with tenants, enrolment, harvesting and the directory's read
/// side beside them. Every operation is a short transaction on one SQLite database, reached through GRDB's async
/// API, so the server and the CLI can work on the same file at once and no cooperative thread waits on SQLite.
public final class Registry: Sendable {
    public let database: RegistryDatabase
    public let fetcher: FeedFetcher
    let context: StageContext
    let tenants: Tenants
    let changeLog: ChangeLog
    let judge: Judge
    let index: DirectoryIndex
    let ingest: Ingest
    let directory: Directory
    let outputs: Outputs
    let enrolment: Enrolment
    let harvester: Harvester

    let people: People
    let reports: ListingReports
    let following: Following
    let subscribers: DirectorySubscribers
    let moving: NetworkMove

    public init(database: RegistryDatabase, fetcher: FeedFetcher, logger: Logger = Logger(label: "chorus.registry"),
                clock: @escaping @Sendable () -> Date = { Date() }, passphrases: Passphrases = Passphrases(),
                signInThrottle: SignInThrottle = SignInThrottle()) {
        self.database = database
        self.fetcher = fetcher
        let context = StageContext(database: database, clock: clock, logger: logger)
        self.context = context
        let stamps = StampCache(commits: database.commits)
        tenants = Tenants(context: context)
        changeLog = ChangeLog(context: context, stamps: stamps)
        judge = Judge(context: context, tenants: tenants, changeLog: changeLog, charters: CharterCache())
        index = DirectoryIndex(context: context)
        ingest = Ingest(context: context, tenants: tenants, judge: judge, index: index, changeLog: changeLog, harvestLimits: fetcher.limits)
        directory = Directory(context: context, judge: judge)
        outputs = Outputs(context: context, tenants: tenants, judge: judge, directory: directory, stamps: stamps, exports: ExportCache.store())
        enrolment = Enrolment(context: context, tenants: tenants, ingest: ingest, judge: judge, changeLog: changeLog, fetcher: fetcher)
        harvester = Harvester(context: context, tenants: tenants, ingest: ingest, fetcher: fetcher)
        people = People(context: context, tenants: tenants, passphrases: passphrases, throttle: signInThrottle)
        reports = ListingReports(context: context, tenants: tenants)
        following = Following(context: context, tenants: tenants, enrolment: enrolment, harvester: harvester, fetcher: fetcher, outputs: outputs)
        subscribers = DirectorySubscribers(context: context, tenants: tenants, outputs: outputs, fetcher: fetcher)
        moving = NetworkMove(context: context, tenants: tenants, ingest: ingest, judge: judge, changeLog: changeLog)
    }

    public var now: Date { context.now }
    var logger: Logger { context.logger }

    /// Who did something, as the audit log records it.
    public struct Actor: Sendable {
        public let name: String
        public init(_ name: String) { self.name = name }
        public static let commandLine = Actor("cli:\(ProcessInfo.processInfo.environment["USER"] ?? "local")")
        public static func token(_ id: Int64, role: Role) -> Actor { Actor("token:\(id) (\(role.rawValue))") }
    }

    public struct AuditEntry: Codable, Sendable {
        public let id: Int64?
        public let at: Date
        public let actor: String
        public let action: String
        public let groupId: String?
        public let detail: String?
    }

    /// Which audit entries to show: an action's prefix (`person.`), part of the actor's name, one group.
    public struct AuditFilter: Sendable {
        public var action: String?
        public var actor: String?
        public var groupId: String?
        public var before: Int64?
        public init(action: String? = nil, actor: String? = nil, groupId: String? = nil, before: Int64? = nil) {
            self.action = action
            self.actor = actor
            self.groupId = groupId
            self.before = before
        }
    }

    /// Counts for `/metrics` and health: groups by harvest state and stale, attempts by outcome.
    public struct Counts: Sendable {
        public var groupsByState: [String: Int] = [:]
        public var staleGroups = 0
        public var attemptsByOutcome: [String: Int] = [:]
        public var snapshots = 0
        public var networks = 0
    }

    public static let feedLength = Outputs.feedLength
}

// MARK: Tenants

extension Registry {
    public static func validateSlug(_ slug: String) throws { try Tenants.validateSlug(slug) }

    @discardableResult
    public func createNetwork(slug: String, name: String, policy: EnrolmentPolicy, actor: Actor = .commandLine) async throws -> Network {
        try await tenants.createNetwork(slug: slug, name: name, policy: policy, actor: actor)
    }

    public func networks() async throws -> [Network] { try await tenants.networks() }

    public func network(_ slug: String) async throws -> Network { try await tenants.network(slug) }

    public func issueToken(network slug: String, role: Role, actor: Actor = .commandLine) async throws -> String {
        try await tenants.issueToken(network: slug, role: role, lifetime: nil, actor: actor).token
    }

    /// A token valid for `lifetime` (nil: until revoked), with the id that revokes it.
    public func issueToken(network slug: String, role: Role, lifetime: TimeInterval?, actor: Actor = .commandLine) async throws -> (id: Int64, token: String) {
        try await tenants.issueToken(network: slug, role: role, lifetime: lifetime, actor: actor)
    }

    public func revokeToken(network slug: String, id: Int64, actor: Actor = .commandLine) async throws {
        try await tenants.revokeToken(network: slug, id: id, actor: actor)
    }

    public func tokens(network slug: String) async throws -> [TokenInfo] { try await tenants.tokens(network: slug) }

    /// A token as its network's admins see it: never the token itself.
    public struct TokenInfo: Codable, Sendable {
        public let id: Int64
        public let role: Role
        public let createdAt: Date
        public let expiresAt: Date?
        public let revokedAt: Date?
    }

    public func authenticate(token: String, network slug: String) async throws -> Access {
        try await tenants.authenticate(token: token, network: slug)
    }

    public func auditLog(network slug: String, filter: AuditFilter = AuditFilter(), limit: Int = 200) async throws -> [AuditEntry] {
        try await tenants.auditLog(network: slug, filter: filter, limit: limit)
    }

    public func rename(network slug: String, to name: String, actor: Actor = .commandLine) async throws {
        try await tenants.rename(network: slug, to: name, actor: actor)
    }

    public func setPolicy(network slug: String, _ policy: EnrolmentPolicy, actor: Actor = .commandLine) async throws {
        try await tenants.setPolicy(network: slug, policy, actor: actor)
    }

    public func setContact(network slug: String, _ uri: String, actor: Actor = .commandLine) async throws {
        try await tenants.setContact(network: slug, uri, actor: actor)
    }

    public func setCrisisLine(network slug: String, _ text: String?, actor: Actor = .commandLine) async throws {
        try await tenants.setCrisisLine(network: slug, text, actor: actor)
    }

    /// The network's default language and the languages it offers (nil: every shipped language).
    public func setLanguages(network slug: String, default language: String, offered: [String]?, actor: Actor = .commandLine) async throws {
        try await tenants.setLanguages(network: slug, default: language, offered: offered, actor: actor)
    }

    public func setEmbedOrigins(network slug: String, _ origins: [String], actor: Actor = .commandLine) async throws {
        try await tenants.setEmbedOrigins(network: slug, origins, actor: actor)
    }

    public func setDashboardPublic(network slug: String, _ isPublic: Bool, actor: Actor = .commandLine) async throws {
        try await tenants.setDashboardPublic(network: slug, isPublic, actor: actor)
    }
}

// MARK: The console's people and visitors' reports

extension Registry {
    /// A single-use invite link's secret, valid for 7 days; with `resetLogin`, a new passphrase for that person.
    public func invite(network slug: String, role: Role, resetLogin: String? = nil, actor: Actor = .commandLine) async throws -> (token: String, expiresAt: Date) {
        try await people.invite(network: slug, role: role, resetLogin: resetLogin, actor: actor)
    }

    public func invitation(token: String) async throws -> Invitation { try await people.invitation(token: token) }

    public func acceptInvite(token: String, login: String, name: String, passphrase: String) async throws -> ConsolePerson {
        try await people.acceptInvite(token: token, login: login, name: name, passphrase: passphrase)
    }

    public func acceptInvite(token: String, as person: ConsolePerson) async throws -> ConsolePerson {
        try await people.acceptInvite(token: token, as: person)
    }

    public func signIn(login: String, passphrase: String, address: String) async throws -> SignInResult {
        try await people.signIn(login: login, passphrase: passphrase, address: address)
    }

    public func person(id: Int64) async throws -> ConsolePerson? { try await people.person(id: id) }

    public func changePassphrase(person: ConsolePerson, current: String, new: String) async throws {
        try await people.changePassphrase(person: person, current: current, new: new)
    }

    public func people(network slug: String) async throws -> [PersonInfo] { try await people.people(network: slug) }

    public func setRole(network slug: String, personId: Int64, role: Role, actor: Actor = .commandLine) async throws {
        try await people.setRole(network: slug, personId: personId, role: role, actor: actor)
    }

    public func removePerson(network slug: String, personId: Int64, actor: Actor = .commandLine) async throws {
        try await people.remove(network: slug, personId: personId, actor: actor)
    }

    public func unlockPerson(network slug: String, personId: Int64, actor: Actor = .commandLine) async throws {
        try await people.unlock(network: slug, personId: personId, actor: actor)
    }

    /// Console sessions, kept by the SHA-256 of their id.
    public func storeConsoleSession(id: String, personId: Int64?, value: Data, expiresAt: Date?) async throws {
        try await people.storeSession(id: id, personId: personId, value: value, expiresAt: expiresAt)
    }

    public func consoleSession(id: String) async throws -> (value: Data, expiresAt: Date?)? { try await people.session(id: id) }

    public func removeConsoleSession(id: String) async throws { try await people.removeSession(id: id) }

    @discardableResult
    public func pruneConsoleSessions() async throws -> Int { try await people.pruneSessions() }

    /// Files a visitor's report with every network that lists the group; the number of networks.
    @discardableResult
    public func reportListing(groupId: String, kind: ListingReport.Kind, text: String, replyTo: String?) async throws -> Int {
        try await reports.submit(groupId: groupId, kind: kind, text: text, replyTo: replyTo)
    }

    public func listingReports(network slug: String, open: Bool) async throws -> [ListingReport] {
        try await reports.reports(network: slug, open: open)
    }

    public func openReportCount(network slug: String) async throws -> Int { try await reports.openCount(network: slug) }

    public func markReportDone(network slug: String, id: Int64, note: String, actor: Actor = .commandLine) async throws {
        try await reports.markDone(network: slug, id: id, note: note, actor: actor)
    }

    public func groupHistory(network slug: String, groupId: String) async throws -> GroupHistory {
        try await enrolment.history(network: slug, groupId: groupId)
    }

    public func acceptedFeed(network slug: String, groupId: String, seq: Int64) async throws -> (bytes: Data, signature: String)? {
        try await enrolment.acceptedFeed(network: slug, groupId: groupId, seq: seq)
    }
}

// MARK: Ingest, enrolment and harvesting

extension Registry {
    public func push(groupId: String, bytes: Data, signature: String) async throws -> IngestResult {
        try await ingest.push(groupId: groupId, bytes: bytes, signature: signature)
    }

    public func enroll(network slug: String, feedURL: String, publicKey: String?, actor: Actor = .commandLine) async throws -> EnrolmentResult {
        try await enrolment.enroll(network: slug, feedURL: feedURL, publicKey: publicKey, actor: actor)
    }

    /// A group new to this registry asks to join `slug` by pushing its first signed feed and its key; the registry
    /// hosts the feed at `mirrorBase/mirror/ID/feed.xml` from then on.
    public func requestEnrolment(network slug: String, bytes: Data, signature: String, publicKey: String, mirrorBase: String,
                                 actor: Actor = Actor("a group's publisher")) async throws -> EnrolmentResult {
        try await enrolment.request(network: slug, bytes: bytes, signature: signature, publicKey: publicKey,
                                    mirrorBase: mirrorBase, actor: actor)
    }

    @discardableResult
    public func approve(network slug: String, groupId: String, actor: Actor = .commandLine) async throws -> MembershipStatus {
        try await enrolment.approve(network: slug, groupId: groupId, actor: actor)
    }

    public func suspend(network slug: String, groupId: String, reason: String?, actor: Actor = .commandLine) async throws {
        try await enrolment.suspend(network: slug, groupId: groupId, reason: reason, actor: actor)
    }

    public func remove(network slug: String, groupId: String, actor: Actor = .commandLine) async throws {
        try await enrolment.remove(network: slug, groupId: groupId, actor: actor)
    }

    public func revokeKey(network slug: String, groupId: String, reason: String?, actor: Actor = .commandLine) async throws {
        try await enrolment.revokeKey(network: slug, groupId: groupId, reason: reason, actor: actor)
    }

    public func groups(network slug: String, publicOnly: Bool = false) async throws -> [GroupStatus] {
        try await enrolment.groups(network: slug, publicOnly: publicOnly)
    }

    /// Every group of a network in one query, for lists of thousands: without keys, attempt history or failed rules.
    /// `publicOnly` keeps the groups visitors see, as for `groups(network:publicOnly:)`.
    public func groupSummaries(network slug: String, publicOnly: Bool = false) async throws -> [GroupStatus] {
        try await enrolment.groupSummaries(network: slug, publicOnly: publicOnly)
    }

    public func group(network slug: String, groupId: String) async throws -> GroupStatus {
        try await enrolment.group(network: slug, groupId: groupId)
    }

    public func counts() async throws -> Counts { try await enrolment.counts() }

    public func harvestPass(force: Bool = false, network: String? = nil) async throws -> HarvestSummary {
        try await harvester.pass(force: force, network: network)
    }

    public func nextDue() async throws -> Date? { try await harvester.nextDue() }

    /// Bounds every group's harvest history (run hourly by the harvest loop); returns the attempts pruned.
    @discardableResult
    public func pruneHarvestHistory(keep: Int = 200, keepOld: Int = 20, olderThan age: TimeInterval = 30 * 86_400) async throws -> Int {
        try await harvester.pruneHistory(keep: keep, keepOld: keepOld, olderThan: age)
    }

    /// Asks for a group to be fetched on the next pass: the group's own ping.
    public func schedule(groupId: String) async throws { try await harvester.schedule(groupId: groupId) }

    /// A network's admin fetches a group now, without moving the group's shared schedule.
    @discardableResult
    public func harvestNow(network slug: String, groupId: String) async throws -> HarvestOutcome {
        try await harvester.harvestNow(network: slug, groupId: groupId)
    }
}

// MARK: Charters and compliance

extension Registry {
    public func setCharter(network slug: String, bytes: Data, signature: String?, actor: Actor = .commandLine) async throws -> CharterChange {
        try await judge.setCharter(network: slug, bytes: bytes, signature: signature, actor: actor)
    }

    public func charterDocument(network slug: String) async throws -> (version: String, bytes: Data, signature: String?)? {
        try await judge.charterDocument(network: slug)
    }

    public func charter(network slug: String) async throws -> Charter? { try await judge.charter(network: slug) }

    /// Which groups a charter would move, and why, without applying it.
    public func previewCharter(network slug: String, bytes: Data) async throws -> CharterPreview {
        try await judge.previewCharter(network: slug, bytes: bytes)
    }

    /// What the network's pinned key says of a charter's signature, before it is set.
    public func checkCharterSignature(network slug: String, bytes: Data, signature: String?) async throws -> CharterSignatureCheck {
        try await CharterSignatureCheck.check(bytes, signature: signature, network: slug, tenants: tenants)
    }

    /// Pins the network's own key, which must sign its charters from then on; `replacing` a different key is for the
    /// registry's operator only.
    public func pinNetworkKey(network slug: String, publicKey: String, replacing: Bool = false, actor: Actor = .commandLine) async throws -> NetworkKey {
        try await tenants.pinKey(network: slug, publicKey: publicKey, replacing: replacing, actor: actor)
    }

    /// The registry's own key that signs the network's directory, made on first use; the network delegates to it.
    public func directoryKey(network slug: String) async throws -> MinisignPublicKey { try await tenants.directoryKey(network: slug) }

    /// Takes the network's delegation statement (`delegation.pub` and its `.minisig`), checked against the network's
    /// pinned key and this registry's directory key for it.
    public func setDelegation(network slug: String, keyFile: Data, signature: String, actor: Actor = .commandLine) async throws -> Delegation {
        try await tenants.setDelegation(network: slug, keyFile: keyFile, signature: signature, actor: actor)
    }

    public func delegation(network slug: String) async throws -> Delegation? { try await tenants.delegation(network: slug) }

    /// The network's directory for registries upstream and its signature, signed again first when what it lists has
    /// changed or its signature is past half its life.
    public func signedDirectory(network slug: String) async throws -> SignedDirectory { try await outputs.signedDirectory(network: slug) }

    public func directoryStamp(network slug: String) async throws -> OutputStamp { try await outputs.directoryStamp(network: slug) }

    /// Makes network `slug` follow the network whose signed directory is at `url`, checked from that network's own
    /// public key; takes the directory a first time and reports what came of it.
    public func follow(network slug: String, directoryURL url: String, networkKey: MinisignPublicKey, remoteNetwork: String? = nil,
                       actor: Actor = .commandLine) async throws -> FollowReport {
        try await following.follow(network: slug, url: url, networkKey: networkKey, remoteNetwork: remoteNetwork, actor: actor)
    }

    /// Looks at every followed directory that is due (every one with `force`).
    public func refreshFollows(force: Bool = false) async throws -> [FollowReport] { try await following.refreshDue(force: force) }

    public func follows(network slug: String) async throws -> [FollowStatus] { try await following.follows(network: slug) }

    /// A ping from a followed registry: looks at the directory now. False when `slug` does not follow `url`.
    public func followPinged(network slug: String, directory url: String) async throws -> Bool {
        try await following.pinged(network: slug, directory: url)
    }

    /// Asks the registry of a followed directory to ping `callback` (this registry's `/n/SLUG/follow-ping`) when it changes.
    public func askToBeTold(network slug: String, directory url: String, callback: String) async throws -> Int {
        try await following.askToBeTold(network: slug, directory: url, callback: callback)
    }

    /// Another registry asks to be pinged at `callback` when this network's directory changes; taken once the
    /// callback confirms it follows `directory`.
    public func subscribe(network slug: String, callback: String, directory: String) async throws {
        try await subscribers.subscribe(network: slug, callback: callback, directory: directory)
    }

    /// Everything the network is, as one JSON document (`NetworkExport`).
    public func exportNetwork(network slug: String) async throws -> Data { try await moving.export(network: slug) }

    /// Recreates an exported network on an empty slug, checking every charter and snapshot again.
    public func importNetwork(_ data: Data, actor: Actor = .commandLine) async throws -> ImportReport {
        try await moving.importNetwork(data, actor: actor)
    }

    /// Announces in the network's directory that it now lives at `url` (nil withdraws the announcement).
    public func setDirectoryMoved(network slug: String, to url: String?, actor: Actor = .commandLine) async throws {
        try await tenants.setDirectoryMoved(network: slug, to: url, actor: actor)
    }

    /// Pings the subscribers of every directory signed again since their last ping; returns how many were pinged.
    public func pingSubscribers() async throws -> Int { try await subscribers.pingDue() }

    /// Renews every published directory whose signature is due; returns how many were signed.
    public func refreshSignedDirectories() async throws -> Int { try await outputs.refreshDirectories() }

    /// Every key the network has pinned, the one in force first.
    public func networkKeys(network slug: String) async throws -> [NetworkKey] { try await tenants.keys(network: slug) }

    public func charterVersions(network slug: String) async throws -> [CharterVersion] { try await judge.charterVersions(network: slug) }

    public func complianceReport(network slug: String) async throws -> ComplianceReport {
        try await judge.complianceReport(network: slug)
    }

    public func complianceReport(network slug: String, groupId: String) async throws -> GroupComplianceReport {
        try await judge.complianceReport(network: slug, groupId: groupId)
    }

    public func refreshVerdicts(olderThan age: TimeInterval = 86_400) async throws -> Int {
        try await judge.refreshVerdicts(olderThan: age)
    }

    public func acceptsReportProof(network slug: String, groupId: String, until: Int64, proof: String) async throws -> Bool {
        try await judge.acceptsReportProof(network: slug, groupId: groupId, until: until, proof: proof)
    }
}

// MARK: The directory

extension Registry {
    public func search(_ query: DirectoryQuery) async throws -> DirectoryResults { try await directory.search(query) }

    /// Builds the directory's read model now, so that the first search does not wait for it; the number of groups.
    public func warmDirectory() async throws -> Int { try await directory.readModel.current().count }

    public func publicGroup(groupId: String) async throws -> (group: PublicGroup, listings: [DirectoryHit.Listing], verified: Date) {
        try await directory.publicGroup(groupId: groupId)
    }

    public func upcomingOccurrences(groupId: String, limit: Int = 50) async throws -> [(meetingId: String, start: Date, end: Date, cancelled: Bool)] {
        try await directory.upcomingOccurrences(groupId: groupId, limit: limit)
    }

    public func places(named text: String) async throws -> [DirectoryPlace] { try await directory.places(named: text) }

    public func directoryNetworks() async throws -> [(network: Network, listed: Int)] { try await directory.networks() }

    public func directoryLanguages() async throws -> [String] { try await directory.languages() }

    /// How many listed groups (of one network, or of all) have each audience and language facet (`audience:men`, `language:es`).
    public func offeredFilters(network: String? = nil) async throws -> [String: Int] { try await directory.offeredFilters(network: network) }

    public func directoryAreas(groupIds: [String]) async throws -> [String: String] { try await directory.areas(groupIds: groupIds) }

    public func importPlaces(_ file: GazetteerFile, regionNames: [String: String] = [:]) async throws -> Int {
        try await index.importPlaces(file, regionNames: regionNames)
    }

    public func refreshDirectory(olderThan age: TimeInterval = 86_400) async throws -> Int { try await index.refresh(olderThan: age) }

    public func indexMissingGroups() async throws -> Int { try await index.indexMissing() }

    @discardableResult
    public func reconcileDirectory() async throws -> Int { try await changeLog.reconcileEverything() }
}

// MARK: Outputs

extension Registry {
    public func mirror(groupId: String) async throws -> (bytes: Data, signature: String)? { try await enrolment.mirror(groupId: groupId) }

    public func networkStamp(network slug: String) async throws -> OutputStamp { try await outputs.networkStamp(network: slug) }

    public func groupStamp(groupId: String) async throws -> OutputStamp { try await outputs.groupStamp(groupId: groupId) }

    public func groupPageVersion(groupId: String) async throws -> String? { try await outputs.groupPageVersion(groupId: groupId) }

    public func changesFeed(network slug: String, at address: PublicAddress) async throws -> Syndication {
        try await outputs.changesFeed(network: slug, at: address)
    }

    public func noticesFeed(network slug: String, at address: PublicAddress) async throws -> Syndication {
        try await outputs.noticesFeed(network: slug, at: address)
    }

    public func groupNoticesFeed(groupId: String, at address: PublicAddress) async throws -> Syndication {
        try await outputs.groupNoticesFeed(groupId: groupId, at: address)
    }

    public func searchFeed(_ query: DirectoryQuery, parameters: String, description: String, at address: PublicAddress) async throws -> Syndication {
        try await outputs.searchFeed(query, parameters: parameters, description: description, at: address)
    }

    public func listedGroups(network slug: String) async throws -> (network: Network, groups: [PublicGroup]) {
        try await outputs.listedGroups(network: slug)
    }

    /// A whole-network export, built once per change of the network's stamp and re-encoding only the groups that changed.
    public func export(_ kind: ExportKind, network slug: String, at address: PublicAddress) async throws -> ExportBody {
        try await outputs.export(kind, network: slug, at: address)
    }

    public func meetingGuideExport(network slug: String, at address: PublicAddress) async throws -> Data {
        try await outputs.export(.meetingGuide, network: slug, at: address).joined()
    }

    public func hsdsExport(network slug: String, at address: PublicAddress) async throws -> Data {
        try await outputs.export(.hsds, network: slug, at: address).joined()
    }
}

extension MinisignPublicKey {
    /// SHA-256 of the raw Ed25519 key, in groups of four hex digits, for an admin to compare by eye.
    public var fingerprint: String {
        let hex = FeedDigest.sha256(Data(rawKey))
        return stride(from: 0, to: hex.count, by: 4).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return String(hex[start..<hex.index(start, offsetBy: 4)])
        }.joined(separator: " ")
    }
}
