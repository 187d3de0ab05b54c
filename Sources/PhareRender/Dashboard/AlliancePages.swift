import Foundation
import PhareAnalysis
import PhareCore

/// The registry pages: the list of alliances by domain and territory with a map, and the section
/// of a region page crossing its fragile domains with the registry.
public enum AlliancePages {
    static func t(_ fr: String, _ en: String, _ language: Language) -> String {
        LocalizedText(fr: fr, en: en).text(language)
    }

    /// `/alliances?domain=…&territory=…`: the registered alliances, filtered, with a map of the
    /// number registered in each region.
    public static func list(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
        let language = request.language
        let links = request.links
        let tree = snapshot.territories
        var alliances = snapshot.analysis?.alliances ?? []
        let domain = request.query["domain"].flatMap { $0.isEmpty ? nil : $0 }
        if let domain {
            guard snapshot.framework.domain(domain) != nil else {
                throw DashboardError.badRequest(
                    LocalizedText(fr: "Domaine inconnu « \(domain) ».", en: "Unknown domain \"\(domain)\"."))
            }
            alliances = alliances.filter { $0.domains.contains(domain) }
        }
        var place: Territory?
        if let reference = request.query["territory"], !reference.isEmpty {
            guard let found = try? tree.resolve(reference) else {
                throw DashboardError.notFound(
                    LocalizedText(
                        fr: "Aucun territoire ne répond à « \(reference) ».",
                        en: "No territory matches \"\(reference)\"."))
            }
            place = found
            alliances = alliances.filter {
                $0.territory == found.id || tree.ancestors(of: $0.territory).contains(found.id)
            }
        }

        var body =
            "<p class=\"lead\">"
            + HTML.escape(
                t(
                    "Le registre recense les alliances entre associations, entreprises, collectivités, acteurs "
                        + "académiques et fondations, et les projets d’innovation sociétale qu’elles portent. "
                        + "Filtrez-le par domaine ou par territoire.",
                    "The registry lists the alliances between associations, companies, local authorities, academics "
                        + "and foundations, and the societal-innovation projects they carry. Filter it by domain or "
                        + "by territory.", language)) + "</p>"
        body +=
            "<p><a href=\"\(HTML.escape(links.page("/stage")))\">"
            + HTML.escape(t("Diagnostic d’étape d’un projet", "Stage diagnostic of a project", language))
            + "</a> · <a href=\"\(HTML.escape(links.page("/toolkit")))\">"
            + HTML.escape(t("Mallette de la co-construction", "Co-construction toolkit", language)) + "</a></p>"
        body += "<form class=\"layer-form\" method=\"get\" action=\"/alliances\">"
        body += DashboardPage.languageField(language)
        body += "<label>\(HTML.escape(t("Domaine", "Domain", language))) <select name=\"domain\">"
        body += "<option value=\"\">\(HTML.escape(t("Tous", "All", language)))</option>"
        for item in snapshot.framework.domains {
            body +=
                "<option value=\"\(HTML.escape(item.code))\"\(item.code == domain ? " selected" : "")>"
                + "\(HTML.escape(item.label.text(language)))</option>"
        }
        body += "</select></label> "
        body +=
            "<label>\(HTML.escape(t("Territoire (code INSEE ou niveau:code)", "Territory (INSEE code or level:code)", language))) "
            + "<input name=\"territory\" value=\"\(HTML.escape(request.query["territory"] ?? ""))\" size=\"14\"></label> "
        body += "<button type=\"submit\">\(HTML.escape(Phrase.apply.in(language)))</button></form>"

        // Map: alliances registered in each region (among those shown).
        let areas = snapshot.regions.compactMap { region -> MapArea? in
            guard let outline = snapshot.geometry[region.id] else { return nil }
            let count = alliances.filter {
                $0.territory == region.id || tree.ancestors(of: $0.territory).contains(region.id)
            }.count
            // A region without any alliance is drawn hatched ("no alliance registered").
            return MapArea(
                outline: outline, name: region.name, value: count == 0 ? nil : Double(count),
                href: links.page("/region/" + region.code) + "#alliances")
        }
        let style = ValueStyle(decimals: 0, language: language)
        body += "<div class=\"map alliances-map\">"
        body += Choropleth.render(
            id: "map-alliances",
            caption: ChartCaption(
                title: t("Alliances enregistrées par région", "Registered alliances by region", language),
                description: t(
                    "Nombre d’alliances du registre situées dans chaque région (filtres appliqués).",
                    "Number of registry alliances located in each region (filters applied).", language)),
            areas: areas, legendTitle: t("alliances", "alliances", language), style: style,
            palette: .yellowGreenBlue,
            noDataLabel: t("aucune alliance enregistrée", "no alliance registered", language),
            insetNames: Dictionary(
                uniqueKeysWithValues: snapshot.regions.filter(\.isOverseas).map { ($0.code, $0.name) })
        )
        body += "</div>"
        if let place {
            body += "<p>\(HTML.escape(t("Territoire", "Territory", language))) : \(HTML.escape(place.name))</p>"
        }
        body += table(alliances, snapshot, language: language, links: links)
        return DashboardPage.document(
            request, title: t("Registre des alliances", "Registry of alliances", language), section: .alliances,
            body: body)
    }

