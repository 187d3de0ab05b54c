import Foundation
import PhareAnalysis
import PhareCore

/// `/`: the regions of France on a map coloured by the chosen layer, ranked beside it, with the
/// headline figures of the surveys.
public enum FrancePage {
    public static func render(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
        let language = request.language
        let layer = try DashboardTables.layer(request, snapshot)
        let links = request.links
        let title = snapshot.framework.name.text(language)

        var body = "<p class=\"lead\">\(HTML.escape(Phrase.franceLead.in(language)))</p>"
        body += """
            <form class="selector" method="get" action="/">\
            <label for="layer">\(HTML.escape(Phrase.showOnMap.in(language)))</label> \
            <select id="layer" name="layer" data-autosubmit>\(DashboardPage.layerOptions(snapshot, selected: layer.id, language: language, level: .region))</select>\
            \(DashboardPage.languageField(language)) <button type="submit">\(HTML.escape(Phrase.apply.in(language)))</button></form>
            """
        let table = DashboardTables.regions(layer: layer, snapshot: snapshot, links: links)
        switch layer.group {
        case .territory: break
        case .overall, .axis, .domain:
            body += RegionAnalysisPage.demoNotice(
                illustrative: snapshot.analysis?.illustrative ?? false, synthetic: false, language: language)
        case .perception:
            body += RegionAnalysisPage.demoNotice(
                illustrative: false, synthetic: snapshot.analysis?.synthetic ?? false, language: language)
        }
        body += "<div class=\"map-and-table\"><div class=\"map\">"
        body +=
            "<p class=\"figure-title\">\(HTML.escape(layer.label.text(language) + " — " + Phrase.byRegion.in(language)))</p>"
        body += regionMap(snapshot, layer: layer, language: language, links: links)
        body +=
            "<p class=\"source\">\(HTML.escape(Phrase.source.in(language))) "
            + "\(HTML.escape(layer.source.text(language)))</p>"
        body += "</div><div class=\"ranking\">"
        body += table.html(language: language, downloads: links.downloads("regions", [("layer", layer.id)]))
        body += "</div></div>"

        body +=
            "<section aria-labelledby=\"headline\"><h2 "
            + "id=\"headline\">\(HTML.escape(Phrase.headlineFigures.in(language)))</h2>"
        if let analysis = snapshot.analysis, analysis.hasSurveys {
            body += RegionAnalysisPage.demoNotice(
                illustrative: false, synthetic: analysis.synthetic, language: language)
            if let wave = analysis.wave {
                body +=
                    "<p class=\"note\">\(HTML.escape(tr("Valeurs nationales pondérées de la vague \(wave), avec intervalle de confiance à 95 % et nombre de répondants (n).", "Weighted national values of wave \(wave), with 95% confidence interval and number of respondents (n).", language)))</p>"
            }
            for group in headlineGroups { body += headlineFigure(group, snapshot, language: language, links: links) }
        } else {
            body += PageLayout.emptyState(Phrase.noSurveyYet.in(language), hint: Phrase.noSurveyYetHint.in(language))
        }
        body += "</section>"
        if snapshot.analysis?.hasSurveys == true {
            body += EvolutionPage.render(snapshot, request: request, region: nil, number: nil, path: "/")
        }
        body +=
            "<section aria-labelledby=\"fragilities\"><h2 "
            + "id=\"fragilities\">\(HTML.escape(Phrase.fragilitiesByDomain.in(language)))</h2>"
        if let analysis = snapshot.analysis, analysis.hasIndicators {
            body += RegionAnalysisPage.demoNotice(
                illustrative: analysis.illustrative, synthetic: false, language: language)
            body +=
                "<p>\(HTML.escape(tr("Scores composites de fragilité mesurée (plus élevé = plus fragile), calculés parmi les régions métropolitaines ; les régions d’outre-mer sont diagnostiquées entre toutes les régions et figurent sur leur propre page. Choisissez une carte :", "Composite scores of measured fragility (higher = more fragile), computed among metropolitan regions; overseas regions are diagnosed among all regions and appear on their own page. Choose a map:", language)))</p>"
            let choices = snapshot.layers.filter { layer in
                switch layer.group {
                case .overall, .axis: true
                default: false
                }
            }
            body +=
                "<ul class=\"cards\">"
                + choices.map {
                    "<li><a href=\"\(HTML.escape(links.france(layer: $0.id)))\">\(HTML.escape($0.label.text(language)))</a></li>"
                }.joined() + "</ul>"
        } else {
            body += PageLayout.emptyState(
                Phrase.noIndicatorsYet.in(language), hint: Phrase.noIndicatorsYetHint.in(language))
        }
        body += "</section>"
        return DashboardPage.document(request, title: title, section: .france, body: body)
    }

    /// The choropleth of the 18 regions (metropolitan map, overseas insets) for `layer`.
    /// Regions link to their page showing `linkLayer` (default: `layer`).
    static func regionMap(
        _ snapshot: DashboardSnapshot, layer: MapLayer, language: Language, links: Links, linkLayer: String? = nil
    ) -> String {
        let areas = snapshot.regions.compactMap { region -> MapArea? in
            guard let outline = snapshot.geometry[region.id] else { return nil }
            return MapArea(
                outline: outline, name: region.name, value: layer.value(region.id),
                href: links.region(region.code, layer: linkLayer ?? layer.id))
        }
        let insetNames = Dictionary(
            uniqueKeysWithValues: snapshot.regions.filter(\.isOverseas).map { ($0.code, $0.name) })
        let style = DashboardPage.style(layer, language)
        return Choropleth.render(
            id: "map-regions",
            caption: ChartCaption(
                title: layer.label.text(language) + " — " + Phrase.byRegion.in(language),
                description: mapDescription(areas: areas, levelPhrase: .mapOfRegions, style: style, language: language)
            ),
            areas: areas, legendTitle: layer.label.text(language), style: style, palette: layer.palette,
            noDataLabel: Phrase.noData.in(language), insetNames: insetNames
        )
    }

