import Foundation
import PhareAnalysis
import PhareCore

/// What every report reads: the analysis and where its numbers come from.
public struct ReportContext: Sendable {
    public var framework: Framework
    public var catalogue: IndicatorCatalogue?
    public var analysis: ObservatoryAnalysis
    public var diagnoses: [Diagnosis]
    /// The wave's published measures, national and by region, indexed for lookup.
    public var measures: MeasureIndex
    public var wave: String?
    public var geometry: MapGeometry?
    /// The date printed on the cover (ISO, YYYY-MM-DD).
    public var date: String
    /// Where the real indicator values come from (listed in every report's appendix).
    public var provenance: OpenDataProvenance?
    /// How the measures changed up to `wave` (previous wave, published past figures).
    public var evolution: WaveEvolution?
    /// Statistical coherence of the domains and axes over the metropolitan regions.
    public var coherence: [GroupCoherence]

    public init(
        framework: Framework, catalogue: IndicatorCatalogue?, analysis: ObservatoryAnalysis, diagnoses: [Diagnosis],
        measures: [MeasureEstimate], wave: String?, geometry: MapGeometry?, date: String,
        provenance: OpenDataProvenance? = nil, evolution: WaveEvolution? = nil, coherence: [GroupCoherence] = []
    ) {
        self.coherence = coherence
        self.provenance = provenance
        self.evolution = evolution
        self.framework = framework
        self.catalogue = catalogue
        self.analysis = analysis
        self.diagnoses = diagnoses
        self.measures = MeasureIndex(measures)
        self.wave = wave
        self.geometry = geometry
        self.date = date
    }
}

/// What every report writer shares: the reader's language and how text, numbers and charts are written.
protocol ReportWriting {
    var context: ReportContext { get }
    var language: Language { get }
}

extension ReportWriting {
    var framework: Framework { context.framework }
    func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }
    func text(_ s: String) -> String { ReportDocument.text(s, language) }
    func number(_ value: Double, _ decimals: Int) -> String {
        NumberFormatting.format(value, decimals: decimals, language: language)
    }
    func percent(_ share: Double) -> String { number(share * 100, 0) + t(" %", "%") }

    /// The open datasets behind the real values, with the attribution the Licence Ouverte asks for
    /// (producer and dataset), vintage, licence and the copy used; a sentence when there is none.
    func datasets() -> String {
        var html = "<h3>\(text(t("Jeux de données ouverts utilisés", "Open datasets used")))</h3>"
        guard let provenance = context.provenance, !provenance.sources.isEmpty else {
            return html
                + "<p>\(text(t("Aucune donnée ouverte de référence n'est chargée.", "No open-data baseline is loaded.")))</p>"
        }
        let table = ResultTable(
            name: "datasets",
            title: LocalizedText(
                fr: "Producteurs, jeux de données, millésimes et licences",
                en: "Producers, datasets, vintages and licences"),
            columns: [
                TableColumn("producer", LocalizedText(fr: "Producteur", en: "Producer")),
                TableColumn("dataset", LocalizedText(fr: "Jeu de données", en: "Dataset")),
                TableColumn("vintage", LocalizedText(fr: "Millésime", en: "Vintage")),
                TableColumn("licence", LocalizedText(fr: "Licence", en: "Licence")),
            ],
            rows: provenance.sources.map {
                [.text($0.producer), .text($0.dataset), .text($0.vintage), .text($0.licence)]
            }
        )
        return html + table.html(language: language, downloads: [])
    }
    func domainName(_ code: String) -> String { framework.domain(code)?.label.text(language) ?? code }
    func actorName(_ code: ActorCode) -> String { framework.actorLabel(code).text(language) }

    func figure(_ chart: ProfileChart) -> String {
        "<figure class=\"chart-figure\"><p "
            + "class=\"chart-title\">\(text(chart.title))</p>\(chart.svg)<figcaption>\(text(t("Données : tableau « \(chart.table.title.fr) » en annexe.", "Data: table “\(chart.table.title.en)” in the appendix.")))</figcaption></figure>"
    }

    func paragraph(_ s: String, className: String? = nil) -> String {
        "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(text(s))</p>"
    }

    func cover(title: String, kind: String, wave: String?, warning: String?) -> String {
        var html =
            "<div class=\"cover\"><div "
            + "class=\"kicker\">\(text(t("Observatoire des fragilités et de la co-construction", "Observatory of fragilities and co-construction")))</div>"
        html += "<h1>\(text(title))</h1><div class=\"subtitle\">\(text(kind))</div>"
        html +=
            "<div class=\"meta\">\(text(t("Vague d'enquête", "Survey wave"))) \(text(wave ?? "–")) · "
            + "\(text(t("Édité le", "Published on"))) \(text(context.date)) · Phare</div>"
        if let warning { html += "<div class=\"warning\">\(text(warning))</div>" }
        return html + "</div>"
    }

    func demoWarning(illustrative: Bool, synthetic: Bool) -> String? {
        guard illustrative || synthetic else { return nil }
        var parts: [String] = []
        if illustrative {
            parts.append(
                t(
                    "des valeurs d'indicateurs sont illustratives (démonstration) : celles des indicateurs sans "
                        + "source ouverte",
                    "some indicator values are illustrative (demo): those of indicators without an open source"))
        }
        if synthetic {
            parts.append(
                t("les réponses d'enquête sont synthétiques (générées)", "survey answers are synthetic (generated)"))
        }
        return t("Attention : ", "Caution: ") + parts.joined(separator: t(" ; ", "; "))
            + t(
                ". Ce document montre le fonctionnement de Phare, pas la situation réelle du territoire.",
                ". This document shows how Phare works, not the territory's real situation.")
    }
}

