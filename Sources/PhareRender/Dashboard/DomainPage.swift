import Foundation
import PhareAnalysis
import PhareCore

/// `/domain/{code}`: one domain across all regions — its measured score (map and ranking), its
/// indicators region by region, each actor's perceived rating by region, and the relevance of
/// partnerships on it in each region. Everything is read from the snapshot's analysis.
public enum DomainPage {
    static let tableNames = ["domain-regions", "domain-indicators", "domain-ratings", "domain-relevance"]

    static func domain(_ code: String?, _ framework: Framework) throws -> Domain {
        guard let code else { throw DashboardTables.missing("domain") }
        guard let domain = framework.domain(code) else {
            throw DashboardError.notFound(
                LocalizedText(fr: "Aucun domaine n’a le code « \(code) ».", en: "No domain has the code \"\(code)\"."))
        }
        return domain
    }

    static func table(named name: String, request: DashboardRequest, _ snapshot: DashboardSnapshot) throws
        -> ResultTable
    {
        let domain = try self.domain(request["domain"], snapshot.framework)
        let language = request.language
        switch name {
        case "domain-regions": return regionsTable(domain, snapshot, language: language)
        case "domain-indicators": return indicatorsTable(domain, snapshot, language: language)
        case "domain-ratings": return ratingsTable(domain, snapshot, language: language)
        default: return relevanceTable(domain, snapshot, language: language)
        }
    }

    // MARK: Tables

    /// Score, rank and coverage of the domain in each metropolitan region (metropolitan diagnosis).
    static func regionsTable(_ domain: Domain, _ snapshot: DashboardSnapshot, language: Language) -> ResultTable {
        let scores: [(TerritoryDiagnosis, CompositeScore)] =
            (snapshot.analysis?.metropolitanDiagnosis?.territories ?? []).compactMap { territory in
                territory.domains.first { $0.code == domain.code }.map { (territory, $0) }
            }
        let ordered = scores.sorted { ($0.1.rank ?? Int.max, $0.0.code) < ($1.1.rank ?? Int.max, $1.0.code) }
        return ResultTable(
            name: "domain-regions",
            title: LocalizedText(
                fr: "Fragilité mesurée par région : \(domain.label.fr)",
                en: "Measured fragility by region: \(domain.label.en)"),
            columns: [
                TableColumn("name", LocalizedText(fr: "Région", en: "Region")),
                TableColumn("code", LocalizedText(fr: "Code INSEE", en: "INSEE code")),
                TableColumn("score", LocalizedText(fr: "Score composite", en: "Composite score"), decimals: 2),
                DashboardTables.rankColumn,
                TableColumn("peers", LocalizedText(fr: "Régions comparées", en: "Regions compared")),
                TableColumn("coverage", LocalizedText(fr: "Couverture (%)", en: "Coverage (%)"), decimals: 0),
                TableColumn(
                    "indicators_used", LocalizedText(fr: "Indicateurs renseignés", en: "Indicators with a value")),
                TableColumn(
                    "indicators_total", LocalizedText(fr: "Indicateurs du domaine", en: "Indicators of the domain")),
            ],
            rows: ordered.map { territory, score in
                [
                    .text(territory.name), .text(territory.code), Cell(score.score), Cell(score.rank),
                    .integer(score.peerCount),
                    .number(100 * score.coverage), .integer(score.used), .integer(score.total),
                ]
            }
        )
    }

