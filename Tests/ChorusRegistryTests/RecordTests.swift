@testable import ChorusRegistry
import ChorusFeed
import Foundation
import GRDB
import Testing

/// Every table has a record type that writes and reads back the same values, so the schema and the types agree.
@Suite struct RecordTests {
    @Test func everyTableHasARecordThatRoundTrips() async throws {
        let test = try TestRegistry()
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        try await test.registry.database.pool.write { db in
            var network = Network(slug: "north", name: "North", policy: .approval, createdAt: now, contact: "mailto:a@example.org")
            try network.insert(db)
            #expect(try Network.fetchOne(db, key: network.id) == network)
            let net = network.id!

            var token = TokenRecord(networkId: net, role: .editor, hash: "hash", createdAt: now, revokedAt: now, expiresAt: now)
            try token.insert(db)
            try expectSame(db, token, TokenRecord.self) { $0.id == token.id && $0.role == .editor && $0.revokedAt == now }

            var group = GroupRecord(groupId: "urn:uuid:1", title: "A", feedURL: "https://a.example.org/feed.xml", etag: "e", lastModified: "m",
                                    harvestState: .keyRevoked, harvestReason: "r", consecutiveFailures: 2, nextFetchAt: now,
                                    redirectURL: nil, redirectSeen: 1, createdAt: now)
            try group.insert(db)
            try expectSame(db, group, GroupRecord.self) { $0.harvestState == .keyRevoked && $0.etag == "e" && $0.redirectSeen == 1 }
            let row = group.id!

            var key = GroupKeyRecord(groupRow: row, keyId: "K", publicKey: "P", status: .announced, source: "s", createdAt: now, changedAt: now)
            try key.insert(db)
            try expectSame(db, key, GroupKeyRecord.self) { $0.status == .announced && $0.keyId == "K" }

            let membership = MembershipRecord(networkId: net, groupRow: row, status: .pendingApproval, reason: "why", createdAt: now, updatedAt: now,
                                              feedURL: "https://a.example.org/feed.xml", vetoedKeyId: "K")
            try membership.insert(db)
            let touch = try DirectoryTouchRecord.fetchOne(db, key: row)
            let newest = try DirectoryTouchRecord.newest(db)
            #expect(touch?.seq == newest, "a membership's change touches its group")
            #expect(try MembershipRecord.of(network: net, groupRow: row).fetchOne(db).map { $0.status == .pendingApproval && $0.vetoedKeyId == "K" && $0.feedURL != nil } == true)

            var snapshot = SnapshotRecord(groupRow: row, seq: 7, expires: now, keyId: "K", digest: "d", bytes: Data([1, 2]), signature: "sig",
                                          fetchedAt: now, via: .push)
            try snapshot.insert(db)
            try expectSame(db, snapshot, SnapshotRecord.self) { $0.via == .push && $0.bytes == Data([1, 2]) && $0.seq == 7 }

            var attempt = HarvestAttemptRecord(groupRow: row, at: now, via: .pull, outcome: .gone, code: "fetch.gone", detail: "d",
                                               httpStatus: 410, durationMs: 5)
            try attempt.insert(db)
            try expectSame(db, attempt, HarvestAttemptRecord.self) { $0.outcome == .gone && $0.httpStatus == 410 }
            let pruned = HarvestAttemptPrunedRecord(outcome: .rejected, count: 12)
            try pruned.insert(db)
            #expect(try HarvestAttemptPrunedRecord.fetchOne(db, key: HarvestOutcome.rejected) == pruned)

            var audit = AuditRecord(networkId: net, at: now, actor: "cli", action: "x", groupId: "g", detail: "d")
            try audit.insert(db)
            try expectSame(db, audit, AuditRecord.self) { $0.action == "x" && $0.groupId == "g" }

            var charter = CharterRecord(networkId: net, version: "1", bytes: Data("c".utf8), signature: nil, setAt: now, setBy: "cli", verifiedKeyId: "AB")
            try charter.insert(db)
            try expectSame(db, charter, CharterRecord.self) { $0.version == "1" && $0.verifiedKeyId == "AB" }

            var networkKey = NetworkKeyRecord(networkId: net, keyId: "AB", publicKey: "RW", pinnedAt: now, pinnedBy: "cli", retiredAt: now)
            try networkKey.insert(db)
            try expectSame(db, networkKey, NetworkKeyRecord.self) { $0.keyId == "AB" && $0.retiredAt != nil }

            let directoryKey = DirectoryKeyRecord(networkId: net, keyId: "CD", publicKey: "RW", secretKey: "S", createdAt: now,
                                                  delegationKeyFile: Data("pub".utf8), delegationSignature: "sig", delegationExpires: now,
                                                  delegationSetAt: now, delegationSetBy: "cli")
            try directoryKey.insert(db)
            try expectSame(db, directoryKey, DirectoryKeyRecord.self) { $0.keyId == "CD" && $0.delegationKeyFile == Data("pub".utf8) && $0.delegationExpires == now }

            let signedDirectory = SignedDirectoryRecord(networkId: net, directoryId: "urn:uuid:x", seq: 3, digest: "d", document: Data("<feed/>".utf8),
                                                        signature: "sig", signedAt: now, expires: now)
            try signedDirectory.insert(db)
            try expectSame(db, signedDirectory, SignedDirectoryRecord.self) { $0.seq == 3 && $0.document == Data("<feed/>".utf8) && $0.expires == now }

            var follow = FollowedDirectoryRecord(networkId: net, url: "https://n.example/n/uk/directory.xml", remoteNetwork: "uk", networkKey: "RW",
                                                 createdAt: now, directoryId: "urn:uuid:y", seq: 4, digest: "d", expires: now, acceptedAt: now,
                                                 document: Data("<feed/>".utf8), signature: "s", delegationKeyFile: Data("k".utf8),
                                                 delegationSignature: "ds", gathers: "urn:uuid:z ie", etag: "e", nextFetchAt: now,
                                                 lastAttemptAt: now, lastOutcome: "accepted", lastDetail: "fine")
            try follow.insert(db)
            try expectSame(db, follow, FollowedDirectoryRecord.self) { $0.seq == 4 && $0.gathers == "urn:uuid:z ie" && $0.document == Data("<feed/>".utf8) }
            let followed = FollowedGroupRecord(followId: follow.id!, groupId: "urn:uuid:g", groupRow: row, listedSeq: 2, held: "why", seenAt: now)
            try followed.insert(db)
            try expectSame(db, followed, FollowedGroupRecord.self) { $0.listedSeq == 2 && $0.held == "why" && $0.groupRow == row }
            let subscriber = DirectorySubscriberRecord(networkId: net, callback: "https://i.example/n/intl/follow-ping",
                                                       directory: "https://n.example/n/uk/directory.xml", createdAt: now, pingedSeq: 3, pingedAt: now, lastResult: "202")
            try subscriber.insert(db)
            try expectSame(db, subscriber, DirectorySubscriberRecord.self) { $0.pingedSeq == 3 && $0.lastResult == "202" }

            var verdict = VerdictRecord(networkId: net, groupRow: row, charterId: charter.id!, snapshotId: snapshot.id!, evaluatedAt: now,
                                        tier: "full", listed: true, failedRequired: 0, verdict: Data("{}".utf8), current: true)
            try verdict.insert(db)
            try expectSame(db, verdict, VerdictRecord.self) { $0.tier == "full" && $0.listed }

            let document = DirectoryGroupRecord(groupRow: row, snapshotId: snapshot.id!, title: "A", document: Data("{}".utf8), summary: "s",
                                                language: "en", area: "Leeds, GB", modes: "hybrid", free: true, status: .paused,
                                                meetings: "m\tt\thybrid\tEurope/London", notices: nil, indexedAt: now)
            try document.insert(db)
            #expect(try DirectoryGroupRecord.fetchOne(db, key: row) == document)

            let facet = DirectoryFacetRecord(facet: "mode:online", groupRow: row)
            try facet.insert(db)
            #expect(try DirectoryFacetRecord.fetchAll(db) == [facet])

            var place = DirectoryPlaceRecord(groupRow: row, placeKey: "hall", withheld: true, latitude: nil, longitude: nil, areaLatitude: 53.8,
                                             areaLongitude: -1.5, locality: "Leeds", region: nil, postcode: nil, country: "GB",
                                             localityKey: "leeds", regionKey: nil, postcodeKey: nil)
            try place.insert(db)
            #expect(try DirectoryPlaceRecord.fetchOne(db, key: place.id) == place)

            let occurrence = OccurrenceRecord(groupRow: row, start: 100, meetingKey: "m", end: 200, localDate: "2026-12-01", weekday: 1,
                                              minute: 1140, mode: .hybrid, cancelled: true)
            try occurrence.insert(db)
            #expect(try OccurrenceRecord.fetchAll(db) == [occurrence])

            let notice = DirectoryNoticeRecord(groupRow: row, noticeId: "n", updated: now, notice: Data("{}".utf8))
            try notice.insert(db)
            #expect(try DirectoryNoticeRecord.fetchAll(db) == [notice])

            var gazetteer = GazetteerRecord(name: "Leeds", region: "England", regionCode: "ENG", country: "GB", latitude: 53.8, longitude: -1.5,
                                            population: 500_000, timeZone: "Europe/London", source: "geonames", sourceId: "1")
            try gazetteer.insert(db)
            #expect(try GazetteerRecord.fetchOne(db, key: gazetteer.id) == gazetteer)

            let name = GazetteerNameRecord(nameKey: "leeds", placeId: gazetteer.id!)
            try name.insert(db)
            #expect(try GazetteerNameRecord.fetchAll(db) == [name])

            let listing = DirectoryListingRecord(networkId: net, groupRow: row, groupId: "urn:uuid:1", title: "A", tier: "full",
                                                 snapshotId: snapshot.id!, digest: "d", stale: true, since: now)
            try listing.insert(db)
            #expect(try DirectoryListingRecord.fetchAll(db) == [listing])

            var change = DirectoryChangeRecord(networkId: net, groupRow: row, groupId: "urn:uuid:1", title: "A", kind: .stale, tier: "full",
                                               previousTier: nil, at: now)
            try change.insert(db)
            #expect(try DirectoryChangeRecord.fetchOne(db, key: change.id) == change)

            var person = PersonRecord(login: "sam@example.org", name: "Sam", passphraseHash: "$2b$12$x", failedSignIns: 2, lastFailureAt: now,
                                      lockedAt: now, lastSignInAt: now, createdAt: now)
            try person.insert(db)
            #expect(try PersonRecord.fetchOne(db, key: person.id) == person)
            #expect(try PersonRecord.filter(Column("login") == "SAM@example.org").fetchOne(db) == person, "a sign-in name is compared without case")
            let role = PersonRoleRecord(personId: person.id!, networkId: net, role: .editor, addedAt: now)
            try role.insert(db)
            #expect(try PersonRoleRecord.fetchAll(db) == [role])
            var invite = InviteRecord(networkId: net, role: .admin, personId: person.id, hash: "h", createdAt: now, expiresAt: now, usedAt: now,
                                      createdBy: "cli")
            try invite.insert(db)
            #expect(try InviteRecord.fetchOne(db, key: invite.id) == invite)
            let session = ConsoleSessionRecord(idHash: "ab", personId: person.id, value: Data("{}".utf8), expiresAt: now)
            try session.insert(db)
            #expect(try ConsoleSessionRecord.fetchAll(db) == [session])
            var report = ListingReportRecord(networkId: net, groupRow: row, kind: .wrongPlace, text: "t", replyTo: "r", createdAt: now,
                                             doneAt: now, doneBy: "Sam", doneNote: "n")
            try report.insert(db)
            #expect(try ListingReportRecord.fetchOne(db, key: report.id) == report)
        }
    }

