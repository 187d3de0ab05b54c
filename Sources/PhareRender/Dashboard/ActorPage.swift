import Foundation
import PhareAnalysis
import PhareCore

/// `/actor/{code}`: one actor's answers, nationally (mean rating per domain, share citing each
/// domain among its three priorities, agreement that alliances bring innovation) and by region
/// (a map of its rating of one domain, a region × domain table). Read from the snapshot.
public enum ActorPage {
    static let tableNames = ["actor-ratings", "actor-top3", "actor-innovation", "actor-regions"]

    static func actor(_ code: String?, _ framework: Framework) throws -> FrameworkActor {
        guard let code else { throw DashboardTables.missing("actor") }
        guard let actor = framework.actor(ActorCode(code)) else {
            throw DashboardError.notFound(
                LocalizedText(fr: "Aucun acteur n’a le code « \(code) ».", en: "No actor has the code \"\(code)\"."))
        }
        return actor
    }

    static func table(named name: String, request: DashboardRequest, _ snapshot: DashboardSnapshot) throws
        -> ResultTable
    {
        let actor = try self.actor(request["actor"], snapshot.framework)
        let language = request.language
        switch name {
        case "actor-ratings": return domainsTable(actor, measure: "mean_rating", snapshot, language: language)
        case "actor-top3": return domainsTable(actor, measure: "share_top3", snapshot, language: language)
        case "actor-innovation": return innovationTable(actor, snapshot, language: language)
        default: return regionsTable(actor, snapshot, language: language)
        }
    }

    // MARK: Survey estimate cells

    /// Estimate, 95 % interval, n, effective n and the publication flag (shares in %, ratings as is).
    static func estimateColumns(decimals: Int, percent: Bool = false) -> [TableColumn] {
        let unit = percent ? " (%)" : ""
        return [
            TableColumn("estimate", LocalizedText(fr: "Estimation" + unit, en: "Estimate" + unit), decimals: decimals),
            TableColumn("lower", LocalizedText(fr: "Borne basse" + unit, en: "Lower bound" + unit), decimals: decimals),
            TableColumn("upper", LocalizedText(fr: "Borne haute" + unit, en: "Upper bound" + unit), decimals: decimals),
            TableColumn("n", LocalizedText(fr: "n", en: "n")),
            TableColumn("n_effective", LocalizedText(fr: "n effectif", en: "Effective n"), decimals: 0),
            TableColumn(
                "below_threshold",
                LocalizedText(
                    fr: "Sous le seuil de "
                        + "publication", en: "Below publication threshold")),
        ]
    }

    static func estimateRow(_ leading: [Cell], _ estimate: SurveyEstimate, percent: Bool = false) -> [Cell] {
        let scale = percent ? 100.0 : 1.0
        return leading + [
            Cell(estimate.estimate.map { $0 * scale }), Cell(estimate.lower.map { $0 * scale }),
            Cell(estimate.upper.map { $0 * scale }),
            .integer(estimate.sampleSize), .number(estimate.effectiveSampleSize), .bool(estimate.belowThreshold),
        ]
    }

    // MARK: Tables

    /// The actor's national estimate of a per-domain measure (`mean_rating`, `share_top3`), by domain.
    static func domainsTable(
        _ actor: FrameworkActor, measure: MeasureCode, _ snapshot: DashboardSnapshot, language: Language
    ) -> ResultTable {
        let percent = measure == "share_top3"
        var rows: [[Cell]] = []
        var links: [String?] = []
        let request = Links(language: language)
        for domain in snapshot.framework.domains {
            guard let estimate = snapshot.analysis?.estimate(actor.code, measure, domain.code) else { continue }
            rows.append(
                estimateRow([.text(domain.label.text(language)), .text(domain.code)], estimate, percent: percent))
            links.append(request.domain(domain.code))
        }
        let title =
            percent
            ? LocalizedText(
                fr: "\(actor.label.fr) : part citant le domaine parmi les 3 fragilités prioritaires (France)",
                en: "\(actor.label.en): share citing the domain among the 3 priority fragilities (France)")
            : LocalizedText(
                fr: "\(actor.label.fr) : note moyenne de fragilité par domaine (France)",
                en: "\(actor.label.en): mean fragility rating by domain (France)")
        return ResultTable(
            name: percent ? "actor-top3" : "actor-ratings", title: title,
            columns: [
                TableColumn("domain", LocalizedText(fr: "Domaine", en: "Domain")),
                TableColumn("code", LocalizedText(fr: "Code", en: "Code")),
            ]
                + estimateColumns(decimals: percent ? 1 : 2, percent: percent),
            rows: rows, links: links
        )
    }