/// The regional report (five parts and a methods appendix) and its two-page synthesis.
public struct RegionReport: Sendable, ReportWriting {
    public var context: ReportContext
    public var language: Language

    public init(context: ReportContext, language: Language) {
        self.context = context
        self.language = language
    }

    func demoWarning(_ provenance: ProfileProvenance) -> String? {
        demoWarning(illustrative: provenance.illustrativeIndicators, synthetic: provenance.syntheticSurveys)
    }

    func cover(_ profile: RegionProfile, kind: String) -> String {
        cover(
            title: profile.name, kind: kind, wave: profile.provenance.surveyWave,
            warning: demoWarning(profile.provenance))
    }

    // MARK: Parts

    func identity(_ profile: RegionProfile) -> String {
        let id = profile.identity
        var html = "<dl class=\"facts\">"
        func fact(_ label: String, _ value: String) {
            html += "<div><dt>\(text(label))</dt><dd>\(text(value))</dd></div>"
        }
        fact(
            t("Population municipale", "Municipal population"),
            id.population.map { NumberFormatting.format($0, language: language) } ?? t("inconnue", "unknown"))
        if let share = id.shareOfFrance {
            fact(t("Part de la France", "Share of France"), number(share * 100, 1) + t(" %", "%"))
        }
        fact(t("Superficie", "Area"), id.areaKm2.map { number($0, 0) + " km²" } ?? "–")
        fact(t("Densité", "Density"), id.density.map { number($0, 1) + t(" hab./km²", " inhab./km²") } ?? "–")
        fact(t("Départements", "Départements"), "\(id.subdivisions.count)")
        fact(t("Communes", "Communes"), NumberFormatting.format(id.communeCount, language: language))
        html += "</dl>"
        if !id.subdivisions.isEmpty {
            let table = ResultTable(
                name: "departements", title: LocalizedText(fr: "Départements", en: "Départements"),
                columns: [
                    TableColumn("name", LocalizedText(fr: "Département", en: "Département")),
                    TableColumn("code", LocalizedText(fr: "Code", en: "Code")),
                    TableColumn("population", LocalizedText(fr: "Population", en: "Population")),
                ],
                rows: id.subdivisions.map { [.text($0.name), .text($0.code), Cell($0.population)] }
            )
            html += table.html(language: language, downloads: [])
        }
        if id.keyIndicators.isEmpty {
            html += paragraph(
                t(
                    "Aucun indicateur statistique n'est chargé pour ce territoire.",
                    "No statistical indicator is loaded for this territory."), className: "callout")
        } else {
            html += "<h3>\(text(t("Indicateurs clés", "Key indicators")))</h3>"
            let table = ResultTable(
                name: "key-indicators",
                title: LocalizedText(fr: "Un indicateur par domaine", en: "One indicator per domain"),
                columns: [
                    TableColumn("indicator", LocalizedText(fr: "Indicateur", en: "Indicator")),
                    TableColumn("value", LocalizedText(fr: "Valeur", en: "Value"), decimals: 1),
                    TableColumn("unit", LocalizedText(fr: "Unité", en: "Unit")),
                    TableColumn("france", LocalizedText(fr: "France", en: "France"), decimals: 1),
                    TableColumn("rank", LocalizedText(fr: "Rang (1 = plus fragile)", en: "Rank (1 = most fragile)")),
                    TableColumn("year", LocalizedText(fr: "Année", en: "Year")),
                ],
                rows: id.keyIndicators.map { k in
                    [
                        .text(k.label.text(language) + (k.illustrative ? t(" (illustratif)", " (illustrative)") : "")),
                        .number(k.value), .text(k.unit), Cell(k.national),
                        Cell(k.rank.map { "\($0)/\(k.peers ?? 0)" }), Cell(k.year.map(String.init)),
                    ]
                }
            )
            html += table.html(language: language, downloads: [])
        }
        return html
    }

