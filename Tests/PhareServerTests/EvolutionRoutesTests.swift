import Foundation
import PhareAnalysis
import PhareCore
import PhareStore
import Testing

@testable import PhareRender
@testable import PhareServer

/// Change over time in the API and on the actor and domain pages, on the demo with the real
/// baseline and both waves (`EvolutionFixture`); the figures are checked against the stored values.
@Suite struct EvolutionRoutesTests {
    static var snapshot: DashboardSnapshot { EvolutionFixture.snapshot }

    func reply(_ url: String) throws -> DashboardReply {
        let parts = url.split(separator: "?", maxSplits: 1).map(String.init)
        return DashboardRoutes.reply(
            path: parts[0], queryItems: try QueryString.parse(parts.count > 1 ? parts[1] : nil),
            snapshot: Self.snapshot, assets: ServerFixture.assets, operations: { "" })
    }

    func json(_ url: String) throws -> Any {
        let answer = try reply(url)
        #expect(answer.status == 200, "\(url): \(String(decoding: answer.body, as: UTF8.self))")
        return try JSONSerialization.jsonObject(with: answer.body)
    }

    func text(_ url: String) throws -> String {
        let answer = try reply(url)
        #expect(answer.status == 200, "\(url) answered \(answer.status)")
        return String(decoding: answer.body, as: UTF8.self)
    }

