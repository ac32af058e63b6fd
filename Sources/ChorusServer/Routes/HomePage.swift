import ChorusRegistry
import Foundation
import Hummingbird

/// `/`: the networks and their listed groups with harvest state, until the directory pages exist.
struct HomePage {
    let registry: Registry

    func add(to router: Router<ChorusRequestContext>) {
        router.get("/") { _, _ in
            Responses.text(try render(), contentType: "text/html; charset=utf-8")
        }
    }

    func render() throws -> String {
        var html = """
            <h1>Chorus registry</h1>
            <p>Peer support groups publish signed feeds; this registry checks and lists them. No cookies, no tracking.</p>

            """
        let networks = try registry.networks()
        if networks.isEmpty { html += "<p>No networks yet.</p>\n" }
        for network in networks {
            let groups = try registry.groups(network: network.slug, publicOnly: true)
            html += "<section><h2>\(network.name.htmlEscaped)</h2>\n"
            html += "<p>\(groups.count) listed group\(groups.count == 1 ? "" : "s"). JSON: <a href=\"/api/v1/n/\(network.slug)/groups\">/api/v1/n/\(network.slug)/groups</a>"
            if network.charterId != nil {
                html += ". Charter: <a href=\"/n/\(network.slug)/charter.xml\">charter.xml</a>"
                if network.dashboardPublic { html += ", <a href=\"/n/\(network.slug)/compliance\">compliance dashboard</a>" }
            }
            html += "</p>\n"
            if !groups.isEmpty {
                html += "<table><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Feed</th><th scope=\"col\">Last verified</th></tr></thead><tbody>\n"
                for group in groups {
                    let state = Self.state(group)
                    let verified = group.snapshot.map { Self.date($0.fetchedAt) } ?? "never"
                    html += "<tr><td><a href=\"/mirror/\(group.groupId.htmlEscaped)/feed.xml\">\((group.title ?? group.groupId).htmlEscaped)</a></td>"
                    html += "<td class=\"\(state.class)\">\(state.text)</td><td>\(verified)</td></tr>\n"
                }
                html += "</tbody></table>\n"
            }
            html += "</section>\n"
        }
        return PageLayout.page(title: "Chorus registry", body: html)
    }

    static func state(_ group: GroupStatus) -> (text: String, class: String) {
        if group.harvestState != .active { return (group.harvestState.rawValue, "failing") }
        if group.snapshot?.stale ?? true { return ("stale", "stale") }
        if group.consecutiveFailures > 0 { return ("fresh, last fetch failed", "failing") }
        return ("fresh", "ok")
    }

    static func date(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
