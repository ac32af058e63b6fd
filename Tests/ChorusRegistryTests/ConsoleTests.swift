import ChorusFeed
import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Testing

/// The network console: invites, passphrases, sessions, CSRF and origin checks, throttling, isolation between
/// networks, the actions and the reports inbox, over HTTP against a real server and SQLite file.
@Suite struct ConsoleTests {
    static let goodPassphrase = "river otter lantern"

    struct Setup {
        let test: TestRegistry
        let server: RunningServer
        let host: FeedHost
        let groups: [PublishedGroup]

        var base: String { server.base }
        var registry: Registry { test.registry }
        var alphaGroup: String { groups[0].sample.id }
        var betaGroup: String { groups[1].sample.id }

        func stop() async {
            await server.stop()
            await host.stop()
        }

        /// A new person of `network` with `role`, signed in through the invite page.
        func person(_ login: String, of network: String, role: Role) async throws -> ConsoleBrowser {
            let invite = try await registry.invite(network: network, role: role)
            let browser = ConsoleBrowser(base)
            let answer = try await browser.post("/console/invite/\(invite.token)",
                                                ["name": login.capitalized, "login": login, "passphrase": ConsoleTests.goodPassphrase, "again": ConsoleTests.goodPassphrase])
            #expect(answer.status == 303, "joining as \(login): \(answer.body)")
            return browser
        }
    }

