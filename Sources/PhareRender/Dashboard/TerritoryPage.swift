import Foundation
import PhareAnalysis
import PhareCore

/// `/region/CODE` (the five parts of a region profile) and `/departement/CODE` (drill-down).
public enum TerritoryPage {
    public static func region(_ request: DashboardRequest, code: String, _ snapshot: DashboardSnapshot) throws -> String
    {
        let language = request.language
        let links = request.links
        guard let region = snapshot.territories[TerritoryID(.region, code)] else {
            throw DashboardError.unknownTerritory(.region, code)
        }
        let layer = try mapLayer(request, snapshot)
        let departements = snapshot.departements(of: region.id)

        var body = "<nav class=\"parts\" aria-label=\"\(HTML.escape(Phrase.profileParts.in(language)))\"><ol>"
        let parts: [(String, Phrase)] = [
            ("identity", .partIdentity), ("fragilities", .partFragilities), ("coconstruction", .partCoConstruction),
            ("practices", .partPractices), ("synthesis", .partSynthesis), ("evolution", .partEvolution),
        ]
        body += parts.map { "<li><a href=\"#\($0.0)\">\(HTML.escape($0.1.in(language)))</a></li>" }.joined()
        body += "</ol></nav>"

        // 1. Identity card.
        body +=
            "<section id=\"identity\" aria-labelledby=\"identity-title\"><h2 id=\"identity-title\">1. "
            + "\(HTML.escape(Phrase.partIdentity.in(language)))</h2>"
        body += identityCard(region, snapshot, language: language)
        body += "<h3>\(HTML.escape(Phrase.departementsOfRegion.in(language)))</h3>"
        body += layerForm(
            action: "/region/\(HTML.queryComponent(region.code))", snapshot, layer: layer, language: language)
        let table = DashboardTables.departements(of: region, layer: layer, snapshot: snapshot, links: links)
        body += "<div class=\"map-and-table\"><div class=\"map\">"
        body += departementMap(
            departements, highlighted: nil, snapshot, layer: layer, language: language, links: links,
            id: "map-departements")
        body += "</div><div class=\"ranking\">"
        body += table.html(
            language: language,
            downloads: links.downloads("departements", [("region", region.code), ("layer", layer.id)]))
        body += "</div></div></section>"

        // 2–5. The parts that need the indicator diagnostics and the surveys.
        if let analysed = RegionAnalysisPage.render(region, snapshot, request: request) {
            body += analysed
        } else {
            body += emptyParts(snapshot, language: language)
        }
        body += EvolutionPage.render(
            snapshot, request: request, region: region, number: 6, path: "/region/\(HTML.queryComponent(region.code))")
        body += AlliancePages.regionSection(region, snapshot, language: language, links: links)
        body +=
            "<p class=\"compare-link\"><a "
            + "href=\"\(HTML.escape(links.page("/compare", [("a", "region:" + region.code), ("b", "pays:FR")])))\">\(HTML.escape(Phrase.compareWithFrance.in(language)))</a></p>"

        return DashboardPage.document(
            request, title: region.name, section: .france,
            breadcrumbs: [(Phrase.navFrance.in(language), links.france(layer: layer.id))], body: body
        )
    }

    /// Parts 2–5 when no analysis is loaded: what is missing and how to load it.
    static func emptyParts(_ snapshot: DashboardSnapshot, language: Language) -> String {
        var body = ""
        body += part(
            "fragilities", 2, .partFragilities, available: snapshot.hasIndicatorResults || snapshot.hasSurveyResults,
            message: .noFragilityYet, language: language)
        body += part(
            "coconstruction", 3, .partCoConstruction, available: snapshot.hasSurveyResults, message: .noMayorsSurveyYet,
            language: language)
        body += part(
            "practices", 4, .partPractices, available: snapshot.hasSurveyResults, message: .noPracticesYet,
            language: language)
        body += part(
            "synthesis", 5, .partSynthesis, available: snapshot.hasIndicatorResults && snapshot.hasSurveyResults,
            message: .noSynthesisYet, language: language)
        return body
    }

    public static func departement(_ request: DashboardRequest, code: String, _ snapshot: DashboardSnapshot) throws
        -> String
    {
        let language = request.language
        let links = request.links
        guard let departement = snapshot.territories[TerritoryID(.departement, code)] else {
            throw DashboardError.unknownTerritory(.departement, code)
        }
        let layer = try mapLayer(request, snapshot)
        let region = departement.parent.flatMap { snapshot.territories[$0] }

        var body =
            "<section aria-labelledby=\"identity-title\"><h2 "
            + "id=\"identity-title\">\(HTML.escape(Phrase.partIdentity.in(language)))</h2>"
        body += identityCard(departement, snapshot, language: language)
        body += "</section>"
        if let region {
            body +=
                "<section aria-labelledby=\"map-title\"><h2 "
                + "id=\"map-title\">\(HTML.escape(Phrase.inItsRegion.in(language))) "
                + "\(HTML.escape(region.name))</h2>"
            body += layerForm(
                action: "/departement/\(HTML.queryComponent(departement.code))", snapshot, layer: layer,
                language: language)
            body += "<div class=\"map-narrow\">"
            body += departementMap(
                snapshot.departements(of: region.id), highlighted: departement.id, snapshot, layer: layer,
                language: language, links: links, id: "map-departement")
            body += "</div></section>"
        }
        let communes = DashboardTables.communes(of: departement, snapshot: snapshot)
        body +=
            "<section aria-labelledby=\"communes-title\"><h2 "
            + "id=\"communes-title\">\(HTML.escape(Phrase.communes.in(language)))</h2>"
        body += communes.html(
            language: language, downloads: links.downloads("communes", [("departement", departement.code)]), limit: 25,
            moreRowsNote: Phrase.largestCommunesNote.in(language)
        )
        body += "</section>"
        body += PageLayout.emptyState(Phrase.departementAnalysesLater.in(language))

        var crumbs = [(label: Phrase.navFrance.in(language), href: links.france(layer: layer.id))]
        if let region { crumbs.append((region.name, links.region(region.code, layer: layer.id))) }
        return DashboardPage.document(
            request, title: "\(departement.name) (\(departement.code))", section: .france, breadcrumbs: crumbs,
            body: body)
    }

