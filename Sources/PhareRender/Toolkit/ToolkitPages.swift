import Foundation
import PhareAnalysis
import PhareCore

/// The toolkit in the dashboard (`/toolkit`, `/toolkit/{name}`, search with `?q=`) and as one
/// printable document (`phare toolkit export`).
public enum ToolkitPages {
    static func t(_ fr: String, _ en: String, _ language: Language) -> String {
        LocalizedText(fr: fr, en: en).text(language)
    }

    /// A page's body without its `#` title (the layout shows it).
    static func body(_ page: Toolkit.Page, links: Links) -> String {
        var lines = page.source.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.firstIndex(where: { $0.hasPrefix("# ") }) { lines.remove(at: first) }
        return Markdown.html(lines.joined(separator: "\n")) { target in
            links.page("/toolkit/" + String(target.dropLast(3)))
        }
    }

    /// `/toolkit?q=…`: the list of pages, and the pages holding the words searched.
    public static func index(_ request: DashboardRequest) throws -> String {
        let language = request.language
        let links = request.links
        let toolkit = try Toolkit.bundled()
        let query = request.query["q"] ?? ""
        var html =
            "<p class=\"lead\">"
            + HTML.escape(
                t(
                    "La mallette de la co-construction : des pages courtes pour comprendre les partenariats, les "
                        + "dynamiques territoriales, les méthodes de Phare et le diagnostic d’étape.",
                    "The co-construction toolkit: short pages to understand partnerships, territorial dynamics, "
                        + "Phare’s methods and the stage diagnostic.", language)) + "</p>"
        html += "<form class=\"layer-form\" method=\"get\" action=\"/toolkit\" role=\"search\">"
        html += DashboardPage.languageField(language)
        html +=
            "<label>\(HTML.escape(t("Rechercher", "Search", language))) <input type=\"search\" name=\"q\" "
            + "value=\"\(HTML.escape(query))\"></label> <button type=\"submit\">\(HTML.escape(Phrase.apply.in(language)))</button></form>"
        let listed = query.isEmpty ? toolkit.pages(language) : toolkit.search(query, language: language)
        if !query.isEmpty {
            html +=
                "<p class=\"search-count\">"
                + HTML.escape(
                    t(
                        "\(listed.count) page(s) contiennent « \(query) ».",
                        "\(listed.count) page(s) contain \"\(query)\".",
                        language)) + "</p>"
        }
        html += "<ul class=\"toolkit-pages\">"
        for page in listed {
            html +=
                "<li><a href=\"\(HTML.escape(links.page("/toolkit/" + page.name)))\">\(HTML.escape(page.title))</a></li>"
        }
        html += "</ul>"
        return DashboardPage.document(
            request, title: t("Mallette de la co-construction", "Co-construction toolkit", language),
            section: .alliances, body: html)
    }

    /// `/toolkit/{name}`.
    public static func page(_ request: DashboardRequest, name: String) throws -> String {
        let language = request.language
        let toolkit = try Toolkit.bundled()
        guard let page = toolkit.page(name, language) else {
            throw DashboardError.notFound(
                LocalizedText(
                    fr: "Aucune page « \(name) » dans la mallette.", en: "No page \"\(name)\" in the toolkit."))
        }
        let breadcrumb = (t("Mallette", "Toolkit", language), request.links.page("/toolkit"))
        return DashboardPage.document(
            request, title: page.title, section: .alliances, breadcrumbs: [breadcrumb],
            body: "<article class=\"toolkit\">" + body(page, links: request.links) + "</article>")
    }

    /// Every page of a language in one printable document (links between pages become anchors).
    public static func document(_ toolkit: Toolkit, language: Language, date: String) -> String {
        let sections = toolkit.pages(language).map { page in
            var lines = page.source.split(separator: "\n", omittingEmptySubsequences: false)
            if let first = lines.firstIndex(where: { $0.hasPrefix("# ") }) { lines.remove(at: first) }
            let html = Markdown.html(lines.joined(separator: "\n")) { "#" + String($0.dropLast(3)) }
            return ReportDocument.Section(id: page.name, title: page.title, html: html)
        }
        let title = t("Mallette de la co-construction", "Co-construction toolkit", language)
        let cover =
            "<section class=\"cover\"><p class=\"kicker\">Phare</p><h1>\(ReportDocument.text(title, language))</h1>"
            + "<p class=\"meta\">\(HTML.escape(date))</p></section>"
        return ReportDocument(
            language: language, title: title, runningTitle: title, coverHTML: cover, sections: sections,
            withContents: true
        ).html()
    }
}
