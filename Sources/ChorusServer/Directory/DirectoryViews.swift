import ChorusLanguage
import ChorusRegistry
import Foundation

struct HomeView {
    struct Network {
        let slug: String
        let name: String
        let countText: String
    }

    let hasNetworks: Bool
    let networks: [Network]
}

/// A network's crisis line, for the footer of the pages it lists groups on.
struct CrisisLine {
    let network: String
    let text: String
}

struct NetworkView {
    struct Group {
        let groupId: String
        let title: String
        let area: String?
        let tierName: String?
    }

    let slug: String
    let name: String
    let hasCharter: Bool
    let charterSummary: String?
    let listedFrom: String?
    let dashboardPublic: Bool
    let contact: String?
    let contactText: String?
    let countText: String
    let groups: [Group]
    var crisisLines: [CrisisLine] = []
    /// Stored, not computed: templates read stored properties only.
    var hasCrisisLines = false
}

struct AboutView {}

/// The embedded directory: the search page's form and results, for one network, without the site's header.
struct EmbedView {
    let search: SearchView
    let slug: String
    let name: String
    /// False when the network allows no site to frame it: the page then says how to allow one.
    let framed: Bool
    let crisisLine: String?
    /// Group pages open outside the frame: they may not be framed themselves.
    let linkTarget = "_blank"
}