    func hasSurvey(_ profile: RegionProfile) -> Bool {
        profile.fragilities.cells.contains { !$0.perceptions.isEmpty }
    }

    func fragilities(_ profile: RegionProfile, charts: ProfileCharts) -> String {
        var html = paragraph(
            t(
                "Chaque domaine est lu de deux façons : sa fragilité mesurée par les indicateurs, rapportée aux "
                    + "autres régions, et la fragilité ressentie par les citoyens, les associations et les "
                    + "entreprises (note de 1 à 10). Un domaine n'est dit « ressenti » que si l'intervalle de "
                    + "confiance de la note le permet.",
                "Each domain is read two ways: its fragility as measured by the indicators, relative to the other "
                    + "regions, and the fragility felt by citizens, associations and companies (a rating from 1 to "
                    + "10). A domain is called “felt” only when the rating's confidence interval allows it."
            ))
        if !hasSurvey(profile) {
            html += paragraph(
                t(
                    "Aucune réponse d'enquête n'est disponible pour ce territoire : seule la fragilité mesurée est "
                        + "présentée.",
                    "No survey answer is available for this territory: only measured fragility is shown."),
                className: "callout")
        }
        for chart in charts.measuredAndFelt(profile) { html += figure(chart) }
        html += "<h3>\(text(t("Lecture croisée par domaine", "Cross reading by domain")))</h3>"
        let actors = framework.perceivingActors
        var rows: [[Cell]] = []
        for cell in profile.fragilities.cells {
            var row: [Cell] = [
                .text(framework.domain(cell.domain)?.shortLabel.text(language) ?? cell.domain),
                Cell(cell.measured.map { "\($0.rank)/\($0.peerCount)" }),
            ]
            for actor in actors {
                if let p = cell.perceptions.first(where: { $0.estimate.actor == actor }) {
                    let e = p.estimate
                    row.append(
                        .text(
                            number(e.mean, 1)
                                + t(
                                    " [\(number(e.lower, 1)) ; \(number(e.upper, 1))] n = \(e.n)",
                                    " [\(number(e.lower, 1)), \(number(e.upper, 1))] n = \(e.n)")))
                } else {
                    row.append(.null)
                }
            }
            row.append(.text(charts.quadrantLabel(cell)))
            rows.append(row)
        }
        let table = ResultTable(
            name: "crossview",
            title: LocalizedText(
                fr: "Fragilité mesurée (rang parmi les régions) et note ressentie [IC 95 %] par acteur",
                en: "Measured fragility (rank among regions) and felt rating [95% CI] by actor"),
            columns: [
                TableColumn("domain", LocalizedText(fr: "Domaine", en: "Domain")),
                TableColumn("measured_rank", LocalizedText(fr: "Rang mesuré", en: "Measured rank")),
            ]
                + actors.map { TableColumn($0.rawValue, framework.actorLabel($0)) }
                + [TableColumn("class", LocalizedText(fr: "Lecture", en: "Reading"))],
            rows: rows
        )
        html += table.html(language: language, downloads: [])
        if let rho = profile.fragilities.correlation, let lower = rho.lower, let upper = rho.upper {
            html += paragraph(
                t(
                    "Corrélation de rang de Spearman entre mesure et ressenti sur les \(rho.n) domaines : ρ = "
                        + "\(number(rho.rho, 2)), intervalle de confiance à 95 % [\(number(lower, 2)) ; "
                        + "\(number(upper, 2))].",
                    "Spearman rank correlation between measure and perception over \(rho.n) domains: ρ = "
                        + "\(number(rho.rho, 2)), 95% confidence interval [\(number(lower, 2)), \(number(upper, 2))]."
                ), className: "note")
        }
        for actor in actors { if let chart = charts.perception(profile, actor: actor) { html += figure(chart) } }
        return html
    }

