import Foundation
import PhareAnalysis
import PhareCore

/// The evolution part of the France and region pages: the survey measures between two waves (slope
/// chart with intervals, table of differences) and the indicators held for several years (small
/// multiples with the national line). The earlier wave (`from`) and the actor (`evolution-actor`)
/// are chosen in the URL.
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

    /// The differences shown: those of the region (or France) from the chosen earlier wave.
    static func rows(_ evolution: WaveEvolution, region: String?, from: String?) throws -> [WaveDifference] {
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
                rows: try rows(evolution, region: region, from: request["from"]))
        default:
            return seriesTable(region: region ?? "", snapshot, language: request.language)
        }
    }

    /// Every year of the indicators held for three years or more, in the region, with France, the
    /// annual change and the average annual growth rate over the years held.
    static func seriesTable(region: String, _ snapshot: DashboardSnapshot, language: Language) -> ResultTable {
        var rows: [[Cell]] = []
        for trend in trends(region: region, snapshot) {
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

    /// The trends of the region, indicators with the most years first (at most `limit`).
    static func trends(region: String, _ snapshot: DashboardSnapshot, limit: Int = 9) -> [IndicatorTrend] {
        let history = snapshot.analysis?.indicatorHistory ?? []
        let codes = Set(history.map(\.indicator)).sorted()
        return codes.map { IndicatorTrend(indicator: $0, territory: region, history: history) }
            .filter { $0.points.count >= 3 }
            .sorted { ($0.points.count, $1.indicator) > ($1.points.count, $0.indicator) }
            .prefix(limit).map { $0 }
    }

    /// The section: wave selector, slope chart and table of the chosen actor, then the indicator series
    /// (regions only).
    static func render(
        _ snapshot: DashboardSnapshot, request: DashboardRequest, region: Territory?, number: Int?, path: String
    ) -> String {
        let language = request.language
        let links = request.links
        let view = EvolutionView(framework: snapshot.framework, language: language)
        var html =
            "<section id=\"evolution\" aria-labelledby=\"evolution-title\"><h2 id=\"evolution-title\">"
            + (number.map { "\($0). " } ?? "")
            + HTML.escape(tr("Évolution", "Change over time", language)) + "</h2>"
        let place = region?.name ?? tr("France", "France", language)
        var query: [(String, String)] = region.map { [("region", $0.code)] } ?? []
        if let evolution = snapshot.analysis?.evolution, !earlierWaves(evolution, region: region?.code).isEmpty,
            let rows = try? rows(evolution, region: region?.code, from: request["from"])
        {
            let waves = earlierWaves(evolution, region: region?.code)
            let from = request["from"] ?? waves[0]
            let actors = snapshot.framework.actors.map(\.code).filter { actor in rows.contains { $0.actor == actor } }
            let actor =
                request["evolution-actor"].map(ActorCode.init).flatMap { actors.contains($0) ? $0 : nil }
                ?? actors.first
            query.append(("from", from))
            html +=
                "<form class=\"layer-form\" method=\"get\" action=\"\(HTML.escape(path))\">"
                + (language == .en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "")
                + "<label>\(HTML.escape(tr("Depuis la vague", "Since wave", language))) <select name=\"from\">"
                + waves.map {
                    "<option value=\"\(HTML.escape($0))\"\($0 == from ? " selected" : "")>\(HTML.escape($0))</option>"
                }.joined() + "</select></label> "
                + "<label>\(HTML.escape(tr("Acteur", "Actor", language))) <select name=\"evolution-actor\">"
                + actors.map {
                    "<option value=\"\(HTML.escape($0.rawValue))\"\($0 == actor ? " selected" : "")>"
                        + HTML.escape(snapshot.framework.actorLabel($0).text(language)) + "</option>"
                }.joined() + "</select></label> "
                + "<button type=\"submit\">\(HTML.escape(tr("Afficher", "Show", language)))</button></form>"
            if let actor {
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
        } else {
            html += PageLayout.emptyState(
                tr(
                    "Une seule vague d'enquête est chargée : aucune évolution ne peut être mesurée.",
                    "Only one survey wave is loaded: no change can be measured.", language))
        }
        if let region {
            let trends = trends(region: region.code, snapshot)
            if !trends.isEmpty {
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
                html += PageLayout.figure(
                    title: tr("Indicateurs au fil des années", "Indicators over the years", language), svg: svg,
                    table: seriesTable(region: region.code, snapshot, language: language).html(
                        language: language, downloads: links.downloads("indicator-series", [("region", region.code)])),
                    language: language)
            }
        }
        return html + "</section>"
    }
}