    /// Share of the actor agreeing that alliances bring innovation: France first, then each region.
    static func innovationTable(_ actor: FrameworkActor, _ snapshot: DashboardSnapshot, language: Language)
        -> ResultTable
    {
        var rows: [[Cell]] = []
        if let analysis = snapshot.analysis {
            if let estimate = analysis.estimate(actor.code, "innovation_agree", "all") {
                rows.append(
                    estimateRow(
                        [.text(snapshot.territories.france?.name ?? "France"), .text("FR")], estimate, percent: true))
            }
            for region in snapshot.regions {
                if let estimate = analysis.estimate(actor.code, "innovation_agree", "all", region: region.code) {
                    rows.append(estimateRow([.text(region.name), .text(region.code)], estimate, percent: true))
                }
            }
        }
        return ResultTable(
            name: "actor-innovation",
            title: LocalizedText(
                fr: "\(actor.label.fr) : d’accord pour dire que les alliances sont source d’innovation",
                en: "\(actor.label.en): agreeing that alliances bring innovation"),
            columns: [
                TableColumn("territory", LocalizedText(fr: "Territoire", en: "Territory")),
                TableColumn("code", LocalizedText(fr: "Code INSEE", en: "INSEE code")),
            ]
                + estimateColumns(decimals: 1, percent: true),
            rows: rows
        )
    }

    /// The actor's mean rating, region × domain (one column per domain), France last.
    static func regionsTable(_ actor: FrameworkActor, _ snapshot: DashboardSnapshot, language: Language) -> ResultTable
    {
        let domains = snapshot.framework.domains
        var rows: [[Cell]] = []
        var links: [String?] = []
        let request = Links(language: language)
        if let analysis = snapshot.analysis {
            let places =
                snapshot.regions.map { ($0.name, $0.code, Optional($0.code)) } + [
                    (snapshot.territories.france?.name ?? "France", "FR", nil)
                ]
            for (name, code, region) in places {
                let values = domains.map {
                    analysis.estimate(actor.code, "mean_rating", $0.code, region: region)?.estimate
                }
                guard values.contains(where: { $0 != nil }) else { continue }
                rows.append([.text(name), .text(code)] + values.map { Cell($0) })
                links.append(region.map { request.region($0) })
            }
        }
        return ResultTable(
            name: "actor-regions",
            title: LocalizedText(
                fr: "\(actor.label.fr) : note moyenne par région et par domaine",
                en: "\(actor.label.en): mean rating by region and domain"),
            columns: [
                TableColumn("territory", LocalizedText(fr: "Territoire", en: "Territory")),
                TableColumn("code", LocalizedText(fr: "Code INSEE", en: "INSEE code")),
            ]
                + domains.map { TableColumn($0.code, $0.shortLabel, decimals: 1) },
            rows: rows, links: links
        )
    }

    // MARK: Page

