import Foundation
import PhareAnalysis
import PhareCore

/// A 16:9 slide deck to put a region's results up for debate with its actors (the study trips of
/// the programme): identity, fragilities measured and felt (the report's charts), where to
/// co-construct, practices against France, the registered alliances, and three questions drawn
/// from the data. One self-contained HTML file: arrow keys move between slides on screen, and
/// printing (or WeasyPrint) gives one slide a page.
public struct DebateDeck: Sendable {
    public var framework: Framework
    public var language: Language
    public var date: String

    public init(framework: Framework, language: Language, date: String) {
        self.framework = framework
        self.language = language
        self.date = date
    }

    func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }
    func text(_ value: String) -> String { ReportDocument.text(value, language) }
    func domainLabel(_ code: String) -> String { framework.domain(code)?.label.text(language) ?? code }

    public struct Slide: Sendable {
        public var id: String
        public var title: String
        public var html: String
    }

    /// The slides of a region, in order.
    public func slides(_ profile: RegionProfile, coverage: AllianceCoverage, illustrative: Bool) -> [Slide] {
        let charts = ProfileCharts(framework: framework, language: language)
        let all = charts.all(profile)
        func chart(_ id: String) -> String {
            all.first { $0.id == id }.map(\.svg)
                ?? "<p class=\"empty\">\(text(t("Pas de données pour ce graphique.", "No data for this chart.")))</p>"
        }
        var slides: [Slide] = []
        let warning =
            illustrative
            ? "<p class=\"warning\">\(text(t("Données de démonstration : valeurs illustratives et réponses synthétiques, pas la situation réelle de la région.", "Demo data: illustrative values and synthetic answers, not the region's real situation.")))</p>"
            : ""
        slides.append(
            Slide(
                id: "cover", title: profile.name,
                html:
                    "<p class=\"kicker\">\(text(t("Mise en débat des résultats", "Putting the results up for debate")))</p>"
                    + "<h1>\(text(profile.name))</h1><p class=\"subtitle\">"
                    + text(
                        t(
                            "Fragilités du territoire et alliances pour y répondre",
                            "The territory's fragilities and the alliances to answer them"))
                    + "</p><p class=\"meta\">Phare · \(text(date))</p>" + warning))

        let identity = profile.identity
        var facts: [(String, String)] = []
        if let population = identity.population {
            facts.append(
                (
                    t("Population", "Population"),
                    NumberFormatting.format(Double(population), decimals: 0, language: language)
                ))
        }
        if let area = identity.areaKm2 {
            facts.append(
                (t("Superficie", "Area"), NumberFormatting.format(area, decimals: 0, language: language) + " km²"))
        }
        if let density = identity.density {
            facts.append(
                (
                    t("Densité", "Density"),
                    NumberFormatting.format(density, decimals: 1, language: language) + t(" hab./km²", " inh./km²")
                ))
        }
        if let share = identity.shareOfFrance {
            facts.append(
                (
                    t("Part de la France", "Share of France"),
                    NumberFormatting.format(share * 100, decimals: 1, language: language) + " %"
                ))
        }
        facts.append((t("Départements", "Départements"), "\(identity.subdivisions.count)"))
        facts.append(
            (
                t("Communes", "Communes"),
                NumberFormatting.format(Double(identity.communeCount), decimals: 0, language: language)
            ))
        var identityHTML =
            "<dl class=\"facts\">" + facts.map { "<div><dt>\(text($0.0))</dt><dd>\(text($0.1))</dd></div>" }.joined()
            + "</dl>"
        identityHTML +=
            "<p class=\"small\">" + text(identity.subdivisions.map(\.name).joined(separator: " · ")) + "</p>"
        slides.append(Slide(id: "identity", title: t("Carte d'identité", "Identity card"), html: identityHTML))

        for axis in framework.axes {
            slides.append(
                Slide(
                    id: "axis-\(axis.code)",
                    title: t("Fragilités mesurées et ressenties — ", "Fragilities measured and felt — ")
                        + axis.label.text(language),
                    html: "<div class=\"chart\">" + chart("measured-felt-\(axis.code)") + "</div>"))
        }
        if let citizens = framework.perceivingActors.first {
            slides.append(
                Slide(
                    id: "perception",
                    title: t("Le ressenti des ", "How ")
                        + (framework.actor(citizens)?.label.text(language).lowercased() ?? citizens.rawValue)
                        + t("", " feel it"),
                    html: "<div class=\"chart\">" + chart("perception-\(citizens.rawValue)") + "</div>"))
        }
        slides.append(
            Slide(
                id: "relevance", title: t("Où co-construire ?", "Where to co-construct?"),
                html: "<div class=\"chart\">" + chart("relevance") + "</div>"))
        var withWhom =
            "<div class=\"columns\"><div class=\"chart\">" + chart("dynamic") + "</div><ul class=\"domains\">"
        for code in profile.synthesis.recommendedDomains {
            let acting = coverage.alliances.filter { $0.domains.contains(code) }
            let kinds = Set(acting.flatMap { $0.partners.map(\.kind) })
            withWhom +=
                "<li><strong>\(text(domainLabel(code)))</strong> — "
                + text(
                    acting.isEmpty
                        ? t(
                            "aucune alliance enregistrée : associations, entreprises et collectivités sont à réunir",
                            "no registered alliance: associations, companies and local authorities to bring together")
                        : t("déjà engagés : ", "already engaged: ")
                            + PartnerKind.allCases.filter(kinds.contains).map { $0.label.text(language) }.joined(
                                separator: ", "))
                + "</li>"
        }
        withWhom += "</ul></div>"
        slides.append(
            Slide(
                id: "with-whom",
                title: t("Avec qui ? La dynamique vue par les maires", "With whom? The dynamic as mayors see it"),
                html: withWhom))
        slides.append(
            Slide(
                id: "practices",
                title: t("Pratiques partenariales face à la France", "Partnership practices against France"),
                html: "<div class=\"chart\">" + chart("partnership-rates") + "</div>"))
        slides.append(
            Slide(
                id: "innovation",
                title: t(
                    "Les alliances, source d'innovation ? Face à la France",
                    "Alliances as a source of innovation? Against France"),
                html: "<div class=\"chart\">" + chart("innovation") + "</div>"))
        slides.append(
            Slide(
                id: "alliances", title: t("Alliances enregistrées", "Registered alliances"),
                html: allianceList(coverage)))
        var gaps = "<ul class=\"domains\">"
        for item in coverage.fragile {
            let marks = [item.measured ? t("mesuré", "measured") : nil, item.felt ? t("ressenti", "felt") : nil]
                .compactMap { $0 }
            gaps +=
                "<li class=\"\(item.alliances.isEmpty ? "gap" : "covered")\"><strong>\(text(domainLabel(item.domain)))</strong> ("
                + text(marks.joined(separator: ", ")) + ") — "
                + text(
                    item.alliances.isEmpty
                        ? t("aucune alliance", "no alliance")
                        : "\(item.alliances.count) " + t("alliance(s)", "alliance(s)"))
                + "</li>"
        }
        gaps += "</ul>"
        slides.append(
            Slide(
                id: "gaps", title: t("Domaines fragiles sans alliance", "Fragile domains without an alliance"),
                html: gaps))
        slides.append(
            Slide(
                id: "questions", title: t("Trois questions pour le débat", "Three questions for the debate"),
                html: "<ol class=\"questions\">"
                    + debateQuestions(profile, coverage: coverage).map { "<li>\(text($0))</li>" }.joined() + "</ol>"))
        slides.append(
            Slide(
                id: "method", title: t("D'où viennent ces chiffres", "Where these figures come from"),
                html: "<ul><li>"
                    + text(
                        t(
                            "Fragilité mesurée : rang de la région parmi ses pairs sur les indicateurs de chaque domaine (indices composites, méthode JRC/OCDE).",
                            "Measured fragility: the region's rank among its peers on each domain's indicators (composite indices, JRC/OECD method)."
                        ))
                    + "</li><li>"
                    + text(
                        t(
                            "Fragilité ressentie : note moyenne pondérée des citoyens, associations et entreprises, intervalle de confiance à 95 %.",
                            "Felt fragility: weighted mean rating of citizens, associations and companies, 95% confidence interval."
                        ))
                    + "</li><li>"
                    + text(
                        t(
                            "Pertinence des partenariats : score combinant mesure, ressenti, impact attendu et avis des maires, avec intervalle de rang.",
                            "Relevance of partnerships: a score combining measure, perception, expected impact and mayors' views, with a rank interval."
                        ))
                    + "</li><li>"
                    + text(
                        t(
                            "Alliances : registre importé par les analystes (`phare alliances import`) ; les exemples sont signalés.",
                            "Alliances: registry imported by analysts (`phare alliances import`); examples are flagged."
                        ))
                    + "</li><li>"
                    + text(t("Détail des méthodes : docs/METHODOLOGY.md.", "Methods in detail: docs/METHODOLOGY.md."))
                    + "</li></ul>" + warning))
        return slides
    }

    func allianceList(_ coverage: AllianceCoverage) -> String {
        guard !coverage.alliances.isEmpty else {
            return "<p class=\"empty\">"
                + text(
                    t("Aucune alliance n'est enregistrée dans la région.", "No alliance is registered in the region."))
                + "</p>"
        }
        var html =
            "<table class=\"data\"><thead><tr><th>\(text(t("Alliance", "Alliance")))</th><th>\(text(t("Partenaires", "Partners")))</th><th>\(text(t("Étape", "Stage")))</th><th>\(text(t("Domaines", "Domains")))</th></tr></thead><tbody>"
        for alliance in coverage.alliances.prefix(8) {
            html +=
                "<tr><td>\(text(alliance.title))\(alliance.example ? " <em>(" + text(t("exemple", "example")) + ")</em>" : "")</td>"
                + "<td>\(text(alliance.partners.map { "\($0.name) (\($0.kind.label.text(language)))" }.joined(separator: ", ")))</td>"
                + "<td>\(text(alliance.stage.label.text(language)))</td>"
                + "<td>\(text(alliance.domains.map(domainLabel).joined(separator: ", ")))</td></tr>"
        }
        html += "</tbody></table>"
        if coverage.alliances.count > 8 {
            html +=
                "<p class=\"small\">"
                + text(t("… et \(coverage.alliances.count - 8) autres.", "… and \(coverage.alliances.count - 8) more."))
                + "</p>"
        }
        return html
    }

    /// Three questions drawn from the data: a gap between perception and measure, the most
    /// relevant domain without an alliance, and the practices against France.
    public func debateQuestions(_ profile: RegionProfile, coverage: AllianceCoverage) -> [String] {
        var questions: [String] = []
        let cells = profile.fragilities.cells
        if let felt = cells.first(where: { $0.quadrant == .feltNotMeasured }) {
            questions.append(
                t(
                    "Les acteurs ressentent « \(domainLabel(felt.domain)) » comme une fragilité que les indicateurs ne montrent pas : que voient-ils que la statistique ne mesure pas ?",
                    "The actors feel \"\(domainLabel(felt.domain))\" as a fragility the indicators do not show: what do they see that statistics miss?"
                ))
        } else if let measured = cells.first(where: { $0.quadrant == .measuredNotFelt }) {
            questions.append(
                t(
                    "Les indicateurs placent « \(domainLabel(measured.domain)) » parmi les plus fragiles, sans que les acteurs le ressentent : pourquoi ce décalage ?",
                    "The indicators place \"\(domainLabel(measured.domain))\" among the most fragile, yet the actors do not feel it: why the gap?"
                ))
        } else {
            questions.append(
                t(
                    "Mesure et ressenti s'accordent sur les fragilités de la région : sur lequel des domaines agir d'abord ?",
                    "Measure and perception agree on the region's fragilities: which domain to act on first?"))
        }
        let ranked = profile.coConstruction.relevance.sorted { ($0.rank, $0.domain) < ($1.rank, $1.domain) }
        let uncovered = Set(coverage.withoutAlliance.map(\.domain))
        if let gap = ranked.first(where: { uncovered.contains($0.domain) }) {
            questions.append(
                t(
                    "« \(domainLabel(gap.domain)) » est fragile, les partenariats y sont jugés pertinents (rang \(gap.rank)) et aucune alliance n'y est enregistrée : qui pourrait s'y engager ensemble ?",
                    "\"\(domainLabel(gap.domain))\" is fragile, partnerships are judged relevant there (rank \(gap.rank)) and no alliance is registered: who could commit to it together?"
                ))
        } else if let top = ranked.first {
            questions.append(
                t(
                    "Des alliances agissent déjà sur « \(domainLabel(top.domain)) », le domaine le plus pertinent : comment les faire essaimer ?",
                    "Alliances already act on \"\(domainLabel(top.domain))\", the most relevant domain: how can they spread?"
                ))
        }
        let below = profile.practices.partnershipRates.filter {
            ($0.comparison?.isSignificant ?? false) && ($0.comparison?.difference ?? 0) < 0
        }
        if let rate = below.first {
            questions.append(
                t(
                    "Le taux de partenariat des \(rate.label.fr.lowercased()) est inférieur à la moyenne nationale : qu'est-ce qui freine les alliances ici ?",
                    "The partnership rate of \(rate.label.en.lowercased()) is below the national average: what holds alliances back here?"
                ))
        } else {
            questions.append(
                t(
                    "Les pratiques partenariales de la région ne s'écartent pas nettement de la moyenne nationale : quelle alliance locale pourrait devenir un exemple ?",
                    "The region's partnership practices do not differ clearly from the national average: which local alliance could become an example?"
                ))
        }
        return questions
    }

    static let styles = """
        @page { size: 254mm 142.875mm; margin: 0; }
        html { font-family: "DejaVu Sans", system-ui, sans-serif; color: #1b1b1b; }
        body { margin: 0; background: #444; }
        section.slide { box-sizing: border-box; width: 254mm; height: 142.875mm; padding: 9mm 12mm; background: #fff;
          overflow: hidden; page-break-after: always; break-after: page; position: relative; margin: 0 auto 6mm; }
        section.slide h2 { margin: 0 0 4mm; font-size: 19pt; color: #0b2f5b; }
        section.slide .chart { width: 100%; height: 108mm; text-align: center; }
        section.slide .chart svg { width: 100%; height: 106mm; }
        div.columns { display: flex; gap: 6mm; align-items: flex-start; }
        div.columns > * { flex: 1 1 0; min-width: 0; }
        div.columns .chart, div.columns .chart svg { height: 100mm; }
        section.cover { background: #0b2f5b; color: #fff; padding-top: 30mm; }
        section.cover h1 { font-size: 34pt; margin: 4mm 0; }
        .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12pt; opacity: .85; }
        .subtitle { font-size: 16pt; } .meta { margin-top: 16mm; }
        .warning { font-size: 10pt; background: #fff3cd; color: #5c4400; padding: 2mm 4mm; border-radius: 2mm; }
        dl.facts { display: flex; flex-wrap: wrap; gap: 5mm 0; font-size: 16pt; margin: 6mm 0; }
        dl.facts > div { width: 33%; }
        dl.facts dt { font-size: 10pt; color: #555; } dl.facts dd { margin: 0; font-weight: bold; }
        .small { font-size: 10pt; color: #444; }
        ul.domains, ol.questions, section.slide ul { font-size: 12.5pt; line-height: 1.5; }
        ol.questions li { margin-bottom: 5mm; font-size: 15pt; }
        li.gap strong { color: #a50f15; }
        .page-number { position: absolute; right: 8mm; bottom: 5mm; font-size: 9pt; color: #777; }
        @media screen { body.deck section.slide { display: none; margin: 0; }
          body.deck section.slide.current { display: block; }
          body.deck { display: flex; align-items: center; justify-content: center; min-height: 100vh; } }
        @media print { body { background: #fff; } section.slide { margin: 0; } }
        """

    static let script = """
        (function () {
          var slides = document.querySelectorAll('section.slide'); var i = 0;
          document.body.classList.add('deck');
          function show(n) { i = Math.max(0, Math.min(slides.length - 1, n));
            slides.forEach(function (s, k) { s.classList.toggle('current', k === i); }); }
          document.addEventListener('keydown', function (e) {
            if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') { show(i + 1); e.preventDefault(); }
            if (e.key === 'ArrowLeft' || e.key === 'PageUp') { show(i - 1); e.preventDefault(); }
            if (e.key === 'Home') show(0); if (e.key === 'End') show(slides.length - 1); });
          show(0);
        })();
        """

    /// The whole deck as one self-contained HTML document.
    public func document(_ profile: RegionProfile, coverage: AllianceCoverage, illustrative: Bool) -> String {
        let slides = slides(profile, coverage: coverage, illustrative: illustrative)
        var body = ""
        for (offset, slide) in slides.enumerated() {
            body +=
                "<section class=\"slide\(slide.id == "cover" ? " cover" : "")\" id=\"\(HTML.escape(slide.id))\" "
                + "aria-label=\"\(HTML.escape(slide.title))\">"
                + (slide.id == "cover" ? "" : "<h2>\(text(slide.title))</h2>") + slide.html
                + "<span class=\"page-number\">\(offset + 1) / \(slides.count)</span></section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Phare">
            <title>\(text(profile.name)) — \(text(t("mise en débat", "debate deck")))</title>
            <style>
            \(Self.styles)
            \(ReportDocument.chartStyles)
            </style></head>
            <body>
            \(body)<script>\(Self.script)</script>
            </body></html>

            """
    }
}
