import Foundation
import PhareAnalysis
import PhareCore

/// The sections of the site, in navigation order.
enum Section: CaseIterable {
    case france, domains, actors, compare, indicators, sources, weights, methodology, framework, alliances

    var phrase: Phrase {
        switch self {
        case .france: .navFrance
        case .domains: .navDomains
        case .actors: .navActors
        case .compare: .navCompare
        case .indicators: .navIndicators
        case .sources: .navSources
        case .weights: .navWeights
        case .methodology: .navMethodology
        case .framework: .navFramework
        case .alliances: .navAlliances
        }
    }

    var path: String {
        switch self {
        case .france: "/"
        case .domains: "/domain"
        case .actors: "/actor"
        case .compare: "/compare"
        case .indicators: "/indicators"
        case .sources: "/sources"
        case .weights: "/weights"
        case .methodology: "/methodology"
        case .framework: "/framework"
        case .alliances: "/alliances"
        }
    }
}

/// Wraps a page body in the site layout for the request's language.
public enum DashboardPage {
    static func document(
        _ request: DashboardRequest, title: String, section: Section?,
        breadcrumbs: [(label: String, href: String)] = [], body: String
    ) -> String {
        let language = request.language
        let links = request.links
        let navigation = Section.allCases.map { item in
            NavigationLink(label: item.phrase.in(language), href: links.page(item.path), current: item == section)
        }
        let other: Language = language == .fr ? .en : .fr
        var query = request.query.filter { $0.key != "lang" }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if other == .en { query.append(("lang", "en")) }
        let footer =
            HTML.escape(Phrase.footer.in(language)) + " · <a href=\"" + HTML.escape(links.page("/methodology")) + "\">"
            + HTML.escape(Phrase.navMethodology.in(language)) + "</a> · <a href=\"/openapi.json\">API (OpenAPI)</a>"
        return PageLayout.document(
            language: language, title: title, navigation: navigation,
            switchLanguageHref: HTML.link(request.path, query),
            breadcrumbs: breadcrumbs, body: body, footer: footer
        )
    }

    /// A page outside the dashboard's sections (login, accounts, imports) in the site layout.
    public static func standalone(_ request: DashboardRequest, title: String, body: String) -> String {
        document(request, title: title, section: nil, body: body)
    }

    public static func errorPage(_ request: DashboardRequest, _ error: DashboardError) -> String {
        let language = request.language
        let title = error.status == 404 ? Phrase.notFoundTitle.in(language) : Phrase.badRequestTitle.in(language)
        let body =
            "<p class=\"error-message\">\(HTML.escape(error.message.text(language)))</p><p><a "
            + "href=\"\(HTML.escape(request.links.france()))\">\(HTML.escape(Phrase.backToFrance.in(language)))</a></p>"
        return document(request, title: title, section: nil, body: body)
    }

    /// A definition list of label/value pairs (identity cards).
    static func facts(_ rows: [(String, String)]) -> String {
        "<dl class=\"facts\">"
            + rows.map { "<div><dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd></div>" }.joined() + "</dl>"
    }

    static func style(_ layer: MapLayer, _ language: Language) -> ValueStyle {
        ValueStyle(decimals: layer.decimals, unit: layer.unit.text(language), language: language)
    }

    /// The `<select>` of layers, grouped, with the current one selected.
    static func layerOptions(_ snapshot: DashboardSnapshot, selected: String, language: Language, level: TerritoryLevel)
        -> String
    {
        var groups: [(String, [MapLayer])] = []
        func add(_ title: Phrase, _ predicate: (MapLayer.Group) -> Bool) {
            let list = snapshot.layers.filter { predicate($0.group) && $0.covers(level) }
            if !list.isEmpty { groups.append((title.in(language), list)) }
        }
        add(.layerGroupTerritory) { $0 == .territory }
        add(.layerGroupOverall) { $0 == .overall }
        add(.layerGroupAxes) { if case .axis = $0 { true } else { false } }
        add(.layerGroupDomains) { if case .domain = $0 { true } else { false } }
        add(.layerGroupPerceptions) { if case .perception = $0 { true } else { false } }
        return groups.map { title, layers in
            "<optgroup label=\"\(HTML.escape(title))\">"
                + layers.map { layer in
                    "<option value=\"\(HTML.escape(layer.id))\"\(layer.id == selected ? " selected" : "")>\(HTML.escape(layer.label.text(language)))</option>"
                }.joined() + "</optgroup>"
        }.joined()
    }

    static func languageField(_ language: Language) -> String {
        language == .en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : ""
    }

    static func format(_ value: Double?, decimals: Int, unit: String = "", language: Language) -> String {
        guard let value else { return Phrase.noData.in(language) }
        return NumberFormatting.format(value, decimals: decimals, language: language) + unit
    }
}
