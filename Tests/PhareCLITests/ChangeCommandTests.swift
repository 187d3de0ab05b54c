import Foundation
import PhareTestSupport
import Testing

/// `phare indicators trend` and `phare diagnose change` on the demo observatory (the real baseline
/// holds crime 2016–2024 and unemployment 2016–2023 by region).
@Suite(.serialized) struct ChangeCommandTests {
    func phare(_ arguments: [String]) throws -> PhareRun {
        try PhareProcess.run(arguments, in: try PhareProcess.demoFolder(.sqlite))
    }

    func rows(_ run: PhareRun) throws -> [[String: Any]] {
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    }

    /// France's burglary rate of 2016 and 2024 as the bundled open-data file gives them.
    func publishedFrance(_ indicator: String, _ year: Int) throws -> Double {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/PhareImport/Resources/open-data/values.csv.gz")
        let text = try ProcessOutput.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "zcat '\(url.path)' | grep '^pays:FR,\(indicator),\(year),'"])
        let field = try #require(text.stdout.split(separator: ",").last)
        return try #require(Double(field.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func trendGivesBothValuesTheAnnualChangeAndTheGrowthRate() throws {
        let code = "cambriolages-1000"
        let trend = try rows(
            try phare([
                "indicators", "trend", "--level", "region", "--indicator", code, "--from", "2016", "--to", "2024",
                "--format", "json",
            ]))
        #expect(trend.count == 19)  // 18 regions and France
        let france = try #require(trend.first { $0["territory"] as? String == "FR" })
        let (v2016, v2024) = (try publishedFrance(code, 2016), try publishedFrance(code, 2024))
        #expect(abs((france["value_from"] as? Double ?? 0) - v2016) < 1e-9)
        #expect(abs((france["value_to"] as? Double ?? 0) - v2024) < 1e-9)
        #expect(abs((france["annual_change"] as? Double ?? 0) - (v2024 - v2016) / 8) < 1e-9)
        #expect(abs((france["average_annual_growth"] as? Double ?? 0) - (pow(v2024 / v2016, 1.0 / 8) - 1)) < 1e-9)
        // The region's 2024 value is the one `indicators values` gives (its latest year).
        let latest = try rows(
            try phare(["indicators", "values", "--indicator", code, "--territory", "44", "--format", "json"]))
        let grandEst = try #require(trend.first { $0["territory"] as? String == "44" })
        #expect(grandEst["value_to"] as? Double == latest.first?["value"] as? Double)
        #expect(grandEst["year_from"] as? Int == 2016 && grandEst["year_to"] as? Int == 2024)

        // Without years: every indicator held twice or more, from its first to its last year.
        let all = try rows(try phare(["indicators", "trend", "--format", "json"]))
        let unemployment = try #require(all.first { $0["indicator"] as? String == "taux-chomage-localise" })
        #expect(unemployment["year_from"] as? Int == 2016 && unemployment["year_to"] as? Int == 2023)

        for (arguments, message) in [
            (
                ["--indicator", code, "--from", "2030"],
                "the indicator \(code) has no value in 2030 at this level (years held: 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024)"
            ),
            (
                ["--indicator", code, "--from", "2024", "--to", "2016"],
                "--from 2024 must be an earlier year than --to 2016"
            ),
            (
                ["--indicator", "population-estimee"],
                "the indicator population-estimee is held for one year only (2023)"
            ),
            (["--indicator", "nothing"], "unknown indicator \"nothing\""),
        ] {
            let run = try phare(["indicators", "trend"] + arguments)
            #expect(run.status != 0 && run.stdout.isEmpty)
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }

    @Test func changeRanksTheRegionsMostWorsenedFirst() throws {
        let run = try phare([
            "diagnose", "change", "--level", "region", "--from", "2016", "--to", "2023", "--runs", "200", "--format",
            "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let change = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(change["domains"] as? [String] == ["emploi", "securite"])
        #expect(run.stderr.contains("indicators held in both 2016 and 2023: taux-chomage-localise"))
        let shifts = try #require(change["shifts"] as? [[String: Any]])
        #expect(shifts.count == 13 && shifts.allSatisfy { $0["composite"] as? String == "overall" })
        let fromRanks = shifts.compactMap { ($0["from"] as? [String: Any])?["nominal_rank"] as? Int }
        let toRanks = shifts.compactMap { ($0["to"] as? [String: Any])?["nominal_rank"] as? Int }
        #expect(Set(fromRanks) == Set(1...13) && Set(toRanks) == Set(1...13))
        let moved = zip(fromRanks, toRanks).map { $0 - $1 }
        #expect(shifts.compactMap { $0["shift"] as? Int } == moved)
        #expect(moved == moved.sorted(by: >))
        for shift in shifts {
            let from = try #require(shift["from"] as? [String: Any])
            let to = try #require(shift["to"] as? [String: Any])
            let apart =
                (to["high"] as? Double ?? 0) < (from["low"] as? Double ?? 0)
                || (to["low"] as? Double ?? 0) > (from["high"] as? Double ?? 0)
            let verdict = shift["verdict"] as? String
            #expect((verdict == "uncertain") == (!apart || shift["shift"] as? Int == 0), "\(shift)")
        }

        let domain = try phare([
            "diagnose", "change", "--from", "2016", "--to", "2023", "--domain", "securite", "--runs", "200",
            "--format", "csv",
        ])
        #expect(domain.status == 0, "\(domain.stderr)")
        let lines = domain.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.count == 14 && lines.dropFirst().allSatisfy { $0.contains(",securite,") })
        // The CSV starts with a byte-order mark (for spreadsheets).
        #expect(
            lines.first?.hasSuffix(
                "territory,name,composite,score_from,score_to,rank_from,rank_to,rank_shift,rank_from_p05,"
                    + "rank_from_p95,rank_to_p05,rank_to_p95,verdict") == true)

        for (arguments, message) in [
            (["--from", "2023", "--to", "2016"], "--from 2023 must be an earlier year than --to 2016"),
            (
                ["--from", "2010", "--to", "2016"],
                "no diagnosed indicator has a value at the level region in 2010 (years held: "
            ),
            (
                ["--from", "2016", "--to", "2023", "--domain", "logement"],
                "the domain logement has no indicator held in both 2016 and 2023 (domains: emploi, securite)"
            ),
            (["--from", "2016", "--to", "2023", "--domain", "nowhere"], "unknown domain \"nowhere\""),
        ] {
            let run = try phare(["diagnose", "change", "--runs", "20"] + arguments)
            #expect(run.status != 0 && run.stdout.isEmpty)
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }
}
