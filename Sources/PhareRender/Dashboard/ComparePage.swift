import Foundation
import PhareAnalysis
import PhareCore

/// `/compare?a=44&b=93`: two regions side by side — identity, domain scores and ranks, each
/// actor's ratings, the class of each domain, the recommended domains, and a dot plot of their
/// measured positions. Read from the snapshot's region profiles.
public enum ComparePage {
    static let tableNames = ["compare-domains", "compare-ratings"]

    /// The two regions of the request (`a` and `b`: an INSEE region code or `region:CODE`).
    /// 400 when one is missing, not a region, or both are the same; 404 when unknown.
    static func pair(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> (Territory, Territory) {
        func resolve(_ name: String) throws -> Territory {
            guard let reference = request[name], !reference.isEmpty else { throw DashboardTables.missing(name) }
            let territory: Territory
            do {
                territory = try snapshot.territories.resolve(reference)
            } catch is UnknownTerritoryError {
                throw DashboardError.notFound(
                    LocalizedText(fr: "Territoire inconnu « \(reference) ».", en: "Unknown territory \"\(reference)\".")
                )
            }
            guard territory.level == .region else {
                throw DashboardError.badRequest(
                    LocalizedText(
                        fr: "« \(reference) » : la comparaison porte sur deux régions (code INSEE, par exemple 44).",
                        en: "\"\(reference)\": the comparison covers two regions (INSEE code, for example 44)."
                    ))
            }
            return territory
        }
        let pair = (try resolve("a"), try resolve("b"))
        guard pair.0.id != pair.1.id else {
            throw DashboardError.badRequest(
                LocalizedText(fr: "Choisissez deux régions différentes.", en: "Choose two different regions."))
        }
        return pair
    }

    static func table(named name: String, request: DashboardRequest, _ snapshot: DashboardSnapshot) throws
        -> ResultTable
    {
        let (a, b) = try pair(request, snapshot)
        return name == "compare-domains"
            ? domainsTable(a, b, snapshot, language: request.language)
            : ratingsTable(a, b, snapshot, language: request.language)
    }

    /// Per domain, for each region: measured score, rank among its peers, class, and the rank of
    /// the domain among the recommended ones (empty when not recommended).
    static func domainsTable(_ a: Territory, _ b: Territory, _ snapshot: DashboardSnapshot, language: Language)
        -> ResultTable
    {
        let framework = snapshot.framework
        let charts = ProfileCharts(framework: framework, language: language)
        let profiles = [a, b].map { snapshot.analysis?.profile($0.id) }
        var columns = [
            TableColumn("domain", LocalizedText(fr: "Domaine", en: "Domain")),
            TableColumn("code", LocalizedText(fr: "Code", en: "Code")),
        ]
        for (key, region) in [("a", a), ("b", b)] {
            columns += [
                TableColumn(
                    "score_\(key)",
                    LocalizedText(fr: "Score mesuré, \(region.name)", en: "Measured score, \(region.name)"), decimals: 2
                ),
                TableColumn("rank_\(key)", LocalizedText(fr: "Rang, \(region.name)", en: "Rank, \(region.name)")),
                TableColumn(
                    "peers_\(key)",
                    LocalizedText(fr: "Régions comparées, \(region.name)", en: "Regions compared, \(region.name)")),
                TableColumn("class_\(key)", LocalizedText(fr: "Classe, \(region.name)", en: "Class, \(region.name)")),
                TableColumn(
                    "recommended_\(key)",
                    LocalizedText(fr: "Recommandé (ordre), \(region.name)", en: "Recommended (order), \(region.name)")),
            ]
        }
        let links = Links(language: language)
        var rows: [[Cell]] = []
        for domain in framework.domains {
            var row: [Cell] = [.text(domain.label.text(language)), .text(domain.code)]
            for profile in profiles {
                let cell = profile?.fragilities.cells.first { $0.domain == domain.code }
                let recommended = profile?.synthesis.recommendedDomains.firstIndex(of: domain.code).map { $0 + 1 }
                row += [
                    Cell(cell?.measured?.score), Cell(cell?.measured?.rank), Cell(cell?.measured?.peerCount),
                    Cell(cell.map { charts.quadrantLabel($0) }), Cell(recommended),
                ]
            }
            rows.append(row)
        }
        return ResultTable(
            name: "compare-domains",
            title: LocalizedText(fr: "Domaines : \(a.name) et \(b.name)", en: "Domains: \(a.name) and \(b.name)"),
            columns: columns, rows: rows, links: framework.domains.map { links.domain($0.code) }
        )
    }

    /// Each actor's weighted mean rating of each domain in the two regions, with n.
    static func ratingsTable(_ a: Territory, _ b: Territory, _ snapshot: DashboardSnapshot, language: Language)
        -> ResultTable
    {
        let framework = snapshot.framework
        var rows: [[Cell]] = []
        if let analysis = snapshot.analysis {
            for actor in analysis.ratingActors(framework) {
                let label = framework.actorLabel(actor).text(language)
                for domain in framework.domains {
                    let estimates = [a, b].map { analysis.estimate(actor, "mean_rating", domain.code, region: $0.code) }
                    guard estimates.contains(where: { $0 != nil }) else { continue }
                    var row: [Cell] = [
                        .text(label), .text(actor.rawValue), .text(domain.label.text(language)), .text(domain.code),
                    ]
                    for estimate in estimates {
                        row += [
                            Cell(estimate?.estimate), Cell(estimate?.lower), Cell(estimate?.upper),
                            Cell(estimate?.sampleSize),
                        ]
                    }
                    row.append(Cell(analysis.estimate(actor, "mean_rating", domain.code)?.estimate))
                    rows.append(row)
                }
            }
        }
        var columns = [
            TableColumn("actor", LocalizedText(fr: "Acteur", en: "Actor")),
            TableColumn("actor_code", LocalizedText(fr: "Code acteur", en: "Actor code")),
            TableColumn("domain", LocalizedText(fr: "Domaine", en: "Domain")),
            TableColumn("domain_code", LocalizedText(fr: "Code", en: "Code")),
        ]
        for (key, region) in [("a", a), ("b", b)] {
            columns += [
                TableColumn(
                    "rating_\(key)", LocalizedText(fr: "Note, \(region.name)", en: "Rating, \(region.name)"),
                    decimals: 2),
                TableColumn(
                    "lower_\(key)", LocalizedText(fr: "Borne basse, \(region.name)", en: "Lower bound, \(region.name)"),
                    decimals: 2),
                TableColumn(
                    "upper_\(key)", LocalizedText(fr: "Borne haute, \(region.name)", en: "Upper bound, \(region.name)"),
                    decimals: 2),
                TableColumn("n_\(key)", LocalizedText(fr: "n, \(region.name)", en: "n, \(region.name)")),
            ]
        }
        columns.append(
            TableColumn("rating_france", LocalizedText(fr: "Note, France", en: "Rating, France"), decimals: 2))
        return ResultTable(
            name: "compare-ratings",
            title: LocalizedText(
                fr: "Notes des acteurs : \(a.name) et \(b.name)", en: "Actors' ratings: \(a.name) and \(b.name)"),
            columns: columns, rows: rows
        )
    }

    static func table(_ a: Territory, _ b: Territory, snapshot: DashboardSnapshot, language: Language) -> ResultTable {
        func counts(_ level: TerritoryLevel, _ territory: Territory) -> Cell {
            .integer(snapshot.count(level, below: territory.id))
        }
        let rows: [(String, LocalizedText, Cell, Cell)] = [
            (
                "population", LocalizedText(fr: "Population municipale", en: "Municipal population"),
                Cell(a.population), Cell(b.population)
            ),
            ("area_km2", LocalizedText(fr: "Superficie (km²)", en: "Area (km²)"), Cell(a.areaKm2), Cell(b.areaKm2)),
            (
                "density", LocalizedText(fr: "Densité (hab./km²)", en: "Density (inhabitants/km²)"), Cell(a.density),
                Cell(b.density)
            ),
            (
                "departements", LocalizedText(fr: "Départements", en: "Départements"), counts(.departement, a),
                counts(.departement, b)
            ),
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

    public static func render(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
        let language = request.language
        let links = request.links
        var body =
            "<p class=\"lead\">\(HTML.escape(tr("Deux régions côte à côte : identité, fragilités mesurées et ressenties, domaines recommandés.", "Two regions side by side: identity, measured and felt fragilities, recommended domains.", language)))</p>"
        // The navigation entry has no parameters: it shows the form only.
        let chosen: (Territory, Territory)? =
            request["a"] == nil && request["b"] == nil ? nil : try pair(request, snapshot)
        body += "<form class=\"selector\" method=\"get\" action=\"/compare\">"
        body += select("a", label: Phrase.firstTerritory.in(language), selected: chosen?.0, snapshot)
        body += select("b", label: Phrase.secondTerritory.in(language), selected: chosen?.1, snapshot)
        body +=
            DashboardPage.languageField(language)
            + " <button type=\"submit\">\(HTML.escape(Phrase.apply.in(language)))</button></form>"
        guard let (a, b) = chosen else {
            body += PageLayout.emptyState(
                tr("Choisissez deux régions à comparer.", "Choose two regions to compare.", language))
            return DashboardPage.document(request, title: Phrase.navCompare.in(language), section: .compare, body: body)
        }
        let query = [("a", a.code), ("b", b.code)]

        body += "<div class=\"side-by-side\">"
        for territory in [a, b] {
            body +=
                "<section><h2><a "
                + "href=\"\(HTML.escape(links.region(territory.code)))\">\(HTML.escape(territory.name))</a></h2>"
            body += TerritoryPage.identityCard(territory, snapshot, language: language) + "</section>"
        }
        body += "</div>"
        body += self.table(a, b, snapshot: snapshot, language: language).html(
            language: language,
            downloads: links.downloads("compare", [("a", a.id.description), ("b", b.id.description)]))

        guard let analysis = snapshot.analysis, analysis.hasIndicators || analysis.hasSurveys else {
            body += PageLayout.emptyState(Phrase.compareLater.in(language))
            return DashboardPage.document(request, title: "\(a.name) · \(b.name)", section: .compare, body: body)
        }
        body += RegionAnalysisPage.demoNotice(
            illustrative: analysis.illustrative, synthetic: analysis.synthetic, language: language)

        // Measured positions.
        body +=
            "<section aria-labelledby=\"domains\"><h2 "
            + "id=\"domains\">\(HTML.escape(tr("Fragilités par domaine", "Fragilities by domain", language)))</h2>"
        let profiles = [a, b].map { analysis.profile($0.id) }
        let peerSets = Set(profiles.compactMap { $0?.provenance.peerSet })
        if peerSets.count > 1 {
            body +=
                "<p class=\"note\">\(HTML.escape(tr("Attention : les deux régions ne sont pas diagnostiquées parmi les mêmes régions (métropole / toutes), leurs scores ne se lisent pas sur la même échelle.", "Caution: the two regions are not diagnosed among the same peers (metropolitan / all), so their scores are not on the same scale.", language)))</p>"
        }
        let domains = domainsTable(a, b, snapshot, language: language)
        let framework = snapshot.framework
        let pairs = framework.domains.map { domain in
            let scores = profiles.map { $0?.fragilities.cells.first { $0.domain == domain.code }?.measured?.score }
            return DotPair(label: domain.shortLabel.text(language), first: scores[0], second: scores[1])
        }
        let values = pairs.flatMap { [$0.first, $0.second].compactMap { $0 } }
        if let low = values.min(), let high = values.max() {
            let style = ValueStyle(decimals: 2, language: language)
            // Scores sit far from zero (a scale around 100): the axis spans the data, its four
            // intervals a multiple of 5 each.
            let lower = (low / 5).rounded(.down) * 5
            let upper = lower + 4 * max(5, ((high - lower) / 20).rounded(.up) * 5)
            let title = tr(
                "Score mesuré par domaine (plus élevé = plus fragile)",
                "Measured score by domain (higher = more fragile)", language)
            let description =
                title + ". " + tr("Cercle plein", "Filled circle", language) + " : \(a.name) ; "
                + tr("losange", "diamond", language) + " : \(b.name). "
                + pairs.map { "\($0.label) \($0.first.map(style.text) ?? "—") / \($0.second.map(style.text) ?? "—")" }
                .joined(separator: "; ") + "."
            let chart = DotPlot.render(
                id: "compare-domains", caption: ChartCaption(title: title, description: description), rows: pairs,
                firstName: a.name, secondName: b.name, style: style, minimum: lower, maximum: upper
            )
            body += PageLayout.figure(
                title: title, svg: chart,
                table: domains.html(language: language, downloads: links.downloads("compare-domains", query)),
                language: language)
        } else {
            body += PageLayout.emptyState(Phrase.noIndicatorsYet.in(language))
            body += domains.html(language: language, downloads: links.downloads("compare-domains", query))
        }
        body += "</section>"

        // Recommended domains.
        body +=
            "<section aria-labelledby=\"recommended\"><h2 "
            + "id=\"recommended\">\(HTML.escape(tr("Domaines recommandés pour des alliances", "Domains recommended for alliances", language)))</h2><div class=\"side-by-side\">"
        for (territory, profile) in zip([a, b], profiles) {
            body += "<section><h3>\(HTML.escape(territory.name))</h3>"
            let recommended = profile?.synthesis.recommendedDomains ?? []
            body +=
                recommended.isEmpty
                ? PageLayout.emptyState(
                    tr(
                        "Aucun domaine ne se détache avec les données chargées.",
                        "No domain stands out with the data loaded.", language))
                : "<ol>"
                    + recommended.map { code in
                        "<li><a href=\"\(HTML.escape(links.domain(code)))\">\(HTML.escape(framework.domain(code)?.label.text(language) ?? code))</a></li>"
                    }.joined() + "</ol>"
            body += "</section>"
        }
        body += "</div></section>"

        // Actors' ratings.
        body +=
            "<section aria-labelledby=\"ratings\"><h2 "
            + "id=\"ratings\">\(HTML.escape(tr("Notes de fragilité des acteurs", "Actors' fragility ratings", language)))</h2>"
        let ratings = ratingsTable(a, b, snapshot, language: language)
        body +=
            ratings.rows.isEmpty
            ? PageLayout.emptyState(Phrase.noSurveyYet.in(language), hint: Phrase.noSurveyYetHint.in(language))
            : ratings.html(language: language, downloads: links.downloads("compare-ratings", query))
        body += "</section>"
        return DashboardPage.document(request, title: "\(a.name) · \(b.name)", section: .compare, body: body)
    }

    static func select(_ name: String, label: String, selected: Territory?, _ snapshot: DashboardSnapshot) -> String {
        var html = "<label for=\"\(name)\">\(HTML.escape(label))</label> <select id=\"\(name)\" name=\"\(name)\">"
        html += snapshot.regions.map { region in
            "<option value=\"\(HTML.escape(region.code))\"\(region.id == selected?.id ? " selected" : "")>\(HTML.escape(region.name))</option>"
        }.joined()
        return html + "</select> "
    }
}
