import Foundation
import PhareAnalysis
import PhareCore

/// A sentence of the analysis pages in the reader's language.
func tr(_ fr: String, _ en: String, _ language: Language) -> String { language == .fr ? fr : en }

/// Parts 2 to 5 of a region page, drawn from the region's `RegionProfile` (computed once in the
/// snapshot) with the same charts as the reports (`ProfileCharts`).
public enum RegionAnalysisPage {
    /// Every chart and table of parts 2–5, in page order, by part.
    struct Parts {
        var fragilities: [ProfileChart] = []
        var crossView: ResultTable
        var dynamic: ProfileChart?
        var roles: ProfileChart?
        var relevance: ProfileChart?
        var recommended: ResultTable
        var practices: [ProfileChart] = []

        var tables: [ResultTable] {
            fragilities.map(\.table) + [crossView] + [dynamic, roles, relevance].compactMap { $0?.table } + [
                recommended
            ] + practices.map(\.table)
        }
    }

    /// The names of the region tables (downloads and `/api/v1/tables/NAME?region=CODE`).
    static func tableNames(_ framework: Framework) -> [String] {
        framework.axes.map { "measured-felt-" + $0.code }
            + framework.perceivingActors.map { "perception-" + $0.rawValue }
            + [
                "crossview", "dynamic", "roles", "relevance", "recommended", "partnership-rates", "partnership-types",
                "partnership-scopes", "innovation",
            ]
    }

    static func parts(_ profile: RegionProfile, _ snapshot: DashboardSnapshot, language: Language) -> Parts {
        let framework = snapshot.framework
        let charts = ProfileCharts(framework: framework, language: language)
        let all = charts.all(profile)
        func chart(_ id: String) -> ProfileChart? { all.first { $0.id == id } }
        var parts = Parts(
            crossView: crossViewTable(profile, framework, language: language),
            recommended: recommendedTable(profile, framework, language: language))
        parts.fragilities = all.filter { $0.id.hasPrefix("measured-felt-") || $0.id.hasPrefix("perception-") }
        parts.dynamic = chart("dynamic")
        parts.roles = charts.shares(
            profile.coConstruction.roles, id: "roles",
            title: LocalizedText(
                fr: "Rôles de la commune selon les maires (d’accord)",
                en: "Roles of the municipality according to mayors (agree)"),
            description: LocalizedText(
                fr:
                    "Part des maires de \(profile.name) d’accord avec chaque rôle de la commune dans les alliances, "
                    + "avec intervalle de confiance à 95 %, et valeur nationale.",
                en:
                    "Share of mayors in \(profile.name) agreeing with each role of the municipality in alliances, "
                    + "with 95% confidence interval, and the national value."
            ),
            profile: profile
        )
        parts.relevance = chart("relevance")
        parts.practices = [
            chart("partnership-rates"),
            charts.shares(
                profile.practices.types, id: "partnership-types",
                title: LocalizedText(fr: "Types de partenariats pratiqués", en: "Types of partnership practised"),
                description: LocalizedText(
                    fr:
                        "Part des associations et des entreprises partenaires de \(profile.name) pratiquant chaque "
                        + "type de partenariat, avec intervalle de confiance à 95 %, et valeur nationale.",
                    en:
                        "Share of partnering associations and companies in \(profile.name) practising each type of "
                        + "partnership, with 95% confidence interval, and the national value."
                ),
                profile: profile
            ),
            charts.shares(
                profile.practices.scopes, id: "partnership-scopes",
                title: LocalizedText(fr: "Échelle des partenariats", en: "Scope of partnerships"),
                description: LocalizedText(
                    fr:
                        "Part des associations et des entreprises partenaires de \(profile.name) pour chaque échelle "
                        + "géographique de leurs partenariats, avec intervalle de confiance à 95 %, et valeur "
                        + "nationale.",
                    en:
                        "Share of partnering associations and companies in \(profile.name) at each geographic scope "
                        + "of their partnerships, with 95% confidence interval, and the national value."
                ),
                profile: profile
            ),
            chart("innovation"),
        ].compactMap { $0 }
        return parts
    }