    func coConstruction(_ profile: RegionProfile, charts: ProfileCharts) -> String {
        let co = profile.coConstruction
        var html = ""
        let minimum = profile.provenance.minimumRespondents
        if co.mayorsRespondents == 0 {
            html += paragraph(
                t(
                    "Aucun maire de ce territoire n'a répondu à l'enquête : l'état de la co-construction ne peut pas "
                        + "être décrit.",
                    "No mayor of this territory answered the survey: the state of co-construction cannot be "
                        + "described."),
                className: "callout")
        } else {
            html += paragraph(
                t(
                    "\(co.mayorsRespondents) maires ou adjoints ont répondu.",
                    "\(co.mayorsRespondents) mayors or deputy mayors answered.")
                    + (co.mayorsRespondents < minimum
                        ? t(
                            " C'est moins que le seuil de publication (\(minimum)) : les parts ci-dessous sont "
                                + "indicatives et ne permettent aucune conclusion.",
                            " That is below the publication threshold (\(minimum)): the shares below are indicative "
                                + "and support no conclusion."
                        ) : ""),
                className: co.mayorsRespondents < minimum ? "warning-box" : nil)
            if let chart = charts.shares(
                co.dynamic, id: "dynamic",
                title: LocalizedText(
                    fr: "Dynamique de co-construction selon les maires",
                    en: "Co-construction dynamic according to mayors"),
                description: LocalizedText(
                    fr:
                        "Part des maires de \(profile.name) pour chaque niveau de la dynamique de co-construction, "
                        + "avec intervalle de confiance à 95 %, et valeur nationale.",
                    en:
                        "Share of mayors in \(profile.name) at each level of the co-construction dynamic, with 95% "
                        + "confidence interval, and the national value."
                ), profile: profile)
            {
                html += figure(chart)
            }
            if !co.roles.isEmpty {
                html +=
                    "<h3>\(text(t("Le rôle de la collectivité selon les maires", "The local authority's role according to mayors")))</h3>"
                let table = ResultTable(
                    name: "roles",
                    title: LocalizedText(
                        fr: "Part des maires d'accord [IC 95 %]", en: "Share of mayors agreeing [95% CI]"),
                    columns: [
                        TableColumn("role", LocalizedText(fr: "Rôle", en: "Role")),
                        TableColumn("share", LocalizedText(fr: "Région", en: "Region")),
                        TableColumn("france", LocalizedText(fr: "France", en: "France")),
                    ],
                    rows: co.roles.map { r in
                        [
                            .text(r.label.text(language)), .text(shareText(r.figure)),
                            Cell(r.national.map { percent($0.value) }),
                        ]
                    }
                )
                html += table.html(language: language, downloads: [])
            }
        }
        html +=
            "<h3>\(text(t("Où des partenariats seraient-ils les plus utiles ?", "Where would partnerships help most?")))</h3>"
        html += paragraph(
            t(
                "Le score de pertinence (0 à 100) combine à parts égales la fragilité mesurée, la fragilité "
                    + "ressentie, la part des acteurs qui attendent un impact fort des partenariats et la part des "
                    + "maires qui jugent les partenariats pertinents ; une composante sans données suffisantes "
                    + "est écartée. L'intervalle de rang montre combien le classement dépend des pondérations "
                    + "et de l'incertitude des enquêtes.",
                "The relevance score (0 to 100) weighs equally the measured fragility, the felt fragility, the share "
                    + "of actors expecting a strong impact of partnerships and the share of mayors who find "
                    + "partnerships relevant; a component without enough data is left out. The rank interval "
                    + "shows how much the ranking depends on the weights and on survey uncertainty."
            ))
        if let chart = charts.relevance(profile) { html += figure(chart) }
        html += recommendations(profile)
        return html
    }

    func shareText(_ figure: ProfileFigure) -> String {
        var s = percent(figure.value)
        if let l = figure.lower, let u = figure.upper {
            s += t(
                " [\(number(l * 100, 0)) ; \(number(u * 100, 0))]", " [\(number(l * 100, 0)), \(number(u * 100, 0))]")
        }
        if let n = figure.n { s += ", n = \(n)" }
        if figure.belowThreshold { s += t(" (base faible)", " (small base)") }
        return s
    }

    func recommendations(_ profile: RegionProfile) -> String {
        let writer = SynthesisWriter(
            framework: framework, name: profile.name, minimumRespondents: profile.provenance.minimumRespondents)
        let recommended = profile.synthesis.recommendedDomains.compactMap { code in
            profile.coConstruction.relevance.first { $0.domain == code }
        }
        guard !recommended.isEmpty else { return "" }
        var html =
            "<div class=\"callout\"><p><strong>\(text(t("Domaines recommandés pour des alliances", "Domains recommended for alliances")))</strong></p><ol class=\"synthesis\">"
        for item in recommended {
            let reasons = item.reasons.map { writer.reason(for: $0, language) }
            html +=
                "<li><strong>\(text(domainName(item.domain)))</strong> — \(text(t("score", "score"))) "
                + "\(text(number(item.score, 0)))/100, \(text(t("rang", "rank"))) \(item.rank) "
                + "[\(text(number(item.rankLow, 0)))–\(text(number(item.rankHigh, 0)))]"
            if !reasons.isEmpty {
                html += "<ul class=\"reasons\">" + reasons.map { "<li>\(text($0))</li>" }.joined() + "</ul>"
            }
            html += "</li>"
        }
        return html + "</ol></div>"
    }

