import Foundation
import PhareAnalysis
import PhareCore

/// `/weights?w-emploi=3&w-culture=0…`: the reader says how much each domain counts for them.
/// The choice lives in the URL, so it can be bookmarked and shared.
public enum WeightsPage {
    static let range = 0...5
    static let defaultWeight = 1

    /// The weights of the request, one per domain (the default where not given).
    /// - Throws: 400 for a weight that is not an integer from 0 to 5, for a parameter naming
    ///   no domain, or when every weight is zero.
    static func weights(_ request: DashboardRequest, _ framework: Framework) throws -> [(Domain, Int)] {
        for name in request.query.keys where name.hasPrefix("w-") {
            let code = String(name.dropFirst(2))
            guard framework.domain(code) != nil else {
                throw DashboardError.badRequest(
                    LocalizedText(fr: "« \(name) » ne désigne aucun domaine.", en: "\"\(name)\" names no domain."))
            }
        }
        let weights = try framework.domains.map { domain -> (Domain, Int) in
            guard let text = request["w-" + domain.code] else { return (domain, defaultWeight) }
            guard let value = Int(text), range.contains(value) else {
                throw DashboardError.badRequest(
                    LocalizedText(
                        fr: "Le poids de « \(domain.code) » doit être un entier de 0 à 5, pas « \(text) ».",
                        en: "The weight of \"\(domain.code)\" must be an integer from 0 to 5, not \"\(text)\"."
                    ))
            }
            return (domain, value)
        }
        guard weights.contains(where: { $0.1 > 0 }) else {
            throw DashboardError.badRequest(
                LocalizedText(
                    fr: "Au moins un domaine doit compter (poids non nul).",
                    en: "At least one domain must count (non-zero weight)."))
        }
        return weights
    }

    public static func render(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
        let language = request.language
        let framework = snapshot.framework
        let weights = try self.weights(request, framework)
        var body = "<p class=\"lead\">\(HTML.escape(Phrase.weightsLead.in(language)))</p>"
        body += "<form class=\"weights\" method=\"get\" action=\"/weights\">"
        for axis in framework.axes {
            body += "<fieldset><legend>\(HTML.escape(axis.label.text(language)))</legend>"
            for (domain, weight) in weights where domain.axis == axis.code {
                let id = "w-" + domain.code
                body +=
                    "<div class=\"weight\"><label "
                    + "for=\"\(HTML.escape(id))\">\(HTML.escape(domain.label.text(language)))</label>"
                body +=
                    "<input type=\"number\" id=\"\(HTML.escape(id))\" name=\"\(HTML.escape(id))\" min=\"0\" max=\"5\" "
                    + "step=\"1\" value=\"\(weight)\"></div>"
            }
            body += "</fieldset>"
        }
        body += DashboardPage.languageField(language)
        body +=
            "<p><button type=\"submit\">\(HTML.escape(Phrase.applyWeights.in(language)))</button> <a "
            + "href=\"\(HTML.escape(request.links.page("/weights")))\">\(HTML.escape(Phrase.resetWeights.in(language)))</a></p></form>"

        let shares = NormalisedWeights.shares(weights.map { Double($0.1) })
        let table = ResultTable(
            name: "weights", title: LocalizedText(fr: "Vos pondérations", en: "Your weights"),
            columns: [
                TableColumn("domain", LocalizedText(fr: "Domaine", en: "Domain")),
                TableColumn("weight", LocalizedText(fr: "Poids (0 à 5)", en: "Weight (0 to 5)")),
                TableColumn(
                    "share_percent", LocalizedText(fr: "Part du total (%)", en: "Share of the total (%)"), decimals: 1),
            ],
            rows: zip(weights, shares).map { [.text($0.0.label.text(language)), .integer($0.1), .number(100 * $1)] }
        )
        let style = ValueStyle(decimals: 1, unit: " %", language: language)
        let chart = BarChart.render(
            id: "weights-shares",
            caption: ChartCaption(
                title: Phrase.weightSharesTitle.in(language), description: Phrase.weightSharesDescription.in(language)),
            bars: zip(weights, shares).map { BarDatum(label: $0.0.shortLabel.text(language), value: 100 * $1) },
            style: style
        )
        body += PageLayout.figure(
            title: Phrase.weightSharesTitle.in(language), svg: chart,
            table: table.html(language: language, downloads: []), language: language)
        body +=
            "<section aria-labelledby=\"ranking\"><h2 "
            + "id=\"ranking\">\(HTML.escape(Phrase.weightedRanking.in(language)))</h2>"
        if let layer = weightedLayer(weights, snapshot) {
            let query = weights.map { ("w-" + $0.0.code, String($0.1)) }
            body += RegionAnalysisPage.demoNotice(
                illustrative: snapshot.analysis?.illustrative ?? false, synthetic: false, language: language)
            body +=
                "<p class=\"note\">\(HTML.escape(tr("Score pondéré = Σ poids × score du domaine / Σ poids, parmi les régions métropolitaines (plus élevé = plus fragile). Les intervalles de rang par axe (médiane, 5–95 %) viennent de l’analyse de sensibilité : \((snapshot.analysis?.sensitivity?.evaluations ?? 0)) calculs avec d’autres choix de normalisation, d’agrégation, d’imputation et de poids (plan de Sobol). Le choix nommé après chaque intervalle est celui qui le détermine le plus (indice de Sobol total le plus élevé).", "Weighted score = Σ weight × domain score / Σ weight, among metropolitan regions (higher = more fragile). The rank intervals by axis (median, 5–95%) come from the sensitivity analysis: \((snapshot.analysis?.sensitivity?.evaluations ?? 0)) computations with other choices of normalisation, aggregation, imputation and weights (Sobol design). The choice named after each interval is the one that drives it most (largest total-order Sobol index).", language)))</p>"
            body += coherenceLink(request)
            body += "<div class=\"map-and-table\"><div class=\"map\">"
            body += FrancePage.regionMap(
                snapshot, layer: layer, language: language, links: request.links, linkLayer: "overall")
            body += "</div><div class=\"ranking\">"
            body += rankingTable(layer, snapshot, language: language).html(
                language: language, downloads: request.links.downloads("weighted-ranking", query))
            body += "</div></div>"
        } else {
            body += PageLayout.emptyState(
                Phrase.noScoresForWeights.in(language), hint: Phrase.noIndicatorsYetHint.in(language))
        }
        body += "</section>"
        return DashboardPage.document(request, title: Phrase.navWeights.in(language), section: .weights, body: body)
    }

