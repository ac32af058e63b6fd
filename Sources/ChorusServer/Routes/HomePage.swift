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
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Chorus registry</title>
            <style>body{font:1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem}
            table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ccc}
            .stale,.failing{color:#8a1c00}</style></head>
            <body><main><h1>Chorus registry</h1>
            <p>Peer support groups publish signed feeds; this registry checks and lists them. No cookies, no tracking.</p>

            """
        let networks = try registry.networks()
        if networks.isEmpty { html += "<p>No networks yet.</p>\n" }
        for network in networks {
            let groups = try registry.groups(network: network.slug, publicOnly: true)
            html += "<section><h2>\(network.name.htmlEscaped)</h2>\n"
            html += "<p>\(groups.count) listed group\(groups.count == 1 ? "" : "s"). JSON: <a href=\"/api/v1/n/\(network.slug)/groups\">/api/v1/n/\(network.slug)/groups</a></p>\n"
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
        html += "</main></body></html>\n"
        return html
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