    func practices(_ profile: RegionProfile, charts: ProfileCharts) -> String {
        let p = profile.practices
        guard !(p.partnershipRates.isEmpty && p.types.isEmpty && p.innovationAgreement.isEmpty) else {
            return paragraph(
                t(
                    "Aucune réponse d'association ni d'entreprise n'est disponible pour ce territoire : les pratiques "
                        + "partenariales ne peuvent pas être décrites.",
                    "No answer from associations or companies is available for this territory: partnership practices "
                        + "cannot be described."
                ), className: "callout")
        }
        var html = paragraph(
            t(
                "Chaque taux est comparé à la valeur nationale ; l'écart est dit significatif quand son intervalle de "
                    + "confiance à 95 % exclut zéro (la région étant comparée au reste de la France).",
                "Each rate is compared with the national value; the difference is called significant when its 95% "
                    + "confidence interval excludes zero (the region being compared with the rest of France)."
            ))
        if let chart = charts.shares(
            p.partnershipRates, id: "partnership-rates",
            title: LocalizedText(fr: "Taux de partenariat", en: "Partnership rate"),
            description: LocalizedText(
                fr:
                    "Part des associations et des entreprises de \(profile.name) ayant au moins un partenariat, avec "
                    + "intervalle de confiance à 95 %, et valeur nationale.",
                en:
                    "Share of associations and companies in \(profile.name) with at least one partnership, with 95% "
                    + "confidence interval, and the national value."
            ), profile: profile)
        {
            html += figure(chart)
        }
        for (title, items) in [
            (LocalizedText(fr: "Types de partenariat pratiqués", en: "Partnership types practised"), p.types),
            (
                LocalizedText(fr: "Portée géographique des partenariats", en: "Geographic scope of partnerships"),
                p.scopes
            ),
        ] where !items.isEmpty {
            html += "<h3>\(text(title.text(language)))</h3>"
            let table = ResultTable(
                name: "practices",
                title: LocalizedText(
                    fr: "Part parmi les organisations ayant des partenariats [IC 95 %]",
                    en: "Share among organisations with partnerships [95% CI]"),
                columns: [
                    TableColumn("item", LocalizedText(fr: "Élément", en: "Item")),
                    TableColumn("region", LocalizedText(fr: "Région", en: "Region")),
                    TableColumn("france", LocalizedText(fr: "France", en: "France")),
                    TableColumn("difference", LocalizedText(fr: "Écart", en: "Difference")),
                ],
                rows: items.map { item in
                    [
                        .text(item.label.text(language)), .text(shareText(item.figure)),
                        Cell(item.national.map { percent($0.value) }),
                        Cell(
                            item.comparison.map { c in
                                (c.difference >= 0 ? "+" : "") + number(c.difference * 100, 1) + t(" pt", " pt")
                                    + (c.isSignificant ? t(" (significatif)", " (significant)") : "")
                            }),
                    ]
                }
            )
            html += table.html(language: language, downloads: [])
        }
        if let chart = charts.shares(
            p.innovationAgreement, id: "innovation",
            title: LocalizedText(
                fr: "Les alliances, source d'innovation (d'accord)", en: "Alliances as a source of innovation (agree)"),
            description: LocalizedText(
                fr:
                    "Part des acteurs de \(profile.name) d'accord pour dire que les alliances sont source "
                    + "d'innovation, avec intervalle de confiance à 95 %, et valeur nationale.",
                en:
                    "Share of actors in \(profile.name) agreeing that alliances bring innovation, with 95% confidence "
                    + "interval, and the national value."
            ), profile: profile)
        {
            html += figure(chart)
        }
        return html
    }

    func synthesis(_ profile: RegionProfile) -> String {
        var html = "<ol class=\"synthesis\">"
        for sentence in profile.synthesis.sentences { html += "<li>\(text(sentence.text(language)))</li>" }
        html += "</ol>"
        return html + recommendations(profile)
    }