    /// A region table by name; 404 when the name is not one of `tableNames`.
    static func table(named name: String, region: Territory, _ snapshot: DashboardSnapshot, language: Language) throws
        -> ResultTable?
    {
        guard tableNames(snapshot.framework).contains(name) else { return nil }
        guard let profile = snapshot.analysis?.profile(region.id) else {
            throw DashboardError.notFound(
                LocalizedText(
                    fr: "Aucune analyse n’est chargée pour \(region.name).",
                    en: "No analysis is loaded for \(region.name)."))
        }
        guard let table = parts(profile, snapshot, language: language).tables.first(where: { $0.name == name }) else {
            throw DashboardError.notFound(
                LocalizedText(
                    fr: "Le tableau « \(name) » est vide pour \(region.name).",
                    en: "The table \"\(name)\" is empty for \(region.name)."))
        }
        return table
    }

    // MARK: Tables of our own

    static func verdictText(_ verdict: MeasuredVerdict) -> LocalizedText {
        switch verdict {
        case .fragile: LocalizedText(fr: "fragile", en: "fragile")
        case .notFragile: LocalizedText(fr: "non fragile", en: "not fragile")
        case .noData: LocalizedText(fr: "pas d’indicateur", en: "no indicator")
        }
    }

    static func feltText(_ verdict: FeltVerdict) -> LocalizedText {
        switch verdict {
        case .felt: LocalizedText(fr: "ressentie", en: "felt")
        case .notFelt: LocalizedText(fr: "non ressentie", en: "not felt")
        case .tooFewRespondents: LocalizedText(fr: "trop peu de répondants", en: "too few respondents")
        case .noData: LocalizedText(fr: "pas d’enquête", en: "no survey")
        }
    }

    /// The cross view of the region: each domain's measured score and rank, each actor's mean
    /// rating, the two verdicts and the class.
    static func crossViewTable(_ profile: RegionProfile, _ framework: Framework, language: Language) -> ResultTable {
        let actors = framework.perceivingActors
        var columns = [
            TableColumn("domain", LocalizedText(fr: "Domaine", en: "Domain")),
            TableColumn("domain_code", LocalizedText(fr: "Code", en: "Code")),
            TableColumn("measured_score", LocalizedText(fr: "Score mesuré", en: "Measured score"), decimals: 2),
            TableColumn("measured_rank", LocalizedText(fr: "Rang mesuré", en: "Measured rank")),
            TableColumn("peers", LocalizedText(fr: "Régions comparées", en: "Regions compared")),
            TableColumn("measured", LocalizedText(fr: "Mesure", en: "Measure")),
        ]
        for actor in actors {
            let label = framework.actorLabel(actor)
            columns.append(
                TableColumn(
                    "rating_\(actor)",
                    LocalizedText(fr: "Note \(label.fr.lowercased())", en: "Rating \(label.en.lowercased())"),
                    decimals: 1))
        }
        columns += [
            TableColumn("felt", LocalizedText(fr: "Ressenti", en: "Perception")),
            TableColumn("class", LocalizedText(fr: "Classe", en: "Class")),
        ]
        return ResultTable(
            name: "crossview",
            title: LocalizedText(fr: "Vue croisée : \(profile.name)", en: "Cross view: \(profile.name)"),
            columns: columns,
            rows: profile.fragilities.cells.map { cell in
                let domain = framework.domain(cell.domain)
                var row: [Cell] = [
                    Cell(domain?.label.text(language) ?? cell.domain), .text(cell.domain), Cell(cell.measured?.score),
                    Cell(cell.measured?.rank), Cell(cell.measured?.peerCount),
                    .text(verdictText(cell.measuredVerdict).text(language)),
                ]
                for actor in actors {
                    row.append(Cell(cell.perceptions.first { $0.estimate.actor == actor }?.estimate.mean))
                }
                row += [
                    .text(feltText(cell.feltVerdict).text(language)),
                    .text(ProfileCharts(framework: framework, language: language).quadrantLabel(cell)),
                ]
                return row
            }
        )
    }

