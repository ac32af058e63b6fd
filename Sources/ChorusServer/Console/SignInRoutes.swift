import ChorusLanguage
import ChorusRegistry
import Foundation
import Hummingbird

/// `/console`, signing in and out, invites and passphrases.
struct SignInRoutes {
    let registry: Registry

    struct SignInView {
        let login: String
        let next: String
        let problem: String?
        let said: String?
    }

    struct InviteView {
        let token: String
        let networkName: String
        let roleWords: String
        let expires: String
        let reset: Bool
        let resetLogin: String?
        let name: String
        let login: String
        let problem: String?
    }

    struct NetworksView {
        /// A network the person belongs to, with their role in the page's words.
        struct NetworkLine {
            let network: String
            let networkName: String
            let role: String
        }

        let frame: ConsoleFrame
        let networks: [NetworkLine]
        let hasNetworks: Bool
    }

    struct PassphraseView {
        let frame: ConsoleFrame
        let problem: String?
    }

    func add(to console: RouterGroup<ChorusRequestContext>) {
        console.page("") { request, context in
            guard let (person, csrf) = Console.person(context) else { throw ConsoleRefusal.signedOut }
            let said = request.uri.queryParameters["said"].map(String.init).flatMap { Console.sayings[$0] != nil ? $0 : nil }
            if person.networks.count == 1 {
                return Console.seeOther("/console/n/\(person.networks[0].network)" + (said.map { "?said=\($0)" } ?? ""))
            }
            return Console.render(NetworksView(frame: Self.frame(person, csrf, said: said.flatMap { Console.sayings[$0] }),
                                               networks: person.networks.map {
                                                   NetworksView.NetworkLine(network: $0.network, networkName: $0.networkName, role: Console.roleName($0.role))
                                               },
                                               hasNetworks: !person.networks.isEmpty),
                                  "console-networks")
        }
        console.page("sign-in") { request, context in
            if Console.person(context) != nil { return Console.seeOther("/console") }
            let said = request.uri.queryParameters["said"].flatMap { Console.sayings[String($0)] }
            return Console.render(SignInView(login: "", next: Self.safeNext(request.uri.queryParameters["next"].map(String.init)), problem: nil, said: said),
                                  "console-sign-in")
        }
        console.page("sign-in", method: .post) { request, context in
            let fields = try await FormFields.read(request)
            let login = fields.text("login") ?? ""
            let next = Self.safeNext(fields["next"])
            func again(_ problem: String, _ status: HTTPResponse.Status) -> Response {
                Console.render(SignInView(login: login, next: next, problem: problem, said: nil), "console-sign-in", status: status)
            }
            switch try await registry.signIn(login: login, passphrase: fields["passphrase"] ?? "", address: context.clientAddress) {
            case .signedIn(let person):
                try await startSession(person, request, context)
                return Console.seeOther(next)
            case .refused:
                return again(tr("The sign-in name or the passphrase is not right."), .unauthorized)
            case .wait(let seconds):
                // To the millisecond the database keeps, then whole seconds up.
                let wait = max(1, Int(((seconds * 1000).rounded() / 1000).rounded(.up)))
                // The same English in both forms, as the page has always said it; a translation takes its own plural forms.
                var response = again(trPlural("Too many wrong passphrases. Wait {count} seconds, then try again.", "Too many wrong passphrases. Wait {count} seconds, then try again.", count: wait),
                                     .tooManyRequests)
                response.headers[.retryAfter] = "\(wait)"
                return response
            case .locked:
                return again(tr("This sign-in is locked after too many wrong passphrases. An admin of your network can unlock it, or send you an invite to choose a new passphrase."),
                             .forbidden)
            }
        }
        console.page("sign-out", method: .post) { request, context in
            guard let (person, csrf) = Console.person(context) else { return Console.seeOther("/console/sign-in") }
            try Console.checkToken(try await FormFields.read(request), Self.selfAccess(person, csrf))
            context.sessions.clearSession()
            return Console.seeOther("/console/sign-in?said=signed-out")
        }
        console.page("invite/:token") { _, context in
            let token = try context.required("token")
            return Console.render(try await inviteView(token, name: "", login: "", problem: nil), "console-invite")
        }
        console.page("invite/:token", method: .post) { request, context in
            let token = try context.required("token")
            let fields = try await FormFields.read(request)
            let name = fields.text("name") ?? ""
            let login = fields.text("login") ?? ""
            let passphrase = fields["passphrase"] ?? ""
            guard passphrase == fields["again"] else {
                return Console.render(try await inviteView(token, name: name, login: login, problem: tr("The two passphrases are not the same.")),
                                      "console-invite", status: .unprocessableContent)
            }
            do {
                let person = try await registry.acceptInvite(token: token, login: login, name: name, passphrase: passphrase)
                try await startSession(person, request, context)
                return Console.seeOther("/console?said=joined")
            } catch let error as RegistryError {
                if case .forbidden = error { throw error }
                return Console.render(try await inviteView(token, name: name, login: login, problem: Console.sentence(error.description)),
                                      "console-invite", status: Responses.problem(for: error).status)
            }
        }
        console.page("invite/:token/existing", method: .post) { request, context in
            let token = try context.required("token")
            _ = try await registry.invitation(token: token)
            let fields = try await FormFields.read(request)
            switch try await registry.signIn(login: fields.text("login") ?? "", passphrase: fields["passphrase"] ?? "", address: context.clientAddress) {
            case .signedIn(let person):
                let joined = try await registry.acceptInvite(token: token, as: person)
                try await startSession(joined, request, context)
                return Console.seeOther("/console?said=joined")
            case .refused, .wait, .locked:
                return Console.render(try await inviteView(token, name: "", login: "", problem: tr("That sign-in did not work, so the invite is still unused. Check the name and passphrase, or join with a new sign-in above.")),
                                      "console-invite", status: .unauthorized)
            }
        }
        console.page("passphrase") { _, context in
            guard let (person, csrf) = Console.person(context) else { throw ConsoleRefusal.signedOut }
            return Console.render(PassphraseView(frame: Self.frame(person, csrf), problem: nil), "console-passphrase")
        }
        console.page("passphrase", method: .post) { request, context in
            guard let (person, csrf) = Console.person(context) else { throw ConsoleRefusal.signedOut }
            let fields = try await FormFields.read(request)
            try Console.checkToken(fields, Self.selfAccess(person, csrf))
            let new = fields["passphrase"] ?? ""
            do {
                guard new == fields["again"] else { throw RegistryError.invalid(.passphrase, tr("The two new passphrases are not the same.")) }
                try await registry.changePassphrase(person: person, current: fields["current"] ?? "", new: new)
            } catch let error as RegistryError {
                return Console.render(PassphraseView(frame: Self.frame(person, csrf), problem: Console.sentence(error.description)), "console-passphrase",
                                      status: Responses.problem(for: error).status)
            }
            // Every session of the person has ended, this one too: begin a new one.
            try await startSession(person, request, context)
            return Console.seeOther("/console?said=passphrase")
        }
    }

