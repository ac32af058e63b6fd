import ChorusLanguage
import ChorusRegistry
import Foundation
import Hummingbird

/// The visitor's pages: home, search results, a group, a network, and what is and is not recorded.
struct DirectoryPages {
    let registry: Registry
    let addresses: PublicAddressPolicy
    let built: BuiltOutputs
    let renderer = PageRenderer.shared

    func add(to router: Router<ChorusRequestContext>) {
        router.get("/") { _, _ in try await home() }
        router.get("search") { request, _ in try await search(request) }
        router.get("groups/:groupId") { request, context in try await group(try context.groupID(), request: request) }
        router.get("groups/:groupId/flyer") { request, context in try await flyer(try context.groupID(), request: request) }
        router.get("n/:network") { _, context in try await network(try context.required("network")) }
        router.get("about") { _, _ in renderer.render(AboutView(), "about") }
        router.get("embed/n/:network") { request, context in try await embed(try context.required("network"), request: request) }
    }

    func home() async throws -> Response {
        let networks = try await registry.directoryNetworks().map { entry in
            HomeView.Network(slug: entry.network.slug, name: entry.network.name,
                             countText: trPlural("{count} group", "{count} groups", count: entry.listed))
        }
        return renderer.render(HomeView(hasNetworks: !networks.isEmpty, networks: networks), "home")
    }

    func search(_ request: Request) async throws -> Response {
        let networks = try await registry.networks().map { (slug: $0.slug, name: $0.name) }
        let parameters: SearchParameters
        do { parameters = try SearchParameters(uri: request.uri.description, maximumLimit: 50) } catch {
            let view = SearchPage.view(parameters: nil, error: tr("This search could not be read ({error}). Try a town, city or postcode instead.", ["error": "\(error)"]), results: nil, offered: try await registry.offeredFilters(), networks: networks, now: registry.now)
            return renderer.render(view, "search", status: .badRequest)
        }
        let results = try await registry.search(parameters.query)
        let known = parameters.query.network.flatMap { chosen in networks.contains { $0.slug == chosen } ? chosen : nil }
        let view = SearchPage.view(parameters: parameters, error: nil, results: results, offered: try await registry.offeredFilters(network: known),
                                   networks: networks, now: registry.now)
        return renderer.render(view, "search")
    }

    /// A group's page, rendered once per change of anything it shows and once a minute (its times are relative to
    /// now), then answered from those bytes.
    func group(_ groupId: String, request: Request) async throws -> Response {
        let address = addresses.address(for: request)
        let zone = Self.visitorZone(request)
        let name = "page " + groupId + " " + address.base + (zone.map { " " + $0.identifier } ?? "") + " " + PageLanguage.current.cacheKey
        return try await storedGroupPage(groupId, request: request, name: name, period: 60) {
            try await renderGroup(groupId, address: address, visitorZone: zone)
        }
    }

    /// A page about one group, rendered once per change of anything it shows and once per `period` seconds (for
    /// its relative times), then answered from those bytes; a group that is not listed is a 404 page.
    private func storedGroupPage(_ groupId: String, request: Request, name: String, period: TimeInterval,
                                 render: @escaping @Sendable () async throws -> String) async throws -> Response {
        do {
            guard let version = try await registry.groupPageVersion(groupId: groupId) else { throw RegistryError.notFound(.listedGroup(id: groupId)) }
            let tag = version + "-\(Int(registry.now.timeIntervalSince1970 / period))"
            let body = try await built.body(for: name, tag: tag) { ByteBuffer(string: try await render()) }
            return try await built.answer(request, headers: [.contentType: "text/html; charset=utf-8"], name: name, tag: tag,
                                          size: body.readableBytes) { body }
        } catch RegistryError.notFound {
            return renderer.message(tr("Group not found"), tr("No group with this address is listed in the directory. It may have closed or left its network."), status: .notFound)
        }
    }

