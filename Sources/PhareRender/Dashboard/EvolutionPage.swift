import Foundation
import PhareAnalysis
import PhareCore

/// The evolution part of the France, region, actor and domain pages: the survey measures between two
/// waves (slope chart with intervals, table of differences) and the indicators held for several years
/// (small multiples with the national line). The earlier wave (`from`), the actor (`evolution-actor`,
/// France and region pages) and the region of the series (`evolution-region`, domain page) are chosen
/// in the URL. On the actor page the rows are that actor's, on the domain page every actor's on that domain.
enum EvolutionPage {
    static let tableNames = ["evolution", "indicator-series"]

    /// The waves the wave read can be compared with, on a page for `region` (nil: France): the
    /// previous wave of microdata, and nationally the waves of published figures.
    static func earlierWaves(_ evolution: WaveEvolution, region: String?) -> [String] {
        var waves = evolution.earlier.map { [$0] } ?? []
        if region == nil {
            for wave in evolution.published.map(\.earlier.wave) where !waves.contains(wave) { waves.append(wave) }
        }
        return waves
    }

    /// The differences shown: those of the region (or France) from the chosen earlier wave, of `actor`
    /// and on `domain` when given.
    static func rows(
        _ evolution: WaveEvolution, region: String?, from: String?, actor: ActorCode? = nil, domain: String? = nil
    ) throws -> [WaveDifference] {
        try allRows(evolution, region: region, from: from).filter {
            (actor == nil || $0.actor == actor) && (domain == nil || $0.item == domain)
        }
    }

    static func allRows(_ evolution: WaveEvolution, region: String?, from: String?) throws -> [WaveDifference] {
        let waves = earlierWaves(evolution, region: region)
        let chosen = from ?? waves.first
        guard let chosen, waves.contains(chosen) else {
            throw DashboardError.badRequest(
                LocalizedText(
                    fr: "Vague « \(from ?? "") » inconnue ici (vagues : \(waves.joined(separator: ", "))).",
                    en: "Unknown wave \"\(from ?? "")\" here (waves: \(waves.joined(separator: ", ")))."))
        }
        if chosen == evolution.earlier {
            return evolution.differences.filter { $0.group == (region ?? "FR") }
        }
        return evolution.published.filter { $0.earlier.wave == chosen }
    }

    static func table(named name: String, request: DashboardRequest, _ snapshot: DashboardSnapshot) throws
        -> ResultTable
    {
        let region = try request["region"].map { code -> String in
            guard snapshot.territories[TerritoryID(.region, code)] != nil else {
                throw DashboardError.unknownTerritory(.region, code)
            }
            return code
        }
        let view = EvolutionView(framework: snapshot.framework, language: request.language)
        let actor = try request["actor"].map { try ActorPage.actor($0, snapshot.framework).code }
        let domain = try request["domain"].map { try DomainPage.domain($0, snapshot.framework) }
        switch name {
        case "evolution":
            guard let evolution = snapshot.analysis?.evolution, !earlierWaves(evolution, region: region).isEmpty else {
                throw DashboardError.notFound(
                    LocalizedText(
                        fr: "Une seule vague est chargée : aucune évolution.", en: "Only one wave is loaded: no change."
                    ))
            }
            return view.table(
                name: "evolution",
                title: LocalizedText(fr: "Écarts entre vagues [IC 95 %]", en: "Changes between waves [95% CI]"),
                rows: try rows(evolution, region: region, from: request["from"], actor: actor, domain: domain?.code))
        default:
            guard let region else { throw DashboardTables.missing("region") }
            return seriesTable(region: region, domain: domain, snapshot, language: request.language)
        }
    }

