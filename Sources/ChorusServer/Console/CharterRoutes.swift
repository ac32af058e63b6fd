import ChorusLanguage
import ChorusRegistry
import Foundation
import Hummingbird

/// A network's charter in the console: the one in force and its history, and a new one pasted in, previewed (which
/// groups would change tier, and why) and only then applied.
struct CharterRoutes {
    let registry: Registry

    struct Version {
        let version: String
        let setAt: String
        let setBy: String
        let signed: Bool
        let inForce: Bool
        let changes: [String]
    }

    struct Change {
        let groupId: String
        let title: String
        let before: String
        let after: String
        let failing: [String]
        let hasFailing: Bool
    }

    struct View {
        let frame: ConsoleFrame
        let isAdmin: Bool
        let current: String?
        let versions: [Version]
        let hasVersions: Bool
        let charter: String
        let signature: String
        /// The document and signature for Apply, in base64: a form field's line ends are the browser's to change,
        /// and a charter signed with CR LF line ends must arrive with them.
        let charterBytes: String
        let signatureBytes: String
        let problem: String?
        let previewed: Bool
        let previewTitle: String?
        let evaluated: Int
        let changes: [Change]
        let hasChanges: Bool
        let perTier: [GroupRoutes.Count]
        let signatureSentence: String?
        let canApply: Bool
    }

    static let formLimit = 1 << 20

    func add(to console: RouterGroup<ChorusRequestContext>) {
        console.page("n/:network/charter") { request, context in
            let access = try Console.access(context, .viewer)
            return Console.render(try await view(access, said: GroupRoutes.said(request)), "console-charter")
        }
        console.page("n/:network/charter/preview", method: .post) { request, context in
            let access = try Console.access(context, .admin)
            let fields = try await FormFields.read(request, limit: Self.formLimit)
            try Console.checkToken(fields, access)
            do {
                let preview = try await registry.previewCharter(network: access.network, bytes: Self.document(fields))
                let signature = try await registry.checkCharterSignature(network: access.network, bytes: Self.document(fields),
                                                                         signature: Self.signature(fields))
                return Console.render(try await view(access, fields: fields, preview: preview, signature: signature), "console-charter",
                                      status: signature.acceptable ? .ok : .unprocessableContent)
            } catch let error as RegistryError {
                return Console.render(try await view(access, fields: fields, problem: Console.sentence(error.description)), "console-charter",
                                      status: Responses.problem(for: error).status)
            }
        }
        console.page("n/:network/charter/apply", method: .post) { request, context in
            let access = try Console.access(context, .admin)
            let fields = try await FormFields.read(request, limit: Self.formLimit)
            try Console.checkToken(fields, access)
            guard fields.confirmed() else {
                return Console.render(try await view(access, fields: fields, problem: tr("Tick the box that says you have read the preview. Nothing was changed.")),
                                      "console-charter", status: .unprocessableContent)
            }
            do {
                _ = try await registry.setCharter(network: access.network, bytes: Self.document(fields),
                                                  signature: Self.signature(fields), actor: access.actor)
                return Console.seeOther("/console/n/\(access.network)/charter?said=charter")
            } catch let error as RegistryError {
                return Console.render(try await view(access, fields: fields, problem: Console.sentence(error.description)), "console-charter",
                                      status: Responses.problem(for: error).status)
            }
        }
    }

    /// A browser sends a text area's line ends as CR LF; the charter was written, and signed, with LF.
    static func lines(_ text: String) -> String { text.replacingOccurrences(of: "\r\n", with: "\n") }

    /// The charter byte for byte as the preview carried it to Apply, or as uploaded, or else as pasted.
    static func documentText(_ fields: FormFields) -> String {
        if let carried = fields.text("charterBytes").flatMap({ Data(base64Encoded: $0) }) { return String(decoding: carried, as: UTF8.self) }
        if let file = fields["charterFile"], !file.isEmpty { return file }
        return lines(fields["charter"] ?? "")
    }

