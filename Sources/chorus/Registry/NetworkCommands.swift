import ArgumentParser
import ChorusFeed
import ChorusLanguage
import ChorusRegistry
import Foundation

struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network", abstract: "Create networks, set their charters and issue their tokens.",
        subcommands: [NetworkCreate.self, NetworkList.self, NetworkToken.self, NetworkCharter.self, NetworkDashboard.self, NetworkContact.self, NetworkLanguages.self,
                      NetworkCrisisLine.self, NetworkEmbed.self, NetworkInvite.self, NetworkPeople.self, NetworkKeyCommand.self,
                      NetworkDelegate.self, NetworkVerifyDelegation.self, NetworkDelegation.self, NetworkFollow.self, NetworkFollows.self, NetworkExportCommand.self, NetworkImportCommand.self, NetworkMoved.self])
}

struct NetworkCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a network the registry hosts.")
    @Argument(help: "Short lowercase name used in URLs, e.g. hvn-england.") var slug: String
    @Option(help: "The network's full name.") var name: String
    @Option(help: "open: groups are admitted at once; approval: an admin approves each.") var policy = EnrolmentPolicy.approval
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let network = try await registry.withRegistry { try await $0.createNetwork(slug: slug, name: name, policy: policy) }
        print("created network \(network.slug) (\(network.name)), policy \(network.policy.rawValue)")
    }
}

struct NetworkList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the networks.")
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await registry.withRegistry { registry in
            for network in try await registry.networks() {
                let groups = try await registry.groups(network: network.slug)
                let charter = try await registry.charterDocument(network: network.slug).map { "charter \($0.version)" } ?? "no charter"
                print("\(network.slug)\t\(network.policy.rawValue)\t\(groups.count) group(s)\t\(charter)\t\(network.name)")
            }
        }
    }
}

struct NetworkToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Issue, list and revoke a network's API tokens.",
        subcommands: [NetworkTokenIssue.self, NetworkTokenList.self, NetworkTokenRevoke.self], defaultSubcommand: NetworkTokenIssue.self)
}

struct NetworkTokenIssue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Issue a bearer token for a network's API. It is printed once; only its hash is kept.")
    @Argument(help: "The network's slug.") var slug: String
    @Option(help: "admin, editor or viewer.") var role: Role
    @Option(help: "Days the token works; without it, until it is revoked.") var expiresDays: Int?
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        if let expiresDays, !(1...3650).contains(expiresDays) { throw ValidationError("--expires-days must be 1 to 3650") }
        let issued = try await registry.withRegistry {
            try await $0.issueToken(network: slug, role: role, lifetime: expiresDays.map { TimeInterval($0) * 86_400 })
        }
        print(issued.token)
        let until = expiresDays.map { " for \($0) day(s)" } ?? " until it is revoked"
        Console.error("token \(issued.id): this \(role.rawValue) token for \(slug) works\(until) and is shown once; keep it somewhere safe (revoke it with: chorus network token revoke \(slug) \(issued.id))")
    }
}

struct NetworkTokenList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a network's tokens (never the tokens themselves).")
    @Argument(help: "The network's slug.") var slug: String
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        for token in try await registry.withRegistry({ try await $0.tokens(network: slug) }) {
            let state = token.revokedAt.map { "revoked \(Timestamp.format($0))" }
                ?? token.expiresAt.map { "expires \(Timestamp.format($0))" } ?? "until revoked"
            print("\(token.id)\t\(token.role.rawValue)\tissued \(Timestamp.format(token.createdAt))\t\(state)")
        }
    }
}

struct NetworkTokenRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "End a token at once.")
    @Argument(help: "The network's slug.") var slug: String
    @Argument(help: "The token's id, as issue and list print it.") var id: Int64
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await registry.withRegistry { try await $0.revokeToken(network: slug, id: id) }
        print("token \(id) of \(slug) is revoked")
    }
}

struct NetworkCharter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charter",
        abstract: "Set a new version of a network's charter and judge every member against it.",
        discussion: "The charter's signature FILE.minisig, if present, is stored and published beside it at /n/SLUG/charter.xml.minisig.")
    @Argument(help: "The network's slug.") var slug: String
    @Argument(help: "The charter file.") var file: String
    @Option(help: "The network's public key: refuse the charter unless FILE.minisig verifies with it.") var key: String?
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let loaded: CharterSource.Loaded
        do { loaded = try await CharterSource.load(file, publicKey: key) } catch let failure as CharterSource.Failure {
            throw Console.fail(failure.lines.first ?? "\(file): the charter could not be read")
        }
        let signature = loaded.signature ?? FileManager.default.contents(atPath: file + ".minisig").map { String(decoding: $0, as: UTF8.self) }
        let change = try await registry.withRegistry { try await $0.setCharter(network: slug, bytes: loaded.bytes, signature: signature) }
        let tiers = change.groupsPerTier.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("\(slug): charter version \(change.version) set; \(change.evaluated) group(s) judged, \(change.changedTier) changed tier; \(change.listed) listed, \(change.notListed) not listed" + (tiers.isEmpty ? "" : "; per tier: \(tiers)"))
    }
}

