import Foundation
import PhareAnalysis
import PhareCore

/// The stage diagnostic in the dashboard: `/stage` shows the twelve questions as a GET form (no
/// account needed, nothing stored) and, once every question is answered, the placement.
public enum StagePage {
    public static func render(_ request: DashboardRequest) throws -> String {
        let language = request.language
        let diagnostic = try StageDiagnostic.bundled()
        func t(_ fr: String, _ en: String) -> String { LocalizedText(fr: fr, en: en).text(language) }
        var given: [String: String] = [:]
        for question in diagnostic.questions {
            if let value = request.query[question.code], !value.isEmpty { given[question.code] = value }
        }
        var body =
            "<p class=\"lead\">"
            + HTML.escape(
                t(
                    "Douze questions placent un projet d’innovation sociétale dans l’une des cinq étapes (conception, "
                        + "expérimentation, modélisation, essaimage, industrialisation), nomment le passage difficile "
                        + "qui l’attend et les leviers de soutien dont il a le plus besoin.",
                    "Twelve questions place a societal-innovation project in one of the five stages (conception, "
                        + "experimentation, modelling, spreading, industrialisation), name the hard passage ahead of it "
                        + "and the support levers it needs most.")) + "</p>"
        if !given.isEmpty {
            do {
                let placement = try diagnostic.place(given)
                body += StageResultPage(diagnostic: diagnostic, language: language).result(placement)
            } catch let missing as StageAnswersMissing {
                body +=
                    "<p class=\"error-message\" role=\"alert\">"
                    + HTML.escape(
                        t("Il manque une réponse aux questions ", "An answer is missing to the questions ")
                            + missing.questions.map(\.code).joined(separator: ", ") + ".") + "</p>"
            }
        }
        body += "<form class=\"stage-form\" method=\"get\" action=\"/stage\">"
        body += DashboardPage.languageField(language)
        for question in diagnostic.questions {
            body +=
                "<fieldset><legend>\(HTML.escape(question.code)). \(HTML.escape(question.text.text(language)))</legend>"
            for choice in diagnostic.answers {
                let checked = given[question.code].flatMap(diagnostic.choice)?.code == choice.code
                body +=
                    "<label><input type=\"radio\" name=\"\(HTML.escape(question.code))\" "
                    + "value=\"\(HTML.escape(choice.code))\"\(checked ? " checked" : "")> "
                    + "\(HTML.escape(choice.label.text(language)))</label> "
            }
            body += "</fieldset>"
        }
        body += "<button type=\"submit\">\(HTML.escape(t("Placer le projet", "Place the project")))</button></form>"
        return DashboardPage.document(
            request, title: t("Diagnostic d’étape", "Stage diagnostic"), section: .alliances, body: body)
    }
}

/// The result of the stage diagnostic: as a part of a page, or as a printable document
/// (`phare stage diagnose --out FILE.html|pdf`).
public struct StageResultPage: Sendable {
    public var diagnostic: StageDiagnostic
    public var language: Language

    public init(diagnostic: StageDiagnostic, language: Language) {
        self.diagnostic = diagnostic
        self.language = language
    }

    func t(_ fr: String, _ en: String) -> String { LocalizedText(fr: fr, en: en).text(language) }

    /// The placement, the passage ahead and the recommended levers and partners.
    public func result(_ placement: StagePlacement) -> String {
        var html = "<section class=\"stage-result\" aria-labelledby=\"stage-result-title\">"
        html +=
            "<h2 id=\"stage-result-title\">" + HTML.escape(t("Étape du projet : ", "Stage of the project: "))
            + HTML.escape(placement.stage.label.text(language)) + "</h2>"
        html += "<ol class=\"stages\">"
        for stage in InnovationStage.allCases {
            let score = Int(((placement.scores[stage] ?? 0) * 100).rounded())
            html +=
                "<li\(stage == placement.stage ? " class=\"current\" aria-current=\"step\"" : "")>"
                + "\(HTML.escape(stage.label.text(language))) <small>(\(score) %)</small></li>"
        }
        html += "</ol>"
        html +=
            "<p>" + HTML.escape(t("Phase : ", "Phase: ")) + HTML.escape(placement.stage.phase.label.text(language))
            + ". " + HTML.escape(t("Passage difficile devant le projet : ", "Hard passage ahead of the project: "))
            + "<strong>" + HTML.escape(placement.passage.label.text(language)) + "</strong>.</p>"
        html += "<table class=\"data levers\"><thead><tr>"
        for header in [
            t("Levier", "Lever"), t("Intensité", "Intensity"), t("Partenaires à chercher", "Partners to look for"),
        ] {
            html += "<th scope=\"col\">\(HTML.escape(header))</th>"
        }
        html += "</tr></thead><tbody>"
        for need in placement.recommendations {
            let lever = diagnostic.lever(need.lever)?.label.text(language) ?? need.lever
            let qualifier = need.qualifier.map { " (" + $0.text(language) + ")" } ?? ""
            html +=
                "<tr><th scope=\"row\">\(HTML.escape(lever + qualifier))</th>"
                + "<td>\(String(repeating: "+", count: need.intensity))</td>"
                + "<td>\(HTML.escape(need.partners.map { $0.label.text(language) }.joined(separator: ", ")))</td></tr>"
        }
        html += "</tbody></table>"
        html +=
            "<p>" + HTML.escape(t("Partenaires à chercher en priorité : ", "Partners to look for first: "))
            + HTML.escape(placement.partnerKinds.map { $0.label.text(language) }.joined(separator: ", ")) + ".</p>"
        return html + "</section>"
    }

    /// A printable one-page document (inline style, no script) of the result.
    public func document(_ placement: StagePlacement) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)"><head><meta charset="utf-8">
        <title>\(HTML.escape(t("Diagnostic d’étape", "Stage diagnostic"))) · Phare</title>
        <style>
        @page { size: A4; margin: 18mm; }
        body { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; color: #1b1b1b; }
        h1 { font-size: 18pt; } h2 { font-size: 14pt; }
        ol.stages { display: flex; gap: 6px; list-style: none; padding: 0; }
        ol.stages li { flex: 1; border: 1px solid #888; padding: 6px; text-align: center; }
        ol.stages li.current { background: #253494; color: white; font-weight: bold; }
        table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #ccc; padding: 4px; text-align: left; }
        </style></head><body>
        <h1>\(HTML.escape(t("Diagnostic d’étape d’un projet d’innovation sociétale", "Stage diagnostic of a societal-innovation project")))</h1>
        \(result(placement))
        <p><small>\(HTML.escape(t("Matrice des besoins et des leviers : lecture documentée dans docs/METHODOLOGY.md.", "Needs and levers matrix: reading documented in docs/METHODOLOGY.md.")))</small></p>
        </body></html>
        """
    }
}
