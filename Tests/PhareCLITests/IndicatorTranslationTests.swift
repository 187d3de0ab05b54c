import Foundation
import PhareTestSupport
import Testing

/// `phare indicators import` on files of older geographies, as a user runs it: the summary, the
/// flags, and the real census excerpt (RP 2021, COG 2024) checked against pandas.
@Suite(.serialized) struct IndicatorTranslationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let bundledCatalogue = repository.appendingPathComponent("Sources/PhareCore/Resources/indicators.csv").path
    static let excerpt = RReference.fixtures + "/census-rp2021-excerpt.csv"
    static let mapping = RReference.fixtures + "/census-rp2021-mapping.csv"

    /// A new observatory with the bundled catalogue and no values.
    func observatory() throws -> String {
        let folder = try PhareProcess.initialisedFolder()
        let loaded = try PhareProcess.run(["indicators", "catalogue", "import", Self.bundledCatalogue], in: folder)
        try #require(loaded.status == 0, "\(loaded.stderr)")
        return folder
    }

    func write(_ text: String, _ name: String, in folder: String) throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func datasets(in folder: String) throws -> String {
        try PhareProcess.run(["indicators", "datasets", "--format", "csv"], in: folder).stdout
    }

    /// indicator values at a level as territory → value (CSV output of `phare indicators values`).
    func values(_ indicator: String, level: String, in folder: String) throws -> [String: Double] {
        let result = try PhareProcess.run(
            ["indicators", "values", "--level", level, "--indicator", indicator, "--format", "csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        var found: [String: Double] = [:]
        for row in RReference.rows(result.stdout) {
            if let code = row["territory"], let value = row["value"].flatMap(Double.init) { found[code] = value }
        }
        return found
    }

    @Test func dryRunShowsTheSummaryAndWritesNothing() throws {
        let folder = try observatory()
        let file = try write(
            """
            territory;indicator;year;value
            93059;population;2021;32379
            93066;population;2021;113942
            75101;population;2021;15919
            75102;population;2021;21000
            57463;population;2021;120874
            57463;population;2021;120874
            57463;menages;2021;s
            """, "v.csv", in: folder)
        let before = try datasets(in: folder)
        let result = try PhareProcess.run(
            ["indicators", "import", file, "--level", "commune", "--dry-run"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let expected = [
            "translated: 1 older commune code to today's communes: 1 commune déléguée (merged in 2025: codes of COG "
                + "2024 or older)",
            "arrondissements: 2 summed into 1 commune (75056), 0 set aside",
            "repeated: 1 identical repetition read once",
            "suppressed: 1 missing or secret value skipped",
            "unknown: none",
        ]
        for line in expected { #expect(result.stderr.contains("v.csv: " + line), "\(result.stderr)") }
        #expect(result.stderr.contains("dry run: nothing written"))
        #expect(try datasets(in: folder) == before)
    }

    @Test func unknownCodesRefuseTheFileUnlessSkipUnknown() throws {
        let folder = try observatory()
        let file = try write(
            "territory;indicator;year;value\n16238;population;2021;120\n57463;population;2021;120874\n", "u.csv",
            in: folder)
        let before = try datasets(in: folder)
        let refused = try PhareProcess.run(["indicators", "import", file, "--level", "commune"], in: folder)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("u.csv:2 column territory: unknown territory \"16238\" at level commune"))
        #expect(try datasets(in: folder) == before)
        let skipped = try PhareProcess.run(
            ["indicators", "import", file, "--level", "commune", "--skip-unknown"], in: folder)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stderr.contains("unknown: 1 code skipped: 16238 (line 2)"))
        #expect(try values("population", level: "commune", in: folder)["57463"] == 120_874)
    }

    @Test func aMedianOfAMergedCommuneNeedsApproximate() throws {
        let folder = try observatory()
        let file = try write(
            """
            territory;indicator;year;value
            93059;revenu-median-uc;2021;17000
            93066;revenu-median-uc;2021;16000
            93059;population;2021;32379
            93066;population;2021;113942
            """, "m.csv", in: folder)
        let refused = try PhareProcess.run(["indicators", "import", file, "--level", "commune"], in: folder)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("cannot be moved to its current commune 93066"))
        #expect(refused.stderr.contains("--approximate"))
        let accepted = try PhareProcess.run(
            ["indicators", "import", file, "--level", "commune", "--approximate"], in: folder)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stderr.contains("approximate: 1 value combined by population weight"))
        // (17,000 × 32,379 + 16,000 × 113,942) / 146,321
        let median = try #require(try values("revenu-median-uc", level: "commune", in: folder)["93066"])
        #expect(abs(median - 16_221.287_443) < 1e-3)
    }

    /// The real census counts by commune (RP 2021, COG 2024: repeated lines, arrondissements,
    /// merged communes, Mayotte's zeros) import without editing, and the regional and national
    /// census unemployment rates equal those of pandas on the same file.
    @Test func censusExcerptMatchesPandas() throws {
        let reference = try ProcessOutput.run(
            "python3",
            [Self.repository.appendingPathComponent("Tests/Reference/census_rates.py").path, Self.excerpt, "--csv"])
        try #require(reference.status == 0, "\(reference.stderr)")
        let pandas = RReference.rows(reference.stdout)
        #expect(pandas.count == 12)
        // The committed expected values are pandas' own output.
        let committed = try String(
            contentsOfFile: RReference.fixtures + "/census-rp2021-excerpt-expected.csv", encoding: .utf8)
        #expect(RReference.rows(committed) == pandas)

        let folder = try observatory()
        let result = try PhareProcess.run(
            ["indicators", "import", Self.excerpt, "--mapping", Self.mapping, "--code-column", "insee_com"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("arrondissements: 45 summed into 3 communes (13055, 69123, 75056)"))
        #expect(
            result.stderr.contains(
                "translated: 33 older commune codes to today's communes: 31 communes déléguées (merged in 2025: "
                    + "codes of COG 2024 or older), 2 merged communes (merged in 2025: codes of COG 2024 or older)"))
        #expect(result.stderr.contains("repeated: 34 identical repetitions read once"))
        #expect(result.stderr.contains("unknown: none"))
        let regional = try values("taux-chomage-rp", level: "region", in: folder)
        let national = try values("taux-chomage-rp", level: "pays", in: folder)
        let active = try values("actifs-15-64", level: "region", in: folder)
        let population = try values("population", level: "region", in: folder)
        let nationalPopulation = try values("population", level: "pays", in: folder)
        for row in pandas {
            let code = try #require(row["region"])
            let rate = try #require(row["taux_chomage_rp"].flatMap(Double.init))
            let phare = code == "FR" ? national["FR"] : regional[code]
            let found = try #require(phare, "no rate for \(code)")
            #expect(abs(found - rate) < 1e-6, "\(code): Phare \(found), pandas \(rate)")
            if code == "FR" {
                #expect(nationalPopulation["FR"] == row["population_2021"].flatMap(Double.init))
            } else {
                #expect(active[code] == row["pop_15_64_active_2021"].flatMap(Double.init), "\(code)")
                #expect(population[code] == row["population_2021"].flatMap(Double.init), "\(code)")
            }
        }
    }
}
