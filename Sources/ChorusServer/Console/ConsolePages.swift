import ChorusLanguage
import ChorusRegistry
import Foundation
import Hummingbird

/// What every console page shares: the person, the network being worked on, the navigation, the CSRF token for
/// its forms, and one line saying what the last action did.
struct ConsoleFrame {
    struct Link {
        let href: String
        let label: String
        let current: Bool
    }

    let personName: String
    let csrf: String
    let network: String?
    let networkName: String?
    let role: String?
    let links: [Link]
    let otherNetworks: Bool
    let said: String?

    /// Computed on each use, so the labels are in the language of the page being made.
    static var sections: [(path: String, label: String)] {
        [
            ("", tr("Overview")), ("/groups", tr("Groups")), ("/enrol", tr("Enrol")), ("/charter", tr("Charter")), ("/reports", tr("Reports")),
            ("/people", tr("People")), ("/audit", tr("Audit log")), ("/settings", tr("Settings")), ("/registries", tr("Other registries")),
        ]
    }
}

/// A console request, once the person is known to belong to the network in its path with the role it needs.
struct ConsoleAccess {
    let person: ConsolePerson
    let network: String
    let networkName: String
    let role: Role
    let csrf: String

    func frame(_ section: String, said: String? = nil) -> ConsoleFrame {
        ConsoleFrame(personName: person.name, csrf: csrf, network: network, networkName: networkName, role: Console.roleName(role),
                     links: ConsoleFrame.sections.map { .init(href: "/console/n/\(network)\($0.path)", label: $0.label, current: $0.path == section) },
                     otherNetworks: person.networks.count > 1, said: said)
    }

    var actor: Registry.Actor { person.actor }
}

/// Shared answers of the console's routes.
enum Console {
    /// The page's one-line result, from a fixed list: the address bar never carries text into the page. Computed on
    /// each use, so the sentences are in the language of the page being made.
    static var sayings: [String: String] {
        [
            "approved": tr("The group is approved."), "suspended": tr("The group is suspended; the reason is shown to it."),
            "removed": tr("The group is removed from this network."), "key-revoked": tr("The group's key is revoked."),
            "harvested": tr("The group's feed was fetched."), "enrolled": tr("The group is enrolled."),
            "invited": tr("The invite link is ready: copy it now, it is shown once."), "role": tr("The role is changed."),
            "person-removed": tr("The person is removed; their sessions have ended."), "unlocked": tr("The sign-in is unlocked."),
            "report-done": tr("The report is marked done."), "settings": tr("The settings are saved."),
            "key-pinned": tr("The network's key is pinned: from now on only a charter it signed is applied."),
            "delegated": tr("The delegation is checked and published: registries upstream can now check this network's directory."),
            "passphrase": tr("Your passphrase is changed; your other sessions have ended."), "signed-out": tr("You are signed out."),
            "joined": tr("Welcome. You can now work on this network."), "charter": tr("The charter is applied; every group has been judged against it."),
        ]
    }

    /// A role's name as the page shows it: "viewer", "editor" or "admin" in English.
    static func roleName(_ role: Role) -> String {
        switch role {
        case .viewer: tr("viewer", context: "console role")
        case .editor: tr("editor", context: "console role")
        case .admin: tr("admin", context: "console role")
        }
    }

    static func seeOther(_ location: String) -> Response {
        // A path of this registry keeps the language the address chose.
        let kept = location.hasPrefix("/") && !location.hasPrefix("//") ? PageLanguage.current.link(location) : location
        return Response(status: .seeOther, headers: [.location: kept, .cacheControl: "no-store"])
    }