    func methods(_ profile: RegionProfile, charts: [ProfileChart]) -> String {
        var html = "<h3>\(text(t("Sources des indicateurs", "Indicator sources")))</h3>"
        let used = Set(context.diagnoses.flatMap { $0.territories.flatMap { $0.indicators.map(\.indicator) } })
        let definitions = (context.catalogue?.diagnosed() ?? []).filter { used.contains($0.code) }
        if definitions.isEmpty {
            html += paragraph(t("Aucun indicateur n'a été utilisé.", "No indicator was used."))
        } else {
            let table = ResultTable(
                name: "sources",
                title: LocalizedText(
                    fr: "Indicateurs utilisés, avec leur source et leur millésime",
                    en: "Indicators used, with their source and vintage"),
                columns: [
                    TableColumn("indicator", LocalizedText(fr: "Indicateur", en: "Indicator")),
                    TableColumn("domain", LocalizedText(fr: "Domaine", en: "Domain")),
                    TableColumn("unit", LocalizedText(fr: "Unité", en: "Unit")),
                    TableColumn("source", LocalizedText(fr: "Source", en: "Source")),
                    TableColumn("vintage", LocalizedText(fr: "Millésime", en: "Vintage")),
                ],
                rows: definitions.map { d in
                    [
                        .text(d.label.text(language)),
                        .text(d.domain.flatMap { framework.domain($0)?.shortLabel.text(language) } ?? "–"),
                        .text(d.unit), .text(d.source), .text(d.vintage),
                    ]
                }
            )
            html += table.html(language: language, downloads: [])
        }
        html += datasets()
        html += "<h3>\(text(t("Enquêtes et pondération", "Surveys and weighting")))</h3>"
        let bases = framework.actors.map { actor in
            actor.label.text(language) + t(" : ", ": ")
                + String(profile.provenance.respondents[actor.code.rawValue] ?? 0)
        }
        html += paragraph(
            t(
                "Vague \(profile.provenance.surveyWave ?? "–"). Répondants dans la région : ",
                "Wave \(profile.provenance.surveyWave ?? "–"). Respondents in the region: ")
                + bases.joined(separator: t(" ; ", "; ")) + ".")
        html += paragraph(
            t(
                "Les réponses de chaque acteur sont pondérées par calage (raking) sur la structure connue de sa "
                    + "population (région et variables de profil). Les estimations sont des moyennes et des "
                    + "proportions pondérées ; leurs erreurs types sont calculées par linéarisation de Taylor en "
                    + "tenant compte du calage, comme le paquet R survey. Les intervalles de confiance des "
                    + "proportions sont calculés sur l'échelle logit et restent dans [0 ; 100 %]. n est "
                    + "le nombre de répondants ; n effectif, la taille d'un échantillon aléatoire "
                    + "simple de même précision (Kish). Une estimation sur moins de "
                    + "\(profile.provenance.minimumRespondents) répondants est signalée et "
                    + "n'entre dans aucune conclusion.",
                "Each actor's answers are weighted by raking to the known structure of its population (region and "
                    + "profile variables). Estimates are weighted means and proportions; their standard errors come "
                    + "from Taylor linearisation accounting for the calibration, as in R's survey package. "
                    + "Confidence intervals of proportions are computed on the logit scale and stay within "
                    + "[0, 100%]. n is the number of respondents; effective n, the size of a simple "
                    + "random sample with the same precision (Kish). An estimate on fewer than "
                    + "\(profile.provenance.minimumRespondents) respondents is flagged and enters "
                    + "no conclusion."
            ))
        html += "<h3>\(text(t("Lire les intervalles", "Reading the intervals")))</h3>"
        html += paragraph(
            t(
                "Un intervalle de confiance à 95 % contient la vraie valeur dans 95 % des échantillons possibles. Les "
                    + "rangs mesurés sont ceux des scores composites (normalisation par score z, agrégation "
                    + "arithmétique, pondérations égales) parmi les régions de l'ensemble de comparaison ; les "
                    + "intervalles de rang viennent d'analyses de Monte-Carlo décrites dans "
                    + "docs/METHODOLOGY.md.",
                "A 95% confidence interval holds the true value in 95% of possible samples. Measured ranks are those "
                    + "of the composite scores (z-score normalisation, arithmetic aggregation, equal weights) among "
                    + "the regions of the comparison set; rank intervals come from Monte-Carlo analyses described "
                    + "in docs/METHODOLOGY.md."
            ))
        html += coherence()
        if let warning = demoWarning(profile.provenance) { html += paragraph(warning, className: "warning-box") }
        html += "<h3>\(text(t("Données des graphiques", "Chart data")))</h3>"
        for chart in charts { html += chart.table.html(language: language, downloads: []) }
        return html
    }