    @Test func everyStoredTableIsCovered() async throws {
        let test = try TestRegistry()
        let tables = try await test.registry.database.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
                  AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' AND name NOT LIKE 'directoryText_%' AND name NOT LIKE 'directoryPoint_%'
                """)
        }
        let recorded: [any TableRecord.Type] = [
            Network.self, TokenRecord.self, GroupRecord.self, GroupKeyRecord.self, MembershipRecord.self, SnapshotRecord.self,
            HarvestAttemptRecord.self, AuditRecord.self, CharterRecord.self, VerdictRecord.self, DirectoryGroupRecord.self,
            DirectoryFacetRecord.self, DirectoryPlaceRecord.self, OccurrenceRecord.self, DirectoryNoticeRecord.self, GazetteerRecord.self,
            GazetteerNameRecord.self, DirectoryListingRecord.self, DirectoryChangeRecord.self, HarvestAttemptPrunedRecord.self,
            DirectoryTouchRecord.self, PersonRecord.self, PersonRoleRecord.self, InviteRecord.self, ConsoleSessionRecord.self,
            ListingReportRecord.self, NetworkKeyRecord.self, DirectoryKeyRecord.self, SignedDirectoryRecord.self,
            FollowedDirectoryRecord.self, FollowedGroupRecord.self, DirectorySubscriberRecord.self,
        ]
        #expect(Set(tables) == Set(recorded.map { $0.databaseTableName }))
    }

    private func expectSame<Record: FetchableRecord & TableRecord>(_ db: Database, _ record: some Any, _ type: Record.Type,
                                                                     _ check: (Record) -> Bool) throws {
        let all = try Record.fetchAll(db)
        #expect(all.count == 1 && check(all[0]), "\(Record.databaseTableName) did not read back what was written")
    }
}