    /// The text alternative of a map: what it shows, its highest and lowest territories.
    static func mapDescription(areas: [MapArea], levelPhrase: Phrase, style: ValueStyle, language: Language) -> String {
        let valued = areas.filter { $0.value != nil }
        var text = levelPhrase.in(language) + " " + Phrase.mapClasses.in(language)
        if let top = valued.max(by: { ($0.value ?? 0) < ($1.value ?? 0) }),
            let bottom = valued.min(by: { ($0.value ?? 0) < ($1.value ?? 0) }),
            let high = top.value, let low = bottom.value
        {
            text += " " + Phrase.highest.in(language) + " " + top.name + " (" + style.text(high) + "); "
            text += Phrase.lowest.in(language) + " " + bottom.name + " (" + style.text(low) + ")."
        }
        let missing = areas.count - valued.count
        if missing > 0 { text += " " + Phrase.withoutData.in(language) + " \(missing)." }
        return text
    }

    // MARK: Headline figures

    static let headlineGroups = ["headline-innovation", "headline-dynamic", "headline-partnership"]

    /// National survey figures of one headline group: the share of each actor agreeing that
    /// alliances bring innovation, the mayors' co-construction dynamic, the partnership rates of
    /// associations and companies. Nil when the surveys hold none.
    static func headlineItems(_ group: String, _ snapshot: DashboardSnapshot, language: Language) -> (
        title: LocalizedText, items: [(label: String, code: String, estimate: SurveyEstimate)]
    )? {
        guard let analysis = snapshot.analysis else { return nil }
        let framework = snapshot.framework
        var items: [(label: String, code: String, estimate: SurveyEstimate)] = []
        let title: LocalizedText
        switch group {
        case "headline-innovation":
            title = LocalizedText(
                fr: "Les alliances, source d’innovation : part d’accord par acteur",
                en: "Alliances as a source of innovation: share agreeing, by actor")
            for actor in framework.actors {
                if let estimate = analysis.estimate(actor.code, "innovation_agree", "all") {
                    items.append((actor.label.text(language), actor.code.rawValue, estimate))
                }
            }
        case "headline-dynamic":
            title = LocalizedText(
                fr: "Dynamique de co-construction selon les maires", en: "Co-construction dynamic according to mayors")
            for level in framework.coConstructionDynamic {
                if let mayors = framework.mayors, let estimate = analysis.estimate(mayors, "dynamic", level.code) {
                    items.append((level.label.text(language), level.code, estimate))
                }
            }
        case "headline-partnership":
            title = LocalizedText(
                fr: "Taux de partenariat des associations et des entreprises",
                en: "Partnership rate of associations and companies")
            for actor in analysis.practisingActors(framework) {
                if let estimate = analysis.estimate(actor, "partnership_rate", "all") {
                    items.append((framework.actorLabel(actor).text(language), actor.rawValue, estimate))
                }
            }
        default: return nil
        }
        let usable = items.filter { $0.estimate.estimate != nil }
        if usable.isEmpty { return nil }
        return (title: title, items: usable)
    }

    static func headlineTable(_ group: String, _ snapshot: DashboardSnapshot, language: Language) -> ResultTable? {
        guard let (title, usable) = headlineItems(group, snapshot, language: language) else { return nil }
        return ResultTable(
            name: group, title: title,
            columns: [
                TableColumn("item", LocalizedText(fr: "Élément", en: "Item")),
                TableColumn("code", LocalizedText(fr: "Code", en: "Code")),
                TableColumn("share", LocalizedText(fr: "Part (%)", en: "Share (%)"), decimals: 1),
                TableColumn("lower", LocalizedText(fr: "Borne basse (%)", en: "Lower bound (%)"), decimals: 1),
                TableColumn("upper", LocalizedText(fr: "Borne haute (%)", en: "Upper bound (%)"), decimals: 1),
                TableColumn("n", LocalizedText(fr: "n", en: "n")),
                TableColumn("n_effective", LocalizedText(fr: "n effectif", en: "Effective n"), decimals: 0),
            ],
            rows: usable.map { label, code, estimate in
                [
                    .text(label), .text(code), Cell(estimate.estimate.map { $0 * 100 }),
                    Cell(estimate.lower.map { $0 * 100 }), Cell(estimate.upper.map { $0 * 100 }),
                    .integer(estimate.sampleSize), .number(estimate.effectiveSampleSize),
                ]
            }
        )
    }

    static func headlineFigure(_ group: String, _ snapshot: DashboardSnapshot, language: Language, links: Links)
        -> String
    {
        guard let (localizedTitle, items) = headlineItems(group, snapshot, language: language),
            let table = headlineTable(group, snapshot, language: language)
        else { return "" }
        let style = ValueStyle(decimals: 0, unit: tr(" %", "%", language), language: language)
        let bars = items.compactMap { item in
            item.estimate.estimate.map {
                BarDatum(
                    label: item.label, value: 100 * $0, low: item.estimate.lower.map { 100 * $0 },
                    high: item.estimate.upper.map { 100 * $0 })
            }
        }
        let title = localizedTitle.text(language)
        let chart = BarChart.render(
            id: table.name,
            caption: ChartCaption(
                title: title,
                description: title + " (France). "
                    + bars.map { "\($0.label) \(style.text($0.value))" }.joined(separator: "; ") + "."),
            bars: bars, style: style, maximum: 100
        )
        return PageLayout.figure(
            title: title, svg: chart, table: table.html(language: language, downloads: links.downloads(table.name, [])),
            language: language)
    }
}