    /// A network's directory for its own web site, in a frame: the search box and its results, only its groups,
    /// framed only by the origins the network allows (`frame-ancestors`), with no cookie and nothing from elsewhere.
    func embed(_ slug: String, request: Request) async throws -> Response {
        let network: Network
        do { network = try await registry.network(slug) } catch RegistryError.notFound {
            return renderer.message(tr("Network not found"), tr("No network with this address is hosted here."), status: .notFound)
        }
        let offered = try await registry.offeredFilters(network: slug)
        var view: SearchView
        var status = HTTPResponse.Status.ok
        do {
            var parameters = try SearchParameters(uri: request.uri.description, maximumLimit: 50)
            parameters.query.network = slug
            let asked = parameters.query.place != nil || parameters.query.text != nil || parameters.query.latitude != nil
            let results = asked ? try await registry.search(parameters.query) : nil
            view = SearchPage.view(parameters: asked ? parameters : nil, error: nil, results: results, offered: offered,
                                   networks: [], now: registry.now)
        } catch {
            view = SearchPage.view(parameters: nil, error: tr("This search could not be read ({error}). Try a town, city or postcode instead.", ["error": "\(error)"]),
                                   results: nil, offered: offered, networks: [], now: registry.now)
            status = .badRequest
        }
        let embedding = EmbedView(search: view, slug: network.slug, name: network.name,
                                  framed: !network.embeddingOrigins.isEmpty, crisisLine: network.crisisLine)
        var response = renderer.render(embedding, "embed", status: status)
        let ancestors = network.embeddingOrigins.isEmpty ? "'none'" : network.embeddingOrigins.joined(separator: " ")
        response.headers[.contentSecurityPolicy] = PrivacyHeadersMiddleware.contentSecurityPolicy(frameAncestors: ancestors)
        return response
    }

    /// A one-page printable flyer for notice boards, with a QR code of the group page.
    func flyer(_ groupId: String, request: Request) async throws -> Response {
        let address = addresses.address(for: request)
        return try await storedGroupPage(groupId, request: request, name: "flyer " + groupId + " " + address.base + " " + PageLanguage.current.cacheKey, period: 3_600) {
            let found = try await registry.publicGroup(groupId: groupId)
            let view = FlyerPage.view(found.group, occurrences: try await registry.upcomingOccurrences(groupId: groupId),
                                      now: registry.now, address: address)
            guard let html = renderer.html(view, "flyer") else { throw RegistryError.storage("the page template flyer is missing") }
            return html
        }
    }

    /// The visitor's zone, when their browser sent it (`?tz=Europe/Paris`) and it is a zone the system knows.
    static func visitorZone(_ request: Request) -> TimeZone? {
        guard let name = request.uri.queryParameters.get("tz"), name.count <= 64,
              name.allSatisfy({ $0.isLetter || $0.isNumber || "/_-+".contains($0) }) else { return nil }
        return TimeZone(identifier: name)
    }

    private func renderGroup(_ groupId: String, address: PublicAddress, visitorZone: TimeZone?) async throws -> String {
        let found = try await registry.publicGroup(groupId: groupId)
        var contacts: [String: String] = [:]
        var crisisLines: [CrisisLine] = []
        for listing in found.listings {
            let network = try await registry.network(listing.network)
            contacts[listing.network] = network.contact
            if let line = network.crisisLine { crisisLines.append(CrisisLine(network: network.name, text: line)) }
        }
        var view = await GroupPage.view(found.group, listings: found.listings, contacts: contacts, verified: found.verified,
                                        occurrences: try registry.upcomingOccurrences(groupId: groupId), now: registry.now, address: address,
                                        visitorZone: visitorZone)
        view.crisisLines = crisisLines
        view.hasCrisisLines = !crisisLines.isEmpty
        guard let html = renderer.html(view, "group") else { throw RegistryError.storage("the page template group is missing") }
        return html
    }

    func network(_ slug: String) async throws -> Response {
        let network: Network
        do { network = try await registry.network(slug) } catch RegistryError.notFound {
            return renderer.message(tr("Network not found"), tr("No network with this address is hosted here."), status: .notFound)
        }
        let charter = try await registry.charter(network: slug)
        let groups = try await registry.groupSummaries(network: slug, publicOnly: true)
        let areas = try await registry.directoryAreas(groupIds: groups.map(\.groupId))
        let view = NetworkView(
            slug: network.slug, name: network.name, hasCharter: network.charterId != nil, charterSummary: charter?.summary,
            listedFrom: charter.flatMap { charter in charter.listedFrom.flatMap { charter.tier($0)?.name } },
            dashboardPublic: network.dashboardPublic, contact: network.contact,
            contactText: network.contact.map(GroupPage.contactText),
            countText: trPlural("{count} listed group", "{count} listed groups", count: groups.count),
            groups: groups.map { group in
                NetworkView.Group(groupId: group.groupId, title: group.title ?? group.groupId, area: areas[group.groupId],
                                  tierName: group.compliance?.tier.flatMap { charter?.tier($0)?.name ?? $0 })
            },
            crisisLines: network.crisisLine.map { [CrisisLine(network: network.name, text: $0)] } ?? [],
            hasCrisisLines: network.crisisLine != nil)
        return renderer.render(view, "network")
    }
}
