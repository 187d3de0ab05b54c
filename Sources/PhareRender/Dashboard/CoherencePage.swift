import Foundation
import PhareAnalysis
import PhareCore

/// `/coherence`: whether the indicators of each domain and axis measure the same thing across the
/// metropolitan regions (`Coherence`): Pearson heat-map, Spearman coefficients, Cronbach's alpha,
/// the first principal component's share, the negative and collinear pairs.
public enum CoherencePage {
    static let tableNames = ["coherence", "coherence-pairs"]

    public static func render(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
        let language = request.language
        var body =
            "<p class=\"lead\">\(HTML.escape(tr("Les indicateurs d’un même domaine devraient mesurer la même fragilité : corrélés positivement une fois orientés (plus élevé = plus fragile), sans être redondants. Calculs sur les régions métropolitaines ayant une valeur pour chaque indicateur du groupe (manuel OCDE/JRC sur les indicateurs composites, étape 4 ; COINr).", "The indicators of a domain should measure the same fragility: positively correlated once oriented (higher = more fragile), without being redundant. Computed over the metropolitan regions with a value on every indicator of the group (OECD/JRC handbook on composite indicators, step 4; COINr).", language)))</p>"
        guard let analysis = snapshot.analysis, !analysis.coherence.isEmpty else {
            body += PageLayout.emptyState(
                Phrase.noScoresForWeights.in(language), hint: Phrase.noIndicatorsYetHint.in(language))
            return DashboardPage.document(request, title: title.text(language), section: .weights, body: body)
        }
        body += RegionAnalysisPage.demoNotice(
            illustrative: analysis.metropolitanDiagnosis?.illustrative ?? false, synthetic: false, language: language)
        body +=
            "<p class=\"note\">\(HTML.escape(tr("α de Cronbach standardisé = k·r̄ / (1 + (k − 1)·r̄), r̄ la moyenne des corrélations de Pearson ; part de la première composante principale = λ₁ / k, λ₁ la plus grande valeur propre de la matrice de corrélation. Signalés : r < 0 (les indicateurs tirent le score en sens contraires) et |r| > 0,9 (information comptée deux fois). Formules : docs/METHODOLOGY.md.", "Standardised Cronbach's alpha = k·r̄ / (1 + (k − 1)·r̄), r̄ the mean Pearson correlation; first principal component's share = λ₁ / k, λ₁ the largest eigenvalue of the correlation matrix. Flagged: r < 0 (the indicators pull the score in opposite directions) and |r| > 0.9 (information counted twice). Formulas: docs/METHODOLOGY.md.", language)))</p>"
        body +=
            "<section aria-labelledby=\"coherence-summary\"><h2 id=\"coherence-summary\">"
            + "\(HTML.escape(tr("Synthèse par domaine et par axe", "Summary by domain and axis", language)))</h2>"
        body += summaryTable(analysis.coherence, snapshot, language: language).html(
            language: language, downloads: request.links.downloads("coherence", []))
        body += "</section>"
        for group in analysis.coherence {
            let id = "coherence-\(group.kind.rawValue)-\(group.code)"
            let name = groupName(group, snapshot).text(language)
            body +=
                "<section class=\"coherence-group\" id=\"\(HTML.escape(id))\" aria-labelledby=\"\(HTML.escape(id))-title\">"
                + "<h2 id=\"\(HTML.escape(id))-title\">\(HTML.escape(kindLabel(group.kind).text(language))) : "
                + "\(HTML.escape(name))</h2>"
            if group.problem != nil {
                body += PageLayout.emptyState(problem(group, language: language))
            } else {
                let labels = group.indicators.map { indicatorLabel($0, snapshot).text(language) }
                let chart = CorrelationHeatMap.render(
                    id: id + "-heatmap",
                    caption: ChartCaption.typeset(
                        language,
                        title: tr("Corrélations de Pearson : \(name)", "Pearson correlations: \(name)", language),
                        description: tr(
                            "Matrice des corrélations de Pearson des \(group.indicators.count) indicateurs orientés sur \(group.territories) régions ; bleu positif, rouge négatif, coefficient écrit dans chaque case.",
                            "Pearson correlation matrix of the \(group.indicators.count) oriented indicators over \(group.territories) regions; blue positive, red negative, the coefficient written in each square.",
                            language)),
                    labels: labels, matrix: group.pearson, style: ValueStyle(decimals: 2, language: language))
                body += PageLayout.figure(
                    title: tr("Corrélations de Pearson : \(name)", "Pearson correlations: \(name)", language),
                    svg: chart,
                    table: pairsTable([group], snapshot, language: language).html(
                        language: language,
                        downloads: request.links.downloads("coherence-pairs", [("group", groupKey(group))])),
                    language: language)
                if !group.constant.isEmpty {
                    body +=
                        "<p class=\"note\">\(HTML.escape(tr("Sans variation entre les régions, donc laissés de côté : ", "Not varying across the regions, so left out: ", language) + group.constant.map { indicatorLabel($0, snapshot).text(language) }.joined(separator: ", ")))</p>"
                }
            }
            body += "</section>"
        }
        return DashboardPage.document(request, title: title.text(language), section: .weights, body: body)
    }