    @Test func evolutionOfOneActorOrOneDomain() throws {
        let evolution = try #require(Self.snapshot.analysis?.evolution)
        let national = evolution.differences.filter { $0.group == "FR" }
        let actor = try #require(try json("/api/v1/evolution?actor=citoyens&from=2015") as? [[String: Any]])
        #expect(actor.count == national.filter { $0.actor == "citoyens" }.count && !actor.isEmpty)
        #expect(actor.allSatisfy { $0["actor"] as? String == "citoyens" })
        let domain = try #require(try json("/api/v1/evolution?domain=emploi") as? [[String: Any]])
        #expect(domain.count == national.filter { $0.item == "emploi" }.count)
        #expect(Set(domain.compactMap { $0["actor"] as? String }).count >= 2)
        let first = try #require(national.first { $0.item == "emploi" && $0.measure == "mean_rating" })
        let row = try #require(
            domain.first { $0["actor"] as? String == first.actor.rawValue && $0["measure"] as? String == "mean_rating" }
        )
        #expect(abs((row["difference"] as? Double ?? .nan) - (first.difference ?? .nan)) < 1e-12)
        #expect(try reply("/api/v1/evolution?actor=nobody").status == 404)
        #expect(try reply("/api/v1/evolution?from=1990").status == 400)
    }

    @Test func indicatorSeriesAreTheStoredYears() throws {
        let code = "cambriolages-1000"
        let trends = try #require(
            try json("/api/v1/indicator-series?indicator=\(code)&level=region") as? [[String: Any]])
        let stored = try EvolutionFixture.store.indicatorHistory(level: .region, indicators: [code])
        #expect(stored.map(\.year) == Array(2016...2024))
        #expect(trends.count == Self.snapshot.regions.count + 1)
        let grandEst = try #require(trends.first { $0["territory"] as? String == "44" })
        let points = try #require(grandEst["points"] as? [[String: Any]])
        #expect(points.compactMap { $0["year"] as? Int } == Array(2016...2024))
        for (point, series) in zip(points, stored) {
            #expect(point["value"] as? Double == series.values["44"]?.value)
            #expect(point["national"] as? Double == series.national?.value)
        }
        let change = (points[1]["value"] as? Double ?? 0) - (points[0]["value"] as? Double ?? 0)
        #expect(abs((points[1]["annualChange"] as? Double ?? .nan) - change) < 1e-12)
        let france = try #require(trends.first { $0["territory"] as? String == "FR" })
        #expect((france["points"] as? [Any])?.count == 9)
        #expect(try reply("/api/v1/indicator-series?level=departement").status == 400)
        #expect(try reply("/api/v1/indicator-series?indicator=nothing").status == 404)
    }

    /// The ranks of the security domain at both years, recomputed here from the stored values: z-scores
    /// over the 13 metropolitan regions (sample sd), domain score 100 + 10 × their mean, rank 1 = highest.
    @Test func fragilityChangeRanksAreTheDiagnosisOfEachYear() throws {
        let body = try #require(
            try json("/api/v1/fragility-change?from=2016&to=2023&domain=securite") as? [String: Any])
        let crime = [
            "cambriolages-1000", "coups-blessures-1000", "destructions-degradations-1000", "vols-violents-1000",
        ]
        #expect(Set(body["indicators"] as? [String] ?? []) == Set(crime + ["taux-chomage-localise"]))
        #expect(body["domains"] as? [String] == ["emploi", "securite"])
        let shifts = try #require(body["shifts"] as? [[String: Any]])
        let regions = Self.snapshot.regions.filter { !$0.isOverseas }.map(\.code).sorted()
        #expect(shifts.count == regions.count)
        let history = try EvolutionFixture.store.indicatorHistory(level: .region, indicators: crime)
        func ranks(_ year: Int) -> [String: Int] {
            var scores = [String: Double]()
            for series in history where series.year == year {
                let values = regions.map { series.values[$0]?.value ?? .nan }
                let mean = values.reduce(0, +) / Double(values.count)
                let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
                for (code, value) in zip(regions, values) { scores[code, default: 0] += (value - mean) / sd / 4 }
            }
            return Dictionary(
                uniqueKeysWithValues: regions.map { code in
                    (code, 1 + regions.filter { (scores[$0] ?? 0) > (scores[code] ?? 0) }.count)
                })
        }
        let (before, after) = (ranks(2016), ranks(2023))
        var previous = Int.max
        for shift in shifts {
            let code = try #require(shift["territory"] as? String)
            let from = try #require(shift["from"] as? [String: Any])
            let to = try #require(shift["to"] as? [String: Any])
            #expect(from["nominalRank"] as? Int == before[code], "\(code)")
            #expect(to["nominalRank"] as? Int == after[code], "\(code)")
            let moved = (before[code] ?? 0) - (after[code] ?? 0)
            #expect(shift["shift"] as? Int == moved)
            #expect(moved <= previous)
            previous = moved
            let low = try #require(to["high"] as? Double)
            let verdict = shift["verdict"] as? String
            if verdict == "worsened" { #expect(moved > 0 && low < (from["low"] as? Double ?? 0)) }
        }
        for (url, message) in [
            ("/api/v1/fragility-change?from=2023&to=2016", "--from 2023 must be an earlier year than --to 2016"),
            (
                "/api/v1/fragility-change?from=2010&to=2016",
                "no diagnosed indicator has a value at the level region in 2010"
            ),
            ("/api/v1/fragility-change?from=2016&to=2023&domain=logement", "logement"),
            ("/api/v1/fragility-change?level=commune", "region"),
            ("/api/v1/fragility-change?from=x", "from"),
        ] {
            let answer = try reply(url)
            #expect(answer.status == 400, "\(url)")
            #expect(String(decoding: answer.body, as: UTF8.self).contains(message), "\(url)")
        }
    }

    @Test func actorAndDomainPagesShowTheEvolution() throws {
        let actor = try text("/actor/citoyens?from=2015")
        for part in [
            "id=\"evolution\"", "id=\"evolution-slope\"", "evolution.csv?actor=citoyens&amp;from=2015",
            "name=\"from\"",
        ] {
            #expect(actor.contains(part), "actor page: \(part)")
        }
        #expect(!actor.contains("name=\"evolution-actor\""))
        let domain = try text("/domain/securite?evolution-region=84")
        for part in [
            "id=\"evolution-slope\"", "id=\"indicator-series\"", "name=\"evolution-region\"",
            "<option value=\"84\" selected>", "indicator-series.csv?region=84&amp;domain=securite",
            "evolution.csv?domain=securite&amp;from=2015",
        ] {
            #expect(domain.contains(part), "domain page: \(part)")
        }
        // Every actor rated the domain: one line per actor on the slope chart.
        let table = try #require(
            try json("/api/v1/tables/indicator-series?region=84&domain=securite") as? [[String: Any]])
        #expect(Set(table.compactMap { $0["indicator"] as? String }).count == 4)
        let ratings = try #require(
            try json("/api/v1/tables/evolution?domain=securite&from=2015") as? [[String: Any]])
        let rows = try #require(try json("/api/v1/evolution?domain=securite&from=2015") as? [Any])
        #expect(!ratings.isEmpty && ratings.count == rows.count)
        // A domain without series says so.
        #expect(try text("/domain/logement").contains("trois années ou plus"))
    }
}