    /// The domains recommended for alliances, with their relevance, rank interval and reasons.
    static func recommendedTable(_ profile: RegionProfile, _ framework: Framework, language: Language) -> ResultTable {
        let writer = SynthesisWriter(
            framework: framework, name: profile.name, minimumRespondents: profile.provenance.minimumRespondents)
        let items = profile.synthesis.recommendedDomains.compactMap { code in
            profile.coConstruction.relevance.first { $0.domain == code }
        }
        return ResultTable(
            name: "recommended",
            title: LocalizedText(
                fr: "Domaines recommandés pour des alliances", en: "Domains recommended for alliances"),
            columns: [
                TableColumn("rank", LocalizedText(fr: "Rang", en: "Rank")),
                TableColumn("domain", LocalizedText(fr: "Domaine", en: "Domain")),
                TableColumn("score", LocalizedText(fr: "Score de pertinence", en: "Relevance score"), decimals: 2),
                TableColumn("rank_low", LocalizedText(fr: "Rang, 5 %", en: "Rank, 5%"), decimals: 0),
                TableColumn("rank_high", LocalizedText(fr: "Rang, 95 %", en: "Rank, 95%"), decimals: 0),
                TableColumn("reasons", LocalizedText(fr: "Raisons", en: "Reasons")),
            ],
            rows: items.map { item in
                [
                    .integer(item.rank), .text(framework.domain(item.domain)?.label.text(language) ?? item.domain),
                    .number(item.score),
                    .number(item.rankLow), .number(item.rankHigh),
                    .text(
                        item.reasons.map { writer.reason(for: $0, language) }.joined(
                            separator: language == .fr ? " ; " : "; ")),
                ]
            },
            links: items.map { _ in nil }
        )
    }

    // MARK: Rendering

    /// The demo warning, shown wherever illustrative indicators or synthetic answers are used.
    static func demoNotice(illustrative: Bool, synthetic: Bool, language: Language) -> String {
        var parts: [String] = []
        if illustrative {
            parts.append(
                tr(
                    "des valeurs d’indicateurs sont ILLUSTRATIVES (démo) : celles des indicateurs sans source "
                        + "ouverte, les autres sont réelles (page Sources)",
                    "some indicator values are ILLUSTRATIVE (demo): those of indicators without an open source, the "
                        + "others are real (Sources page)",
                    language))
        }
        if synthetic {
            parts.append(
                tr(
                    "les réponses d’enquête sont SYNTHÉTIQUES (démo), pas de vrais répondants",
                    "survey answers are SYNTHETIC (demo), not real respondents", language))
        }
        guard !parts.isEmpty else { return "" }
        return
            "<p class=\"demo-notice\" "
            + "role=\"note\"><strong>\(HTML.escape(tr("Données de démonstration", "Demo data", language)))</strong> : "
            + "\(HTML.escape(parts.joined(separator: language == .fr ? " ; " : "; "))).</p>"
    }

    static func figure(_ chart: ProfileChart, region: String, language: Language, links: Links) -> String {
        PageLayout.figure(
            title: chart.title, svg: chart.svg,
            table: chart.table.html(
                language: language, downloads: links.downloads(chart.table.name, [("region", region)])),
            language: language
        )
    }

    static func tableBlock(_ table: ResultTable, region: String, language: Language, links: Links) -> String {
        table.html(language: language, downloads: links.downloads(table.name, [("region", region)]))
    }