    static let title = LocalizedText(
        fr: "Cohérence statistique des indicateurs", en: "Statistical coherence of the indicators")

    static func kindLabel(_ kind: GroupCoherence.Kind) -> LocalizedText {
        kind == .domain ? LocalizedText(fr: "Domaine", en: "Domain") : LocalizedText(fr: "Axe", en: "Axis")
    }

    /// `domain:emploi`, `axis:eco`: the `group` parameter of the pairs table.
    static func groupKey(_ group: GroupCoherence) -> String { "\(group.kind.rawValue):\(group.code)" }

    static func groupName(_ group: GroupCoherence, _ snapshot: DashboardSnapshot) -> LocalizedText {
        switch group.kind {
        case .domain: snapshot.framework.domain(group.code)?.label ?? LocalizedText(fr: group.code, en: group.code)
        case .axis:
            snapshot.framework.axes.first { $0.code == group.code }?.label
                ?? LocalizedText(fr: group.code, en: group.code)
        }
    }

    static func indicatorLabel(_ code: String, _ snapshot: DashboardSnapshot) -> LocalizedText {
        snapshot.analysis?.catalogue?[code]?.label ?? LocalizedText(fr: code, en: code)
    }

    /// Why a group has no coefficients, in the reader's language.
    static func problem(_ group: GroupCoherence, language: Language) -> String {
        if group.indicators.count + group.constant.count < Coherence.minimumIndicators {
            return tr(
                "Moins de \(Coherence.minimumIndicators) indicateurs ont des valeurs : pas de cohérence à mesurer.",
                "Fewer than \(Coherence.minimumIndicators) indicators have values: no coherence to measure.",
                language)
        }
        if group.territories < Coherence.minimumTerritories {
            return tr(
                "\(group.territories) région(s) seulement ont une valeur pour tous les indicateurs : il en faut au moins \(Coherence.minimumTerritories).",
                "Only \(group.territories) region(s) have a value on every indicator: at least \(Coherence.minimumTerritories) are needed.",
                language)
        }
        return tr(
            "Moins de \(Coherence.minimumIndicators) indicateurs varient d’une région à l’autre.",
            "Fewer than \(Coherence.minimumIndicators) indicators vary from one region to another.", language)
    }

    static func table(named name: String, request: DashboardRequest, _ snapshot: DashboardSnapshot) throws
        -> ResultTable
    {
        guard let analysis = snapshot.analysis, !analysis.coherence.isEmpty else {
            throw DashboardError.notFound(
                LocalizedText(fr: "Aucune valeur d’indicateur n’est chargée.", en: "No indicator value is loaded."))
        }
        if name == "coherence" { return summaryTable(analysis.coherence, snapshot, language: request.language) }
        guard let key = request["group"] else { throw DashboardTables.missing("group") }
        guard let group = analysis.coherence.first(where: { groupKey($0) == key }) else {
            throw DashboardError.badRequest(
                LocalizedText(
                    fr: "Groupe inconnu « \(key) » : domain:CODE ou axis:CODE.",
                    en: "Unknown group \"\(key)\": domain:CODE or axis:CODE."))
        }
        return pairsTable([group], snapshot, language: request.language)
    }

