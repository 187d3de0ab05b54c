import Foundation
import PhareCore
import PhareIO
import PhareRender

/// `/weights?w-emploi=3&w-culture=0…`: the reader says how much each domain counts for them.
/// The choice lives in the URL, so it can be bookmarked and shared.
enum WeightsPage {
    static let range = 0...5
    static let defaultWeight = 1

    /// The weights of the request, one per domain (the default where not given).
    /// - Throws: 400 for a weight that is not an integer from 0 to 5, for a parameter naming
    ///   no domain, or when every weight is zero.
    static func weights(_ request: DashboardRequest, _ framework: Framework) throws -> [(Domain, Int)] {
        for name in request.query.keys where name.hasPrefix("w-") {
            let code = String(name.dropFirst(2))
            guard framework.domain(code) != nil else {
                throw DashboardError.badRequest(LocalizedText(fr: "« \(name) » ne désigne aucun domaine.", en: "\"\(name)\" names no domain."))
            }
        }
        let weights = try framework.domains.map { domain -> (Domain, Int) in
            guard let text = request["w-" + domain.code] else { return (domain, defaultWeight) }
            guard let value = Int(text), range.contains(value) else {
                throw DashboardError.badRequest(LocalizedText(
                    fr: "Le poids de « \(domain.code) » doit être un entier de 0 à 5, pas « \(text) ».",
                    en: "The weight of \"\(domain.code)\" must be an integer from 0 to 5, not \"\(text)\"."
                ))
            }
            return (domain, value)
        }
        guard weights.contains(where: { $0.1 > 0 }) else {
            throw DashboardError.badRequest(LocalizedText(fr: "Au moins un domaine doit compter (poids non nul).", en: "At least one domain must count (non-zero weight)."))
        }
        return weights
    }

    static func render(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
        let language = request.language
        let framework = snapshot.framework
        let weights = try self.weights(request, framework)
        var body = "<p class=\"lead\">\(HTML.escape(Phrase.weightsLead.in(language)))</p>"
        body += "<form class=\"weights\" method=\"get\" action=\"/weights\">"
        for axis in framework.axes {
            body += "<fieldset><legend>\(HTML.escape(axis.label.text(language)))</legend>"
            for (domain, weight) in weights where domain.axis == axis.code {
                let id = "w-" + domain.code
                body += "<div class=\"weight\"><label for=\"\(HTML.escape(id))\">\(HTML.escape(domain.label.text(language)))</label>"
                body += "<input type=\"number\" id=\"\(HTML.escape(id))\" name=\"\(HTML.escape(id))\" min=\"0\" max=\"5\" step=\"1\" value=\"\(weight)\"></div>"
            }
            body += "</fieldset>"
        }
        body += DashboardPage.languageField(language)
        body += "<p><button type=\"submit\">\(HTML.escape(Phrase.applyWeights.in(language)))</button> <a href=\"\(HTML.escape(request.links.page("/weights")))\">\(HTML.escape(Phrase.resetWeights.in(language)))</a></p></form>"

        let shares = NormalisedWeights.shares(weights.map { Double($0.1) })
        let table = ResultTable(
            name: "weights", title: LocalizedText(fr: "Vos pondérations", en: "Your weights"),
            columns: [
                TableColumn("domain", LocalizedText(fr: "Domaine", en: "Domain")),
                TableColumn("weight", LocalizedText(fr: "Poids (0 à 5)", en: "Weight (0 to 5)")),
                TableColumn("share_percent", LocalizedText(fr: "Part du total (%)", en: "Share of the total (%)"), decimals: 1),
            ],
            rows: zip(weights, shares).map { [.text($0.0.label.text(language)), .integer($0.1), .number(100 * $1)] }
        )
        let style = ValueStyle(decimals: 1, unit: " %", language: language)
        let chart = BarChart.render(
            id: "weights-shares",
            caption: ChartCaption(title: Phrase.weightSharesTitle.in(language), description: Phrase.weightSharesDescription.in(language)),
            bars: zip(weights, shares).map { BarDatum(label: $0.0.shortLabel.text(language), value: 100 * $1) }, style: style
        )
        body += PageLayout.figure(title: Phrase.weightSharesTitle.in(language), svg: chart, table: table.html(language: language, downloads: []), language: language)
        body += "<section aria-labelledby=\"ranking\"><h2 id=\"ranking\">\(HTML.escape(Phrase.weightedRanking.in(language)))</h2>"
        body += PageLayout.emptyState(Phrase.noScoresForWeights.in(language), hint: Phrase.noIndicatorsYetHint.in(language))
        body += "</section>"
        return DashboardPage.document(request, title: Phrase.navWeights.in(language), section: .weights, body: body)
    }
}