    /// The layer for a map of départements: the requested one if it covers départements.
    static func mapLayer(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> MapLayer {
        let layer = try DashboardTables.layer(request, snapshot)
        if layer.covers(.departement) { return layer }
        return snapshot.layer("population") ?? layer
    }

    static func layerForm(action: String, _ snapshot: DashboardSnapshot, layer: MapLayer, language: Language) -> String
    {
        """
        <form class="selector" method="get" action="\(HTML.escape(action))">\
        <label for="layer">\(HTML.escape(Phrase.showOnMap.in(language)))</label> \
        <select id="layer" name="layer" data-autosubmit>\(DashboardPage.layerOptions(snapshot, selected: layer.id, language: language, level: .departement))</select>\
        \(DashboardPage.languageField(language)) <button type="submit">\(HTML.escape(Phrase.apply.in(language)))</button></form>
        """
    }

    static func identityCard(_ territory: Territory, _ snapshot: DashboardSnapshot, language: Language) -> String {
        var rows: [(String, String)] = [
            (Phrase.inseeCode.in(language), territory.code),
            (
                Phrase.population.in(language),
                DashboardPage.format(
                    territory.population.map(Double.init), decimals: 0, unit: Phrase.inhabitantsUnit.in(language),
                    language: language)
            ),
            (
                Phrase.area.in(language),
                DashboardPage.format(territory.areaKm2, decimals: 0, unit: " km²", language: language)
            ),
            (
                Phrase.density.in(language),
                DashboardPage.format(
                    territory.density, decimals: 1, unit: Phrase.densityUnit.in(language), language: language)
            ),
        ]
        if let population = territory.population, let total = snapshot.territories.france?.population, total > 0 {
            rows.append(
                (
                    Phrase.shareOfFrance.in(language),
                    NumberFormatting.format(100 * Double(population) / Double(total), decimals: 1, language: language)
                        + " %"
                ))
        }
        if territory.level == .region {
            rows.append(
                (Phrase.departementCount.in(language), String(snapshot.count(.departement, below: territory.id))))
            let peers = snapshot.regions
            for (phrase, value) in [
                (Phrase.rankPopulation, { (t: Territory) in t.population.map(Double.init) }),
                (Phrase.rankDensity, { (t: Territory) in t.density }),
            ] {
                let ranks = ClassBreaks.competitionRanks(peers.map(value), descending: true)
                if let index = peers.firstIndex(where: { $0.id == territory.id }), let rank = ranks[index] {
                    rows.append((phrase.in(language), "\(rank) / \(peers.count)"))
                }
            }
        }
        if territory.level == .departement, let region = territory.parent.flatMap({ snapshot.territories[$0] }) {
            rows.append((Phrase.region.in(language), region.name))
        }
        rows.append(
            (
                Phrase.epciCount.in(language),
                NumberFormatting.format(snapshot.count(.epci, below: territory.id), language: language)
            ))
        rows.append(
            (
                Phrase.communeCount.in(language),
                NumberFormatting.format(snapshot.count(.commune, below: territory.id), language: language)
            ))
        if territory.communesWithoutPopulation > 0 {
            rows.append((Phrase.communesWithoutPopulation.in(language), String(territory.communesWithoutPopulation)))
        }
        return DashboardPage.facts(rows)
    }

    static func departementMap(
        _ departements: [Territory], highlighted: TerritoryID?, _ snapshot: DashboardSnapshot, layer: MapLayer,
        language: Language, links: Links, id: String
    ) -> String {
        let title = layer.label.text(language) + " — " + Phrase.byDepartement.in(language)
        let areas = departements.compactMap { departement -> MapArea? in
            guard let outline = snapshot.geometry[departement.id] else { return nil }
            return MapArea(
                outline: outline, name: "\(departement.name) (\(departement.code))", value: layer.value(departement.id),
                href: links.departement(departement.code, layer: layer.id), highlighted: departement.id == highlighted
            )
        }
        guard !areas.isEmpty else { return PageLayout.emptyState(Phrase.noOutline.in(language)) }
        let style = DashboardPage.style(layer, language)
        return "<p class=\"figure-title\">\(HTML.escape(title))</p>"
            + Choropleth.render(
                id: id,
                caption: ChartCaption(
                    title: title,
                    description: FrancePage.mapDescription(
                        areas: areas, levelPhrase: .mapOfDepartements, style: style, language: language)
                ),
                areas: areas, legendTitle: layer.label.text(language), style: style, palette: layer.palette,
                noDataLabel: Phrase.noData.in(language)
            )
    }

    static func part(
        _ anchor: String, _ number: Int, _ title: Phrase, available: Bool, message: Phrase, language: Language
    ) -> String {
        var html =
            "<section id=\"\(anchor)\" aria-labelledby=\"\(anchor)-title\"><h2 id=\"\(anchor)-title\">\(number). "
            + "\(HTML.escape(title.in(language)))</h2>"
        html +=
            available
            ? "<p>\(HTML.escape(Phrase.partDataLoaded.in(language)))</p>"
            : PageLayout.emptyState(message.in(language), hint: Phrase.noDataHint.in(language))
        return html + "</section>"
    }
}