    /// Networks `alpha` and `beta`, each listing one group of its own.
    static func setUp(throttle: SignInThrottle = SignInThrottle()) async throws -> Setup {
        let test = try TestRegistry(signInThrottle: throttle)
        let (host, _, groups) = try await PublishedGroup.start(["sheffield-central-voices", "bronx-voces", "nakano-koe"])
        let server = try await RunningServer.start(test.registry)
        for (slug, group) in [("alpha", groups[0]), ("beta", groups[1])] {
            try await test.registry.createNetwork(slug: slug, name: "Network \(slug)", policy: .approval)
            _ = try await test.registry.enroll(network: slug, feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
            try await test.registry.approve(network: slug, groupId: group.sample.id)
        }
        return Setup(test: test, server: server, host: host, groups: groups)
    }

    /// What a network holds that a console action could change: memberships, people, reports, audit entries, sessions.
    static func fingerprint(_ setup: Setup, _ slug: String) throws -> String {
        try setup.registry.database.pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.status, m.reason, g.harvestState, g.nextFetchAt,
                       (SELECT group_concat(k.status || k.keyId) FROM groupKey k WHERE k.groupRow = g.id) AS keys,
                       (SELECT COUNT(*) FROM auditLog a WHERE a.networkId = m.networkId) AS audits,
                       (SELECT group_concat(r.personId || r.role) FROM personRole r WHERE r.networkId = m.networkId) AS people,
                       (SELECT group_concat(p.failedSignIns || IFNULL(p.lockedAt, '')) FROM person p) AS signIns,
                       (SELECT group_concat(IFNULL(l.doneAt, 'open')) FROM listingReport l WHERE l.networkId = m.networkId) AS reports,
                       (SELECT COUNT(*) FROM invite i WHERE i.networkId = m.networkId) AS invites,
                       n.contact, n.crisisLine, n.embedOrigins, n.dashboardPublic
                FROM membership m JOIN feedGroup g ON g.id = m.groupRow JOIN network n ON n.id = m.networkId WHERE n.slug = ?
                """, arguments: [slug])
            return rows.map(\.description).joined(separator: "\n")
        }
    }

    // MARK: Passphrases

    @Test func passphrasesAreCheckedWhenChosenAndStoredWithBcryptAtCostTwelve() throws {
        #expect(Passphrases.problem(with: "short words") != nil)
        #expect(Passphrases.problem(with: "Password123456!") != nil, "a common word with digits and a symbol")
        #expect(Passphrases.problem(with: "correct horse battery staple") != nil)
        #expect(Passphrases.problem(with: "aaaaaaaaaaaaaaaa") != nil)
        #expect(Passphrases.problem(with: "samexample lantern", login: "samexample") != nil)
        #expect(Passphrases.problem(with: String(repeating: "abcdefghij", count: 21)) != nil, "longer than 200")
        #expect(Passphrases.problem(with: Self.goodPassphrase) == nil)

        let hashing = Passphrases()
        let hash = hashing.hash(Self.goodPassphrase)
        #expect(hash.hasPrefix("$2b$12$"))
        #expect(hashing.verify(Self.goodPassphrase, against: hash))
        #expect(!hashing.verify(Self.goodPassphrase + " ", against: hash))
        // Passphrases that differ only after bcrypt's 72 bytes still differ.
        let long = String(repeating: "lantern ", count: 10)
        let fast = Passphrases(cost: 4)
        #expect(!fast.verify(long + "one", against: fast.hash(long + "two")))
    }

    // MARK: Invites, sessions and cookies

    @Test func anInviteMakesAPersonWhoseSessionCookieHasTheRightFlagsAndIsStoredHashed() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let invite = try await setup.registry.invite(network: "alpha", role: .admin)
        let browser = ConsoleBrowser(setup.base)

        let page = try await browser.get("/console/invite/\(invite.token)")
        #expect(page.status == 200)
        #expect(page.body.contains("Join Network alpha"))
        #expect(page.setCookies.isEmpty, "no cookie before signing in")

        let weak = try await browser.post("/console/invite/\(invite.token)", ["name": "Sam", "login": "sam", "passphrase": "password1234", "again": "password1234"])
        #expect(weak.status == 422)
        #expect(weak.body.contains("most common"))
        #expect(browser.cookie == nil)

        let joined = try await browser.post("/console/invite/\(invite.token)",
                                            ["name": "Sam", "login": "sam", "passphrase": Self.goodPassphrase, "again": Self.goodPassphrase])
        #expect(joined.status == 303)
        let cookie = try #require(joined.setCookies.first { $0.hasPrefix("__Host-chorus-console=") })
        let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).split(separator: "=")[0].lowercased() })
        #expect(attributes.isSuperset(of: ["httponly", "secure", "path", "samesite"]))
        #expect(!attributes.contains("domain"), "a __Host- cookie names no domain")
        #expect(cookie.contains("SameSite=Strict") && cookie.contains("Path=/;") || cookie.hasSuffix("Path=/"))
        let id = try #require(browser.cookie)
        #expect(Data(base64Encoded: id)?.count == 32, "a 256-bit session id")

        let stored = try await setup.registry.database.pool.read { db in try Row.fetchAll(db, sql: "SELECT idHash, value FROM consoleSession") }
        #expect(stored.count == 1)
        #expect(stored.allSatisfy { row in
            let hash: String = row["idHash"]
            let value: Data = row["value"]
            return hash != id && hash.count == 64 && !String(decoding: value, as: UTF8.self).contains(id)
        })

        let overview = try await browser.get("/console/n/alpha")
        #expect(overview.status == 200)
        #expect(overview.body.contains("Signed in as <strong>Sam</strong>"))

        let again = try await ConsoleBrowser(setup.base).post("/console/invite/\(invite.token)",
                                                             ["name": "Eve", "login": "eve", "passphrase": Self.goodPassphrase, "again": Self.goodPassphrase])
        #expect(again.status == 403, "an invite works once")
        #expect(try await setup.registry.people(network: "alpha").map(\.login) == ["sam"])

        let late = try await setup.registry.invite(network: "alpha", role: .viewer)
        setup.test.clock.advance(7 * 86_400 + 1)
        let expired = try await ConsoleBrowser(setup.base).post("/console/invite/\(late.token)",
                                                               ["name": "Late", "login": "late", "passphrase": Self.goodPassphrase, "again": Self.goodPassphrase])
        #expect(expired.status == 403, "an invite expires after 7 days")
    }

    @Test func signingOutEndsTheSessionAndTheOldCookieNoLongerWorks() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let browser = try await setup.person("sam", of: "alpha", role: .admin)
        let old = try #require(browser.cookie)
        let token = try await browser.csrf()
        let out = try await browser.post("/console/sign-out", ["csrf": token])
        #expect(out.status == 303)
        #expect(browser.cookie == nil, "the answer expires the cookie")

        let replay = ConsoleBrowser(setup.base)
        replay.cookie = old
        let page = try await replay.get("/console/n/alpha")
        #expect(page.status == 303)
        #expect(page.location?.hasPrefix("/console/sign-in") == true)
        #expect(try await setup.registry.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM consoleSession") } == 0)

        let signIn = try await browser.post("/console/sign-in", ["login": "sam", "passphrase": Self.goodPassphrase])
        #expect(signIn.status == 303)
        #expect(browser.cookie != nil && browser.cookie != old, "a new sign-in gets a new session id")
    }

    @Test func signingInAgainEndsTheSessionTheBrowserHadBefore() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let browser = try await setup.person("sam", of: "alpha", role: .admin)
        let first = try #require(browser.cookie)
        func sessions() throws -> Int { try setup.registry.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM consoleSession") ?? -1 } }
        #expect(try sessions() == 1)
        let again = try await browser.post("/console/sign-in", ["login": "sam", "passphrase": Self.goodPassphrase])
        #expect(again.status == 303)
        let second = try #require(browser.cookie)
        #expect(second != first)
        #expect(try sessions() == 1, "the session the browser had is gone, not left to expire")
        let replay = ConsoleBrowser(setup.base)
        replay.cookie = first
        #expect(try await replay.get("/console/n/alpha").status == 303, "the old cookie no longer signs in")
        #expect(try await browser.get("/console/n/alpha").status == 200)

        // Signing in over someone else's session (a shared computer) ends theirs as well.
        let other = try await setup.person("kim", of: "alpha", role: .viewer)
        let kimsCookie = try #require(other.cookie)
        #expect(try sessions() == 2)
        let shared = ConsoleBrowser(setup.base)
        shared.cookie = kimsCookie
        #expect(try await shared.post("/console/sign-in", ["login": "sam", "passphrase": Self.goodPassphrase]).status == 303)
        #expect(try sessions() == 2)
        #expect(try await other.get("/console/n/alpha").status == 303, "kim's session ended on the shared browser")
    }

    @Test func theDirectorySetsNoCookieEvenForABrowserWithAConsoleSession() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let browser = try await setup.person("sam", of: "alpha", role: .admin)
        let group = setup.alphaGroup
        for path in ["/", "/search?q=sheffield", "/about", "/groups/\(group)", "/groups/\(group)/report", "/n/alpha", "/n/alpha/feed.atom",
                     "/api/v1/search?q=sheffield", "/assets/chorus.css"] {
            let answer = try await browser.get(path)
            #expect(answer.setCookies.isEmpty, "\(path) set a cookie")
        }
        let report = try await browser.post("/groups/\(group)/report", ["kind": "closed", "text": "It stopped in October."])
        #expect(report.status == 200)
        #expect(report.setCookies.isEmpty)
        let visitor = try await ConsoleBrowser(setup.base).get("/console/sign-in")
        #expect(visitor.setCookies.isEmpty, "the sign-in page itself sets none until someone signs in")
    }

    @Test func aSessionEndsAfterEightIdleHoursAndSevenDaysWhateverTheUse() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let clock = setup.test.clock
        let idle = try await setup.person("idle", of: "alpha", role: .viewer)
        clock.advance(7 * 3600)
        #expect(try await idle.get("/console/n/alpha").status == 200, "7 idle hours is within the limit, and moves it on")
        clock.advance(7 * 3600)
        #expect(try await idle.get("/console/n/alpha").status == 200)
        clock.advance(8 * 3600 + 1)
        #expect(try await idle.get("/console/n/alpha").status == 303, "8 idle hours end the session")

        let busy = try await setup.person("busy", of: "alpha", role: .viewer)
        for _ in 0..<41 {
            clock.advance(4 * 3600)
            #expect(try await busy.get("/console/n/alpha").status == 200)
        }
        clock.advance(4 * 3600 + 60)
        #expect(try await busy.get("/console/n/alpha").status == 303, "however active, a session ends 7 days after sign-in")
    }

    @Test func aChangedPassphraseOrARemovedPersonEndsTheirSessionsAtOnce() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let admin = try await setup.person("admin", of: "alpha", role: .admin)
        let editor = try await setup.person("editor", of: "alpha", role: .editor)
        let editorElsewhere = ConsoleBrowser(setup.base)
        #expect(try await editorElsewhere.post("/console/sign-in", ["login": "editor", "passphrase": Self.goodPassphrase]).status == 303)

        let changed = try await editor.post("/console/passphrase", ["csrf": try await editor.csrf(), "current": Self.goodPassphrase,
                                                                  "passphrase": "quiet harbour morning", "again": "quiet harbour morning"])
        #expect(changed.status == 303)
        #expect(try await editor.get("/console/n/alpha").status == 200, "the browser that changed it stays signed in")
        #expect(try await editorElsewhere.get("/console/n/alpha").status == 303, "every other session ends")

        let people = try await setup.registry.people(network: "alpha")
        let editorId = try #require(people.first { $0.login == "editor" }?.id)
        let removed = try await admin.post("/console/n/alpha/people/\(editorId)/remove", ["csrf": try await admin.csrf(), "confirm": "yes"])
        #expect(removed.status == 303)
        #expect(try await editor.get("/console/n/alpha").status == 303)

        let adminId = try #require(people.first { $0.login == "admin" }?.id)
        let last = try await admin.post("/console/n/alpha/people/\(adminId)/role", ["csrf": try await admin.csrf(), "role": "viewer"])
        #expect(last.status == 409, "a network keeps at least one admin")
        let audit = try await setup.registry.auditLog(network: "alpha")
        #expect(audit.contains { $0.action == "person.remove" && $0.actor == "Admin (admin)" })
        #expect(audit.contains { $0.action == "person.passphrase-change" && $0.actor == "Editor (editor)" })
    }

    // MARK: Throttling

    @Test func wrongPassphrasesMeetGrowingWaitsThenALockThatAnAdminLifts() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let clock = setup.test.clock
        let admin = try await setup.person("admin", of: "alpha", role: .admin)
        _ = try await setup.person("sam", of: "alpha", role: .viewer)
        let stranger = ConsoleBrowser(setup.base)
        func attempt(_ passphrase: String) async throws -> ConsoleBrowser.Answer {
            try await stranger.post("/console/sign-in", ["login": "sam", "passphrase": passphrase])
        }
        for _ in 0..<3 { #expect(try await attempt("wrong wrong wrong").status == 401) }
        let waiting = try await attempt(Self.goodPassphrase)
        #expect(waiting.status == 429, "after 3 failures even the right passphrase waits")
        #expect(waiting.header("retry-after") == "5")
        var waits: [String] = []
        for _ in 0..<6 {
            let answer = try await attempt("wrong wrong wrong")
            if answer.status == 429 {
                waits.append(answer.header("retry-after") ?? "")
                clock.advance(Double(answer.header("retry-after") ?? "0") ?? 0)
                #expect(try await attempt("wrong wrong wrong").status == 401)
            }
        }
        #expect(waits == ["5", "10", "20", "40", "80", "160"], "each failure doubles the wait")
        clock.advance(400)
        let locked = try await attempt("wrong wrong wrong")
        #expect(locked.status == 403)
        #expect(locked.body.contains("locked"))
        clock.advance(3600)
        #expect(try await attempt(Self.goodPassphrase).status == 403, "a locked sign-in stays locked, even with the right passphrase")
        let audit = try await setup.registry.auditLog(network: "alpha")
        #expect(audit.filter { $0.action == "person.sign-in-failed" }.count == 10)
        #expect(audit.contains { $0.action == "person.lock" })

        let samId = try #require(try await setup.registry.people(network: "alpha").first { $0.login == "sam" }?.id)
        let page = try await admin.get("/console/n/alpha/people")
        #expect(page.body.contains("<strong>locked</strong>"))
        #expect(try await admin.post("/console/n/alpha/people/\(samId)/unlock", ["csrf": try await admin.csrf()]).status == 303)
        clock.advance(3601)
        #expect(try await attempt(Self.goodPassphrase).status == 303)
        #expect(try await setup.registry.auditLog(network: "alpha").contains { $0.action == "person.unlock" && $0.actor == "Admin (admin)" })
    }

    @Test func oneAddressTryingManyNamesWaitsToo() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let stranger = ConsoleBrowser(setup.base)
        for index in 0..<10 {
            #expect(try await stranger.post("/console/sign-in", ["login": "nobody\(index)", "passphrase": "guess guess guess"]).status == 401)
        }
        let answer = try await stranger.post("/console/sign-in", ["login": "nobody-else", "passphrase": "guess guess guess"])
        #expect(answer.status == 429)
        #expect(answer.body.contains("Wait"))
    }

    // MARK: CSRF and origins

    @Test func everyUnsafeRouteRefusesAMissingOrForeignTokenAndAForeignOrigin() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let admin = try await setup.person("admin", of: "alpha", role: .admin)
        let other = try await setup.person("other", of: "alpha", role: .admin)
        let foreignToken = try await other.csrf()
        let token = try await admin.csrf()
        #expect(token != foreignToken && !token.isEmpty)
        let group = setup.alphaGroup
        let reportId = try await reportOnce(setup, group)
        let otherId = try #require(try await setup.registry.people(network: "alpha").first { $0.login == "other" }?.id)
        let routes: [(String, [String: String])] = [
            ("/console/n/alpha/groups/\(group)/approve", ["confirm": "yes"]),
            ("/console/n/alpha/groups/\(group)/suspend", ["confirm": "yes", "reason": "testing"]),
            ("/console/n/alpha/groups/\(group)/remove", ["confirm": "yes"]),
            ("/console/n/alpha/groups/\(group)/revoke-key", ["confirm": "yes"]),
            ("/console/n/alpha/groups/\(group)/harvest", [:]),
            ("/console/n/alpha/enrol", ["feedURL": setup.groups[2].feedURL]),
            ("/console/n/alpha/people/invite", ["role": "admin"]),
            ("/console/n/alpha/people/\(otherId)/role", ["role": "viewer"]),
            ("/console/n/alpha/people/\(otherId)/remove", ["confirm": "yes"]),
            ("/console/n/alpha/people/\(otherId)/unlock", [:]),
            ("/console/n/alpha/reports/\(reportId)/done", ["note": "done"]),
            ("/console/n/alpha/settings", ["crisisLine": "Call 999", "contact": "mailto:x@example.org"]),
            ("/console/n/alpha/settings/key", ["publicKey": try NetworkKeyTests.networkKey("kenya")]),
            ("/console/n/alpha/charter/preview", ["charter": "<charter/>"]),
            ("/console/n/alpha/charter/apply", ["charter": "<charter/>", "confirm": "yes"]),
            ("/console/n/alpha/charter/edit", ["action": "write", "title": "x"]),
            ("/console/n/alpha/registries/delegation", ["keyFile": "x", "signature": "y"]),
            ("/console/passphrase", ["current": Self.goodPassphrase, "passphrase": "quiet harbour morning", "again": "quiet harbour morning"]),
            ("/console/sign-out", [:]),
        ]
        let before = try Self.fingerprint(setup, "alpha")
        for (path, fields) in routes {
            let missing = try await admin.post(path, fields)
            #expect(missing.status == 403, "\(path) without a token: \(missing.status)")
            var withForeign = fields
            withForeign["csrf"] = foreignToken
            #expect(try await admin.post(path, withForeign).status == 403, "\(path) with another session's token")
            var withToken = fields
            withToken["csrf"] = token
            #expect(try await admin.post(path, withToken, origin: "https://evil.example").status == 403, "\(path) from another origin")
            #expect(try await admin.post(path, withToken, origin: "null").status == 403, "\(path) from an opaque origin")
            #expect(try await admin.post(path, withToken, headers: ["Sec-Fetch-Site": "cross-site"]).status == 403, "\(path) cross-site")
            #expect(try await admin.post(path, withToken, headers: ["Sec-Fetch-Site": "same-site"]).status == 403, "\(path) from a sibling site")
        }
        #expect(try Self.fingerprint(setup, "alpha") == before, "nothing changed")
        // A browser's own post under `Referrer-Policy: no-referrer` says `Origin: null`, and `Sec-Fetch-Site` vouches for it.
        let own = try await admin.post("/console/n/alpha/settings", ["csrf": token, "crisisLine": "Call 999", "contact": "mailto:x@example.org"],
                                       origin: "null", headers: ["Sec-Fetch-Site": "same-origin"])
        #expect(own.status == 303)
        #expect(try await setup.registry.network("alpha").crisisLine == "Call 999")
        #expect(try await admin.get("/console/n/alpha").status == 200, "still signed in")
        let signIn = try await ConsoleBrowser(setup.base).post("/console/sign-in", ["login": "admin", "passphrase": Self.goodPassphrase], origin: "https://evil.example")
        #expect(signIn.status == 403, "a sign-in posted from another site is refused")
        #expect(signIn.setCookies.isEmpty)
    }

    @Test func anAdminGivesTheNetworksDelegationInTheConsoleAndSeesWhatItFollows() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        _ = try await setup.registry.pinNetworkKey(network: "alpha", publicKey: NetworkKeyTests.networkKey("uk-ireland"))
        let admin = try await setup.person("alpha-admin", of: "alpha", role: .admin)
        let viewer = try await setup.person("alpha-viewer", of: "alpha", role: .viewer)
        let directoryKey = try await setup.registry.directoryKey(network: "alpha")
        let page = try await admin.get("/console/n/alpha/registries")
        #expect(page.status == 200 && page.body.contains(directoryKey.keyIDHex) && page.body.contains("none yet") && page.body.contains("None."))
        let until = setup.test.clock.now.addingTimeInterval(90 * 86_400)
        let statement = try DelegationStatement.sign(directoryKey: directoryKey, network: "alpha", expires: until, with: DelegationRegistryTests.networkKey())
        let stranger = try DelegationStatement.sign(directoryKey: directoryKey, network: "alpha", expires: until, with: MinisignSecretKey.generate())
        // A textarea sends CR LF line ends.
        let pasted = String(decoding: statement.keyFile, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")

        let refused = try await admin.post("/console/n/alpha/registries/delegation",
                                           ["csrf": try await admin.csrf(), "keyFile": pasted, "signature": stranger.signature.fileContents])
        #expect(refused.status == 422 && refused.body.contains("signature.key-id-mismatch"), "\(refused.status)")
        let asViewer = try await viewer.post("/console/n/alpha/registries/delegation",
                                             ["csrf": try await viewer.csrf(), "keyFile": pasted, "signature": statement.signature.fileContents])
        #expect(asViewer.status == 403)
        #expect(try await setup.registry.delegation(network: "alpha") == nil, "nothing refused was kept")

        let given = try await admin.post("/console/n/alpha/registries/delegation",
                                         ["csrf": try await admin.csrf(), "keyFile": pasted, "signature": statement.signature.fileContents])
        #expect(given.status == 303 && given.location?.hasSuffix("said=delegated") == true)
        #expect(try await setup.registry.delegation(network: "alpha")?.keyFile == statement.keyFile)
        let after = try await viewer.get("/console/n/alpha/registries")
        #expect(after.body.contains("given by Alpha-Admin"), "a viewer sees the delegation")
        #expect(try await setup.registry.auditLog(network: "alpha").contains { $0.action == "network.delegation-set" && $0.actor.contains("Alpha-Admin") })
    }

    // MARK: Isolation

    @Test func aPersonOfAnotherNetworkNoSessionAnExpiredOneOrTooSmallARoleGetsNothingAndChangesNothing() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let alphaGroup = setup.alphaGroup
        let alphaTitle = "Sheffield Central Hearing Voices Group"
        let reportId = try await reportOnce(setup, alphaGroup)
        _ = try await setup.person("alpha-admin", of: "alpha", role: .admin)
        let alphaAdminId = try #require(try await setup.registry.people(network: "alpha").first?.id)
        let pages = ["/console/n/alpha", "/console/n/alpha/groups", "/console/n/alpha/groups?q=sheffield", "/console/n/alpha/groups/\(alphaGroup)",
                     "/console/n/alpha/groups/\(alphaGroup)/feeds/1", "/console/n/alpha/enrol", "/console/n/alpha/people", "/console/n/alpha/audit",
                     "/console/n/alpha/reports", "/console/n/alpha/settings", "/console/n/alpha/charter",
                     "/console/n/alpha/charter/edit", "/console/n/alpha/registries"]
        let actions: [(String, [String: String], Role)] = [
            ("/console/n/alpha/groups/\(alphaGroup)/approve", ["confirm": "yes"], .admin),
            ("/console/n/alpha/groups/\(alphaGroup)/suspend", ["confirm": "yes", "reason": "x"], .admin),
            ("/console/n/alpha/groups/\(alphaGroup)/remove", ["confirm": "yes"], .admin),
            ("/console/n/alpha/groups/\(alphaGroup)/revoke-key", ["confirm": "yes"], .admin),
            ("/console/n/alpha/groups/\(alphaGroup)/harvest", [:], .editor),
            ("/console/n/alpha/enrol", ["feedURL": setup.groups[2].feedURL], .editor),
            ("/console/n/alpha/people/invite", ["role": "admin"], .admin),
            ("/console/n/alpha/people/\(alphaAdminId)/role", ["role": "viewer"], .admin),
            ("/console/n/alpha/people/\(alphaAdminId)/remove", ["confirm": "yes"], .admin),
            ("/console/n/alpha/people/\(alphaAdminId)/unlock", [:], .admin),
            ("/console/n/alpha/reports/\(reportId)/done", ["note": "x"], .editor),
            ("/console/n/alpha/settings", ["crisisLine": "Call 999"], .admin),
            ("/console/n/alpha/settings/key", ["publicKey": try NetworkKeyTests.networkKey("kenya")], .admin),
            ("/console/n/alpha/charter/preview", ["charter": "<charter/>"], .admin),
            ("/console/n/alpha/charter/apply", ["charter": "<charter/>", "confirm": "yes"], .admin),
            ("/console/n/alpha/charter/edit", ["action": "write", "title": "x"], .admin),
            ("/console/n/alpha/registries/delegation", ["keyFile": "x", "signature": "y"], .admin),
        ]
        // Beta's people also try beta's own paths with alpha's ids.
        let madeUp = "urn:uuid:00000000-0000-4000-8000-000000000000"
        let crossIds: [(String, [String: String], real: String, fake: String)] = [
            ("/console/n/beta/groups/\(alphaGroup)/suspend", ["confirm": "yes", "reason": "x"], alphaGroup, madeUp),
            ("/console/n/beta/groups/\(alphaGroup)/harvest", [:], alphaGroup, madeUp),
            ("/console/n/beta/people/\(alphaAdminId)/remove", ["confirm": "yes"], "\(alphaAdminId)", "999999"),
            ("/console/n/beta/people/\(alphaAdminId)/role", ["role": "viewer"], "\(alphaAdminId)", "999999"),
            ("/console/n/beta/reports/\(reportId)/done", ["note": "x"], "\(reportId)", "999999"),
        ]
        let betaAdmin = try await setup.person("beta-admin", of: "beta", role: .admin)
        let expired = try await setup.person("expired", of: "alpha", role: .admin)
        let nobody = ConsoleBrowser(setup.base)
        let before = (try Self.fingerprint(setup, "alpha"), try Self.fingerprint(setup, "beta"))

        func refusedWithoutData(_ answer: ConsoleBrowser.Answer, _ what: String, allowRedirect: Bool) {
            #expect([403, 404].contains(answer.status) || (allowRedirect && answer.status == 303), "\(what): \(answer.status)")
            #expect(!answer.body.contains(alphaGroup) && !answer.body.contains(alphaTitle), "\(what) shows alpha's data")
        }
        for path in pages {
            refusedWithoutData(try await betaAdmin.get(path), "beta's admin GET \(path)", allowRedirect: false)
            let signedOut = try await nobody.get(path)
            refusedWithoutData(signedOut, "no session GET \(path)", allowRedirect: true)
            #expect(signedOut.status == 303 && signedOut.location?.hasPrefix("/console/sign-in") == true)
        }
        let betaToken = try await betaAdmin.csrf()
        for (path, fields, _) in actions {
            var withToken = fields
            withToken["csrf"] = betaToken
            refusedWithoutData(try await betaAdmin.post(path, withToken), "beta's admin POST \(path)", allowRedirect: false)
            refusedWithoutData(try await nobody.post(path, fields), "no session POST \(path)", allowRedirect: false)
        }
        // With alpha's ids in beta's own paths, the answer is the one a made-up id gets: no hint that the id exists.
        for (path, fields, real, fake) in crossIds {
            var withToken = fields
            withToken["csrf"] = betaToken
            let answer = try await betaAdmin.post(path, withToken)
            #expect([403, 404].contains(answer.status), "beta's admin POST \(path): \(answer.status)")
            #expect(!answer.body.contains(alphaTitle))
            let control = try await betaAdmin.post(path.replacingOccurrences(of: real, with: fake), withToken)
            #expect(control.status == answer.status && control.body.replacingOccurrences(of: fake, with: real) == answer.body,
                    "\(path) answers as a made-up id does")
        }

        let expiredToken = try await expired.csrf()
        setup.test.clock.advance(9 * 3600)
        for path in pages { refusedWithoutData(try await expired.get(path), "expired session GET \(path)", allowRedirect: true) }
        for (path, fields, _) in actions {
            var withToken = fields
            withToken["csrf"] = expiredToken
            refusedWithoutData(try await expired.post(path, withToken), "expired session POST \(path)", allowRedirect: false)
        }
        #expect(try Self.fingerprint(setup, "alpha") == before.0)
        #expect(try Self.fingerprint(setup, "beta") == before.1)

        for role in [Role.viewer, .editor] {
            let browser = try await setup.person("small-\(role.rawValue)", of: "alpha", role: role)
            let token = try await browser.csrf()
            let snapshot = try Self.fingerprint(setup, "alpha")
            for (path, fields, needed) in actions where needed > role {
                var withToken = fields
                withToken["csrf"] = token
                let answer = try await browser.post(path, withToken)
                #expect(answer.status == 403, "a \(role.rawValue) POST \(path): \(answer.status)")
            }
            #expect(try Self.fingerprint(setup, "alpha") == snapshot, "a \(role.rawValue) changed nothing")
            if role == .viewer { #expect(try await browser.get("/console/n/alpha/audit").status == 403) }
        }
    }

    // MARK: Actions and reports

    @Test func actionsAskForConfirmationAndAreRecordedWithThePersonsName() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let admin = try await setup.person("sam", of: "alpha", role: .admin)
        let group = setup.alphaGroup
        let token = try await admin.csrf()
        let page = try await admin.get("/console/n/alpha/groups/\(group)")
        #expect(page.status == 200)
        #expect(page.body.contains("Yes, suspend"))
        #expect(page.body.contains("/console/n/alpha/groups/\(group)/feeds/1"))
        let feed = try await admin.get("/console/n/alpha/groups/\(group)/feeds/1")
        #expect(feed.status == 200)
        #expect(feed.body == String(decoding: setup.groups[0].sample.bytes, as: UTF8.self), "the exact bytes accepted")

        let before = try Self.fingerprint(setup, "alpha")
        #expect(try await admin.post("/console/n/alpha/groups/\(group)/suspend", ["csrf": token, "reason": "closed for summer"]).status == 422)
        #expect(try await admin.post("/console/n/alpha/groups/\(group)/suspend", ["csrf": token, "confirm": "yes"]).status == 422, "a suspension needs a reason")
        #expect(try Self.fingerprint(setup, "alpha") == before)

        let suspended = try await admin.post("/console/n/alpha/groups/\(group)/suspend", ["csrf": token, "confirm": "yes", "reason": "closed for summer"])
        #expect(suspended.status == 303)
        #expect(try await setup.registry.group(network: "alpha", groupId: group).membership == .suspended)
        #expect(try await setup.registry.group(network: "alpha", groupId: group).membershipReason == "closed for summer")
        #expect(try await setup.registry.group(network: "beta", groupId: setup.betaGroup).membership == .active)
        let shown = try await admin.get(suspended.location ?? "")
        #expect(shown.body.contains("The group is suspended"))
        #expect(try await admin.post("/console/n/alpha/groups/\(group)/approve", ["csrf": token, "confirm": "yes"]).status == 303)
        let audit = try await setup.registry.auditLog(network: "alpha")
        #expect(audit.contains { $0.action.contains("suspend") && $0.actor == "Sam (sam)" })
        #expect(audit.contains { $0.action.contains("approve") && $0.actor == "Sam (sam)" })
        let log = try await admin.get("/console/n/alpha/audit?actor=Sam")
        #expect(log.body.contains("closed for summer"))
    }

    @discardableResult
    func reportOnce(_ setup: Setup, _ group: String) async throws -> Int64 {
        try await setup.registry.reportListing(groupId: group, kind: .wrongTime, text: "It meets on Tuesdays now.", replyTo: nil)
        return try #require(try await setup.registry.listingReports(network: "alpha", open: true).first?.id)
    }

    @Test func aVisitorsReportReachesTheNetworksThatListTheGroupAndIsAnsweredThere() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let group = setup.alphaGroup
        try await setup.registry.enroll(network: "beta", feedURL: setup.groups[0].feedURL, publicKey: setup.groups[0].sample.publicKeyFile)
        try await setup.registry.approve(network: "beta", groupId: group)
        let visitor = ConsoleBrowser(setup.base)

        let groupPage = try await visitor.get("/groups/\(group)")
        #expect(groupPage.body.contains("/groups/\(group)/report"))
        let form = try await visitor.get("/groups/\(group)/report")
        #expect(form.status == 200)
        #expect(form.body.contains("name=\"website\""), "the honeypot field")
        let sent = try await visitor.post("/groups/\(group)/report", ["kind": "wrong-place", "text": "The room moved to the library.", "reply": "me@example.org"])
        #expect(sent.status == 200)
        #expect(sent.body.contains("Thank you"))
        #expect(try await setup.registry.listingReports(network: "alpha", open: true).count == 1)
        #expect(try await setup.registry.listingReports(network: "beta", open: true).count == 1, "both networks that list it")

        #expect(try await visitor.post("/groups/\(group)/report", ["kind": "other", "text": "buy now", "website": "http://spam.example"]).status == 200)
        #expect(try await visitor.post("/groups/\(group)/report", ["kind": "closed", "text": String(repeating: "x", count: 2001)]).status == 422)
        #expect(try await visitor.post("/groups/\(group)/report", ["kind": "nonsense"]).status == 422)
        #expect(try await visitor.post("/groups/no-such-group/report", ["kind": "closed"]).status == 404)
        #expect(try await visitor.post("/groups/\(group)/report", ["kind": "closed"], origin: "https://evil.example").status == 403)
        #expect(try await setup.registry.listingReports(network: "alpha", open: true).count == 1, "the honeypot and refused reports kept nothing")

        for _ in 0..<3 { _ = try await visitor.post("/groups/\(group)/report", ["kind": "closed", "text": "again"]) }
        let limited = try await visitor.post("/groups/\(group)/report", ["kind": "closed", "text": "again"])
        #expect(limited.status == 429, "5 reports an hour from one address")

        let editor = try await setup.person("sam", of: "alpha", role: .editor)
        let inbox = try await editor.get("/console/n/alpha/reports")
        #expect(inbox.body.contains("The room moved to the library."))
        #expect(inbox.body.contains("me@example.org"))
        let reportId = try #require(try await setup.registry.listingReports(network: "alpha", open: true).last?.id)
        let done = try await editor.post("/console/n/alpha/reports/\(reportId)/done", ["csrf": try await editor.csrf(), "note": "Asked the group; updated."])
        #expect(done.status == 303)
        let report = try #require(try await setup.registry.listingReports(network: "alpha", open: false).first)
        #expect(report.doneBy == "Sam (sam)")
        #expect(report.doneNote == "Asked the group; updated.")
        #expect(try await setup.registry.listingReports(network: "beta", open: true).count >= 1, "beta's copy is beta's to answer")
    }

    @Test func reportsAreCappedPerGroupPerDay() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        for _ in 0..<20 { try await setup.registry.reportListing(groupId: setup.alphaGroup, kind: .closed, text: "", replyTo: nil) }
        await #expect(throws: RegistryError.self) {
            try await setup.registry.reportListing(groupId: setup.alphaGroup, kind: .closed, text: "", replyTo: nil)
        }
        setup.test.clock.advance(86_401)
        try await setup.registry.reportListing(groupId: setup.alphaGroup, kind: .closed, text: "", replyTo: nil)
    }

    @Test func aPersonOfTwoNetworksPicksOneAndAResetInviteGivesANewPassphrase() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let sam = try await setup.person("sam", of: "alpha", role: .admin)
        let invite = try await setup.registry.invite(network: "beta", role: .viewer)
        let joined = try await ConsoleBrowser(setup.base).post("/console/invite/\(invite.token)/existing", ["login": "sam", "passphrase": Self.goodPassphrase])
        #expect(joined.status == 303)
        let pick = try await sam.get("/console")
        #expect(pick.status == 200)
        #expect(pick.body.contains("/console/n/alpha") && pick.body.contains("/console/n/beta"))
        #expect(try await sam.get("/console/n/beta").body.contains("viewer of <strong>Network beta</strong>"))
        #expect(try await sam.get("/console/n/beta/audit").status == 403, "a viewer in beta, whatever they are in alpha")

        let reset = try await setup.registry.invite(network: "alpha", role: .viewer, resetLogin: "sam")
        let page = try await ConsoleBrowser(setup.base).get("/console/invite/\(reset.token)")
        #expect(page.body.contains("Choose a new passphrase"))
        let chosen = try await ConsoleBrowser(setup.base).post("/console/invite/\(reset.token)", ["passphrase": "quiet harbour morning", "again": "quiet harbour morning"])
        #expect(chosen.status == 303)
        #expect(try await sam.get("/console/n/alpha").status == 303, "the old sessions ended")
        #expect(try await ConsoleBrowser(setup.base).post("/console/sign-in", ["login": "sam", "passphrase": "quiet harbour morning"]).status == 303)
        #expect(try await setup.registry.people(network: "alpha").first?.role == .admin, "a reset keeps the role")
    }
}

extension MachineHeavyTests {
/// The whole console in a real browser: by pointer and by keyboard only, with axe-core on every page.
@Suite struct ConsoleBrowserTests {
    @Test func aVolunteerWorksThroughTheConsoleInChromiumByPointerAndByKeyboard() async throws {
        guard ExternalTool.find("chromium") != nil, ExternalTool.find("chromedriver") != nil, let python = ExternalTool.find("python3"),
              ExternalTool.pythonModule("selenium", package: "selenium") else { return }
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["galway-bay-voices", "nakano-koe"])
        defer { Task { await host.stop() } }
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        // One network per flow, so that the charter one flow applies does not change what the other sees.
        try await test.registry.createNetwork(slug: "west", name: "Voices of the West", policy: .approval)
        try await test.registry.createNetwork(slug: "east", name: "Voices of the East", policy: .approval)
        let pointer = try await test.registry.invite(network: "west", role: .admin)
        let keyboard = try await test.registry.invite(network: "east", role: .admin)
        func key(_ group: PublishedGroup) -> String {
            String(group.sample.publicKeyFile.split(separator: "\n").last ?? "")
        }
        let shots = try scratchDirectory() + "/console-shots"
        let charterText = String(decoding: try ComplianceTests.charter("uk-ireland").bytes, as: UTF8.self)
        var charters: [String] = []
        for network in ["west", "east"] {
            let path = try scratchDirectory() + "/\(network).xml"
            try charterText.replacingOccurrences(of: #"network="uk-ireland""#, with: #"network="\#(network)""#).write(toFile: path, atomically: true, encoding: .utf8)
            charters.append(path)
        }
        let result = try await Run.programAside(python, [
            Repository.path("Tests/Browser/console_flow.py"), "--base", server.base, "--screenshots", shots,
            "--invite", "\(server.base)/console/invite/\(pointer.token)", "--feed", groups[0].feedURL, "--key", key(groups[0]), "--charter", charters[0],
            "--keyboard-invite", "\(server.base)/console/invite/\(keyboard.token)", "--keyboard-feed", groups[1].feedURL, "--keyboard-key", key(groups[1]), "--keyboard-charter", charters[1],
            "--network-key", Repository.path("Feeds/keys/network-uk-ireland.key"),
        ])
        print(result.output.split(separator: "\n").filter { !$0.hasPrefix("ok:") }.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.output.split(separator: "\n").filter { $0.hasPrefix("FAIL") }.joined(separator: "\n"))\(result.error.suffix(1500))")
        #expect(result.output.contains("ok: keyboard: after signing out the console asks for a sign-in"))
        #expect(result.output.contains("ok: pointer: after signing out the console asks for a sign-in"))
        let audit = try await test.registry.auditLog(network: "east")
        #expect(audit.contains { $0.action == "report.done" && $0.actor == "Sam (keyboard) (sam-keyboard)" })
        for network in ["west", "east"] {
            let versions = try await test.registry.charterVersions(network: network)
            #expect(versions.count == 2 && versions.first { $0.inForce }?.version == "2027.1", "the charter written in the form is in force")
        }
        // The charter signed in the browser verifies with minisign and the network's public key, over the bytes in force.
        if let minisign = ExternalTool.find("minisign") {
            let folder = try scratchDirectory()
            let document = try #require(try await test.registry.charterDocument(network: "west"))
            try document.bytes.write(to: URL(fileURLWithPath: folder + "/charter.xml"))
            try (document.signature ?? "").write(toFile: folder + "/charter.xml.minisig", atomically: true, encoding: .utf8)
            let verified = try await Run.programAside(minisign, ["-V", "-p", Repository.path("Feeds/keys/network-uk-ireland.pub"), "-m", folder + "/charter.xml"])
            #expect(verified.status == 0 && verified.output.contains("chorus-charter v1 network=west version="), "\(verified.output) \(verified.error)")
        }
    }
}
}

extension ConsoleTests {
    @Test func aCharterIsPreviewedBeforeItIsAppliedAndThePreviewChangesNothing() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        try await setup.registry.createNetwork(slug: "uk-ireland", name: "UK and Ireland", policy: .open)
        for group in setup.groups { _ = try await setup.registry.enroll(network: "uk-ireland", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile) }
        let admin = try await setup.person("sam", of: "uk-ireland", role: .admin)
        let viewer = try await setup.person("val", of: "uk-ireland", role: .viewer)
        let (bytes, signature) = try ComplianceTests.charter("uk-ireland")
        // As a browser sends a text area: CR LF line ends.
        let pasted = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
        let token = try await admin.csrf()
        let before = try Self.fingerprint(setup, "uk-ireland")

        let preview = try await admin.post("/console/n/uk-ireland/charter/preview", ["csrf": token, "charter": pasted, "signature": signature])
        #expect(preview.status == 200)
        #expect(preview.body.contains("would do"))
        #expect(try Self.fingerprint(setup, "uk-ireland") == before, "a preview changes nothing")
        #expect(try await setup.registry.charterDocument(network: "uk-ireland") == nil)
        let expected = try await setup.registry.previewCharter(network: "uk-ireland", bytes: bytes)
        for change in expected.changes { #expect(preview.body.contains(change.title ?? change.groupId)) }
        #expect(expected.changes.contains { !$0.listedAfter && !$0.failing.isEmpty }, "a group the charter would take out of the directory, with its reasons")

        #expect(try await admin.post("/console/n/uk-ireland/charter/apply", ["csrf": token, "charter": pasted]).status == 422, "applying needs the box ticked")
        #expect(try await viewer.post("/console/n/uk-ireland/charter/preview", ["csrf": try await viewer.csrf(), "charter": pasted]).status == 403)
        let wrong = try await admin.post("/console/n/uk-ireland/charter/preview", ["csrf": token, "charter": "<charter"])
        #expect(wrong.status == 422)
        #expect(wrong.body.contains("The charter is not valid"))

        let applied = try await admin.post("/console/n/uk-ireland/charter/apply", ["csrf": token, "charter": pasted, "signature": signature, "confirm": "yes"])
        #expect(applied.status == 303)
        let stored = try #require(try await setup.registry.charterDocument(network: "uk-ireland"))
        #expect(stored.bytes == bytes, "the exact bytes that were signed, not the browser's line ends")
        #expect(stored.signature == signature)
        for change in expected.changes {
            let status = try await setup.registry.group(network: "uk-ireland", groupId: change.groupId)
            #expect(status.compliance?.tier == change.tierAfter && status.compliance?.listed == change.listedAfter, "\(change.groupId) as previewed")
        }
        let page = try await admin.get("/console/n/uk-ireland/charter")
        #expect(page.body.contains("(in force)") && page.body.contains("Sam (sam)"))
    }
}

extension ConsoleTests {
    /// A group that asked to join by publishing here waits on the enrol page with the fingerprint of the key first
    /// seen, is hosted (no fetching), and an admin's approval lists it.
    @Test func aRequestToJoinWaitsInTheConsoleWithItsFirstSeenKey() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let key = MinisignSecretKey.generate()
        let bytes = try EnrolmentRequestTests.feed(now: setup.test.clock.now)
        let id = try FeedReader.read(bytes).id
        let request = try await http("POST", setup.base + "/api/v1/networks/alpha/enrolment-requests",
                                     json: try EnrolmentRequestTests.request(bytes, key: key, now: setup.test.clock.now))
        #expect(request.status == 201, "\(request.body)")
        let admin = try await setup.person("sam", of: "alpha", role: .admin)
        let enrol = try await admin.get("/console/n/alpha/enrol")
        #expect(enrol.body.contains("it asked to join by publishing its first feed here"))
        #expect(enrol.body.contains(key.publicKey.fingerprint), "the first-seen key's fingerprint, to compare with the group")
        let page = try await admin.get("/console/n/alpha/groups/\(id)")
        #expect(page.body.contains("this registry hosts the group&#39;s feed") || page.body.contains("this registry hosts the group's feed"), "\(page.body.prefix(0))")
        #expect(!page.body.contains("Fetch now"), "a hosted feed is never fetched")
        let token = try await admin.csrf()
        let approved = try await admin.post("/console/n/alpha/groups/\(id)/approve", ["csrf": token, "confirm": "yes"])
        #expect(approved.status == 303, "\(approved.body)")
        #expect(try await http("GET", setup.base + "/groups/\(id)").status == 200)
        #expect(try await setup.registry.auditLog(network: "alpha").contains { $0.action == "group.enrol-request" && $0.groupId == id })
    }
}

extension ConsoleTests {
    /// An admin renames the network and changes how it admits groups: the public pages say the new name at once,
    /// the audit log has both, and a name on two lines is refused with nothing changed.
    @Test func anAdminRenamesTheNetworkAndChangesItsPolicy() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let admin = try await setup.person("sam", of: "alpha", role: .admin)
        let before = try await http("GET", setup.base + "/groups/\(setup.alphaGroup)")
        #expect(before.body.contains("Network alpha"))
        var token = try await admin.csrf()
        let saved = try await admin.post("/console/n/alpha/settings", ["csrf": token, "name": "Voices of the Valley", "policy": "open"])
        #expect(saved.status == 303, "\(saved.body)")
        let network = try await setup.registry.network("alpha")
        #expect(network.name == "Voices of the Valley" && network.policy == .open)
        let after = try await http("GET", setup.base + "/groups/\(setup.alphaGroup)")
        #expect(after.body.contains("Voices of the Valley") && !after.body.contains("Network alpha"), "the group's page says the new name at once")
        let actions = try await setup.registry.auditLog(network: "alpha").map(\.action)
        #expect(actions.contains("network.name") && actions.contains("network.policy"))

        token = try await admin.csrf()
        let refused = try await admin.post("/console/n/alpha/settings", ["csrf": token, "name": "Two\nlines", "policy": "open"])
        #expect(refused.status == 422 && refused.body.contains("one line"), "\(refused.status)")
        #expect(try await setup.registry.network("alpha").name == "Voices of the Valley")
        let viewer = try await setup.person("val", of: "alpha", role: .viewer)
        let forbidden = try await viewer.post("/console/n/alpha/settings", ["csrf": try await viewer.csrf(), "name": "Taken over"])
        #expect(forbidden.status == 403)
        #expect(try await setup.registry.network("alpha").name == "Voices of the Valley")
    }

    /// An admin pins the network's key from the settings page when none is pinned; replacing it stays with the
    /// registry's operator, and a viewer cannot pin one.
    @Test func anAdminPinsTheNetworksKeyOnceAndOnlyTheOperatorReplacesIt() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let admin = try await setup.person("sam", of: "alpha", role: .admin)
        let viewer = try await setup.person("val", of: "alpha", role: .viewer)
        let kenya = try NetworkKeyTests.networkKey("kenya")
        #expect(try await admin.get("/console/n/alpha/settings").body.contains("No key is pinned yet"))
        let forbidden = try await viewer.post("/console/n/alpha/settings/key", ["csrf": try await viewer.csrf(), "publicKey": kenya])
        #expect(forbidden.status == 403)
        let notAKey = try await admin.post("/console/n/alpha/settings/key", ["csrf": try await admin.csrf(), "publicKey": "hello"])
        #expect(notAKey.status == 422 && notAKey.body.contains("cannot be read"), "\(notAKey.status)")
        #expect(try await setup.registry.networkKeys(network: "alpha").isEmpty)

        let pinned = try await admin.post("/console/n/alpha/settings/key", ["csrf": try await admin.csrf(), "publicKey": kenya])
        #expect(pinned.status == 303 && pinned.location == "/console/n/alpha/settings?said=key-pinned")
        let key = try #require(try await setup.registry.networkKeys(network: "alpha").first)
        #expect(key.pinnedBy == "Sam (sam)")
        let page = try await admin.get("/console/n/alpha/settings?said=key-pinned")
        #expect(page.body.contains(key.fingerprint) && page.body.contains(key.keyId) && !page.body.contains("Pin this key"))
        #expect(try await viewer.get("/console/n/alpha/settings").body.contains(key.fingerprint), "a viewer sees the key")

        let replaced = try await admin.post("/console/n/alpha/settings/key", ["csrf": try await admin.csrf(),
                                                                               "publicKey": try NetworkKeyTests.networkKey("usa")])
        #expect(replaced.status == 409 && replaced.body.contains("operator"), "\(replaced.status)")
        #expect(try await setup.registry.networkKeys(network: "alpha").map(\.keyId) == [key.keyId])
        #expect(try await setup.registry.auditLog(network: "alpha").contains { $0.action == "network.key-pinned" && $0.actor == "Sam (sam)" })
    }

    /// A charter signed elsewhere arrives as two files; the preview says what the network's pinned key makes of the
    /// signature, and one it did not sign cannot be applied. A form cut short is refused and changes nothing.
    @Test func aCharterUploadedAsFilesIsCheckedAgainstThePinnedKey() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        try await setup.registry.createNetwork(slug: "uk-ireland", name: "UK and Ireland", policy: .open)
        _ = try await setup.registry.pinNetworkKey(network: "uk-ireland", publicKey: try NetworkKeyTests.networkKey("uk-ireland"))
        for group in setup.groups { _ = try await setup.registry.enroll(network: "uk-ireland", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile) }
        let admin = try await setup.person("sam", of: "uk-ireland", role: .admin)
        let (bytes, signature) = try ComplianceTests.charter("uk-ireland")
        let before = try Self.fingerprint(setup, "uk-ireland")
        let files = ["charterFile": (filename: "charter.xml", content: bytes), "signatureFile": (filename: "charter.xml.minisig", content: Data(signature.utf8))]

        let preview = try await admin.postFiles("/console/n/uk-ireland/charter/preview", ["csrf": try await admin.csrf(), "charter": "ignored when a file is given"], files: files)
        #expect(preview.status == 200, "\(preview.body)")
        #expect(preview.body.contains("Signed with the network&#39;s key") || preview.body.contains("Signed with the network's key"))
        #expect(preview.body.contains("Apply the charter"))

        let unsigned = try await admin.postFiles("/console/n/uk-ireland/charter/preview", ["csrf": try await admin.csrf()], files: ["charterFile": files["charterFile"]!])
        #expect(unsigned.status == 422 && unsigned.body.contains("must carry its signature") && !unsigned.body.contains("Apply the charter"))
        let usaSignature = try ComplianceTests.charter("usa").signature
        let foreign = try await admin.postFiles("/console/n/uk-ireland/charter/preview", ["csrf": try await admin.csrf()],
                                                files: ["charterFile": files["charterFile"]!, "signatureFile": (filename: "x.minisig", content: Data(usaSignature.utf8))])
        #expect(foreign.status == 422 && foreign.body.contains("does not check out") && !foreign.body.contains("Apply the charter"), "\(foreign.status)")
        let cut = try await admin.postFiles("/console/n/uk-ireland/charter/preview", ["csrf": try await admin.csrf()], files: files, truncate: 300)
        #expect(cut.status == 400 && cut.body.contains("cut short"), "\(cut.status) \(cut.body.prefix(300))")
        #expect(try Self.fingerprint(setup, "uk-ireland") == before, "previews change nothing")

        let applied = try await admin.postFiles("/console/n/uk-ireland/charter/apply", ["csrf": try await admin.csrf(), "confirm": "yes"], files: files)
        #expect(applied.status == 303, "\(applied.body)")
        let stored = try #require(try await setup.registry.charterDocument(network: "uk-ireland"))
        #expect(stored.bytes == bytes && stored.signature == signature)
    }
}