    /// Each indicator of the domain in each metropolitan region: value, national value, rank.
    static func indicatorsTable(_ domain: Domain, _ snapshot: DashboardSnapshot, language: Language) -> ResultTable {
        let territories = snapshot.analysis?.metropolitanDiagnosis?.territories ?? []
        let catalogue = snapshot.analysis?.catalogue
        var rows: [[Cell]] = []
        for territory in territories.sorted(by: { $0.code < $1.code }) {
            for position in territory.indicators where position.domain == domain.code {
                let definition = catalogue?[position.indicator]
                rows.append([
                    .text(territory.name), .text(territory.code),
                    .text(definition?.label.text(language) ?? position.indicator), .text(position.indicator),
                    Cell(position.value), Cell(position.national), Cell(position.rank),
                    .integer(position.peersWithValue),
                    .text(definition?.unit ?? position.unit), Cell(definition?.source),
                    Cell(definition?.vintage ?? String(position.year)),
                ])
            }
        }
        return ResultTable(
            name: "domain-indicators",
            title: LocalizedText(
                fr: "Indicateurs du domaine par région : \(domain.label.fr)",
                en: "Indicators of the domain by region: \(domain.label.en)"),
            columns: [
                TableColumn("region", LocalizedText(fr: "Région", en: "Region")),
                TableColumn("region_code", LocalizedText(fr: "Code INSEE", en: "INSEE code")),
                TableColumn("indicator", LocalizedText(fr: "Indicateur", en: "Indicator")),
                TableColumn("indicator_code", LocalizedText(fr: "Code", en: "Code")),
                TableColumn("value", LocalizedText(fr: "Valeur", en: "Value"), decimals: 2),
                TableColumn("national", LocalizedText(fr: "Valeur nationale", en: "National value"), decimals: 2),
                TableColumn("rank", LocalizedText(fr: "Rang (1 = plus fragile)", en: "Rank (1 = most fragile)")),
                TableColumn("peers", LocalizedText(fr: "Régions avec une valeur", en: "Regions with a value")),
                TableColumn("unit", LocalizedText(fr: "Unité", en: "Unit")),
                TableColumn("source", LocalizedText(fr: "Source", en: "Source")),
                TableColumn("vintage", LocalizedText(fr: "Millésime", en: "Vintage")),
            ],
            rows: rows
        )
    }

    /// Each actor's weighted mean rating of the domain by region, France last, with its interval and n.
    static func ratingsTable(_ domain: Domain, _ snapshot: DashboardSnapshot, language: Language) -> ResultTable {
        var rows: [[Cell]] = []
        if let analysis = snapshot.analysis {
            for actor in analysis.ratingActors(snapshot.framework) {
                let label = snapshot.framework.actorLabel(actor).text(language)
                let places =
                    snapshot.regions.map { ($0.name, $0.code, Optional($0.code)) } + [
                        (snapshot.territories.france?.name ?? "France", "FR", nil)
                    ]
                for (name, code, region) in places {
                    guard let estimate = analysis.estimate(actor, "mean_rating", domain.code, region: region) else {
                        continue
                    }
                    rows.append(
                        ActorPage.estimateRow(
                            [.text(label), .text(actor.rawValue), .text(name), .text(code)], estimate))
                }
            }
        }
        return ResultTable(
            name: "domain-ratings",
            title: LocalizedText(
                fr: "Note moyenne de fragilité ressentie par région : \(domain.label.fr)",
                en: "Mean perceived fragility rating by region: \(domain.label.en)"),
            columns: [
                TableColumn("actor", LocalizedText(fr: "Acteur", en: "Actor")),
                TableColumn("actor_code", LocalizedText(fr: "Code acteur", en: "Actor code")),
                TableColumn("territory", LocalizedText(fr: "Territoire", en: "Territory")),
                TableColumn("code", LocalizedText(fr: "Code INSEE", en: "INSEE code")),
            ] + ActorPage.estimateColumns(decimals: 2),
            rows: rows
        )
    }

    /// The relevance of partnerships on the domain in each region, with its rank and rank interval.
    static func relevanceTable(_ domain: Domain, _ snapshot: DashboardSnapshot, language: Language) -> ResultTable {
        var rows: [[Cell]] = []
        for region in snapshot.regions {
            guard
                let item = snapshot.analysis?.profile(region.id)?.coConstruction.relevance.first(where: {
                    $0.domain == domain.code
                })
            else { continue }
            let domains = snapshot.analysis?.profile(region.id)?.coConstruction.relevance.count ?? 0
            rows.append([
                .text(region.name), .text(region.code), .number(item.score), .integer(item.rank), .integer(domains),
                .number(item.medianRank), .number(item.rankLow), .number(item.rankHigh),
            ])
        }
        return ResultTable(
            name: "domain-relevance",
            title: LocalizedText(
                fr: "Pertinence des partenariats sur le domaine, par région : \(domain.label.fr)",
                en: "Relevance of partnerships on the domain, by region: \(domain.label.en)"),
            columns: [
                TableColumn("region", LocalizedText(fr: "Région", en: "Region")),
                TableColumn("code", LocalizedText(fr: "Code INSEE", en: "INSEE code")),
                TableColumn(
                    "score", LocalizedText(fr: "Score de pertinence (0–100)", en: "Relevance score (0–100)"),
                    decimals: 1),
                TableColumn("rank", LocalizedText(fr: "Rang dans la région", en: "Rank in the region")),
                TableColumn("domains", LocalizedText(fr: "Domaines classés", en: "Domains ranked")),
                TableColumn("median_rank", LocalizedText(fr: "Rang médian", en: "Median rank"), decimals: 1),
                TableColumn("rank_low", LocalizedText(fr: "Rang, 5 %", en: "Rank, 5%"), decimals: 0),
                TableColumn("rank_high", LocalizedText(fr: "Rang, 95 %", en: "Rank, 95%"), decimals: 0),
            ],
            rows: rows
        )
    }