struct NetworkKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Pin the network's own public key, or show the keys it has had.",
        discussion: "Once a key is pinned, the registry refuses any charter for the network that this key did not sign. The network's volunteers keep the secret key; the registry never sees it.")
    @Argument(help: "The network's slug.") var slug: String
    @Option(help: "The network's public key file (minisign .pub). Without it, the keys are listed.") var pub: String?
    @Flag(help: "Replace a different key that is already pinned (the old one is kept in the history).") var replace = false
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        guard let pub else {
            let keys = try await registry.withRegistry { try await $0.networkKeys(network: slug) }
            if keys.isEmpty { print("\(slug) has no key pinned; its charters are not checked") }
            for key in keys {
                let until = key.retiredAt.map { ", replaced \(Timestamp.format($0))" } ?? " (in force)"
                print("key \(key.keyId), fingerprint \(key.fingerprint), pinned \(Timestamp.format(key.pinnedAt)) by \(key.pinnedBy)\(until)")
            }
            return
        }
        let text = try Files.readText(pub)
        let key = try await registry.withRegistry { try await $0.pinNetworkKey(network: slug, publicKey: text, replacing: replace) }
        print("\(slug): key \(key.keyId) pinned, fingerprint \(key.fingerprint); from now on a charter must be signed with it")
    }
}

struct NetworkDashboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Choose who sees the network's compliance dashboard: public, or admins only.")
    enum Visibility: String, ExpressibleByArgument, CaseIterable { case `public`, admins }
    @Argument(help: "The network's slug.") var slug: String
    @Argument(help: "public or admins.") var visibility: Visibility
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await registry.withRegistry { try await $0.setDashboardPublic(network: slug, visibility == .public) }
        print("\(slug): compliance dashboard visible to \(visibility == .public ? "anyone" : "the network's admins only")")
    }
}

struct NetworkCrisisLine: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crisis-line",
        abstract: "Set who to call in a crisis, shown at the foot of the network's pages (for example \"Samaritans answer day or night on 116 123, free\").")
    @Argument(help: "The network's slug.") var slug: String
    @Argument(help: "One line of at most 300 characters.") var text: String?
    @Flag(help: "Remove the crisis line: the pages say to call the local emergency number.") var remove = false
    @OptionGroup var registry: RegistryOptions

    func validate() throws {
        guard (text == nil) == remove else { throw ValidationError("give the crisis line's text, or --remove") }
    }

    func run() async throws {
        try await registry.withRegistry { try await $0.setCrisisLine(network: slug, remove ? nil : text) }
        print(remove ? "\(slug): crisis line removed" : "\(slug): the network's pages give the crisis line: \(text ?? "")")
    }
}

struct NetworkLanguages: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "languages",
        abstract: "Set the language of the network's pages and feeds, and the languages visitors may choose.",
        discussion: "Without --offer the network offers every language Chorus has a catalog for: \(Catalogs.shipped.joined(separator: ", ")).")
    @Argument(help: "The network's slug.") var slug: String
    @Option(name: .customLong("default"), help: "The network's own language: for visitors who ask for none it offers, and for its feeds.")
    var language: String
    @Option(help: "The languages offered, comma-separated (the default is always offered).") var offer: String?
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let offered = offer.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let network = try await registry.withRegistry { registry in
            try await registry.setLanguages(network: slug, default: language, offered: offered)
            return try await registry.network(slug)
        }
        print("\(slug): pages and feeds in \(network.defaultLanguage); visitors may choose \(network.offeredLanguages.joined(separator: ", "))")
    }
}

struct NetworkEmbed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Allow web sites to show the network's directory in a frame (/embed/n/SLUG); no origin stops it.")
    @Argument(help: "The network's slug.") var slug: String
    @Argument(help: "Origins such as https://www.example.org (no path); none to stop embedding.") var origins: [String] = []
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await registry.withRegistry { try await $0.setEmbedOrigins(network: slug, origins) }
        print(origins.isEmpty ? "\(slug): no site may embed the directory"
              : "\(slug): these sites may embed /embed/n/\(slug): \(origins.joined(separator: " "))")
    }
}

struct NetworkContact: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Set where visitors report a problem with a listing (shown on every group page).")
    @Argument(help: "The network's slug.") var slug: String
    @Argument(help: "A mailto:, tel: or https: URI.") var uri: String
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await registry.withRegistry { try await $0.setContact(network: slug, uri) }
        print("\(slug): visitors report problems to \(uri)")
    }
}

struct NetworkInvite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Print a single-use link, valid for 7 days, that lets someone join a network's console and choose a passphrase.",
        discussion: "The registry's operator invites a network's first admin this way; the admin invites the others from the console. With --reset, the link gives one of the network's people a new passphrase (and lifts a lock).")
    @Argument(help: "The network's slug.") var slug: String
    @Option(help: "admin, editor or viewer.") var role: Role = .viewer
    @Option(help: "The sign-in name of someone who has forgotten their passphrase.") var reset: String?
    @Option(help: "The registry's public address, which the link starts with.") var url = "http://127.0.0.1:8080"
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        let invite = try await registry.withRegistry { try await $0.invite(network: slug, role: role, resetLogin: reset) }
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        print("\(base)/console/invite/\(invite.token)")
        let what = reset.map { "a new passphrase for \($0) in \(slug)" } ?? "joining \(slug) as \(role.rawValue)"
        Console.error("this link is for \(what); it works once, until \(Timestamp.format(invite.expiresAt)). Send it by a channel you trust.")
    }
}

struct NetworkPeople: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "people", abstract: "List a network's console people, their roles and sign-ins.")
    @Argument(help: "The network's slug.") var slug: String
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await registry.withRegistry { registry in
            for person in try await registry.people(network: slug) {
                let last = person.lastSignInAt.map(Timestamp.format) ?? "never signed in"
                print("\(person.login)\t\(person.role.rawValue)\t\(last)\(person.locked ? "\tlocked" : "")\t\(person.name)")
            }
        }
    }
}