    /// The coherence of each domain and axis (`Coherence`): alpha, first component, flagged pairs.
    func coherence() -> String {
        guard !context.coherence.isEmpty else { return "" }
        var html =
            "<h3>\(text(t("Cohérence statistique des indicateurs", "Statistical coherence of the indicators")))</h3>"
        html += paragraph(
            t(
                "Par domaine et par axe, sur les régions métropolitaines ayant une valeur pour chaque indicateur, "
                    + "les indicateurs orientés (plus élevé = plus fragile) : α de Cronbach standardisé, part de "
                    + "la variance portée par la première composante principale, paires corrélées négativement "
                    + "(r < 0) ou colinéaires (|r| > 0,9). Formules dans docs/METHODOLOGY.md.",
                "By domain and axis, over the metropolitan regions with a value on every indicator, the indicators "
                    + "oriented (higher = more fragile): standardised Cronbach's alpha, share of the variance carried "
                    + "by the first principal component, pairs correlated negatively (r < 0) or collinear "
                    + "(|r| > 0.9). Formulas in docs/METHODOLOGY.md."))
        func name(_ group: GroupCoherence) -> String {
            switch group.kind {
            case .domain: framework.domain(group.code)?.shortLabel.text(language) ?? group.code
            case .axis: framework.axes.first { $0.code == group.code }?.label.text(language) ?? group.code
            }
        }
        func label(_ pair: IndicatorPair) -> String {
            (context.catalogue?[pair.first]?.label.text(language) ?? pair.first) + " – "
                + (context.catalogue?[pair.second]?.label.text(language) ?? pair.second)
        }
        let table = ResultTable(
            name: "coherence",
            title: LocalizedText(
                fr: "Cohérence statistique des indicateurs par domaine et par axe",
                en: "Statistical coherence of the indicators by domain and axis"),
            columns: [
                TableColumn("group", LocalizedText(fr: "Domaine ou axe", en: "Domain or axis")),
                TableColumn("indicators", LocalizedText(fr: "Indicateurs", en: "Indicators")),
                TableColumn("regions", LocalizedText(fr: "Régions", en: "Regions")),
                TableColumn("cronbach_alpha", LocalizedText(fr: "α de Cronbach", en: "Cronbach's α"), decimals: 2),
                TableColumn(
                    "first_component_share_percent",
                    LocalizedText(fr: "1re composante (%)", en: "1st component (%)"), decimals: 0),
                TableColumn("negative_pairs", LocalizedText(fr: "Paires négatives", en: "Negative pairs")),
                TableColumn("collinear_pairs", LocalizedText(fr: "Paires colinéaires", en: "Collinear pairs")),
            ],
            rows: context.coherence.map { group in
                [
                    .text((group.kind == .axis ? t("Axe ", "Axis ") : "") + name(group)),
                    .integer(group.indicators.count), .integer(group.territories), Cell(group.cronbachAlpha),
                    Cell(group.firstComponentShare.map { 100 * $0 }), .integer(group.negativePairs.count),
                    .integer(group.collinearPairs.count),
                ]
            }
        )
        html += table.html(language: language, downloads: [])
        // The collinear pairs are few and worth naming; the negative ones (an axis can hold hundreds)
        // are listed on the dashboard's coherence page and in its download.
        let collinear = context.coherence.filter { $0.kind == .domain }.flatMap { group in
            group.collinearPairs.map { label($0) + " (" + name(group) + ")" }
        }
        if !collinear.isEmpty {
            html += paragraph(
                t("Paires colinéaires (|r| > 0,9) : ", "Collinear pairs (|r| > 0.9): ")
                    + collinear.joined(separator: t(" ; ", "; ")) + ".")
        }
        return html
    }

    // MARK: Documents

    /// The full regional report: cover, contents, the five parts, methods and data appendix.
    public func full(_ profile: RegionProfile) -> String {
        let charts = ProfileCharts(framework: framework, language: language)
        var sections: [ReportDocument.Section] = [
            .init(id: "identite", title: t("1. Carte d'identité", "1. Identity card"), html: identity(profile)),
            .init(
                id: "fragilites", title: t("2. Fragilités mesurées et ressenties", "2. Fragilities, measured and felt"),
                html: fragilities(profile, charts: charts)),
            .init(
                id: "co-construction", title: t("3. État de la co-construction", "3. State of co-construction"),
                html: coConstruction(profile, charts: charts)),
            .init(
                id: "pratiques", title: t("4. Pratiques partenariales", "4. Partnership practices"),
                html: practices(profile, charts: charts)),
            .init(id: "synthese", title: t("5. Synthèse", "5. Synthesis"), html: synthesis(profile)),
        ]
        if let evolution = context.evolution, let earlier = evolution.earlier {
            sections.append(
                .init(
                    id: "evolution",
                    title: t(
                        "6. Évolution \(earlier) → \(evolution.later)", "6. Change \(earlier) → \(evolution.later)"),
                    html: evolutionHTML(profile, evolution)))
        }
        sections.append(
            .init(
                id: "methodes", title: t("Annexe : méthodes et données", "Appendix: methods and data"),
                html: methods(profile, charts: charts.all(profile))))
        return ReportDocument(
            language: language, title: t("Rapport régional — ", "Regional report — ") + profile.name,
            runningTitle: t("Rapport régional — ", "Regional report — ") + profile.name,
            coverHTML: cover(
                profile,
                kind: t(
                    "Rapport régional : fragilités et co-construction",
                    "Regional report: fragilities and co-construction")),
            sections: sections, withContents: true
        ).html()
    }