    // MARK: Page

    public static func render(_ request: DashboardRequest, code: String, _ snapshot: DashboardSnapshot) throws -> String
    {
        let language = request.language
        let links = request.links
        let framework = snapshot.framework
        let domain = try self.domain(code, framework)
        let query = [("domain", domain.code)]
        func downloads(_ name: String) -> [(label: String, href: String)] { links.downloads(name, query) }
        let axis = framework.axis(domain.axis)
        var body = DashboardPage.facts([
            (Phrase.axis.in(language), axis?.label.text(language) ?? domain.axis),
            (Phrase.code.in(language), domain.code),
            (Phrase.shortLabel.in(language), domain.shortLabel.text(language)),
        ])

        // Measured fragility.
        body +=
            "<section aria-labelledby=\"measured\"><h2 "
            + "id=\"measured\">\(HTML.escape(Phrase.domainIndicators.in(language)))</h2>"
        if let layer = snapshot.layer("domain-" + domain.code) {
            body += RegionAnalysisPage.demoNotice(
                illustrative: snapshot.analysis?.illustrative ?? false, synthetic: false, language: language)
            body += "<div class=\"map-and-table\"><div class=\"map\">"
            body +=
                "<p class=\"figure-title\">\(HTML.escape(layer.label.text(language) + " — " + Phrase.byRegion.in(language)))</p>"
            body += FrancePage.regionMap(snapshot, layer: layer, language: language, links: links)
            body +=
                "<p class=\"source\">\(HTML.escape(Phrase.source.in(language))) "
                + "\(HTML.escape(layer.source.text(language)))</p>"
            body += "</div><div class=\"ranking\">"
            var regions = regionsTable(domain, snapshot, language: language)
            regions.links = regions.rows.map { row in
                if case .text(let code) = row[1] { links.region(code, layer: layer.id) } else { nil }
            }
            body += regions.html(language: language, downloads: downloads("domain-regions"))
            body += "</div></div>"
            body +=
                "<h3>\(HTML.escape(tr("Indicateurs du domaine, région par région", "Indicators of the domain, region by region", language)))</h3>"
            let indicators = indicatorsTable(domain, snapshot, language: language)
            body +=
                indicators.rows.isEmpty
                ? PageLayout.emptyState(Phrase.noIndicatorsForDomain.in(language))
                : indicators.html(language: language, downloads: downloads("domain-indicators"))
        } else {
            body += PageLayout.emptyState(
                Phrase.noIndicatorsForDomain.in(language), hint: Phrase.noIndicatorsYetHint.in(language))
        }
        body += "</section>"

        // Perceived fragility.
        body +=
            "<section aria-labelledby=\"felt\"><h2 "
            + "id=\"felt\">\(HTML.escape(Phrase.domainPerceptions.in(language)))</h2>"
        let ratings = ratingsTable(domain, snapshot, language: language)
        if let analysis = snapshot.analysis, !ratings.rows.isEmpty {
            body += RegionAnalysisPage.demoNotice(
                illustrative: false, synthetic: analysis.synthetic, language: language)
            body +=
                "<p class=\"note\">\(HTML.escape(tr("Note moyenne pondérée de 1 (pas fragile) à 10 (très fragile), avec intervalle de confiance à 95 % ; la ligne verticale est la valeur nationale.", "Weighted mean rating from 1 (not fragile) to 10 (very fragile), with 95% confidence interval; the vertical line is the national value.", language)))</p>"
            let style = ValueStyle(decimals: 1, unit: tr(" /10", "/10", language), language: language)
            for actor in analysis.ratingActors(framework) {
                let actorLabel = framework.actorLabel(actor)
                let bars = snapshot.regions.compactMap { region -> BarDatum? in
                    guard let estimate = analysis.estimate(actor, "mean_rating", domain.code, region: region.code),
                        let value = estimate.estimate
                    else { return nil }
                    return BarDatum(
                        label: region.name + (estimate.belowThreshold ? " *" : ""), value: value, low: estimate.lower,
                        high: estimate.upper)
                }
                guard !bars.isEmpty else { continue }
                let national = analysis.estimate(actor, "mean_rating", domain.code)?.estimate
                let title = tr(
                    "\(actorLabel.fr) : note moyenne par région", "\(actorLabel.en): mean rating by region", language)
                var description =
                    title + ". " + bars.map { "\($0.label) \(style.text($0.value))" }.joined(separator: "; ") + "."
                if let national { description += " " + Phrase.france.in(language) + " " + style.text(national) + "." }
                let chart = BarChart.render(
                    id: "ratings-\(actor)", caption: ChartCaption(title: title, description: description), bars: bars,
                    style: style,
                    reference: national.map { (Phrase.france.in(language), $0) }, maximum: 10
                )
                var table = ratingsTable(domain, snapshot, language: language)
                table.rows = table.rows.filter { $0[1] == .text(actor.rawValue) }
                table.links = table.rows.map { _ in nil }
                body += PageLayout.figure(
                    title: title, svg: chart,
                    table: table.html(language: language, downloads: downloads("domain-ratings")), language: language)
            }
            if ratings.rows.contains(where: { $0.last == .bool(true) }) {
                body +=
                    "<p class=\"note\">\(HTML.escape(tr("* moins de répondants que le seuil de publication : à lire avec prudence.", "* fewer respondents than the publication threshold: read with caution.", language)))</p>"
            }
        } else {
            body += PageLayout.emptyState(Phrase.noSurveyYet.in(language), hint: Phrase.noSurveyYetHint.in(language))
        }
        body += "</section>"

        // Relevance for partnerships.
        body +=
            "<section aria-labelledby=\"relevance\"><h2 "
            + "id=\"relevance\">\(HTML.escape(tr("Pertinence pour des alliances, par région", "Relevance for alliances, by region", language)))</h2>"
        let relevance = relevanceTable(domain, snapshot, language: language)
        if relevance.rows.isEmpty {
            body += PageLayout.emptyState(
                tr(
                    "Aucune pertinence n’est calculée : il faut des indicateurs ou des enquêtes.",
                    "No relevance is computed: indicators or surveys are needed.", language))
        } else {
            body +=
                "<p class=\"note\">\(HTML.escape(tr("Rang du domaine parmi les domaines de chaque région (1 = le plus pertinent pour des partenariats), avec l’intervalle de rang de 5 % à 95 % obtenu en perturbant poids et estimations.", "Rank of the domain among each region’s domains (1 = most relevant for partnerships), with the 5% to 95% rank interval obtained by perturbing weights and estimates.", language)))</p>"
            body += relevance.html(language: language, downloads: downloads("domain-relevance"))
        }
        body += "</section>"
        body += EvolutionPage.render(
            snapshot, request: request, region: nil, domain: domain, number: nil,
            path: "/domain/\(HTML.queryComponent(domain.code))")

        let siblings = framework.domains(inAxis: domain.axis).filter { $0.code != domain.code }
        body += "<h2>\(HTML.escape(Phrase.otherDomainsOfAxis.in(language)))</h2><ul class=\"cards\">"
        body += siblings.map {
            "<li><a href=\"\(HTML.escape(links.domain($0.code)))\">\(HTML.escape($0.label.text(language)))</a></li>"
        }.joined()
        body += "</ul>"
        return DashboardPage.document(
            request, title: domain.label.text(language), section: .domains,
            breadcrumbs: [(Phrase.navDomains.in(language), links.page("/domain"))], body: body
        )
    }
}
