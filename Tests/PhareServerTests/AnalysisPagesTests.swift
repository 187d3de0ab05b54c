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

/// The dashboard on the demo observatory: the analysis computed once in the snapshot and shown
/// on the pages, in the downloads and in the API.
@Suite struct AnalysisPagesTests {
    static var snapshot: DashboardSnapshot { DemoFixture.snapshot }
    static var analysis: AnalysedObservatory { DemoFixture.snapshot.analysis! }

    func html(_ text: String) -> String { HTML.escape(text) }

    @Test func snapshotHoldsTheAnalysisOnce() throws {
        let analysis = try #require(DemoFixture.snapshot.analysis)
        #expect(analysis.analysis.profiles.count == 18)
        #expect(analysis.diagnoses.map(\.peers) == [.metropolitan, .all])
        #expect(analysis.illustrative && analysis.synthetic)
        #expect(analysis.wave == "2015")
        let sensitivity = try #require(analysis.sensitivity)
        #expect(sensitivity.runs == AnalysisSettings.dashboard.sensitivity!.runs && sensitivity.territories.count == 13)
        // Layers: overall, 4 axes, 16 domains, and one perception layer per rating actor × domain.
        let groups = DemoFixture.snapshot.layers.map { DashboardAPI.groupName($0.group).0 }
        #expect(groups.filter { $0 == "overall" }.count == 1)
        #expect(groups.filter { $0 == "axis" }.count == 4)
        #expect(groups.filter { $0 == "domain" }.count == 16)
        #expect(
            groups.filter { $0 == "perception" }.count == 16
                * analysis.ratingActors(DemoFixture.snapshot.framework).count)
        print("snapshot analysis built in \(String(format: "%.2f", analysis.buildSeconds)) s (debug build)")
    }

    /// Domain layers carry the metropolitan diagnosis' scores; overseas regions have none.
    @Test func fragilityLayersComeFromTheMetropolitanDiagnosis() throws {
        let diagnosis = try #require(Self.analysis.metropolitanDiagnosis)
        let layer = try #require(Self.snapshot.layer("domain-emploi"))
        for territory in diagnosis.territories {
            #expect(
                layer.value(TerritoryID(.region, territory.code))
                    == territory.domains.first { $0.code == "emploi" }?.score)
        }
        #expect(layer.value(TerritoryID(.region, "04")) == nil)
        // Overall = mean of the 16 domain scores, worked here by hand for Grand Est.
        let grandEst = try #require(diagnosis.territory("44"))
        let scores = grandEst.domains.compactMap(\.score)
        #expect(scores.count == 16)
        let overall = try #require(Self.snapshot.layer("overall")?.value(TerritoryID(.region, "44")))
        #expect(abs(overall - scores.reduce(0, +) / 16) < 1e-12)
        // Perception layers: the regional mean rating, France = the national estimate.
        let perception = try #require(Self.snapshot.layer("perception-citoyens-emploi"))
        #expect(
            perception.value(TerritoryID(.region, "44"))
                == Self.analysis.estimate("citoyens", "mean_rating", "emploi", region: "44")?.estimate)
        #expect(
            perception.value(TerritoryID(.pays, "FR"))
                == Self.analysis.estimate("citoyens", "mean_rating", "emploi")?.estimate)
    }

    @Test func francePageShowsFragilityMapsAndHeadlineFigures() async throws {
        try await ServerFixture.application(ServerFixture.server(DemoFixture.snapshot)).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let text = response.text
                #expect(text.contains("<option value=\"overall\" selected>"))
                #expect(text.contains("href=\"/region/44?layer=overall\""))
                #expect(text.contains("class=\"demo-notice\""))
                #expect(text.contains("ILLUSTRATIVES") && text.contains("SYNTHÉTIQUES"))
                for id in FrancePage.headlineGroups { #expect(text.contains("id=\"\(id)\""), "lacks \(id)") }
                #expect(text.contains("Fragilité ressentie par les citoyens : Emploi"))
            }
            try await client.execute(uri: "/?layer=perception-associations-sante&lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("SYNTHETIC"))
                #expect(
                    response.text.contains("Fragility felt by associations: Health")
                        || response.text.contains("Fragility felt by associations"))
            }
            // The headline table against the survey estimate, and its interval around it.
            try await client.execute(uri: "/api/v1/tables/headline-innovation", method: .get) { response in
                let rows = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]])
                #expect(rows.count == 4)
                let citizens = try #require(rows.first { $0["code"] as? String == "citoyens" })
                let estimate = try #require(Self.analysis.estimate("citoyens", "innovation_agree", "all"))
                let share = try #require(citizens["share"] as? Double)
                #expect(abs(share - 100 * (estimate.estimate ?? -1)) < 1e-9)
                #expect((citizens["lower"] as? Double ?? 999) < share && share < (citizens["upper"] as? Double ?? -1))
                #expect(citizens["n"] as? Int == estimate.sampleSize)
            }
        }
    }

    @Test func regionPageShowsTheFiveParts() async throws {
        let profile = try #require(Self.analysis.profile(TerritoryID(.region, "44")))
        let framework = Self.snapshot.framework
        try await ServerFixture.application(ServerFixture.server(DemoFixture.snapshot)).test(.router) { client in
            for language in [Language.fr, .en] {
                try await client.execute(uri: "/region/44" + (language == .en ? "?lang=en" : ""), method: .get) {
                    response in
                    #expect(response.status == .ok)
                    let text = response.text
                    // The very charts the reports draw.
                    for chart in ProfileCharts(framework: framework, language: language).all(profile) {
                        #expect(text.contains(chart.svg), "\(language) lacks the chart \(chart.id)")
                    }
                    for id in [
                        "id=\"roles\"", "id=\"partnership-types\"", "id=\"partnership-scopes\"",
                        "/download/crossview.csv?region=44", "/download/recommended.csv?region=44",
                    ] {
                        #expect(text.contains(id), "\(language) lacks \(id)")
                    }
                    for sentence in profile.synthesis.sentences {
                        #expect(text.contains(html(sentence.text(language))))
                    }
                    let writer = SynthesisWriter(
                        framework: framework, name: profile.name,
                        minimumRespondents: profile.provenance.minimumRespondents)
                    for code in profile.synthesis.recommendedDomains {
                        let relevance = try #require(profile.coConstruction.relevance.first { $0.domain == code })
                        for reason in relevance.reasons {
                            #expect(text.contains(html(writer.reason(for: reason, language))))
                        }
                    }
                    #expect(!text.contains("<script>") && !text.contains("style=\""))
                }
            }
            try await client.execute(uri: "/region/44", method: .get) { response in
                for heading in [
                    "2. Fragilités mesurées et ressenties", "3. État de la co-construction",
                    "4. Pratiques partenariales", "5. Synthèse",
                ] {
                    #expect(response.text.contains(heading))
                }
            }
            // Overseas regions have their profile too (diagnosed among all regions).
            try await client.execute(uri: "/region/04", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("parmi toutes les régions"))
            }
        }
    }

    /// The cross-view download: one row per domain, the class of each domain as in the profile.
    @Test func regionTablesDownload() async throws {
        let profile = try #require(Self.analysis.profile(TerritoryID(.region, "44")))
        try await ServerFixture.application(ServerFixture.server(DemoFixture.snapshot)).test(.router) { client in
            try await client.execute(uri: "/download/crossview.csv?region=44&lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"phare-crossview.csv\"")
                let lines = response.text.split(separator: "\n", omittingEmptySubsequences: true)
                #expect(
                    lines.first?.hasPrefix("domain,domain_code,measured_score,measured_rank,peers,measured,") == true)
                #expect(lines.count == 17)
                let feltAndMeasured = profile.fragilities.cells.filter { $0.quadrant == .feltAndMeasured }.count
                #expect(lines.filter { $0.hasSuffix(",felt and measured") }.count == feltAndMeasured)
            }
            try await client.execute(uri: "/download/partnership-rates.xlsx?region=44", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
            for (uri, status) in [
                ("/download/crossview.csv", HTTPResponse.Status.badRequest),
                ("/download/crossview.csv?region=99", .notFound),
                ("/api/v1/regions/99/profile", .notFound), ("/api/v1/regions/44/nothing", .notFound),
                ("/api/v1/diagnosis?peers=nope", .badRequest), ("/weights?w-emploi=7", .badRequest),
                ("/api/v1/tables/weighted-ranking?w-emploi=x", .badRequest),
                ("/download/weighted-ranking.csv?w-nope=1", .badRequest),
                ("/?layer=perception-nobody-emploi", .badRequest),
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                }
            }
        }
    }

    @Test func apiServesTheAnalysis() async throws {
        let profile = try #require(Self.analysis.profile(TerritoryID(.region, "44")))
        try await ServerFixture.application(ServerFixture.server(DemoFixture.snapshot)).test(.router) { client in
            try await client.execute(uri: "/api/v1/regions/44/profile", method: .get) { response in
                #expect(response.status == .ok)
                let decoded = try JSONDecoder().decode(RegionProfile.self, from: Data(response.text.utf8))
                #expect(
                    decoded.name == profile.name && decoded.synthesis == profile.synthesis
                        && decoded.fragilities.cells.count == 16)
            }
            try await client.execute(uri: "/api/v1/regions/44/crossview", method: .get) { response in
                let cells = try JSONDecoder().decode([CrossViewCell].self, from: Data(response.text.utf8))
                #expect(cells == profile.fragilities.cells)
            }
            try await client.execute(uri: "/api/v1/diagnosis?peers=all", method: .get) { response in
                let diagnosis = try JSONDecoder().decode(Diagnosis.self, from: Data(response.text.utf8))
                #expect(diagnosis.territories.count == 18)
            }
            try await client.execute(uri: "/api/v1/practices", method: .get) { response in
                let list = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]])
                #expect(list.count == 18)
            }
            try await client.execute(uri: "/api/v1/sensitivity", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    /// Weighted ranking worked by hand from the diagnosis: emploi 3, santé 1, others 0 gives
    /// (3·s_emploi + s_santé) / 4.
    @Test func weightsRankRegionsByTheWeightedMean() async throws {
        let diagnosis = try #require(Self.analysis.metropolitanDiagnosis)
        let others = Self.snapshot.framework.domains.filter { $0.code != "emploi" && $0.code != "sante" }.map {
            "w-\($0.code)=0"
        }.joined(separator: "&")
        var worked: [(String, Double)] = []
        for territory in diagnosis.territories {
            let emploi = try #require(territory.domains.first { $0.code == "emploi" }?.score)
            let sante = try #require(territory.domains.first { $0.code == "sante" }?.score)
            worked.append((territory.code, (3 * emploi + sante) / 4))
        }
        let expected = worked.sorted { $0.1 > $1.1 }
        try await ServerFixture.application(ServerFixture.server(DemoFixture.snapshot)).test(.router) { client in
            try await client.execute(
                uri: "/api/v1/tables/weighted-ranking?w-emploi=3&w-sante=1&" + others, method: .get
            ) { response in
                #expect(response.status == .ok)
                let rows = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]])
                #expect(rows.count == 13)
                #expect(rows.map { $0["code"] as? String ?? "" } == expected.map(\.0))
                for (row, (_, score)) in zip(rows, expected) {
                    #expect(abs((row["weighted_score"] as? Double ?? .nan) - score) < 1e-9)
                }
                #expect(rows.first?["rank"] as? Int == 1)
                #expect((rows.first?["rank_interval_economique"] as? String)?.contains("–") == true)
                // Each interval names the choice with the largest total-order Sobol index.
                let sensitivity = try #require(Self.analysis.sensitivity)
                #expect(sensitivity.design == .sobol && sensitivity.evaluations == sensitivity.runs * 6)
                for row in rows {
                    let code = try #require(row["code"] as? String)
                    let interval = try #require(
                        sensitivity.territories.first { $0.code == code }?.axes.first { $0.code == "economique" })
                    let text = try #require(row["rank_interval_economique"] as? String)
                    guard let driver = interval.mainDriver else {
                        // A rank that never moves has no driver.
                        #expect(interval.low == interval.high && !text.contains("·"), "\(text)")
                        continue
                    }
                    let others = try #require(interval.drivers).filter { $0.factor != driver.factor }
                    #expect(others.allSatisfy { $0.totalOrder <= driver.totalOrder })
                    let label = ["normalisation": "normalisation", "aggregation": "agrégation", "weights": "poids"]
                    #expect(text.hasSuffix(" · " + (label[driver.factor] ?? driver.factor)), "\(text)")
                }
            }
            try await client.execute(uri: "/weights?w-emploi=3&w-sante=1&" + others, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"map-regions\""))
                #expect(response.text.contains("/download/weighted-ranking.csv?w-emploi=3"))
            }
        }
    }
}
