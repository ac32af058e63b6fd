import ChorusLanguage
import ChorusRegistry
import Foundation
import Hummingbird

/// Feeds, calendars and exports: Atom and RSS for a network's changes and notices, a group's notices and any search;
/// iCalendar per group and per meeting; Meeting Guide and HSDS exports per network. Each answer is revalidated from
/// its stamp before it is built. Their words are in the language of the network they belong to (its default), never
/// in the visitor's: a feed is shared by everyone who follows it.
struct OutputRoutes {
    let registry: Registry
    let addresses: PublicAddressPolicy
    let built: BuiltOutputs
    /// The language of outputs that belong to no network.
    let language: String

    init(registry: Registry, configuration: ServerConfiguration, built: BuiltOutputs = BuiltOutputs()) {
        self.registry = registry
        addresses = PublicAddressPolicy(configuration)
        self.built = built
        language = configuration.defaultLanguage
    }

    static let atom = "application/atom+xml; charset=utf-8"
    static let rss = "application/rss+xml; charset=utf-8"
    static let calendar = "text/calendar; charset=utf-8"
    static let json = "application/json; charset=utf-8"
    static let cacheControl = "public, max-age=900"

    func add(to router: Router<ChorusRequestContext>) {
        for (format, type) in [("atom", Self.atom), ("rss", Self.rss)] {
            router.get("n/:network/changes.\(format)") { request, context in
                let slug = try context.required("network")
                return try await networkOutput(request, slug: slug, variant: "changes-\(format)", type: type) { address in
                    let feed = try await registry.changesFeed(network: slug, at: address)
                    return format == "atom" ? feed.atom() : feed.rss()
                }
            }
            router.get("n/:network/notices.\(format)") { request, context in
                let slug = try context.required("network")
                return try await networkOutput(request, slug: slug, variant: "notices-\(format)", type: type) { address in
                    let feed = try await registry.noticesFeed(network: slug, at: address)
                    return format == "atom" ? feed.atom() : feed.rss()
                }
            }
            router.get("groups/:groupId/notices.\(format)") { request, context in
                let groupId = try context.groupID()
                return try await groupOutput(request, groupId: groupId, variant: "notices-\(format)", type: type) { address in
                    let feed = try await registry.groupNoticesFeed(groupId: groupId, at: address)
                    return format == "atom" ? feed.atom() : feed.rss()
                }
            }
            router.get("search.\(format)") { request, _ in try await searchFeed(request, format: format, type: type) }
        }
        router.get("n/:network/meeting-guide.json") { request, context in
            try await exportOutput(request, slug: try context.required("network"), kind: .meetingGuide, variant: "meeting-guide")
        }
        router.get("n/:network/hsds.json") { request, context in
            try await exportOutput(request, slug: try context.required("network"), kind: .hsds, variant: "hsds")
        }
        router.get("groups/:groupId/calendar.ics") { request, context in
            let groupId = try context.groupID()
            return try await groupOutput(request, groupId: groupId, variant: "ics", type: Self.calendar) { address in
                let group = try await registry.publicGroup(groupId: groupId).group
                return GroupCalendar(group: group, pageURL: address.groupPage(groupId), now: registry.now).ics()
            }
        }
        router.get("groups/:groupId/meetings/:meetingId/calendar.ics") { request, context in
            let groupId = try context.groupID()
            let meetingId = try context.required("meetingId")
            return try await groupOutput(request, groupId: groupId, variant: "ics-" + meetingId, type: Self.calendar) { address in
                let group = try await registry.publicGroup(groupId: groupId).group
                guard group.meetings.contains(where: { $0.id == meetingId }) else {
                    throw RegistryError.notFound(.meeting(groupId: groupId, meetingId: meetingId))
                }
                return GroupCalendar(group: group, pageURL: address.groupPage(groupId), now: registry.now).ics(meetingId: meetingId)
            }
        }
    }

    func publicAddress(_ request: Request) -> PublicAddress { addresses.address(for: request) }

    private func networkOutput(_ request: Request, slug: String, variant: String, type: String,
                               build: @escaping @Sendable (PublicAddress) async throws -> String) async throws -> Response {
        let language = (try? await registry.network(slug))?.defaultLanguage ?? self.language
        return try await output(request, stamp: { try await registry.networkStamp(network: slug) }, variant: variant, language: language,
                                type: type, build: build)
    }