    /// Every year of the indicators held for three years or more (of `domain` when given), in the
    /// region, with France, the annual change and the average annual growth rate over the years held.
    static func seriesTable(region: String, domain: Domain? = nil, _ snapshot: DashboardSnapshot, language: Language)
        -> ResultTable
    {
        var rows: [[Cell]] = []
        for trend in trends(region: region, domain: domain, snapshot) {
            let growth = trend.averageAnnualGrowth
            for point in trend.points {
                rows.append([
                    .text(indicatorName(trend.indicator, snapshot, language: language)), .text(trend.indicator),
                    .integer(point.year), .number(point.value), Cell(point.national), Cell(point.annualChange),
                    Cell(growth),
                ])
            }
        }
        return ResultTable(
            name: "indicator-series",
            title: LocalizedText(fr: "Séries des indicateurs", en: "Indicator series"),
            columns: [
                TableColumn("indicator_label", LocalizedText(fr: "Indicateur", en: "Indicator")),
                TableColumn("indicator", LocalizedText(fr: "Code", en: "Code")),
                TableColumn("year", LocalizedText(fr: "Année", en: "Year")),
                TableColumn("value", LocalizedText(fr: "Valeur", en: "Value"), decimals: 2),
                TableColumn("national", LocalizedText(fr: "France", en: "France"), decimals: 2),
                TableColumn("annual_change", LocalizedText(fr: "Variation annuelle", en: "Annual change"), decimals: 2),
                TableColumn(
                    "average_annual_growth",
                    LocalizedText(fr: "Croissance annuelle moyenne", en: "Average annual growth"), decimals: 4),
            ], rows: rows)
    }

    static func indicatorName(_ code: String, _ snapshot: DashboardSnapshot, language: Language) -> String {
        snapshot.analysis?.catalogue?[code]?.label.text(language) ?? code
    }

    /// The trends of the region, indicators (of `domain` when given) with the most years first (at most `limit`).
    static func trends(region: String, domain: Domain? = nil, _ snapshot: DashboardSnapshot, limit: Int = 9)
        -> [IndicatorTrend]
    {
        let history = snapshot.analysis?.indicatorHistory ?? []
        let catalogue = snapshot.analysis?.catalogue
        let codes = Set(history.map(\.indicator)).sorted().filter {
            domain == nil || catalogue?[$0]?.domain == domain?.code
        }
        return codes.map { IndicatorTrend(indicator: $0, territory: region, history: history) }
            .filter { $0.points.count >= 3 }
            .sorted { ($0.points.count, $1.indicator) > ($1.points.count, $0.indicator) }
            .prefix(limit).map { $0 }
    }

