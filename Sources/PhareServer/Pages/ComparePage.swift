import Foundation
import PhareCore
import PhareIO
import PhareRender

/// `/compare?a=region:44&b=region:11`: two territories side by side.
enum ComparePage {
    /// The two territories of the request, France and Grand Est when not given.
    static func pair(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> (Territory, Territory) {
        func resolve(_ name: String, default fallback: String) throws -> Territory {
            let reference = request[name] ?? fallback
            do {
                let territory = try snapshot.territories.resolve(reference)
                guard territory.level <= .departement else {
                    throw DashboardError.badRequest(LocalizedText(
                        fr: "« \(reference) » : la comparaison porte sur la France, les régions et les départements.",
                        en: "\"\(reference)\": comparison covers France, regions and départements."
                    ))
                }
                return territory
            } catch is UnknownTerritoryError {
                throw DashboardError.notFound(LocalizedText(fr: "Territoire inconnu « \(reference) ».", en: "Unknown territory \"\(reference)\"."))
            }
        }
        return (try resolve("a", default: "region:44"), try resolve("b", default: "pays:FR"))
    }

    static func table(_ a: Territory, _ b: Territory, snapshot: DashboardSnapshot, language: Language) -> ResultTable {
        func counts(_ level: TerritoryLevel, _ territory: Territory) -> Cell { .integer(snapshot.count(level, below: territory.id)) }
        let rows: [(String, LocalizedText, Cell, Cell)] = [
            ("population", LocalizedText(fr: "Population municipale", en: "Municipal population"), Cell(a.population), Cell(b.population)),
            ("area_km2", LocalizedText(fr: "Superficie (km²)", en: "Area (km²)"), Cell(a.areaKm2), Cell(b.areaKm2)),
            ("density", LocalizedText(fr: "Densité (hab./km²)", en: "Density (inhabitants/km²)"), Cell(a.density), Cell(b.density)),
            ("departements", LocalizedText(fr: "Départements", en: "Départements"), counts(.departement, a), counts(.departement, b)),
            ("epci", LocalizedText(fr: "EPCI", en: "EPCI"), counts(.epci, a), counts(.epci, b)),
            ("communes", LocalizedText(fr: "Communes", en: "Communes"), counts(.commune, a), counts(.commune, b)),
        ]
        return ResultTable(
            name: "compare", title: LocalizedText(fr: "\(a.name) et \(b.name)", en: "\(a.name) and \(b.name)"),
            columns: [
                TableColumn("figure", LocalizedText(fr: "Donnée", en: "Figure")),
                TableColumn("key", LocalizedText(fr: "Clé", en: "Key")),
                TableColumn("a", LocalizedText(fr: a.name, en: a.name), decimals: 1),
                TableColumn("b", LocalizedText(fr: b.name, en: b.name), decimals: 1),
            ],
            rows: rows.map { [.text($0.1.text(language)), .text($0.0), $0.2, $0.3] }
        )
    }

    static func render(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
        let language = request.language
        let (a, b) = try pair(request, snapshot)
        var body = "<p class=\"lead\">\(HTML.escape(Phrase.compareLead.in(language)))</p>"
        body += "<form class=\"selector\" method=\"get\" action=\"/compare\">"
        body += select("a", label: Phrase.firstTerritory.in(language), selected: a, snapshot, language: language)
        body += select("b", label: Phrase.secondTerritory.in(language), selected: b, snapshot, language: language)
        body += DashboardPage.languageField(language) + " <button type=\"submit\">\(HTML.escape(Phrase.apply.in(language)))</button></form>"

        body += "<div class=\"side-by-side\">"
        for territory in [a, b] {
            body += "<section><h2>"
            if let link = request.links.territory(territory) {
                body += "<a href=\"\(HTML.escape(link))\">\(HTML.escape(territory.name))</a>"
            } else {
                body += HTML.escape(territory.name)
            }
            body += "</h2>" + TerritoryPage.identityCard(territory, snapshot, language: language) + "</section>"
        }
        body += "</div>"

        let table = self.table(a, b, snapshot: snapshot, language: language)
        let france = snapshot.territories.france
        let style = ValueStyle(decimals: 1, unit: Phrase.densityUnit.in(language), language: language)
        let bars = [a, b].compactMap { territory in territory.density.map { BarDatum(label: territory.name, value: $0) } }
        let chart = BarChart.render(
            id: "compare-density",
            caption: ChartCaption(
                title: Phrase.density.in(language),
                description: Phrase.compareChartDescription.in(language) + " " + bars.map { "\($0.label) \(style.text($0.value))" }.joined(separator: "; ") + "."
            ),
            bars: bars, style: style,
            reference: france?.density.map { (Phrase.france.in(language), $0) }
        )
        let query = [("a", a.id.description), ("b", b.id.description)]
        body += PageLayout.figure(title: Phrase.density.in(language) + " (" + Phrase.densityUnit.in(language).trimmingCharacters(in: .whitespaces) + ")", svg: chart, table: table.html(language: language, downloads: request.links.downloads("compare", query)), language: language)
        body += PageLayout.emptyState(Phrase.compareLater.in(language))
        return DashboardPage.document(request, title: "\(a.name) · \(b.name)", section: .compare, body: body)
    }

    static func select(_ name: String, label: String, selected: Territory, _ snapshot: DashboardSnapshot, language: Language) -> String {
        var html = "<label for=\"\(name)\">\(HTML.escape(label))</label> <select id=\"\(name)\" name=\"\(name)\">"
        if let france = snapshot.territories.france {
            html += option(france, selected: selected)
        }
        html += "<optgroup label=\"\(HTML.escape(Phrase.regions.in(language)))\">" + snapshot.regions.map { option($0, selected: selected) }.joined() + "</optgroup>"
        let departements = snapshot.territories.territories(at: .departement).sorted { $0.code < $1.code }
        html += "<optgroup label=\"\(HTML.escape(Phrase.departements.in(language)))\">" + departements.map { option($0, selected: selected, withCode: true) }.joined() + "</optgroup>"
        return html + "</select> "
    }

    static func option(_ territory: Territory, selected: Territory, withCode: Bool = false) -> String {
        let label = withCode ? "\(territory.code) \(territory.name)" : territory.name
        return "<option value=\"\(HTML.escape(territory.id.description))\"\(territory.id == selected.id ? " selected" : "")>\(HTML.escape(label))</option>"
    }
}