    /// A table of alliances (title, territory, partners, category, stage, domains, dates).
    static func table(_ alliances: [Alliance], _ snapshot: DashboardSnapshot, language: Language, links: Links)
        -> String
    {
        guard !alliances.isEmpty else {
            return PageLayout.emptyState(
                t("Aucune alliance enregistrée ici.", "No alliance registered here.", language),
                hint: t(
                    "Ajoutez-en avec `phare alliances import FICHIER.csv`.",
                    "Add some with `phare alliances import FILE.csv`.", language))
        }
        var html = "<table class=\"data alliances\"><thead><tr>"
        for header in [
            t("Alliance", "Alliance", language), t("Territoire", "Territory", language),
            t("Partenaires", "Partners", language), t("Catégorie", "Category", language),
            t("Étape", "Stage", language), t("Domaines", "Domains", language), t("Période", "Period", language),
        ] {
            html += "<th scope=\"col\">\(HTML.escape(header))</th>"
        }
        html += "</tr></thead><tbody>"
        for alliance in alliances {
            var title = HTML.escape(alliance.title)
            if let link = alliance.link, link.hasPrefix("https://") || link.hasPrefix("http://") {
                title = "<a href=\"\(HTML.escape(link))\" rel=\"noopener\">\(title)</a>"
            }
            if alliance.example {
                title += " <span class=\"badge\">\(HTML.escape(t("exemple", "example", language)))</span>"
            }
            let partners = alliance.partners.map {
                HTML.escape($0.name) + " <small>(" + HTML.escape($0.kind.label.text(language)) + ")</small>"
            }.joined(separator: "<br>")
            let domains = alliance.domains.map { code in
                "<a href=\"\(HTML.escape(links.page("/alliances", [("domain", code)])))\">"
                    + HTML.escape(snapshot.framework.domain(code)?.shortLabel.text(language) ?? code) + "</a>"
            }.joined(separator: ", ")
            let period = alliance.start.description + (alliance.end.map { " – \($0)" } ?? "")
            html += "<tr><td>\(title)<br><small>\(HTML.escape(alliance.description))</small></td>"
            html +=
                "<td>\(HTML.escape(snapshot.territories[alliance.territory]?.name ?? alliance.territory.description))</td>"
            html += "<td>\(partners)</td><td>\(HTML.escape(alliance.category.label.text(language)))</td>"
            html += "<td>\(HTML.escape(alliance.stage.label.text(language)))</td><td>\(domains)</td>"
            html += "<td>\(HTML.escape(period))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// The region page's section: its alliances, its fragile domains with the alliances acting on
    /// them, those without any, and what each stage lacks.
    static func regionSection(_ region: Territory, _ snapshot: DashboardSnapshot, language: Language, links: Links)
        -> String
    {
        var html =
            "<section id=\"alliances\" aria-labelledby=\"alliances-title\"><h2 id=\"alliances-title\">"
            + HTML.escape(t("Alliances et domaines sans alliance", "Alliances and domains without one", language))
            + "</h2>"
        guard let analysis = snapshot.analysis, let profile = analysis.profile(region.id),
            let coverage = try? analysis.allianceCoverage(profile)
        else {
            return html + PageLayout.emptyState(t("Aucune analyse chargée.", "No analysis loaded.", language))
                + "</section>"
        }
        html +=
            "<h3>\(HTML.escape(t("Alliances enregistrées dans la région", "Alliances registered in the region", language)))</h3>"
        html += table(coverage.alliances, snapshot, language: language, links: links)
        html +=
            "<h3>\(HTML.escape(t("Domaines fragiles et alliances qui y répondent", "Fragile domains and the alliances acting on them", language)))</h3>"
        if coverage.fragile.isEmpty {
            html += PageLayout.emptyState(
                t(
                    "Aucun domaine n’est fragile, mesuré ou ressenti.", "No domain is fragile, measured or felt.",
                    language))
        } else {
            html += "<table class=\"data coverage\"><thead><tr>"
            for header in [
                t("Domaine", "Domain", language), t("Fragilité mesurée", "Measured fragility", language),
                t("Fragilité ressentie", "Felt fragility", language), t("Alliances", "Alliances", language),
            ] {
                html += "<th scope=\"col\">\(HTML.escape(header))</th>"
            }
            html += "</tr></thead><tbody>"
            for item in coverage.fragile {
                let label = snapshot.framework.domain(item.domain)?.label.text(language) ?? item.domain
                let alliances =
                    item.alliances.isEmpty
                    ? "<strong class=\"gap\">\(HTML.escape(t("aucune alliance enregistrée", "no alliance registered", language)))</strong>"
                    : item.alliances.map { HTML.escape($0.title) }.joined(separator: "<br>")
                html +=
                    "<tr><th scope=\"row\">\(HTML.escape(label))</th><td>\(item.measured ? "✓" : "")</td>"
                    + "<td>\(item.felt ? "✓" : "")</td><td>\(alliances)</td></tr>"
            }
            html += "</tbody></table>"
            let gaps = coverage.withoutAlliance.map {
                snapshot.framework.domain($0.domain)?.label.text(language) ?? $0.domain
            }
            html += "<p class=\"without-alliance\">"
            html +=
                gaps.isEmpty
                ? HTML.escape(
                    t(
                        "Chaque domaine fragile a au moins une alliance enregistrée.",
                        "Every fragile domain has at least one registered alliance.", language))
                : HTML.escape(
                    t(
                        "Domaines fragiles sans alliance enregistrée : ",
                        "Fragile domains without a registered alliance: ",
                        language) + gaps.joined(separator: ", ") + ".")
            html += "</p>"
        }
        html +=
            "<h3>\(HTML.escape(t("Projets par étape et soutiens qui manquent", "Projects by stage and the support they lack", language)))</h3>"
        html += "<table class=\"data stages\"><thead><tr>"
        for header in [
            t("Étape", "Stage", language), t("Projets", "Projects", language),
            t("Partenaires attendus absents", "Expected partners missing", language),
        ] {
            html += "<th scope=\"col\">\(HTML.escape(header))</th>"
        }
        html += "</tr></thead><tbody>"
        for stage in coverage.stages {
            html +=
                "<tr><th scope=\"row\">\(HTML.escape(stage.stage.label.text(language)))</th><td>\(stage.alliances.count)</td>"
                + "<td>\(HTML.escape(stage.missingPartnerKinds.map { $0.label.text(language) }.joined(separator: ", ")))</td></tr>"
        }
        html += "</tbody></table>"
        html +=
            "<p><a href=\"\(HTML.escape(links.page("/alliances", [("territory", "region:" + region.code)])))\">"
            + HTML.escape(t("Toutes les alliances de la région", "All the region's alliances", language)) + "</a> · "
            + "<a href=\"\(HTML.escape(links.page("/stage")))\">"
            + HTML.escape(t("Diagnostic d’étape d’un projet", "Stage diagnostic of a project", language)) + "</a></p>"
        return html + "</section>"
    }
}