    /// The section: wave selector, slope chart and table of the chosen actor (of `actor` on the actor
    /// page, of every actor on `domain` on the domain page), then the indicator series (of the region,
    /// or on the domain page of `domain`'s indicators in the region chosen).
    static func render(
        _ snapshot: DashboardSnapshot, request: DashboardRequest, region: Territory?,
        actor fixedActor: ActorCode? = nil,
        domain: Domain? = nil, number: Int?, path: String
    ) -> String {
        let language = request.language
        let links = request.links
        let view = EvolutionView(framework: snapshot.framework, language: language)
        var html =
            "<section id=\"evolution\" class=\"evolution\" aria-labelledby=\"evolution-title\"><h2 id=\"evolution-title\">"
            + (number.map { "\($0). " } ?? "")
            + HTML.escape(tr("Évolution", "Change over time", language)) + "</h2>"
        let place = region?.name ?? tr("France", "France", language)
        var query: [(String, String)] = region.map { [("region", $0.code)] } ?? []
        if let fixedActor { query.append(("actor", fixedActor.rawValue)) }
        if let domain { query.append(("domain", domain.code)) }
        // The region of the domain page's series: chosen in the URL, else the first region.
        let seriesRegion =
            region
            ?? (domain == nil
                ? nil
                : request["evolution-region"].flatMap { code in snapshot.regions.first { $0.code == code } }
                    ?? snapshot.regions.first)
        if let evolution = snapshot.analysis?.evolution, !earlierWaves(evolution, region: region?.code).isEmpty,
            let rows = try? rows(
                evolution, region: region?.code, from: request["from"], actor: fixedActor, domain: domain?.code)
        {
            let waves = earlierWaves(evolution, region: region?.code)
            let from = request["from"] ?? waves[0]
            let actors = snapshot.framework.actors.map(\.code).filter { actor in rows.contains { $0.actor == actor } }
            let actor =
                fixedActor
                ?? request["evolution-actor"].map(ActorCode.init).flatMap { actors.contains($0) ? $0 : nil }
                ?? actors.first
            query.append(("from", from))
            html +=
                "<form class=\"layer-form evolution-form\" method=\"get\" action=\"\(HTML.escape(path))\">"
                + (language == .en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "")
                + "<label>\(HTML.escape(tr("Depuis la vague", "Since wave", language))) <select name=\"from\">"
                + waves.map {
                    "<option value=\"\(HTML.escape($0))\"\($0 == from ? " selected" : "")>\(HTML.escape($0))</option>"
                }.joined() + "</select></label> "
            if fixedActor == nil, domain == nil {
                html +=
                    "<label>\(HTML.escape(tr("Acteur", "Actor", language))) <select name=\"evolution-actor\">"
                    + actors.map {
                        "<option value=\"\(HTML.escape($0.rawValue))\"\($0 == actor ? " selected" : "")>"
                            + HTML.escape(snapshot.framework.actorLabel($0).text(language)) + "</option>"
                    }.joined() + "</select></label> "
            }
            if domain != nil, let seriesRegion {
                html += regionSelector(snapshot, chosen: seriesRegion, language: language)
            }
            html += "<button type=\"submit\">\(HTML.escape(tr("Afficher", "Show", language)))</button></form>"
            if let domain {
                // Every actor's answer on the domain: one line per actor, mean ratings first.
                let measures = rows.reduce(into: [MeasureCode]()) {
                    if !$0.contains($1.measure) { $0.append($1.measure) }
                }
                let measure: MeasureCode = measures.contains("mean_rating") ? "mean_rating" : (measures.first ?? "")
                let shown = rows.filter { $0.measure == measure }
                html += view.slope(
                    id: "evolution-slope",
                    title: measure == "mean_rating"
                        ? tr(
                            "\(domain.label.fr) : note moyenne de fragilité par acteur, \(place), \(from) → "
                                + "\(evolution.later) (1 à 10)",
                            "\(domain.label.en): mean fragility rating by actor, \(place), \(from) → \(evolution.later) "
                                + "(1 to 10)", language)
                        : "\(domain.label.text(language)) : \(measure.rawValue), \(place), \(from) → \(evolution.later)",
                    rows: shown, labels: { snapshot.framework.actorLabel($0.actor).text(language) })
                html += "<p>\(HTML.escape(view.summary(shown)))</p>"
            } else if let actor {
                let mine = rows.filter { $0.actor == actor }
                // Mean ratings first, unless they have no SE (published figures): then the first measure
                // with one and several items, so that the chart shows intervals.
                var measures: [MeasureCode] = []
                for row in mine where !measures.contains(row.measure) { measures.append(row.measure) }
                let tested = measures.filter { code in
                    mine.filter { $0.measure == code && $0.standardError != nil }.count >= 3
                }
                let measure: MeasureCode =
                    tested.contains("mean_rating") ? "mean_rating" : (tested.first ?? measures.first ?? "")
                let shown = mine.filter { $0.measure == measure }
                let name = snapshot.framework.actorLabel(actor).text(language)
                html += view.slope(
                    id: "evolution-slope",
                    title: measure == "mean_rating"
                        ? tr(
                            "\(name) : note moyenne de fragilité, \(place), \(from) → \(evolution.later) (1 à 10)",
                            "\(name): mean fragility rating, \(place), \(from) → \(evolution.later) (1 to 10)", language
                        )
                        : tr(
                            "\(name) : \(measure.rawValue), \(place), \(from) → \(evolution.later)",
                            "\(name): \(measure.rawValue), \(place), \(from) → \(evolution.later)", language),
                    rows: shown, labels: view.itemName)
                html += "<p>\(HTML.escape(view.summary(shown)))</p>"
            }
            if rows.isEmpty {
                html += PageLayout.emptyState(
                    tr(
                        "Aucune mesure comparable entre ces deux vagues ici.",
                        "No measure can be compared between these two waves here.", language))
            } else {
                html += view.table(
                    name: "evolution",
                    title: LocalizedText(
                        fr: "\(place) : écarts \(from) → \(evolution.later) [IC 95 %]",
                        en: "\(place): changes \(from) → \(evolution.later) [95% CI]"),
                    rows: rows
                ).html(
                    language: language, downloads: links.downloads("evolution", query), limit: 20,
                    moreRowsNote: tr(
                        "Toutes les lignes sont dans les téléchargements.", "Every row is in the downloads.", language))
            }
        } else {
            html += PageLayout.emptyState(
                tr(
                    "Une seule vague d'enquête est chargée : aucune évolution ne peut être mesurée.",
                    "Only one survey wave is loaded: no change can be measured.", language))
        }
        if let seriesRegion {
            html += series(snapshot, region: seriesRegion, domain: domain, links: links, language: language)
        }
        return html + "</section>"
    }

