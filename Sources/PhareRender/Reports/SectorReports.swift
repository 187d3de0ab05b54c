import Foundation
import PhareAnalysis
import PhareCore

extension ReportContext {
    /// The metropolitan region diagnosis, else the first one.
    var regionDiagnosis: Diagnosis? {
        diagnoses.first { $0.level == .region && $0.peers == .metropolitan } ?? diagnoses.first { $0.level == .region }
    }

    func national(_ actor: ActorCode, _ measure: MeasureCode, _ item: String) -> SurveyEstimate? {
        measures.national(actor, measure, item)
    }

    func regional(_ actor: ActorCode, _ measure: MeasureCode, _ item: String, _ region: String) -> SurveyEstimate? {
        measures.regional(actor, measure, item, region)
    }

    var illustrative: Bool { diagnoses.contains { $0.illustrative } }
    var synthetic: Bool { measures.isSynthetic }
}

/// The sectoral report: one domain across all regions.
public struct DomainReport: Sendable, ReportWriting {
    public var context: ReportContext
    public var language: Language

    public init(context: ReportContext, language: Language) {
        self.context = context
        self.language = language
    }

    func estimateText(_ e: SurveyEstimate?) -> Cell {
        guard let e, let value = e.estimate else { return .null }
        var s = number(value, 1)
        if let l = e.lower, let u = e.upper {
            s += t(" [\(number(l, 1)) ; \(number(u, 1))]", " [\(number(l, 1)), \(number(u, 1))]")
        }
        return .text(s + " n = \(e.sampleSize)" + (e.belowThreshold ? t(" (base faible)", " (small base)") : ""))
    }

