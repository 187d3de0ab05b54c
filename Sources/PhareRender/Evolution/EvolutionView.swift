import Foundation
import PhareAnalysis
import PhareCore

/// The evolution of survey measures between two waves as the dashboard and the reports show it:
/// a slope chart with the intervals of both waves, and the table of differences (the same rows are
/// the downloads).
public struct EvolutionView: Sendable {
    public var framework: Framework
    public var language: Language

    public init(framework: Framework, language: Language) {
        self.framework = framework
        self.language = language
    }

    func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }

    /// Readable name of a measure item (domain short label, `all` → the actor's whole answer).
    public func itemName(_ row: WaveDifference) -> String {
        if let domain = framework.domain(row.item) { return domain.shortLabel.text(language) }
        return row.item == "all" ? t("ensemble", "all") : row.item
    }

    func factor(_ row: WaveDifference) -> Double { row.measure == "mean_rating" ? 1 : 100 }

    /// A slope chart of `rows` (one actor and measure, one territory), earlier wave on the left.
    public func slope(id: String, title: String, rows: [WaveDifference], labels: (WaveDifference) -> String)
        -> String
    {
        guard let first = rows.first else { return "" }
        let scale = factor(first)
        let z = 1.959963984540054
        func interval(_ side: WaveSide) -> (Double, Double)? {
            guard let e = side.estimate, let se = side.standardError else { return nil }
            return ((e - z * se) * scale, (e + z * se) * scale)
        }
        let lines = rows.map { row in
            SlopeLine(
                label: labels(row), first: row.earlier.estimate.map { $0 * scale },
                firstInterval: interval(row.earlier),
                second: row.later.estimate.map { $0 * scale }, secondInterval: interval(row.later),
                significant: row.significant)
        }
        let approximate = rows.contains(where: \.approximate)
        return "<figure class=\"chart-figure\">"
            + SlopeChart.render(
                id: id,
                caption: ChartCaption.typeset(
                    language, title: title,
                    description: t(
                        "Valeur de chaque vague avec son intervalle de confiance à 95 % (barre verticale) ; trait plein "
                            + "quand l'écart est significatif (son intervalle exclut 0)"
                            + (approximate ? ", erreur type approchée pour les chiffres publiés (p(1−p)/n)" : "")
                            + ".",
                        "Value at each wave with its 95% confidence interval (vertical bar); solid line when the change "
                            + "is significant (its interval excludes 0)"
                            + (approximate ? ", approximate standard error for published figures (p(1−p)/n)" : "")
                            + "."
                    )),
                lines: lines, firstName: first.earlier.wave, secondName: first.later.wave,
                style: ValueStyle(
                    decimals: scale == 1 ? 1 : 0, unit: scale == 1 ? "" : t(" %", "%"), language: language),
                significantName: t("écart significatif", "significant change"),
                notSignificantName: t("écart non significatif", "not significant")
            ) + "</figure>"
    }

    /// The differences as a table (points for shares, rating points for mean ratings on the page;
    /// the downloads keep the proportions as computed).
    public func table(name: String, title: LocalizedText, rows: [WaveDifference], withActor: Bool = true)
        -> ResultTable
    {
        var columns: [TableColumn] = []
        if withActor { columns.append(TableColumn("actor", LocalizedText(fr: "Acteur", en: "Actor"))) }
        columns += [
            TableColumn("measure", LocalizedText(fr: "Mesure", en: "Measure")),
            TableColumn("item", LocalizedText(fr: "Item", en: "Item")),
            TableColumn("territory", LocalizedText(fr: "Territoire", en: "Territory")),
            TableColumn("wave_1", LocalizedText(fr: "Vague 1", en: "Wave 1")),
            TableColumn("estimate_1", LocalizedText(fr: "Valeur 1", en: "Value 1"), decimals: 3),
            TableColumn("n_1", LocalizedText(fr: "n 1", en: "n 1")),
            TableColumn("wave_2", LocalizedText(fr: "Vague 2", en: "Wave 2")),
            TableColumn("estimate_2", LocalizedText(fr: "Valeur 2", en: "Value 2"), decimals: 3),
            TableColumn("n_2", LocalizedText(fr: "n 2", en: "n 2")),
            TableColumn("difference", LocalizedText(fr: "Écart", en: "Change"), decimals: 3),
            TableColumn("ci_lower", LocalizedText(fr: "IC 95 % bas", en: "95% CI low"), decimals: 3),
            TableColumn("ci_upper", LocalizedText(fr: "IC 95 % haut", en: "95% CI high"), decimals: 3),
            TableColumn("significant", LocalizedText(fr: "Significatif", en: "Significant")),
            TableColumn("flag", LocalizedText(fr: "Remarque", en: "Note")),
        ]
        let body: [[Cell]] = rows.map { row in
            var flags: [String] = []
            if row.belowThreshold { flags.append(t("base faible", "thin base")) }
            if row.approximate { flags.append(t("ET approchée", "approx. SE")) }
            if row.earlier.synthetic || row.later.synthetic { flags.append(t("synthétique", "synthetic")) }
            var cells: [Cell] = []
            if withActor { cells.append(.text(framework.actorLabel(row.actor).text(language))) }
            cells += [
                .text(row.measure.rawValue), .text(itemName(row)), .text(row.group), .text(row.earlier.wave),
                Cell(row.earlier.estimate), .integer(row.earlier.sampleSize), .text(row.later.wave),
                Cell(row.later.estimate), .integer(row.later.sampleSize), Cell(row.difference), Cell(row.lower),
                Cell(row.upper), .bool(row.significant), .text(flags.joined(separator: ", ")),
            ]
            return cells
        }
        return ResultTable(name: name, title: title, columns: columns, rows: body)
    }

    /// One sentence on the largest significant changes of `rows` (at most three), or that none is.
    public func summary(_ rows: [WaveDifference]) -> String {
        if !rows.isEmpty && rows.allSatisfy({ $0.standardError == nil }) {
            return t(
                "Sans erreur type (la dispersion des chiffres publiés n'est pas connue), aucun écart ne peut être testé.",
                "Without a standard error (the spread of the published figures is unknown), no change can be tested.")
        }
        let significant = rows.filter { $0.significant && !$0.belowThreshold }
            .sorted { abs($0.difference ?? 0) * factor($0) > abs($1.difference ?? 0) * factor($1) }
        guard !significant.isEmpty else {
            return t(
                "Aucun écart n'est significatif à 95 % : les différences observées restent dans la marge d'erreur.",
                "No change is significant at 95%: the differences seen stay within the margin of error.")
        }
        let parts = significant.prefix(3).map { row -> String in
            let scale = factor(row)
            let value = (row.difference ?? 0) * scale
            let sign = value > 0 ? "+" : "−"
            let amount = NumberFormatting.format(abs(value), decimals: 1, language: language)
            return "\(itemName(row)) \(sign)\(amount)\(scale == 1 ? "" : t(" pt", " pt"))"
        }
        return t(
            "\(significant.count) écart\(significant.count > 1 ? "s" : "") significatif\(significant.count > 1 ? "s" : "") à 95 %, dont : ",
            "\(significant.count) significant change\(significant.count > 1 ? "s" : "") at 95%, including: ")
            + parts.joined(separator: " ; ") + "."
    }
}