    /// The `evolution-region` selector of the domain page.
    static func regionSelector(_ snapshot: DashboardSnapshot, chosen: Territory, language: Language) -> String {
        "<label>\(HTML.escape(tr("Région des séries", "Region of the series", language))) "
            + "<select name=\"evolution-region\">"
            + snapshot.regions.map {
                "<option value=\"\(HTML.escape($0.code))\"\($0.code == chosen.code ? " selected" : "")>"
                    + HTML.escape($0.name) + "</option>"
            }.joined() + "</select></label> "
    }

    /// The small multiples of the region's series (of `domain`'s indicators when given) and their table.
    static func series(
        _ snapshot: DashboardSnapshot, region: Territory, domain: Domain?, links: Links, language: Language
    ) -> String {
        let trends = trends(region: region.code, domain: domain, snapshot)
        guard !trends.isEmpty else {
            return domain == nil
                ? ""
                : PageLayout.emptyState(
                    tr(
                        "Aucun indicateur de ce domaine n’est suivi sur trois années ou plus.",
                        "No indicator of this domain is held for three years or more.", language))
        }
        let panels = trends.map { trend in
            // A total (summed up the tree) is not on the scale of France: no national line then.
            let total = snapshot.analysis?.catalogue?[trend.indicator]?.aggregation == .sum
            return SeriesPanel(
                title: indicatorName(trend.indicator, snapshot, language: language),
                points: trend.points.map {
                    SeriesPoint(year: $0.year, value: $0.value, national: total ? nil : $0.national)
                },
                style: ValueStyle(decimals: 1, language: language))
        }
        let svg = SmallMultiples.render(
            id: "indicator-series",
            caption: ChartCaption.typeset(
                language,
                title: tr(
                    "Indicateurs au fil des années, \(region.name) et France",
                    "Indicators over the years, \(region.name) and France", language),
                description: tr(
                    "Valeurs de chaque année sur la géographie d'aujourd'hui (chaque panneau sur sa propre "
                        + "échelle) ; trait plein : la région, tirets : la France (sauf pour un total).",
                    "Values of each year on today's geography (each panel on its own scale); solid: the "
                        + "region, dashed: France (except for a total).", language)),
            panels: panels, territoryName: region.name, nationalName: tr("France", "France", language))
        let query = [("region", region.code)] + (domain.map { [("domain", $0.code)] } ?? [])
        return PageLayout.figure(
            title: tr("Indicateurs au fil des années", "Indicators over the years", language), svg: svg,
            table: seriesTable(region: region.code, domain: domain, snapshot, language: language).html(
                language: language, downloads: links.downloads("indicator-series", query)),
            language: language)
    }
}
