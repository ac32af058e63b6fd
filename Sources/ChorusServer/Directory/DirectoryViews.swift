import ChorusRegistry
import Foundation

struct HomeView {
    struct Network {
        let slug: String
        let name: String
        let count: Int
        let one: Bool
    }

    let lang = "en"
    let hasNetworks: Bool
    let networks: [Network]
}

struct NetworkView {
    struct Group {
        let groupId: String
        let title: String
        let area: String?
        let tierName: String?
    }

    let lang = "en"
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
}

struct AboutView {
    let lang = "en"
}