    public static func render(_ request: DashboardRequest, code: String, _ snapshot: DashboardSnapshot) throws -> String
    {
        let language = request.language
        let links = request.links
        let framework = snapshot.framework
        let actor = try self.actor(code, framework)
        let query = [("actor", actor.code.rawValue)]
        func downloads(_ name: String) -> [(label: String, href: String)] { links.downloads(name, query) }
        var body = ""
        if let description = actor.description {
            body += "<p class=\"lead\">\(HTML.escape(description.text(language)))</p>"
        }
        let ratings = domainsTable(actor, measure: "mean_rating", snapshot, language: language)
        let innovation = innovationTable(actor, snapshot, language: language)
        guard let analysis = snapshot.analysis, !ratings.rows.isEmpty || !innovation.rows.isEmpty else {
            body +=
                "<section aria-labelledby=\"answers\"><h2 "
                + "id=\"answers\">\(HTML.escape(Phrase.actorAnswers.in(language)))</h2>"
            body +=
                PageLayout.emptyState(Phrase.noSurveyForActor.in(language), hint: Phrase.noSurveyYetHint.in(language))
                + "</section>"
            return DashboardPage.document(
                request, title: actor.label.text(language), section: .actors,
                breadcrumbs: [(Phrase.navActors.in(language), links.page("/actor"))], body: body)
        }
        body += RegionAnalysisPage.demoNotice(illustrative: false, synthetic: analysis.synthetic, language: language)
        if let wave = analysis.wave {
            body +=
                "<p class=\"note\">\(HTML.escape(tr("Estimations pondérées de la vague \(wave), avec intervalle de confiance à 95 % et nombre de répondants (n).", "Weighted estimates of wave \(wave), with 95% confidence interval and number of respondents (n).", language)))</p>"
        }

        // National answers.
        body +=
            "<section aria-labelledby=\"answers\"><h2 "
            + "id=\"answers\">\(HTML.escape(tr("Réponses nationales", "National answers", language)))</h2>"
        if ratings.rows.isEmpty {
            body += PageLayout.emptyState(
                tr(
                    "Cet acteur n’a pas noté la fragilité des domaines.",
                    "This actor did not rate the fragility of domains.", language))
        } else {
            let style = ValueStyle(decimals: 1, unit: tr(" /10", "/10", language), language: language)
            let bars = framework.domains.compactMap { domain -> BarDatum? in
                guard let estimate = analysis.estimate(actor.code, "mean_rating", domain.code),
                    let value = estimate.estimate
                else { return nil }
                return BarDatum(
                    label: domain.label.text(language), value: value, low: estimate.lower, high: estimate.upper)
            }
            let title = ratings.title.text(language)
            let chart = BarChart.render(
                id: "actor-ratings",
                caption: ChartCaption(
                    title: title,
                    description: title + ". "
                        + bars.map { "\($0.label) \(style.text($0.value))" }.joined(separator: "; ") + "."),
                bars: bars, style: style, maximum: 10
            )
            body += PageLayout.figure(
                title: title, svg: chart,
                table: ratings.html(language: language, downloads: downloads("actor-ratings")), language: language)
        }
        let top3 = domainsTable(actor, measure: "share_top3", snapshot, language: language)
        body +=
            "<h3>\(HTML.escape(tr("Domaines cités parmi les trois fragilités prioritaires", "Domains cited among the three priority fragilities", language)))</h3>"
        if top3.rows.isEmpty {
            body += PageLayout.emptyState(
                tr(
                    "Les enquêtes chargées ne donnent pas la part de cet acteur citant chaque domaine parmi ses trois "
                        + "priorités.",
                    "The surveys loaded do not give this actor’s share citing each domain among its three priorities.",
                    language))
        } else {
            body += top3.html(language: language, downloads: downloads("actor-top3"))
        }
        body +=
            "<h3>\(HTML.escape(tr("Les alliances, source d’innovation", "Alliances as a source of innovation", language)))</h3>"
        if innovation.rows.isEmpty {
            body += PageLayout.emptyState(
                tr(
                    "Cet acteur n’a pas été interrogé sur l’innovation.", "This actor was not asked about innovation.",
                    language))
        } else {
            body += innovation.html(language: language, downloads: downloads("actor-innovation"))
        }
        body += "</section>"

        // By region.
        body +=
            "<section aria-labelledby=\"by-region\"><h2 "
            + "id=\"by-region\">\(HTML.escape(tr("Par région", "By region", language)))</h2>"
        let layers = snapshot.layers.filter {
            if case .perception(actor.code.rawValue, _) = $0.group { true } else { false }
        }
        if let first = layers.first {
            let chosen =
                request["domain"]
                ?? {
                    if case .perception(_, let domain) = first.group { return domain } else { return "" }
                }()
            guard let layer = snapshot.layer("perception-\(actor.code)-\(chosen)") else {
                throw DashboardError.badRequest(
                    LocalizedText(
                        fr:
                            "Domaine « \(chosen) » sans note de cet acteur ; domaines notés : "
                            + "\(layers.compactMap { if case .perception(_, let d) = $0.group { d } else { nil } }.joined(separator: ", ")).",
                        en:
                            "Domain \"\(chosen)\" has no rating by this actor; rated domains: "
                            + "\(layers.compactMap { if case .perception(_, let d) = $0.group { d } else { nil } }.joined(separator: ", "))."
                    ))
            }
            body +=
                "<form class=\"selector\" method=\"get\" action=\"\(HTML.escape("/actor/" + actor.code.rawValue))\">"
            body +=
                "<label for=\"domain\">\(HTML.escape(tr("Domaine sur la carte", "Domain on the map", language)))</label> <select id=\"domain\" name=\"domain\" data-autosubmit>"
            for domain in framework.domains where snapshot.layer("perception-\(actor.code)-\(domain.code)") != nil {
                body +=
                    "<option value=\"\(HTML.escape(domain.code))\"\(domain.code == chosen ? " selected" : "")>\(HTML.escape(domain.label.text(language)))</option>"
            }
            body +=
                "</select>" + DashboardPage.languageField(language)
                + " <button type=\"submit\">\(HTML.escape(Phrase.apply.in(language)))</button></form>"
            body +=
                "<div class=\"map-and-table\"><div class=\"map\"><p "
                + "class=\"figure-title\">\(HTML.escape(layer.label.text(language) + " — " + Phrase.byRegion.in(language)))</p>"
            body += FrancePage.regionMap(snapshot, layer: layer, language: language, links: links)
            body +=
                "<p class=\"source\">\(HTML.escape(Phrase.source.in(language))) "
                + "\(HTML.escape(layer.source.text(language)))</p></div><div class=\"ranking\">"
            body += DashboardTables.regions(layer: layer, snapshot: snapshot, links: links).html(
                language: language, downloads: links.downloads("regions", [("layer", layer.id)]))
            body += "</div></div>"
            body += regionsTable(actor, snapshot, language: language).html(
                language: language, downloads: downloads("actor-regions"))
        } else {
            body += PageLayout.emptyState(
                tr(
                    "Aucune note régionale de cet acteur n’est chargée.", "No regional rating by this actor is loaded.",
                    language))
        }
        body += "</section>"
        body += EvolutionPage.render(
            snapshot, request: request, region: nil, actor: actor.code, number: nil,
            path: "/actor/\(HTML.queryComponent(actor.code.rawValue))")
        return DashboardPage.document(
            request, title: actor.label.text(language), section: .actors,
            breadcrumbs: [(Phrase.navActors.in(language), links.page("/actor"))], body: body
        )
    }
}