    public func document(domain code: String) -> String {
        let domain = framework.domain(code)
        let name = domain?.label.text(language) ?? code
        let diagnosis = context.regionDiagnosis
        var data: [ResultTable] = []
        var sections: [ReportDocument.Section] = []

        // 1. Measured fragility across regions.
        var measured = paragraph(
            t(
                "Score composite de fragilité du domaine (normalisation par score z, moyenne arithmétique des "
                    + "indicateurs, polarité appliquée : plus haut = plus fragile) et rang parmi les régions "
                    + "métropolitaines.",
                "Composite fragility score of the domain (z-score normalisation, arithmetic mean of the indicators, "
                    + "polarity applied: higher = more fragile) and rank among metropolitan regions."
            ))
        let scores: [(TerritoryDiagnosis, CompositeScore)] = (diagnosis?.territories ?? []).compactMap { territory in
            territory.domains.first { $0.code == code }.map { (territory, $0) }
        }.sorted { ($0.1.rank ?? 99, $0.0.code) < ($1.1.rank ?? 99, $1.0.code) }
        if scores.isEmpty {
            measured += paragraph(
                t("Aucun indicateur de ce domaine n'est chargé.", "No indicator of this domain is loaded."),
                className: "callout")
        } else {
            if let geometry = context.geometry {
                let areas = geometry.outlines(at: .region).map { outline in
                    MapArea(
                        outline: outline, name: scores.first { $0.0.code == outline.code }?.0.name ?? outline.code,
                        value: scores.first { $0.0.code == outline.code }?.1.score)
                }
                let svg = Choropleth.render(
                    id: "map-\(code)",
                    caption: ChartCaption.typeset(
                        language,
                        title: t("\(name) : fragilité mesurée par région", "\(name): measured fragility by region"),
                        description: t(
                            "Carte des régions colorées selon le score composite de fragilité du domaine ; les "
                                + "régions sans score sont hachurées.",
                            "Map of the regions coloured by the domain's composite fragility score; regions without a "
                                + "score are hatched."
                        )),
                    areas: areas, legendTitle: t("Score", "Score"), style: ValueStyle(decimals: 1, language: language),
                    palette: .yellowOrangeBrown, noDataLabel: t("Pas de données", "No data")
                )
                measured += "<figure class=\"chart-figure\">\(svg)</figure>"
            }
            let table = ResultTable(
                name: "measured-\(code)",
                title: LocalizedText(fr: "Score et rang par région", en: "Score and rank by region"),
                columns: [
                    TableColumn("region", LocalizedText(fr: "Région", en: "Region")),
                    TableColumn("score", LocalizedText(fr: "Score", en: "Score"), decimals: 1),
                    TableColumn("rank", LocalizedText(fr: "Rang", en: "Rank")),
                    TableColumn("coverage", LocalizedText(fr: "Couverture (%)", en: "Coverage (%)")),
                ],
                rows: scores.map {
                    [.text($0.0.name), Cell($0.1.score), Cell($0.1.rank), .number(($0.1.coverage * 100).rounded())]
                }
            )
            measured += table.html(language: language, downloads: [])
            // The domain's indicators, region by region.
            let indicators = Array(
                Set(scores.flatMap { $0.0.indicators.filter { $0.domain == code }.map(\.indicator) })
            ).sorted()
            for indicator in indicators {
                let definition = context.catalogue?.indicators.first { $0.code == indicator }
                let positions = scores.compactMap { pair in
                    pair.0.indicators.first { $0.indicator == indicator }.map { (pair.0.name, $0) }
                }
                let title = LocalizedText(fr: definition?.label.fr ?? indicator, en: definition?.label.en ?? indicator)
                measured += "<h3>\(text(title.text(language)))</h3>"
                let table = ResultTable(
                    name: "indicator-\(indicator)",
                    title: LocalizedText(
                        fr: "\(definition?.unit ?? "") — \(definition?.source ?? "") \(definition?.vintage ?? "")",
                        en: "\(definition?.unit ?? "") — \(definition?.source ?? "") \(definition?.vintage ?? "")"),
                    columns: [
                        TableColumn("region", LocalizedText(fr: "Région", en: "Region")),
                        TableColumn("value", LocalizedText(fr: "Valeur", en: "Value"), decimals: 1),
                        TableColumn("france", LocalizedText(fr: "France", en: "France"), decimals: 1),
                        TableColumn("rank", LocalizedText(fr: "Rang", en: "Rank")),
                    ],
                    rows: positions.map { [.text($0.0), Cell($0.1.value), Cell($0.1.national), Cell($0.1.rank)] }
                )
                measured += table.html(language: language, downloads: [])
            }
        }
        sections.append(
            .init(id: "mesure", title: t("1. La fragilité mesurée", "1. Measured fragility"), html: measured))

        // 2. Perception by actor.
        var felt = ""
        let regions = context.analysis.profiles
        for actor in framework.actors.map(\.code) {
            let bars: [BarDatum] = regions.compactMap { profile in
                guard let e = context.regional(actor, "mean_rating", code, profile.territory.code),
                    let value = e.estimate
                else { return nil }
                return BarDatum(
                    label: profile.name, value: value, low: e.lower, high: e.upper, highlighted: e.belowThreshold)
            }
            guard !bars.isEmpty else { continue }
            let actorLabel = actorName(actor)
            felt += "<h3>\(text(actorLabel))</h3>"
            let national = context.national(actor, "mean_rating", code)?.estimate
            let svg = BarChart.render(
                id: "felt-\(code)-\(actor)",
                caption: ChartCaption.typeset(
                    language,
                    title: t(
                        "\(actorLabel) : note de fragilité « \(name) » par région (1 à 10)",
                        "\(actorLabel): fragility rating of “\(name)” by region (1 to 10)"),
                    description: t(
                        "Note moyenne pondérée par région avec intervalle de confiance à 95 % ; la ligne marque la "
                            + "valeur nationale.",
                        "Weighted mean rating by region with 95% confidence interval; the line marks the national "
                            + "value."
                    )),
                bars: bars, style: ValueStyle(decimals: 1, language: language),
                reference: national.map { (t("France", "France"), $0) }, maximum: 10
            )
            felt += "<figure class=\"chart-figure\">\(svg)</figure>"
            data.append(
                ResultTable(
                    name: "felt-\(actor)",
                    title: LocalizedText(
                        fr: "\(framework.actorLabel(actor).fr) : notes par région",
                        en: "\(framework.actorLabel(actor).en): ratings by region"),
                    columns: [
                        TableColumn("region", LocalizedText(fr: "Région", en: "Region")),
                        TableColumn("rating", LocalizedText(fr: "Note [IC 95 %]", en: "Rating [95% CI]")),
                    ],
                    rows: regions.map {
                        [.text($0.name), estimateText(context.regional(actor, "mean_rating", code, $0.territory.code))]
                    }
                ))
        }
        if felt.isEmpty {
            felt = paragraph(
                t(
                    "Aucune enquête n'est chargée : le ressenti ne peut pas être décrit.",
                    "No survey is loaded: perception cannot be described."), className: "callout")
        }
        sections.append(
            .init(id: "ressenti", title: t("2. Le regard des acteurs", "2. How the actors see it"), html: felt))

        // 3. Where partnerships are relevant.
        let charts = ProfileCharts(framework: framework, language: language)
        var rows: [[Cell]] = []
        for profile in regions {
            let relevance = profile.coConstruction.relevance.first { $0.domain == code }
            let cell = profile.fragilities.cells.first { $0.domain == code }
            rows.append([
                .text(profile.name), Cell(relevance.map { "\($0.rank)/\(profile.coConstruction.relevance.count)" }),
                Cell(relevance.map { $0.score.rounded() }),
                Cell(relevance.map { "[\(number($0.rankLow, 0))–\(number($0.rankHigh, 0))]" }),
                Cell(cell.map(charts.quadrantLabel)),
                .text(profile.synthesis.recommendedDomains.contains(code) ? t("oui", "yes") : t("non", "no")),
            ])
        }
        let relevance = ResultTable(
            name: "relevance-\(code)",
            title: LocalizedText(
                fr: "Rang du domaine pour les partenariats dans chaque région",
                en: "The domain's rank for partnerships in each region"),
            columns: [
                TableColumn("region", LocalizedText(fr: "Région", en: "Region")),
                TableColumn("rank", LocalizedText(fr: "Rang", en: "Rank")),
                TableColumn("score", LocalizedText(fr: "Score /100", en: "Score /100")),
                TableColumn("interval", LocalizedText(fr: "Intervalle de rang", en: "Rank interval")),
                TableColumn("class", LocalizedText(fr: "Mesure et ressenti", en: "Measure and perception")),
                TableColumn("recommended", LocalizedText(fr: "Recommandé", en: "Recommended")),
            ],
            rows: rows
        )
        sections.append(
            .init(
                id: "partenariats",
                title: t("3. Où des partenariats sont pertinents", "3. Where partnerships are relevant"),
                html: paragraph(
                    t(
                        "Rang du domaine parmi les 16 selon le score de pertinence des partenariats de chaque région "
                            + "(1 = le plus pertinent), avec l'intervalle de rang de l'analyse de Monte-Carlo.",
                        "The domain's rank among the 16 by each region's relevance score of partnerships (1 = most "
                            + "relevant), with the rank interval of the Monte-Carlo analysis."
                    )) + relevance.html(language: language, downloads: [])))
        sections.append(
            .init(
                id: "annexe", title: t("Annexe : données des graphiques", "Appendix: chart data"),
                html: data.map { $0.html(language: language, downloads: []) }.joined() + datasets()
                    + (demoWarning(illustrative: context.illustrative, synthetic: context.synthetic).map {
                        paragraph($0, className: "warning-box")
                    } ?? "")))

        return ReportDocument(
            language: language, title: t("Diagnostic sectoriel — ", "Sector report — ") + name,
            runningTitle: t("Diagnostic sectoriel — ", "Sector report — ") + name,
            coverHTML: cover(
                title: name,
                kind: t(
                    "Diagnostic sectoriel : le domaine dans toutes les régions",
                    "Sector report: the domain in every region"), wave: context.wave,
                warning: demoWarning(illustrative: context.illustrative, synthetic: context.synthetic)),
            sections: sections, withContents: true
        ).html()
    }
}

