import Foundation
import PhareAnalysis
import PhareCore

/// Pages drawn from the framework: domains, actors, the indicator catalogue, the framework itself
/// and the methodology.
public enum FrameworkPages {
    public static func domainIndex(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) -> String {
        let language = request.language
        let framework = snapshot.framework
        var body = "<p class=\"lead\">\(HTML.escape(Phrase.domainsLead.in(language)))</p>"
        for axis in framework.axes {
            body += "<h2>\(HTML.escape(axis.label.text(language)))</h2><ul class=\"cards\">"
            for domain in framework.domains(inAxis: axis.code) {
                body +=
                    "<li><a href=\"\(HTML.escape(request.links.domain(domain.code)))\">\(HTML.escape(domain.label.text(language)))</a></li>"
            }
            body += "</ul>"
        }
        body += DashboardTables.domains(framework, links: request.links).html(
            language: language, downloads: request.links.downloads("domains", []))
        return DashboardPage.document(request, title: Phrase.navDomains.in(language), section: .domains, body: body)
    }

    public static func actorIndex(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) -> String {
        let language = request.language
        var body = "<p class=\"lead\">\(HTML.escape(Phrase.actorsLead.in(language)))</p>"
        body += DashboardTables.actors(snapshot.framework, links: request.links).html(
            language: language, downloads: request.links.downloads("actors", []))
        return DashboardPage.document(request, title: Phrase.navActors.in(language), section: .actors, body: body)
    }

    public static func indicators(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) -> String {
        let language = request.language
        var body = "<p class=\"lead\">\(HTML.escape(Phrase.indicatorsLead.in(language)))</p>"
        body += "<h2>\(HTML.escape(Phrase.indicatorCatalogue.in(language)))</h2>"
        if snapshot.analysis?.catalogue?.count ?? 0 > 0 {
            body += DashboardTables.catalogue(snapshot).html(
                language: language, downloads: request.links.downloads("indicator-catalogue", []))
        } else {
            body += PageLayout.emptyState(
                Phrase.noIndicatorCatalogue.in(language), hint: Phrase.noIndicatorsYetHint.in(language))
        }
        body += "<h2>\(HTML.escape(Phrase.figuresAvailable.in(language)))</h2>"
        body += DashboardTables.layers(snapshot).html(
            language: language, downloads: request.links.downloads("layers", []))
        return DashboardPage.document(
            request, title: Phrase.navIndicators.in(language), section: .indicators, body: body)
    }

    /// The open datasets behind the real values: producer, dataset, vintage, licence and where the
    /// copy was obtained, as the Licence Ouverte / Etalab 2.0 asks.
    public static func sources(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) -> String {
        let language = request.language
        let lead = LocalizedText(
            fr:
                "Les valeurs réelles des indicateurs viennent des fichiers publiés par leurs producteurs (INSEE, "
                + "SSMSI, DREES, ministères…) "
                + "sous la Licence Ouverte / Etalab 2.0. Chaque fichier est listé ici avec son producteur, son jeu de "
                + "données, son millésime, "
                + "sa licence, la copie utilisée et son empreinte. Les valeurs marquées illustratives ne viennent "
                + "d’aucun de ces fichiers.",
            en:
                "The real indicator values come from files published by their producers (INSEE, SSMSI, DREES, "
                + "ministries…) under the "
                + "Licence Ouverte / Etalab 2.0. Each file is listed here with its producer, dataset, vintage, "
                + "licence, the copy used and "
                + "its checksum. Values marked illustrative come from none of these files."
        )
        var body = "<p class=\"lead\">\(HTML.escape(lead.text(language)))</p>"
        if snapshot.analysis?.provenance == nil {
            body += PageLayout.emptyState(
                language == .fr
                    ? "Aucune donnée ouverte de référence dans cet observatoire."
                    : "No open-data baseline in this observatory.",
                hint: language == .fr
                    ? "`phare init` (sans --empty) la charge." : "`phare init` (without --empty) loads it.")
        } else {
            body += DashboardTables.sources(snapshot).html(
                language: language, downloads: request.links.downloads("sources", []))
        }
        return DashboardPage.document(request, title: Phrase.navSources.in(language), section: .sources, body: body)
    }

    public static func framework(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) -> String {
        let language = request.language
        let framework = snapshot.framework
        var body = "<p class=\"lead\">\(HTML.escape(Phrase.frameworkLead.in(language)))</p>"
        body += DashboardPage.facts([
            (Phrase.frameworkName.in(language), framework.name.text(language)),
            (Phrase.frameworkVersion.in(language), "\(framework.id) \(framework.version)"),
        ])
        for axis in framework.axes {
            body += "<h2>\(HTML.escape(axis.label.text(language)))</h2><ul>"
            body += framework.domains(inAxis: axis.code).map {
                "<li><a href=\"\(HTML.escape(request.links.domain($0.code)))\">\(HTML.escape($0.label.text(language)))</a> <code>\(HTML.escape($0.code))</code></li>"
            }.joined()
            body += "</ul>"
        }
        let lists: [(Phrase, [FrameworkEntry])] = [
            (
                .navActors,
                framework.actors.map {
                    FrameworkEntry(
                        code: $0.code.rawValue, label: $0.label, shortLabel: $0.shortLabel, description: $0.description)
                }
            ), (.partnershipTypes, framework.partnershipTypes), (.partnershipScopes, framework.partnershipScopes),
            (.coConstructionScale, framework.coConstructionDynamic), (.innovationStages, framework.innovationStages),
            (.supportLevers, framework.supportLevers), (.allianceImpacts, framework.allianceImpacts),
        ]
        for (title, entries) in lists {
            body += "<h2>\(HTML.escape(title.in(language)))</h2><dl class=\"entries\">"
            for entry in entries {
                body += "<dt>\(HTML.escape(entry.label.text(language))) <code>\(HTML.escape(entry.code))</code></dt>"
                body += "<dd>\(HTML.escape(entry.description?.text(language) ?? ""))</dd>"
            }
            body += "</dl>"
        }
        return DashboardPage.document(request, title: Phrase.navFramework.in(language), section: .framework, body: body)
    }

    public static func methodology(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) -> String {
        let language = request.language
        let sections: [(Phrase, Phrase)] = [
            (.methodTerritoriesTitle, .methodTerritories),
            (.methodPopulationTitle, .methodPopulation),
            (.methodAreaTitle, .methodArea),
            (.methodMapTitle, .methodMap),
            (.methodRankTitle, .methodRank),
            (.methodGeometryTitle, .methodGeometry),
            (.methodIndicatorsTitle, .methodIndicators),
            (.methodSurveysTitle, .methodSurveys),
            (.methodWeightsTitle, .methodWeights),
            (.methodDownloadsTitle, .methodDownloads),
        ]
        var body = "<p class=\"lead\">\(HTML.escape(Phrase.methodologyLead.in(language)))</p>"
        for (title, text) in sections {
            body +=
                "<section><h2>\(HTML.escape(title.in(language)))</h2><p>\(HTML.escape(text.in(language)))</p>"
                + (title == .methodWeightsTitle ? WeightsPage.coherenceLink(request) : "") + "</section>"
        }
        return DashboardPage.document(
            request, title: Phrase.navMethodology.in(language), section: .methodology, body: body)
    }
}
