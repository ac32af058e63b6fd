import Foundation

/// The frame of the network admins' pages: declared language, mobile viewport, the site's one stylesheet.
enum PageLayout {
    static func page(title: String, body: String, language: String = "en") -> String {
        """
        <!doctype html>
        <html lang="\(language.htmlEscaped)">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title.htmlEscaped)</title>
        <link rel="stylesheet" href="/assets/chorus.css"></head>
        <body><main>
        \(body)
        </main></body></html>

        """
    }

    static func date(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "–" : "\(Int((Double(part) / Double(whole) * 100).rounded()))%"
    }
}