/// The national report: the consolidated view across regions and actors.
public struct NationalReport: Sendable, ReportWriting {
    public var context: ReportContext
    public var language: Language

    public init(context: ReportContext, language: Language) {
        self.context = context
        self.language = language
    }

    public func document() -> String {
        var sections: [ReportDocument.Section] = []
        let diagnosis = context.regionDiagnosis

        // 1. Regions by axis.
        var regionsHTML = paragraph(
            t(
                "Score composite de fragilité de chaque axe (moyenne des scores de ses domaines) et rang parmi les "
                    + "régions métropolitaines (1 = la plus fragile).",
                "Composite fragility score of each axis (mean of its domains' scores) and rank among metropolitan "
                    + "regions (1 = most fragile)."
            ))
        if let diagnosis {
            let table = ResultTable(
                name: "axes",
                title: LocalizedText(
                    fr: "Fragilité par axe et par région (score, rang)",
                    en: "Fragility by axis and region (score, rank)"),
                columns: [TableColumn("region", LocalizedText(fr: "Région", en: "Region"))]
                    + framework.axes.map { TableColumn($0.code, $0.label) },
                rows: diagnosis.territories.map { territory in
                    [.text(territory.name)]
                        + framework.axes.map { axis -> Cell in
                            guard let score = territory.axes.first(where: { $0.code == axis.code }),
                                let value = score.score
                            else { return .null }
                            return .text(number(value, 1) + " (\(score.rank.map(String.init) ?? "–"))")
                        }
                }
            )
            regionsHTML += table.html(language: language, downloads: [])
        } else {
            regionsHTML += paragraph(
                t("Aucun indicateur n'est chargé.", "No indicator is loaded."), className: "callout")
        }
        sections.append(
            .init(
                id: "regions", title: t("1. Les fragilités des régions", "1. The regions' fragilities"),
                html: regionsHTML))

        // 2. The actors' view, nationally.
        var actorsHTML = ""
        for actor in framework.actors.map(\.code) {
            let bars: [BarDatum] = framework.domains.compactMap { domain in
                guard let e = context.national(actor, "mean_rating", domain.code), let value = e.estimate else {
                    return nil
                }
                return BarDatum(label: domain.shortLabel.text(language), value: value, low: e.lower, high: e.upper)
            }.sorted { $0.value > $1.value }
            guard !bars.isEmpty else { continue }
            actorsHTML += "<h3>\(text(actorName(actor)))</h3>"
            actorsHTML +=
                "<figure class=\"chart-figure\">"
                + BarChart.render(
                    id: "national-\(actor)",
                    caption: ChartCaption.typeset(
                        language,
                        title: t(
                            "\(actorName(actor)) : note moyenne de fragilité par domaine, France (1 à 10)",
                            "\(actorName(actor)): mean fragility rating by domain, France (1 to 10)"),
                        description: t(
                            "Note moyenne pondérée nationale de chaque domaine avec intervalle de confiance à 95 %, "
                                + "du plus au moins fragile.",
                            "National weighted mean rating of each domain with 95% confidence interval, from most to "
                                + "least fragile."
                        )),
                    bars: bars, style: ValueStyle(decimals: 1, language: language), maximum: 10
                ) + "</figure>"
        }
        if actorsHTML.isEmpty {
            actorsHTML = paragraph(t("Aucune enquête n'est chargée.", "No survey is loaded."), className: "callout")
        }
        sections.append(
            .init(id: "acteurs", title: t("2. Le regard des acteurs", "2. How the actors see it"), html: actorsHTML))

        // 3. Co-construction and practices, nationally.
        var rows: [[Cell]] = []
        func add(_ label: String, _ e: SurveyEstimate?) {
            guard let e, let value = e.estimate else { return }
            var s = percent(value)
            if let l = e.lower, let u = e.upper {
                s += t(
                    " [\(number(l * 100, 0)) ; \(number(u * 100, 0))]",
                    " [\(number(l * 100, 0)), \(number(u * 100, 0))]")
            }
            rows.append([.text(label), .text(s), .integer(e.sampleSize)])
        }
        for actor in framework.actors {
            add(
                t("Alliances source d'innovation (d'accord) — ", "Alliances bring innovation (agree) — ")
                    + actor.label.text(language), context.national(actor.code, "innovation_agree", "all"))
        }
        for actor in context.measures.actors(with: "partnership_rate", framework) {
            add(
                t("Taux de partenariat — ", "Partnership rate — ") + actorName(actor),
                context.national(actor, "partnership_rate", "all"))
        }
        if let mayors = framework.mayors {
            for level in framework.coConstructionDynamic {
                add(
                    t("Maires — dynamique : ", "Mayors — dynamic: ") + level.label.text(language),
                    context.national(mayors, "dynamic", level.code)
                )
            }
        }
        let headline = ResultTable(
            name: "headline",
            title: LocalizedText(fr: "Chiffres clés nationaux [IC 95 %]", en: "National key figures [95% CI]"),
            columns: [
                TableColumn("figure", LocalizedText(fr: "Indicateur", en: "Figure")),
                TableColumn("value", LocalizedText(fr: "France", en: "France")),
                TableColumn("n", LocalizedText(fr: "n", en: "n")),
            ],
            rows: rows
        )
        sections.append(
            .init(
                id: "co-construction",
                title: t(
                    "3. Co-construction et pratiques partenariales", "3. Co-construction and partnership practices"),
                html: rows.isEmpty
                    ? paragraph(t("Aucune enquête n'est chargée.", "No survey is loaded."), className: "callout")
                    : headline.html(language: language, downloads: [])))

        // 4. Change over time.
        sections.append(
            .init(
                id: "evolution", title: t("4. Évolution depuis les vagues passées", "4. Change since past waves"),
                html: evolutionHTML()))

        // 5. Where to build alliances, region by region.
        let recommendations = ResultTable(
            name: "recommendations",
            title: LocalizedText(
                fr: "Domaines recommandés pour des alliances, par région",
                en: "Domains recommended for alliances, by region"),
            columns: [
                TableColumn("region", LocalizedText(fr: "Région", en: "Region")),
                TableColumn(
                    "domains",
                    LocalizedText(fr: "Domaines (du plus au moins pertinent)", en: "Domains (most relevant first)")),
            ],
            rows: context.analysis.profiles.map { profile in
                [
                    .text(profile.name),
                    .text(
                        profile.synthesis.recommendedDomains.map {
                            framework.domain($0)?.shortLabel.text(language) ?? $0
                        }.joined(separator: ", ")),
                ]
            }
        )
        sections.append(
            .init(
                id: "alliances", title: t("5. Où co-construire", "5. Where to co-construct"),
                html: recommendations.html(language: language, downloads: []) + datasets()
                    + (demoWarning(illustrative: context.illustrative, synthetic: context.synthetic).map {
                        paragraph($0, className: "warning-box")
                    } ?? "")))

        return ReportDocument(
            language: language, title: t("Rapport national", "National report"),
            runningTitle: t(
                "Rapport national — fragilités et "
                    + "co-construction", "National report — fragilities and co-construction"),
            coverHTML: cover(
                title: t("France", "France"),
                kind: t(
                    "Rapport national : fragilités et co-construction en territoire",
                    "National report: territorial fragilities and co-construction"), wave: context.wave,
                warning: demoWarning(illustrative: context.illustrative, synthetic: context.synthetic)),
            sections: sections, withContents: true
        ).html()
    }
}