    static func render(_ view: Any, _ template: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = PageRenderer.shared.render(view, template, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    struct MessageView {
        let title: String
        let text: String
        let frame: ConsoleFrame?
        let back: String
        /// The registry's own messages are in English until the registry speaks other languages.
        var textLang: String?
    }

    static func message(_ title: String, _ text: String, status: HTTPResponse.Status, frame: ConsoleFrame? = nil, back: String = "/console",
                        textLang: String? = nil) -> Response {
        render(MessageView(title: title, text: text, frame: frame, back: back, textLang: textLang), "console-message", status: status)
    }

    /// An error as a console page with the status the API would give it.
    static func page(for error: any Error, frame: ConsoleFrame? = nil, back: String = "/console") -> Response {
        let status = Responses.problem(for: error).status
        let text: String
        var textLang: String? = "en"
        switch error {
        case let error as RegistryError: text = sentence(error.description)
        case let error as HTTPError: text = error.body ?? error.status.reasonPhrase
        default:
            text = tr("The registry could not do this. Nothing was changed.")
            textLang = nil
        }
        let title = status == .notFound ? tr("Not found") : status == .forbidden ? tr("Not allowed") : tr("Not done")
        return message(title, text, status: status, frame: frame, back: back, textLang: textLang)
    }

    /// The registry's one-line reasons as a sentence: a capital first letter and a full stop.
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        let capitalised = String(first).uppercased(with: Localizer.current.locale) + text.dropFirst()
        return ".。!?！？؟".contains(capitalised.last!) ? capitalised : capitalised + "."
    }

    /// The person signed in, or nil.
    static func person(_ context: ChorusRequestContext) -> (person: ConsolePerson, csrf: String)? {
        guard let person = context.identity, let session = context.sessions.session else { return nil }
        return (person, session.csrf)
    }

    /// For a page of a network: the person must belong to it (another network's pages are not found) and have the role.
    static func access(_ context: ChorusRequestContext, _ role: Role) throws -> ConsoleAccess {
        guard let (person, csrf) = person(context) else { throw ConsoleRefusal.signedOut }
        let slug = try context.required("network")
        guard let membership = person.networks.first(where: { $0.network == slug }) else {
            throw RegistryError.notFound(.network(slug: slug))
        }
        guard membership.role >= role else {
            throw RegistryError.forbidden(tr("this needs a {role} of {network}; you are a {current}",
                                             ["role": roleName(role), "network": membership.networkName, "current": roleName(membership.role)]))
        }
        return ConsoleAccess(person: person, network: slug, networkName: membership.networkName, role: membership.role, csrf: csrf)
    }

    /// A form that changes something must carry the session's token.
    static func checkToken(_ fields: FormFields, _ access: ConsoleAccess) throws {
        guard let sent = fields["csrf"], constantTimeEqual(sent, access.csrf) else { throw ConsoleRefusal.badToken }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

enum ConsoleRefusal: Error {
    case signedOut
    case badToken
}

extension RouterGroup<ChorusRequestContext> {
    /// A console page: a signed-out GET goes to the sign-in page, a signed-out or tokenless POST is refused, and any
    /// other error becomes a console page with the status the API would give it.
    @discardableResult
    func page(_ path: RouterPath, method: HTTPRequest.Method = .get,
              _ handler: @escaping @Sendable (Request, ChorusRequestContext) async throws -> Response) -> Self {
        on(path, method: method, use: { @Sendable (request: Request, context: ChorusRequestContext) -> Response in
            do {
                return try await handler(request, context)
            } catch ConsoleRefusal.signedOut {
                if method == .get {
                    let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                    return Console.seeOther("/console/sign-in?next=\(next)")
                }
                return Console.message(tr("Signed out"), tr("You are not signed in, or your session has ended. Sign in again; nothing was changed."),
                                       status: .forbidden, back: "/console/sign-in")
            } catch ConsoleRefusal.badToken {
                return Console.message(tr("Not sent"), tr("This form is out of date (it belongs to an earlier session). Nothing was changed: open the page again and resend it."),
                                       status: .forbidden)
            } catch {
                return Console.page(for: error)
            }
        })
    }
}
