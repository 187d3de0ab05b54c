import Foundation
import PhareCore
import PhareRender

/// `/`: the regions of France on a map coloured by the chosen layer, ranked beside it, with the
/// headline figures of the surveys.
enum FrancePage {
    static func render(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
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
        body += "<div class=\"map-and-table\"><div class=\"map\">"
        body += "<p class=\"figure-title\">\(HTML.escape(layer.label.text(language) + " — " + Phrase.byRegion.in(language)))</p>"
        body += regionMap(snapshot, layer: layer, language: language, links: links)
        body += "<p class=\"source\">\(HTML.escape(Phrase.source.in(language))) \(HTML.escape(layer.source.text(language)))</p>"
        body += "</div><div class=\"ranking\">"
        body += table.html(language: language, downloads: links.downloads("regions", [("layer", layer.id)]))
        body += "</div></div>"

        body += "<section aria-labelledby=\"headline\"><h2 id=\"headline\">\(HTML.escape(Phrase.headlineFigures.in(language)))</h2>"
        if snapshot.hasSurveyResults {
            body += "<p>\(HTML.escape(Phrase.surveyLayersAvailable.in(language)))</p>"
        } else {
            body += PageLayout.emptyState(Phrase.noSurveyYet.in(language), hint: Phrase.noSurveyYetHint.in(language))
        }
        body += "</section>"
        body += "<section aria-labelledby=\"fragilities\"><h2 id=\"fragilities\">\(HTML.escape(Phrase.fragilitiesByDomain.in(language)))</h2>"
        if snapshot.hasIndicatorResults {
            body += "<p>\(HTML.escape(Phrase.indicatorLayersAvailable.in(language)))</p>"
        } else {
            body += PageLayout.emptyState(Phrase.noIndicatorsYet.in(language), hint: Phrase.noIndicatorsYetHint.in(language))
        }
        body += "</section>"
        return DashboardPage.document(request, title: title, section: .france, body: body)
    }

    /// The choropleth of the 18 regions (metropolitan map, overseas insets) for `layer`.
    static func regionMap(_ snapshot: DashboardSnapshot, layer: MapLayer, language: Language, links: Links) -> String {
        let areas = snapshot.regions.compactMap { region -> MapArea? in
            guard let outline = snapshot.geometry[region.id] else { return nil }
            return MapArea(outline: outline, name: region.name, value: layer.value(region.id), href: links.region(region.code, layer: layer.id))
        }
        let insetNames = Dictionary(uniqueKeysWithValues: snapshot.regions.filter(\.isOverseas).map { ($0.code, $0.name) })
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
        if let top = valued.max(by: { ($0.value ?? 0) < ($1.value ?? 0) }), let bottom = valued.min(by: { ($0.value ?? 0) < ($1.value ?? 0) }),
           let high = top.value, let low = bottom.value {
            text += " " + Phrase.highest.in(language) + " " + top.name + " (" + style.text(high) + "); "
            text += Phrase.lowest.in(language) + " " + bottom.name + " (" + style.text(low) + ")."
        }
        let missing = areas.count - valued.count
        if missing > 0 { text += " " + Phrase.withoutData.in(language) + " \(missing)." }
        return text
    }
}