    static func document(_ fields: FormFields) -> Data { Data(documentText(fields).utf8) }

    /// The signature as the preview carried it, or as uploaded, or else as pasted; nil when none was given.
    static func signature(_ fields: FormFields) -> String? {
        if let carried = fields.text("signatureBytes").flatMap({ Data(base64Encoded: $0) }) { return String(decoding: carried, as: UTF8.self) }
        if let file = fields.text("signatureFile") { return lines(file) + "\n" }
        return fields.text("signature").map { lines($0) + "\n" }
    }

    /// The charter page with a document written by the charter form in its text area, ready to sign and preview.
    func written(_ access: ConsoleAccess, document: Data) async throws -> Response {
        let said = tr("The charter document is written below. Sign it with the network's key if the network signs its charters, then preview what it changes.")
        return Console.render(try await view(access, said: said, fields: FormFields(values: ["charter": String(decoding: document, as: UTF8.self)])),
                              "console-charter")
    }

    private func view(_ access: ConsoleAccess, said: String? = nil, fields: FormFields? = nil, preview: CharterPreview? = nil,
                      signature: CharterSignatureCheck? = nil, problem: String? = nil) async throws -> View {
        let versions = try await registry.charterVersions(network: access.network)
        let current = versions.first(where: \.inForce)
        func tierWords(_ tier: String?, _ listed: Bool) -> String {
            let tier = tier ?? tr("no tier")
            return listed ? tr("{tier}, listed", ["tier": tier]) : tr("{tier}, not listed", ["tier": tier])
        }
        let changes = (preview?.changes ?? []).map { change in
            let failing = change.failing.map { failure in
                failure.fix.map { tr("{rule}: {reason} To fix: {fix}", ["rule": failure.rule, "reason": failure.reason, "fix": $0]) }
                    ?? tr("{rule}: {reason}", ["rule": failure.rule, "reason": failure.reason])
            }
            return Change(groupId: change.groupId, title: change.title ?? change.groupId, before: tierWords(change.tierBefore, change.listedBefore),
                          after: tierWords(change.tierAfter, change.listedAfter), failing: failing, hasFailing: !failing.isEmpty)
        }
        return View(
            frame: access.frame("/charter", said: said), isAdmin: access.role == .admin,
            current: current.map { version -> String in
                let values = ["version": version.version, "when": Console.when(version.setAt), "who": version.setBy]
                return version.signed ? tr("version {version}, set {when} by {who}, signed", values)
                    : tr("version {version}, set {when} by {who}, not signed", values)
            },
            versions: versions.map { Version(version: $0.version, setAt: Console.when($0.setAt), setBy: $0.setBy, signed: $0.signed, inForce: $0.inForce, changes: $0.changes) },
            hasVersions: !versions.isEmpty, charter: fields.map(Self.documentText) ?? "", signature: fields.flatMap(Self.signature) ?? "",
            charterBytes: fields.map { Self.document($0).base64EncodedString() } ?? "",
            signatureBytes: fields.flatMap(Self.signature).map { Data($0.utf8).base64EncodedString() } ?? "",
            problem: problem ?? signature.flatMap { $0.acceptable ? nil : tr("{sentence} It cannot be applied until it is.", ["sentence": $0.sentence]) },
            previewed: preview != nil, previewTitle: preview.map { tr("{title}, version {version}", ["title": $0.title, "version": $0.version]) },
            evaluated: preview?.evaluated ?? 0,
            changes: changes, hasChanges: !changes.isEmpty,
            perTier: (preview?.groupsPerTier ?? [:]).sorted { $0.key < $1.key }.map { GroupRoutes.Count(label: $0.key == "none" ? tr("no tier") : $0.key, count: $0.value, href: "") },
            signatureSentence: signature?.sentence, canApply: signature?.acceptable ?? true)
    }
}
