import ChorusRegistry
import Foundation
import Hummingbird

/// The charter as a form: tiers and rules built from the charter format's tests and exemptions, written out as a
/// charter document that then goes through the charter page's signing, preview and apply like any other.
struct CharterEditorRoutes {
    let registry: Registry

    func add(to console: RouterGroup<ChorusRequestContext>) {
        console.page("n/:network/charter/edit") { _, context in
            let access = try Console.access(context, .admin)
            let draft = try await registry.charter(network: access.network).map(CharterDraft.init) ?? .starter(networkName: access.networkName)
            return Console.render(CharterEditorView(frame: access.frame("/charter"), draft: draft), "console-charter-edit")
        }
        console.page("n/:network/charter/edit", method: .post) { request, context in
            let access = try Console.access(context, .admin)
            let fields = try await FormFields.read(request, limit: CharterRoutes.formLimit)
            try Console.checkToken(fields, access)
            let draft = CharterDraft(fields)
            guard fields["action"] == "write" else {
                return Console.render(CharterEditorView(frame: access.frame("/charter"), draft: draft), "console-charter-edit")
            }
            switch draft.document(network: access.network) {
            case .success(let document):
                return try await CharterRoutes(registry: registry).written(access, document: document)
            case .failure(let problems):
                return Console.render(CharterEditorView(frame: access.frame("/charter"), draft: draft.withoutBlankRows, problems: problems.sentences),
                                      "console-charter-edit", status: .unprocessableContent)
            }
        }
    }
}