    /// Sections 2–5 of the region page.
    static func render(_ region: Territory, _ snapshot: DashboardSnapshot, request: DashboardRequest) -> String? {
        guard let analysis = snapshot.analysis, let profile = analysis.profile(region.id),
            analysis.hasIndicators || analysis.hasSurveys
        else { return nil }
        let language = request.language
        let links = request.links
        let framework = snapshot.framework
        let parts = self.parts(profile, snapshot, language: language)
        let code = region.code
        func open(_ anchor: String, _ number: Int, _ title: Phrase) -> String {
            "<section id=\"\(anchor)\" aria-labelledby=\"\(anchor)-title\"><h2 id=\"\(anchor)-title\">\(number). "
                + "\(HTML.escape(title.in(language)))</h2>"
        }
        var html = demoNotice(
            illustrative: profile.provenance.illustrativeIndicators, synthetic: profile.provenance.syntheticSurveys,
            language: language)

        // 2. Fragilities measured and felt.
        html += open("fragilities", 2, .partFragilities)
        let peerSet: String =
            switch profile.provenance.peerSet {
            case "metropolitan": tr("parmi les régions métropolitaines", "among metropolitan regions", language)
            case "all": tr("parmi toutes les régions", "among all regions", language)
            default: tr("sans indicateur mesuré", "without measured indicators", language)
            }
        html += "<p class=\"note\">\(HTML.escape(tr("Position", "Position", language))) \(HTML.escape(peerSet)).</p>"
        if !profile.fragilities.axisScores.isEmpty {
            html += DashboardPage.facts(
                profile.fragilities.axisScores.map {
                    ($0.label.text(language), NumberFormatting.format($0.figure.value, decimals: 2, language: language))
                })
        }
        if let correlation = profile.fragilities.correlation {
            let label = tr(
                "Accord entre mesure et ressenti (ρ de Spearman sur \(correlation.n) domaines)",
                "Agreement of measure and perception (Spearman's ρ across \(correlation.n) domains)", language)
            html +=
                "<p>\(HTML.escape(label)) : "
                + "\(HTML.escape(NumberFormatting.format(correlation.rho, decimals: 2, language: language)))</p>"
        }
        html += parts.fragilities.map { figure($0, region: code, language: language, links: links) }.joined()
        html += "<h3>\(HTML.escape(tr("Vue croisée par domaine", "Cross view by domain", language)))</h3>"
        html += tableBlock(parts.crossView, region: code, language: language, links: links)
        html += "</section>"

        // 3. Co-construction.
        html += open("coconstruction", 3, .partCoConstruction)
        let co = profile.coConstruction
        if co.mayorsRespondents > 0 {
            html +=
                "<p>\(HTML.escape(tr("Maires répondants", "Mayors responding", language))) : "
                + "\(co.mayorsRespondents)</p>"
        }
        html += [parts.dynamic, parts.roles, parts.relevance].compactMap { $0 }.map {
            figure($0, region: code, language: language, links: links)
        }.joined()
        html +=
            "<h3>\(HTML.escape(tr("Domaines recommandés pour des alliances", "Domains recommended for alliances", language)))</h3>"
        html +=
            parts.recommended.rows.isEmpty
            ? PageLayout.emptyState(
                tr(
                    "Aucun domaine ne se détache avec les données chargées.",
                    "No domain stands out with the data loaded.", language))
            : tableBlock(parts.recommended, region: code, language: language, links: links)
        html += "</section>"

        // 4. Practices against France.
        html += open("practices", 4, .partPractices)
        html +=
            parts.practices.isEmpty
            ? PageLayout.emptyState(Phrase.noPracticesYet.in(language), hint: Phrase.noDataHint.in(language))
            : "<p class=\"note\">\(HTML.escape(tr("Écart = région − reste de la France, en points ; significatif quand son intervalle à 95 % exclut zéro.", "Difference = region − rest of France, in points; significant when its 95% interval excludes zero.", language)))</p>"
                + parts.practices.map { figure($0, region: code, language: language, links: links) }.joined()
        html += "</section>"

        // 5. Synthesis.
        html += open("synthesis", 5, .partSynthesis)
        html +=
            "<ul class=\"synthesis\">"
            + profile.synthesis.sentences.map { "<li>\(HTML.escape($0.text(language)))</li>" }.joined() + "</ul>"
        var provenance: [(String, String)] = []
        if let wave = profile.provenance.surveyWave {
            provenance.append((tr("Vague d’enquête", "Survey wave", language), wave))
        }
        for actor in framework.actors {
            if let n = profile.provenance.respondents[actor.code.rawValue] {
                provenance.append((actor.label.text(language), "\(n) " + tr("répondants", "respondents", language)))
            }
        }
        provenance.append(
            (
                tr("Seuil de publication", "Publication threshold", language),
                "n ≥ \(profile.provenance.minimumRespondents)"
            ))
        html += DashboardPage.facts(provenance)
        html += "</section>"
        return html
    }
}
