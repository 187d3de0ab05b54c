import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhareAnalysis
import PhareCore
import PhareStore
import Testing

@testable import PhareRender
@testable import PhareServer

/// The registry on the demo observatory: the Grand Est page shows its alliances and its fragile
/// domains without one; the registry list, its filters and map; the stage diagnostic form.
@Suite struct AlliancePagesTests {
    static var snapshot: DashboardSnapshot { DemoFixture.snapshot }

    @Test func grandEstShowsItsAlliancesAndItsFragileDomainsWithoutOne() async throws {
        let analysis = try #require(Self.snapshot.analysis)
        let profile = try #require(analysis.profile(TerritoryID(.region, "44")))
        // Independently: fragile = measured among the most fragile third, or felt; the demo registers
        // one example in Strasbourg acting on emploi and developpement-economique.
        let fragile = profile.fragilities.cells.filter { $0.measuredVerdict == .fragile || $0.feltVerdict == .felt }
            .map(\.domain)
        #expect(!fragile.isEmpty)
        let covered: Set<String> = ["emploi", "developpement-economique"]
        let framework = Self.snapshot.framework
        let gaps = framework.domains.map(\.code).filter { fragile.contains($0) && !covered.contains($0) }
        try await ServerFixture.application(ServerFixture.server(Self.snapshot)).test(.router) { client in
            try await client.execute(uri: "/region/44", method: .get) { response in
                #expect(response.status == .ok)
                let text = response.text
                #expect(text.contains("id=\"alliances\""))
                #expect(
                    text.contains(HTML.escape("Mise en débat du rapport PHARE Grand Est (voyage d'études, Strasbourg)"))
                )
                #expect(!text.contains("Restoria"))
                let sentence =
                    gaps.isEmpty
                    ? "Chaque domaine fragile a au moins une alliance enregistrée."
                    : "Domaines fragiles sans alliance enregistrée : "
                        + gaps.map { framework.domain($0)!.label.fr }.joined(separator: ", ") + "."
                #expect(text.contains(HTML.escape(sentence)), "expected: \(sentence)")
                #expect(!text.contains("style=\""))
            }
        }
    }

    @Test func theRegistryListFiltersByDomainAndTerritory() async throws {
        try await ServerFixture.application(ServerFixture.server(Self.snapshot)).test(.router) { client in
            try await client.execute(uri: "/alliances", method: .get) { response in
                #expect(response.status == .ok)
                for title in ["Restoria", "CPIE Bocage de l", "Charenton", "Strasbourg"] {
                    #expect(response.text.contains(title))
                }
                #expect(response.text.contains("id=\"map-alliances\""))
            }
            try await client.execute(uri: "/alliances?domain=environnement&lang=en", method: .get) { response in
                #expect(response.text.contains("CPIE Bocage de l"))
                #expect(!response.text.contains("Restoria"))
                #expect(response.text.contains("example"))
            }
            try await client.execute(uri: "/alliances?territory=departement:79", method: .get) { response in
                #expect(response.text.contains("Restoria") && !response.text.contains("Toyota"))
            }
            try await client.execute(uri: "/alliances?domain=nope", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/alliances?territory=%3Cscript%3E", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(!response.text.contains("<script>"))
            }
        }
    }

    @Test func theStageFormPlacesAProjectOrNamesTheMissingAnswers() async throws {
        try await ServerFixture.application(ServerFixture.server(Self.snapshot)).test(.router) { client in
            try await client.execute(uri: "/stage", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.components(separatedBy: "type=\"radio\"").count - 1 == 36)
            }
            let all = (1...12).map { "Q\($0)=" + ($0 <= 7 ? "oui" : "non") }.joined(separator: "&")
            try await client.execute(uri: "/stage?" + all, method: .get) { response in
                #expect(response.text.contains("Étape du projet : Modélisation"))
                #expect(response.text.contains("Vallée de la mort"))
            }
            try await client.execute(uri: "/stage?Q1=oui&Q2=oui&lang=en", method: .get) { response in
                #expect(response.text.contains("An answer is missing to the questions Q3, Q4"))
            }
        }
    }
}

/// The debate deck of Grand Est on the demo observatory.
@Suite struct DebateDeckTests {
    @Test func theDeckHasTwelveToSixteenSlidesAndThreeQuestionsFromTheData() throws {
        let analysis = try #require(DemoFixture.snapshot.analysis)
        let profile = try #require(analysis.profile(TerritoryID(.region, "44")))
        let coverage = try analysis.allianceCoverage(profile)
        let deck = DebateDeck(framework: analysis.framework, language: .fr, date: "2026-12-02")
        let slides = deck.slides(profile, coverage: coverage, illustrative: true)
        #expect((12...16).contains(slides.count))
        let questions = deck.debateQuestions(profile, coverage: coverage)
        #expect(questions.count == 3)
        // The first question names a domain felt but not measured when there is one.
        if let felt = profile.fragilities.cells.first(where: { $0.quadrant == .feltNotMeasured }) {
            #expect(questions[0].contains(analysis.framework.domain(felt.domain)!.label.fr))
        }
        // The report's charts are reused as they are.
        let html = deck.document(profile, coverage: coverage, illustrative: true)
        for chart in ProfileCharts(framework: analysis.framework, language: .fr).measuredAndFelt(profile) {
            #expect(html.contains(chart.svg))
        }
        #expect(html.contains("ArrowRight") && html.contains("@page { size: 254mm 142.875mm"))
    }
}