    private func groupOutput(_ request: Request, groupId: String, variant: String, type: String,
                             build: @escaping @Sendable (PublicAddress) async throws -> String) async throws -> Response {
        return try await output(request, stamp: { try await registry.groupStamp(groupId: groupId) }, variant: variant,
                                language: try await groupLanguage(groupId), type: type, build: build)
    }

    /// A group's outputs are in the default language of the first network that lists it.
    private func groupLanguage(_ groupId: String) async throws -> String {
        guard let listing = try? await registry.publicGroup(groupId: groupId).listings.first,
              let network = try? await registry.network(listing.network) else { return language }
        return network.defaultLanguage
    }

    /// Answers 304 from the stamp when the client's copy is current; otherwise the bytes built at this stamp, building
    /// them when the stamp has moved since.
    private func output(_ request: Request, stamp read: () async throws -> OutputStamp, variant: String, language: String, type: String,
                        build: @escaping @Sendable (PublicAddress) async throws -> String) async throws -> Response {
        let address = publicAddress(request)
        do {
            let stamp = try await read()
            let (headers, notModified) = Conditional.check(request, stamp: stamp, variant: variant + "-" + language + "-" + address.authority,
                                                           contentType: type, cacheControl: Self.cacheControl)
            if let notModified { return notModified }
            let name = variant + " " + language + " " + address.base
            let body = try await built.body(for: name, tag: stamp.tag) {
                ByteBuffer(string: try await Localizer.$current.withValue(Localizer(language: language)) { try await build(address) })
            }
            return try await built.answer(request, headers: headers, name: name, tag: stamp.tag, size: body.readableBytes) { body }
        } catch RegistryError.notFound(let missing) {
            return Responses.problem(.notFound, "not-found", missing.description)
        }
    }

    /// A whole-network export: its fragments are kept by the registry and written out in pieces, so the document is
    /// not held twice; its gzip bytes are made once per stamp.
    private func exportOutput(_ request: Request, slug: String, kind: ExportKind, variant: String) async throws -> Response {
        let address = publicAddress(request)
        do {
            let stamp = try await registry.networkStamp(network: slug)
            let (headers, notModified) = Conditional.check(request, stamp: stamp, variant: variant + "-" + address.authority,
                                                           contentType: Self.json, cacheControl: Self.cacheControl)
            if let notModified { return notModified }
            let export = try await registry.export(kind, network: slug, at: address)
            if Conditional.acceptsGzip(request.headers[.acceptEncoding]) {
                return try await built.answer(request, headers: headers, name: variant + " " + address.base, tag: stamp.tag,
                                              size: export.count) { ByteBuffer(bytes: export.joined()) }
            }
            var fields = headers
            fields[.vary] = "Accept-Encoding"
            fields[.contentLength] = String(export.count)
            return Response(status: .ok, headers: fields, body: ResponseBody(contentLength: export.count) { writer in
                try await export.chunks { try await writer.write(ByteBuffer(bytes: $0)) }
                try await writer.finish(nil)
            })
        } catch RegistryError.notFound(let missing) {
            return Responses.problem(.notFound, "not-found", missing.description)
        }
    }

    /// A search as a feed. Its answer depends on the whole directory and the time, so it is revalidated from its bytes.
    private func searchFeed(_ request: Request, format: String, type: String) async throws -> Response {
        let parameters: SearchParameters
        do { parameters = try SearchParameters(uri: request.uri.description, maximumLimit: 50) } catch {
            return Responses.problem(.badRequest, "invalid-search", "this search could not be read: \(error)")
        }
        let canonical = parameters.queryString(replacing: ["page": nil, "limit": nil, "tz": nil])
        var feedLanguage = language
        if let slug = parameters.query.network, let network = try? await registry.network(slug) { feedLanguage = network.defaultLanguage }
        let feed = try await Localizer.$current.withValue(Localizer(language: feedLanguage)) {
            try await registry.searchFeed(
                parameters.query, parameters: canonical,
                description: SearchPage.heading(query: parameters.query, results: DirectoryResults()), at: publicAddress(request))
        }
        // A followed search is the visitor's own: it may be cached by their feed reader, never by a shared cache.
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "private, max-age=900"],
                        body: .init(byteBuffer: ByteBuffer(string: format == "atom" ? feed.atom() : feed.rss())))
    }
}
