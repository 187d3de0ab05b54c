import PhareAnalysis
import PhareCore

/// An entry of the site navigation.
public struct NavigationLink: Sendable {
    public var label: String
    public var href: String
    public var current: Bool

    public init(label: String, href: String, current: Bool) {
        self.label = label
        self.href = href
        self.current = current
    }
}

/// The frame of every dashboard page: language, title, navigation, language switch, the body
/// and the footer. No inline script or style (the page works under a strict CSP); the only
/// resources are the stylesheet and the small enhancement script served by the same origin.
public enum PageLayout {
    /// Where the server puts the viewer's account menu (who, role, logout) in the header; the
    /// rendered page is the same for every viewer, so that it can be cached.
    public static let accountPlaceholder = "<!--phare:account-->"

    public static func document(
        language: Language, title: String, navigation: [NavigationLink], switchLanguageHref: String,
        breadcrumbs: [(label: String, href: String)] = [], body: String, footer: String
    ) -> String {
        let other: Language = language == .fr ? .en : .fr
        var html = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · Phare</title>
            <link rel="stylesheet" href="/assets/dashboard.css">
            <script src="/assets/dashboard.js" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">\(HTML.escape(Phrase.skipToContent.in(language)))</a>
            <header class="site">
            <a class="brand" href="\(HTML.escape(navigation.first?.href ?? "/"))">Phare</a>
            <nav aria-label="\(HTML.escape(Phrase.mainNavigation.in(language)))"><ul>
            """
        for link in navigation {
            html +=
                "<li><a href=\"\(HTML.escape(link.href))\"\(link.current ? " aria-current=\"page\"" : "")>\(HTML.escape(link.label))</a></li>"
        }
        html += """
            </ul></nav>
            <a class="lang" href="\(HTML.escape(switchLanguageHref))" hreflang="\(other.rawValue)" lang="\(other.rawValue)">\(HTML.escape(Phrase.otherLanguage.in(language)))</a>
            \(accountPlaceholder)
            </header>

            """
        if !breadcrumbs.isEmpty {
            html += "<nav class=\"breadcrumbs\" aria-label=\"\(HTML.escape(Phrase.breadcrumbs.in(language)))\"><ol>"
            html += breadcrumbs.map { "<li><a href=\"\(HTML.escape($0.href))\">\(HTML.escape($0.label))</a></li>" }
                .joined()
            html += "<li aria-current=\"page\">\(HTML.escape(title))</li></ol></nav>\n"
        }
        html += "<main id=\"main\">\n<h1>\(HTML.escape(title))</h1>\n\(body)\n</main>\n"
        html += "<footer class=\"site\"><p>\(footer)</p></footer>\n</body>\n</html>\n"
        return html
    }

    /// A figure: the chart, then its data table in a disclosure the reader opens (no script needed).
    public static func figure(title: String, svg: String, table: String, language: Language) -> String {
        """
        <figure class="chart-figure"><figcaption>\(HTML.escape(title))</figcaption>\(svg)<details class="chart-data"><summary>\(HTML.escape(Phrase.dataTable.in(language)))</summary>\(table)</details></figure>
        """
    }

    /// The honest state of a section whose data is not in the observatory yet.
    public static func emptyState(_ message: String, hint: String? = nil) -> String {
        var html = "<div class=\"empty-state\" role=\"status\"><p>\(HTML.escape(message))</p>"
        if let hint { html += "<p class=\"hint\">\(HTML.escape(hint))</p>" }
        return html + "</div>"
    }
}