    /// The regions' weighted scores as a map layer (nil without a metropolitan diagnosis).
    static func weightedLayer(_ weights: [(Domain, Int)], _ snapshot: DashboardSnapshot) -> MapLayer? {
        guard let diagnosis = snapshot.analysis?.metropolitanDiagnosis else { return nil }
        let byDomain = Dictionary(uniqueKeysWithValues: weights.map { ($0.0.code, Double($0.1)) })
        var values: [TerritoryID: Double] = [:]
        for territory in diagnosis.territories {
            if let score = territory.weightedScore(weights: byDomain) {
                values[TerritoryID(.region, territory.code)] = score
            }
        }
        return MapLayer(
            id: "weighted", group: .overall,
            label: LocalizedText(
                fr: "Fragilité mesurée selon vos pondérations", en: "Measured fragility with your weights"),
            unit: LocalizedText(fr: "", en: ""), decimals: 2, palette: .yellowOrangeBrown, rankHighestFirst: true,
            source: LocalizedText(
                fr: "Diagnostic des indicateurs, régions métropolitaines",
                en: "Indicator diagnosis, metropolitan regions"), values: values
        )
    }

    /// The metropolitan regions ranked by the weighted score, with their axis rank intervals.
    static func rankingTable(_ layer: MapLayer, _ snapshot: DashboardSnapshot, language: Language) -> ResultTable {
        let regions = snapshot.regions.filter { layer.value($0.id) != nil }
        let values = regions.map { layer.value($0.id) }
        let ranks = ClassBreaks.competitionRanks(values, descending: true)
        let order = regions.indices.sorted {
            (ranks[$0] ?? Int.max, regions[$0].code) < (ranks[$1] ?? Int.max, regions[$1].code)
        }
        let sensitivity = snapshot.analysis?.sensitivity
        var columns = [
            TableColumn("rank", LocalizedText(fr: "Rang", en: "Rank")),
            TableColumn("name", LocalizedText(fr: "Région", en: "Region")),
            TableColumn("code", LocalizedText(fr: "Code INSEE", en: "INSEE code")),
            TableColumn("weighted_score", LocalizedText(fr: "Score pondéré", en: "Weighted score"), decimals: 2),
        ]
        for axis in snapshot.framework.axes {
            columns.append(
                TableColumn(
                    "rank_interval_\(axis.code)",
                    LocalizedText(
                        fr: "Rang \(axis.label.fr.lowercased()) (5–95 %)",
                        en: "Rank \(axis.label.en.lowercased()) (5–95%)")))
        }
        var table = ResultTable(
            name: "weighted-ranking",
            title: LocalizedText(fr: "Classement selon vos pondérations", en: "Ranking with your weights"),
            columns: columns)
        for index in order {
            let region = regions[index]
            var row: [Cell] = [Cell(ranks[index]), .text(region.name), .text(region.code), Cell(values[index])]
            let intervals = sensitivity?.territories.first { $0.code == region.code }?.axes ?? []
            for axis in snapshot.framework.axes {
                guard let interval = intervals.first(where: { $0.code == axis.code }), let median = interval.medianRank,
                    let low = interval.low, let high = interval.high
                else {
                    row.append(.null)
                    continue
                }
                let f = { (x: Double) in NumberFormatting.format(x, decimals: 0, language: language) }
                var text = "\(f(median)) (\(f(low))–\(f(high)))"
                if let driver = interval.mainDriver { text += " · " + factorLabel(driver.factor).text(language) }
                row.append(.text(text))
            }
            table.rows.append(row)
            table.links.append(Links(language: language).region(region.code))
        }
        return table
    }

    /// A line leading to `/coherence`, shared with the methodology page.
    static func coherenceLink(_ request: DashboardRequest) -> String {
        let language = request.language
        return "<p class=\"coherence-link\"><a href=\"\(HTML.escape(request.links.page("/coherence")))\">"
            + HTML.escape(
                tr(
                    "Les indicateurs de chaque domaine vont-ils dans le même sens ? Voir leur cohérence statistique.",
                    "Do the indicators of each domain point the same way? See their statistical coherence.", language))
            + "</a></p>"
    }

    /// The name of a choice of the sensitivity analysis, for the reader.
    static func factorLabel(_ factor: String) -> LocalizedText {
        switch factor {
        case "normalisation": LocalizedText(fr: "normalisation", en: "normalisation")
        case "aggregation": LocalizedText(fr: "agrégation", en: "aggregation")
        case "imputation": LocalizedText(fr: "imputation", en: "imputation")
        case "weights": LocalizedText(fr: "poids", en: "weights")
        default: LocalizedText(fr: factor, en: factor)
        }
    }
}