extension NationalReport {
    /// The published ARPEA and PHARE figures against the wave read, then the previous wave of
    /// microdata against it, nationally: slope charts with intervals and the tables of differences.
    func evolutionHTML() -> String {
        guard let evolution = context.evolution, !(evolution.published.isEmpty && evolution.differences.isEmpty)
        else {
            return paragraph(
                t(
                    "Une seule vague est chargée : aucune évolution ne peut être mesurée.",
                    "Only one wave is loaded: no change can be measured."), className: "callout")
        }
        let view = EvolutionView(framework: framework, language: language)
        var html = ""
        if !evolution.published.isEmpty {
            let waves = Array(Set(evolution.published.map(\.earlier.wave))).sorted()
            html += paragraph(
                t(
                    "Chiffres publiés des programmes ARPEA et PHARE (vagues \(waves.joined(separator: ", ")), sans "
                        + "microdonnées) comparés à la vague \(evolution.later). Leur erreur type est approchée par "
                        + "√(p(1−p)/n) sur la base publiée, sans effet de plan : l'incertitude est sous-estimée et ces "
                        + "lignes sont marquées « ET approchée ». Une note moyenne publiée n'a pas d'erreur type "
                        + "(sa dispersion n'est pas publiée) : son écart est donné sans intervalle.",
                    "Figures published by the ARPEA and PHARE programmes (waves \(waves.joined(separator: ", ")), "
                        + "without microdata) compared with the \(evolution.later) wave. Their standard error is "
                        + "approximated by √(p(1−p)/n) on the published base, without design effect: the uncertainty "
                        + "is understated and these rows are flagged \"approx. SE\". A published mean rating has no "
                        + "standard error (its spread is not published): its change is given without interval."))
            let impact = evolution.published.filter { $0.actor == "citoyens" && $0.measure == "share_impact" }
            if !impact.isEmpty {
                html += view.slope(
                    id: "evolution-published-impact",
                    title: t(
                        "Citoyens : part jugeant fort l'impact possible des partenariats, \(impact[0].earlier.wave) "
                            + "(publié) → \(evolution.later)",
                        "Citizens: share expecting a strong impact of partnerships, \(impact[0].earlier.wave) "
                            + "(published) → \(evolution.later)"),
                    rows: impact, labels: view.itemName)
                html += paragraph(view.summary(impact))
            }
            let rates = evolution.published.filter { $0.measure == "partnership_rate" }
            if !rates.isEmpty {
                html += view.slope(
                    id: "evolution-published-partnerships",
                    title: t(
                        "Taux de partenariat : chiffres publiés → \(evolution.later)",
                        "Partnership rate: published figures → \(evolution.later)"),
                    rows: rates,
                    labels: { "\(self.actorName($0.actor)) \($0.earlier.wave)" })
            }
            html += view.table(
                name: "evolution-published",
                title: LocalizedText(
                    fr: "Chiffres publiés et vague \(evolution.later) : écarts et intervalles à 95 %",
                    en: "Published figures and the \(evolution.later) wave: changes and 95% intervals"),
                rows: evolution.published
            ).html(language: language, downloads: [])
        }
        if let earlier = evolution.earlier {
            let national = evolution.differences.filter { $0.group == "FR" }
            html +=
                "<h3>"
                + text(t("Vague \(earlier) → vague \(evolution.later)", "Wave \(earlier) → wave \(evolution.later)"))
                + "</h3>"
            for actor in framework.actors.map(\.code) {
                let ratings = national.filter { $0.actor == actor && $0.measure == "mean_rating" }
                guard !ratings.isEmpty else { continue }
                html += view.slope(
                    id: "evolution-\(actor)",
                    title: t(
                        "\(actorName(actor)) : note moyenne de fragilité, \(earlier) → \(evolution.later) (1 à 10)",
                        "\(actorName(actor)): mean fragility rating, \(earlier) → \(evolution.later) (1 to 10)"),
                    rows: ratings, labels: view.itemName)
                html += paragraph(view.summary(ratings))
            }
            html += view.table(
                name: "evolution-waves",
                title: LocalizedText(
                    fr: "Vague \(earlier) → \(evolution.later), France : écarts et intervalles à 95 %",
                    en: "Wave \(earlier) → \(evolution.later), France: changes and 95% intervals"),
                rows: national.filter { $0.measure != "mean_rating" }
            ).html(language: language, downloads: [])
        }
        return html
    }
}