    static func summaryTable(_ groups: [GroupCoherence], _ snapshot: DashboardSnapshot, language: Language)
        -> ResultTable
    {
        ResultTable(
            name: "coherence", title: title,
            columns: [
                TableColumn("kind", LocalizedText(fr: "Niveau", en: "Level")),
                TableColumn("group", LocalizedText(fr: "Domaine ou axe", en: "Domain or axis")),
                TableColumn("indicators", LocalizedText(fr: "Indicateurs", en: "Indicators")),
                TableColumn("regions", LocalizedText(fr: "Régions", en: "Regions")),
                TableColumn("cronbach_alpha", LocalizedText(fr: "α de Cronbach", en: "Cronbach's α"), decimals: 2),
                TableColumn(
                    "first_component_share_percent",
                    LocalizedText(fr: "1re composante (% de variance)", en: "1st component (% of variance)"),
                    decimals: 0),
                TableColumn("negative_pairs", LocalizedText(fr: "Paires négatives", en: "Negative pairs")),
                TableColumn("collinear_pairs", LocalizedText(fr: "Paires colinéaires", en: "Collinear pairs")),
                TableColumn("note", LocalizedText(fr: "Remarque", en: "Note")),
            ],
            rows: groups.map { group in
                [
                    .text(kindLabel(group.kind).text(language)), .text(groupName(group, snapshot).text(language)),
                    .integer(group.indicators.count), .integer(group.territories), Cell(group.cronbachAlpha),
                    Cell(group.firstComponentShare.map { 100 * $0 }), .integer(group.negativePairs.count),
                    .integer(group.collinearPairs.count),
                    group.problem == nil ? .null : .text(problem(group, language: language)),
                ]
            },
            links: groups.map { "#coherence-\($0.kind.rawValue)-\($0.code)" }
        )
    }

    /// Every pair of indicators of the groups with Pearson's r, Spearman's ρ and the flags.
    static func pairsTable(_ groups: [GroupCoherence], _ snapshot: DashboardSnapshot, language: Language)
        -> ResultTable
    {
        var table = ResultTable(
            name: "coherence-pairs",
            title: LocalizedText(
                fr: "Corrélations par paire d’indicateurs"
                    + (groups.count == 1 ? " : " + groupName(groups[0], snapshot).fr : ""),
                en: "Correlations by pair of indicators"
                    + (groups.count == 1 ? ": " + groupName(groups[0], snapshot).en : "")),
            columns: [
                TableColumn("first", LocalizedText(fr: "Indicateur 1", en: "Indicator 1")),
                TableColumn("second", LocalizedText(fr: "Indicateur 2", en: "Indicator 2")),
                TableColumn("pearson", LocalizedText(fr: "r de Pearson", en: "Pearson's r"), decimals: 2),
                TableColumn("spearman", LocalizedText(fr: "ρ de Spearman", en: "Spearman's ρ"), decimals: 2),
                TableColumn("flag", LocalizedText(fr: "Signalement", en: "Flag")),
            ])
        for group in groups {
            for i in group.pearson.indices {
                for j in (i + 1)..<group.pearson.count {
                    let r = group.pearson[i][j]
                    var flags: [String] = []
                    if r < 0 { flags.append(tr("négative", "negative", language)) }
                    if abs(r) > Coherence.collinearThreshold { flags.append(tr("colinéaire", "collinear", language)) }
                    table.rows.append([
                        .text(indicatorLabel(group.indicators[i], snapshot).text(language)),
                        .text(indicatorLabel(group.indicators[j], snapshot).text(language)), .number(r),
                        .number(group.spearman[i][j]), flags.isEmpty ? .null : .text(flags.joined(separator: ", ")),
                    ])
                }
            }
        }
        return table
    }
}
