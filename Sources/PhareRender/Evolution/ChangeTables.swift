import Foundation
import PhareAnalysis
import PhareCore

/// The tables of change over time of the indicators, the same for `phare indicators trend`,
/// `phare diagnose change`, the dashboard downloads and the API.
public enum ChangeTables {
    /// One row per territory with a value at both years (France last, code FR): the values, the annual change and the
    /// average annual growth rate between them (`IndicatorTrend.between`).
    public static func indicatorTrend(
        _ trends: [IndicatorTrend], names: [String: String], catalogue: IndicatorCatalogue?
    ) -> ResultTable {
        ResultTable(
            name: "indicator-trend",
            title: LocalizedText(fr: "Évolution des indicateurs", en: "Change of the indicators"),
            columns: [
                TableColumn("indicator", LocalizedText(fr: "Indicateur", en: "Indicator")),
                TableColumn("territory", LocalizedText(fr: "Code INSEE", en: "INSEE code")),
                TableColumn("name", LocalizedText(fr: "Territoire", en: "Territory")),
                TableColumn("year_from", LocalizedText(fr: "Année de départ", en: "From year")),
                TableColumn("value_from", LocalizedText(fr: "Valeur de départ", en: "From value"), decimals: 2),
                TableColumn("year_to", LocalizedText(fr: "Année d’arrivée", en: "To year")),
                TableColumn("value_to", LocalizedText(fr: "Valeur d’arrivée", en: "To value"), decimals: 2),
                TableColumn("annual_change", LocalizedText(fr: "Variation annuelle", en: "Annual change"), decimals: 3),
                TableColumn(
                    "average_annual_growth",
                    LocalizedText(fr: "Croissance annuelle moyenne", en: "Average annual growth"), decimals: 4),
                TableColumn("unit", LocalizedText(fr: "Unité", en: "Unit")),
            ],
            rows: trends.map { trend in
                let first = trend.points.first
                let last = trend.points.last
                return [
                    .text(trend.indicator), .text(trend.territory), Cell(names[trend.territory]), Cell(first?.year),
                    Cell(first?.value), Cell(last?.year), Cell(last?.value), Cell(last?.annualChange),
                    Cell(trend.averageAnnualGrowth), Cell(catalogue?[trend.indicator]?.unit),
                ]
            })
    }

    /// The territories of one composite (`overall` or a domain), most worsened first: scores and
    /// ranks at both years, the rank shift, the 5–95 % rank intervals and the verdict.
    public static func fragilityChange(_ change: FragilityChange, composite: String) -> ResultTable {
        ResultTable(
            name: "fragility-change",
            title: LocalizedText(
                fr: "Évolution de la fragilité (\(composite)), \(change.from) → \(change.to)",
                en: "Change of fragility (\(composite)), \(change.from) → \(change.to)"),
            columns: [
                TableColumn("territory", LocalizedText(fr: "Code INSEE", en: "INSEE code")),
                TableColumn("name", LocalizedText(fr: "Territoire", en: "Territory")),
                TableColumn("composite", LocalizedText(fr: "Score", en: "Score")),
                TableColumn(
                    "score_from", LocalizedText(fr: "Score \(change.from)", en: "Score \(change.from)"), decimals: 2),
                TableColumn("score_to", LocalizedText(fr: "Score \(change.to)", en: "Score \(change.to)"), decimals: 2),
                TableColumn("rank_from", LocalizedText(fr: "Rang \(change.from)", en: "Rank \(change.from)")),
                TableColumn("rank_to", LocalizedText(fr: "Rang \(change.to)", en: "Rank \(change.to)")),
                TableColumn(
                    "rank_shift",
                    LocalizedText(fr: "Gain de rang (+ = plus fragile)", en: "Rank shift (+ = more fragile)")),
                TableColumn(
                    "rank_from_p05", LocalizedText(fr: "Rang \(change.from) p5", en: "Rank \(change.from) p5"),
                    decimals: 1),
                TableColumn(
                    "rank_from_p95", LocalizedText(fr: "Rang \(change.from) p95", en: "Rank \(change.from) p95"),
                    decimals: 1),
                TableColumn(
                    "rank_to_p05", LocalizedText(fr: "Rang \(change.to) p5", en: "Rank \(change.to) p5"), decimals: 1),
                TableColumn(
                    "rank_to_p95", LocalizedText(fr: "Rang \(change.to) p95", en: "Rank \(change.to) p95"), decimals: 1),
                TableColumn("verdict", LocalizedText(fr: "Verdict", en: "Verdict")),
            ],
            rows: change.shifts(of: composite).map { shift in
                [
                    .text(shift.territory), .text(shift.name), .text(shift.composite), Cell(shift.scoreFrom),
                    Cell(shift.scoreTo), Cell(shift.from.nominalRank), Cell(shift.to.nominalRank), Cell(shift.shift),
                    Cell(shift.from.low), Cell(shift.from.high), Cell(shift.to.low), Cell(shift.to.high),
                    .text(shift.verdict.rawValue),
                ]
            })
    }
}