    /// A new session with a new id and a new CSRF token; the session the browser had before, anyone's, ends.
    private func startSession(_ person: ConsolePerson, _ request: Request, _ context: ChorusRequestContext) async throws {
        if ConsoleAuthentication.storage(registry).getId(request: request) != nil {
            _ = try await ConsoleAuthentication.storage(registry).delete(request: request)
        }
        let now = registry.now
        context.sessions.createSession(ConsoleSession(personId: person.id, createdAt: now, lastSeen: now, csrf: Self.randomToken()),
                                       expiresIn: .seconds(Int64(ConsoleSession.idleTimeout)))
    }

    private func inviteView(_ token: String, name: String, login: String, problem: String?) async throws -> InviteView {
        let invitation = try await registry.invitation(token: token)
        return InviteView(token: token, networkName: invitation.networkName, roleWords: Self.roleWords(invitation.role),
                          expires: Self.dayAndTime(invitation.expiresAt), reset: invitation.resetLogin != nil, resetLogin: invitation.resetLogin,
                          name: name, login: login, problem: problem)
    }

    static func roleWords(_ role: Role) -> String {
        switch role {
        case .viewer: tr("a viewer (you can see the network's groups, reports and people)")
        case .editor: tr("an editor (you can also enrol groups, fetch feeds and answer reports)")
        case .admin: tr("an admin (you can also approve, suspend and remove groups, and invite people)")
        }
    }

    static func dayAndTime(_ date: Date) -> String {
        guard Localizer.current.usesEnglishFormats else { return MeetingClock.shared.utc(date, template: "EEEEdMMMMyyyyHHmm") }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEEE d MMMM yyyy, HH:mm 'UTC'"
        return Localizer.current.localeData(formatter.string(from: date))
    }

    /// Only a path inside the console, so a sign-in link cannot send someone elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/console"), !next.contains("//"), !next.contains("\\"), !next.contains(where: \.isNewline) else { return "/console" }
        return next
    }

    static func frame(_ person: ConsolePerson, _ csrf: String, said: String? = nil) -> ConsoleFrame {
        ConsoleFrame(personName: person.name, csrf: csrf, network: nil, networkName: nil, role: nil, links: [],
                     otherNetworks: person.networks.count > 1, said: said)
    }

    private static func selfAccess(_ person: ConsolePerson, _ csrf: String) -> ConsoleAccess {
        ConsoleAccess(person: person, network: "", networkName: "", role: .viewer, csrf: csrf)
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}
