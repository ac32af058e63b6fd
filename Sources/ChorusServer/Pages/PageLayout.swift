/// The shared frame of every server-rendered page: declared language, mobile viewport, inline styles only.
enum PageLayout {
    static func page(title: String, body: String, language: String = "en") -> String {
        """
        <!doctype html>
        <html lang="\(language.htmlEscaped)">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title.htmlEscaped)</title>
        <style>body{font:1rem/1.5 system-ui,sans-serif;max-width:56rem;margin:0 auto;padding:1rem;color:#1a1a1a}
        table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ccc;vertical-align:top}
        .stale,.failing,.fail{color:#8a1c00}.pass{color:#1d5c1d}.note{background:#f3f3f3;padding:.5rem 1rem;border-left:4px solid #555}
        a{color:#0b4f9c}</style></head>
        <body><main>
        \(body)
        </main></body></html>

        """
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "–" : "\(Int((Double(part) / Double(whole) * 100).rounded()))%"
    }
}
