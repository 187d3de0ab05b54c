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

/// The domain, actor and compare pages on the demo observatory: their figures are the snapshot's
/// diagnosis, survey estimates and region profiles, looked up independently here.
@Suite struct DomainActorComparePagesTests {
    static var snapshot: DashboardSnapshot { DemoFixture.snapshot }
    static var analysis: AnalysedObservatory { DemoFixture.snapshot.analysis! }

    func rows(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    func close(_ a: Any?, _ b: Double?) -> Bool {
        guard let a = a as? Double, let b else { return a == nil && b == nil }
        return abs(a - b) < 1e-9
    }

    @Test func domainPageShowsScoresIndicatorsRatingsAndRelevance() async throws {
        let diagnosis = try #require(Self.analysis.metropolitanDiagnosis)
        try await ServerFixture.application(ServerFixture.server(DemoFixture.snapshot)).test(.router) { client in
            for language in [Language.fr, .en] {
                try await client.execute(uri: "/domain/emploi" + (language == .en ? "?lang=en" : ""), method: .get) {
                    response in
                    #expect(response.status == .ok)
                    let text = response.text
                    for id in [
                        "id=\"map-regions\"", "id=\"ratings-citoyens\"", "/download/domain-regions.csv?domain=emploi",
                        "/download/domain-indicators.csv?domain=emploi",
                        "/download/domain-ratings.xlsx?domain=emploi", "/api/v1/tables/domain-relevance?domain=emploi",
                        "class=\"demo-notice\"",
                    ] {
                        #expect(text.contains(id), "\(language) lacks \(id)")
                    }
                    #expect(!text.contains("<script>") && !text.contains("style=\""))
                }
            }
            // Regions table: score, rank and coverage of the metropolitan diagnosis.
            try await client.execute(uri: "/api/v1/tables/domain-regions?domain=emploi", method: .get) { response in
                let rows = try rows(response.text)
                #expect(rows.count == 13)
                #expect(rows.first?["rank"] as? Int == 1)
                let grandEst = try #require(rows.first { $0["code"] as? String == "44" })
                let score = try #require(diagnosis.territory("44")?.domains.first { $0.code == "emploi" })
                #expect(close(grandEst["score"], score.score))
                #expect(grandEst["rank"] as? Int == score.rank)
                #expect(close(grandEst["coverage"], 100 * Double(score.used) / Double(score.total)))
            }
            // Indicators: every position of the domain's indicators, with the catalogue's source.
            try await client.execute(uri: "/api/v1/tables/domain-indicators?domain=emploi", method: .get) { response in
                let rows = try rows(response.text)
                let expected = diagnosis.territories.flatMap { $0.indicators.filter { $0.domain == "emploi" } }
                #expect(!expected.isEmpty && rows.count == expected.count)
                let first = try #require(diagnosis.territory("44")?.indicators.first { $0.domain == "emploi" })
                let row = try #require(
                    rows.first {
                        $0["region_code"] as? String == "44" && $0["indicator_code"] as? String == first.indicator
                    })
                #expect(close(row["value"], first.value) && close(row["national"], first.national))
                #expect(row["rank"] as? Int == first.rank)
                let definition = try #require(Self.analysis.catalogue?[first.indicator])
                #expect(
                    row["source"] as? String == definition.source && row["vintage"] as? String == definition.vintage)
            }
            // Ratings: each actor's regional and national estimate, with its interval and n.
            try await client.execute(uri: "/api/v1/tables/domain-ratings?domain=emploi", method: .get) { response in
                let rows = try rows(response.text)
                let estimate = try #require(
                    Self.analysis.estimate("associations", "mean_rating", "emploi", region: "93"))
                let row = try #require(
                    rows.first { $0["actor_code"] as? String == "associations" && $0["code"] as? String == "93" })
                #expect(
                    close(row["estimate"], estimate.estimate) && close(row["lower"], estimate.lower)
                        && close(row["upper"], estimate.upper))
                #expect(row["n"] as? Int == estimate.sampleSize)
                let france = try #require(
                    rows.first { $0["actor_code"] as? String == "citoyens" && $0["code"] as? String == "FR" })
                #expect(
                    close(france["estimate"], Self.analysis.estimate("citoyens", "mean_rating", "emploi")?.estimate))
            }
            // Relevance: the rank of the domain in each region's profile, with its interval.
            try await client.execute(uri: "/download/domain-relevance.csv?domain=emploi", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"phare-domain-relevance.csv\"")
                let lines = response.text.split(separator: "\n")
                #expect(lines.count == 19)
                let relevance = try #require(
                    Self.analysis.profile(TerritoryID(.region, "44"))?.coConstruction.relevance.first {
                        $0.domain == "emploi"
                    })
                let line = try #require(lines.first { $0.hasPrefix("Grand Est,44,") })
                #expect(line.split(separator: ",")[3] == Substring(String(relevance.rank)))
            }
            try await client.execute(uri: "/download/domain-indicators.xlsx?domain=emploi", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
            try await client.execute(uri: "/api/v1/tables/domain-regions?domain=nope", method: .get) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/tables/domain-regions", method: .get) {
                #expect($0.status == .badRequest)
            }
        }
    }

    @Test func actorPageShowsNationalAnswersAndRegions() async throws {
        try await ServerFixture.application(ServerFixture.server(DemoFixture.snapshot)).test(.router) { client in
            try await client.execute(uri: "/actor/citoyens", method: .get) { response in
                #expect(response.status == .ok)
                let text = response.text
                for id in [
                    "id=\"actor-ratings\"", "id=\"map-regions\"", "<option value=\"emploi\" selected>",
                    "/download/actor-regions.csv?actor=citoyens",
                    "/download/actor-innovation.csv?actor=citoyens", "Fragilité ressentie par les citoyens : Emploi",
                ] {
                    #expect(text.contains(id), "lacks \(id)")
                }
                // The demo surveys publish no share_top3: the page says so.
                if Self.analysis.estimate("citoyens", "share_top3", "emploi") == nil {
                    #expect(text.contains("ne donnent pas la part de cet acteur"))
                } else {
                    #expect(text.contains("/download/actor-top3.csv?actor=citoyens"))
                }
                #expect(!text.contains("<script>") && !text.contains("style=\""))
            }
            try await client.execute(uri: "/actor/associations?domain=sante&lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<option value=\"sante\" selected>"))
                #expect(response.text.contains("SYNTHETIC"))
            }
            try await client.execute(uri: "/actor/citoyens?domain=nope", method: .get) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/tables/actor-ratings?actor=citoyens", method: .get) { response in
                let rows = try rows(response.text)
                #expect(rows.count == 16)
                let estimate = try #require(Self.analysis.estimate("citoyens", "mean_rating", "logement"))
                let row = try #require(rows.first { $0["code"] as? String == "logement" })
                #expect(
                    close(row["estimate"], estimate.estimate) && close(row["lower"], estimate.lower)
                        && close(row["upper"], estimate.upper))
                #expect(row["n"] as? Int == estimate.sampleSize)
            }
            try await client.execute(uri: "/api/v1/tables/actor-innovation?actor=entreprises", method: .get) {
                response in
                let rows = try rows(response.text)
                let france = try #require(rows.first)
                #expect(france["code"] as? String == "FR")
                #expect(
                    close(
                        france["estimate"],
                        Self.analysis.estimate("entreprises", "innovation_agree", "all")?.estimate.map { $0 * 100 }))
            }
            try await client.execute(uri: "/download/actor-regions.csv?actor=citoyens", method: .get) { response in
                #expect(response.status == .ok)
                let lines = response.text.split(separator: "\n")
                #expect(lines.first?.hasPrefix("territory,code,") == true)
                let estimate = try #require(
                    Self.analysis.estimate(
                        "citoyens", "mean_rating", Self.snapshot.framework.domains[0].code, region: "44")?.estimate)
                let line = try #require(lines.first { $0.hasPrefix("Grand Est,44,") })
                #expect(abs((Double(line.split(separator: ",")[2]) ?? -1) - estimate) < 1e-9)
            }
            try await client.execute(uri: "/download/actor-ratings.xlsx?actor=citoyens", method: .get) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/tables/actor-ratings?actor=nope", method: .get) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func comparePageShowsTwoRegions() async throws {
        let profiles = try ["44", "93"].map { try #require(Self.analysis.profile(TerritoryID(.region, $0))) }
        let framework = Self.snapshot.framework
        try await ServerFixture.application(ServerFixture.server(DemoFixture.snapshot)).test(.router) { client in
            try await client.execute(uri: "/compare?a=44&b=93", method: .get) { response in
                #expect(response.status == .ok)
                let text = response.text
                for id in [
                    "Grand Est", "Provence-Alpes-Côte d'Azur", "id=\"compare-domains\"",
                    "/download/compare-domains.csv?a=44&amp;b=93",
                    "/download/compare-ratings.csv?a=44&amp;b=93", "Domaines recommandés pour des alliances",
                ] {
                    #expect(text.contains(HTML.escape(id)) || text.contains(id), "lacks \(id)")
                }
                for profile in profiles {
                    for code in profile.synthesis.recommendedDomains {
                        #expect(text.contains(HTML.escape(framework.domain(code)?.label.fr ?? code)))
                    }
                }
                #expect(!text.contains("<script>") && !text.contains("style=\""))
            }
            try await client.execute(uri: "/api/v1/tables/compare-domains?a=44&b=93&lang=en", method: .get) {
                response in
                let rows = try rows(response.text)
                #expect(rows.count == 16)
                for (key, profile) in zip(["a", "b"], profiles) {
                    let cell = try #require(profile.fragilities.cells.first { $0.domain == "emploi" })
                    let row = try #require(rows.first { $0["code"] as? String == "emploi" })
                    #expect(close(row["score_\(key)"], cell.measured?.score))
                    #expect(row["rank_\(key)"] as? Int == cell.measured?.rank)
                    #expect(
                        row["class_\(key)"] as? String
                            == ProfileCharts(framework: framework, language: .en).quadrantLabel(cell))
                    if let first = profile.synthesis.recommendedDomains.first {
                        #expect(rows.first { $0["code"] as? String == first }?["recommended_\(key)"] as? Int == 1)
                    }
                }
            }
            try await client.execute(uri: "/download/compare-ratings.csv?a=44&b=93", method: .get) { response in
                #expect(response.status == .ok)
                let lines = response.text.split(separator: "\n")
                let actors = Self.analysis.ratingActors(framework).count
                #expect(lines.count == 1 + 16 * actors)
            }
            try await client.execute(uri: "/download/compare.xlsx?a=44&b=93", method: .get) {
                #expect($0.status == .ok)
            }
            for (uri, status) in [
                ("/api/v1/tables/compare-domains?a=44", HTTPResponse.Status.badRequest),
                ("/api/v1/tables/compare-domains?a=44&b=99", .notFound),
                ("/download/compare-ratings.csv?a=44&b=2A", .badRequest), ("/compare?a=xx&b=44", .notFound),
            ] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == status, "\(uri)") }
            }
        }
    }
}
