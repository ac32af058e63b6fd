import ChorusFeed
import ChorusLanguage
import ChorusRegistry
import Foundation
import Hummingbird

/// `/publish`: a group writes, signs and publishes its feed in the browser. The form is rendered here from the
/// feed format's own vocabularies; the key is made, kept and used only on the group's device (`/assets/publish/`).
/// These are the only pages with scripts that talk back: their policy adds `connect-src 'self'` and `worker-src
/// 'self'`, and nothing else is loosened. No cookie, nothing of a draft stored or logged.
struct PublishPages {
    let registry: Registry

    static let contentSecurityPolicy = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; worker-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    struct StartView {
    }

    func add(to router: Router<ChorusRequestContext>) {
        router.get("publish") { _, _ in
            Self.withPolicy(PageRenderer.shared.render(StartView(), "publish"))
        }
        router.get("publish/new") { _, _ in
            Self.withPolicy(PageRenderer.shared.render(try await builder(update: false), "publish-builder"))
        }
        router.get("publish/update") { _, _ in
            Self.withPolicy(PageRenderer.shared.render(try await builder(update: true), "publish-builder"))
        }
        router.get("publish/check") { _, _ in
            Self.withPolicy(PageRenderer.shared.render(CheckView(networks: try await networkOptions()), "publish-check"))
        }
    }

    struct CheckView {
        let networks: [PublishBuilderView.Option]
    }

    private func networkOptions() async throws -> [PublishBuilderView.Option] {
        try await registry.networks().map {
            PublishBuilderView.Option(value: $0.slug, label: $0.policy == .open ? tr("{network} (listed at once if it meets the charter)", ["network": $0.name])
                                                                        : tr("{network} (its volunteers approve each new group)", ["network": $0.name]),
                                      selected: false)
        }
    }

    private func builder(update: Bool) async throws -> PublishBuilderView {
        PublishBuilderView(update: update, networks: try await networkOptions())
    }

    static func withPolicy(_ response: Response) -> Response {
        var response = response
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        return response
    }
}