    /// The two-page synthesis: key figures, what the numbers say, the recommended domains.
    public func synthesisDocument(_ profile: RegionProfile) -> String {
        var html =
            "<p class=\"note\">\(text(t("Synthèse du rapport régional", "Synthesis of the regional report"))) · "
            + "\(text(context.date)) · \(text(t("vague", "wave"))) "
            + "\(text(profile.provenance.surveyWave ?? "–"))</p>"
        if let warning = demoWarning(profile.provenance) { html += paragraph(warning, className: "warning-box") }
        html += "<dl class=\"facts\">"
        func fact(_ label: String, _ value: String) {
            html += "<div><dt>\(text(label))</dt><dd>\(text(value))</dd></div>"
        }
        fact(
            t("Population", "Population"),
            profile.identity.population.map { NumberFormatting.format($0, language: language) } ?? "–")
        fact(
            t("Densité", "Density"),
            profile.identity.density.map { number($0, 0) + t(" hab./km²", " inhab./km²") } ?? "–")
        for rate in profile.practices.partnershipRates {
            let label = framework.actorLabel(ActorCode(rate.code))
            fact(t("\(label.fr) en partenariat", "\(label.en) in partnership"), percent(rate.figure.value))
        }
        html += "</dl>"
        html += "<h3>\(text(t("Ce que disent les chiffres", "What the figures say")))</h3>" + synthesis(profile)
        html += paragraph(
            t(
                "Méthodes, sources et intervalles : voir le rapport régional complet.",
                "Methods, sources and intervals: see the full regional report."), className: "note")
        return ReportDocument(
            language: language, title: t("Synthèse — ", "Synthesis — ") + profile.name,
            runningTitle: t("Synthèse — ", "Synthesis — ") + profile.name,
            coverHTML: "<h1 class=\"document-title\">\(text(t("Synthèse — ", "Synthesis — ") + profile.name))</h1>",
            sections: [.init(id: "synthese", title: t("L'essentiel", "Key points"), html: html)], withContents: false
        ).html()
    }
}

extension RegionReport {
    /// The region's change between the previous wave and the wave read: each actor's mean ratings
    /// (slope chart with intervals) and the table of the region's differences, thin bases flagged.
    func evolutionHTML(_ profile: RegionProfile, _ evolution: WaveEvolution) -> String {
        let view = EvolutionView(framework: framework, language: language)
        let rows = evolution.differences.filter { $0.group == profile.territory.code }
        guard !rows.isEmpty else {
            return paragraph(
                t(
                    "Les deux vagues n'ont pas de répondants dans cette région.",
                    "The two waves have no respondents in this region."), className: "callout")
        }
        var html = paragraph(
            t(
                "Écart entre les vagues \(evolution.earlier ?? "") et \(evolution.later) dans la région, avec son "
                    + "intervalle de confiance à 95 % (échantillons indépendants : ET = √(ET₁² + ET₂²)). Un écart "
                    + "est significatif quand son intervalle exclut 0 ; une base de moins de 30 répondants dans "
                    + "l'une des vagues est signalée.",
                "Change between the \(evolution.earlier ?? "") and \(evolution.later) waves in the region, with its "
                    + "95% confidence interval (independent samples: SE = √(SE₁² + SE₂²)). A change is significant "
                    + "when its interval excludes 0; a base under 30 respondents in either wave is flagged."))
        for actor in framework.actors.map(\.code) {
            let ratings = rows.filter { $0.actor == actor && $0.measure == "mean_rating" }
            guard !ratings.isEmpty else { continue }
            html += view.slope(
                id: "evolution-\(actor)-\(profile.territory.code)",
                title: t(
                    "\(actorName(actor)) : note moyenne de fragilité, \(profile.name) (1 à 10)",
                    "\(actorName(actor)): mean fragility rating, \(profile.name) (1 to 10)"),
                rows: ratings, labels: view.itemName)
            html += paragraph(view.summary(ratings))
        }
        html += view.table(
            name: "evolution-\(profile.territory.code)",
            title: LocalizedText(
                fr: "\(profile.name) : écarts entre vagues et intervalles à 95 %",
                en: "\(profile.name): changes between waves and 95% intervals"),
            rows: rows.filter { $0.measure != "mean_rating" }
        ).html(language: language, downloads: [])
        return html
    }
}
