import Foundation
import PhareTestSupport
import Testing

/// A new observatory starts from the real open-data baseline: its totals are the producers'.
@Suite struct RealDataTests {
    static let folder: String = {
        let folder = try! PhareProcess.temporaryFolder()
        let result = try! PhareProcess.run(["init"], in: folder)
        precondition(result.status == 0, result.stderr)
        return folder
    }()

    func values(_ level: String, _ indicator: String) throws -> [[String: String]] {
        let result = try PhareProcess.run(
            ["indicators", "values", "--level", level, "--indicator", indicator, "--format", "csv"], in: Self.folder)
        #expect(result.status == 0, "\(result.stderr)")
        return RReference.rows(result.stdout)
    }

    /// INSEE's RP 2021 municipal populations (France without Mayotte, whose communes have no census
    /// figure; Grand Est as INSEE publishes it), and the census unemployment rate of the 15-64 year-olds
    /// computed independently by Tests/Reference/census_rates.py on the raw file (12.08 %, see
    /// docs/OPEN-DATA.md).
    @Test func nationalAndRegionalTotalsAreTheProducersOnes() throws {
        let france = try #require(values("pays", "population").first)
        #expect(france["value"] == "67405997")
        let grandEst = try #require(values("region", "population").first { $0["territory"] == "44" })
        #expect(grandEst["value"] == "5561287")
        let unemployment = try #require(values("pays", "taux-chomage-rp").first { $0["year"] == "2021" })
        #expect(abs((Double(unemployment["value"] ?? "") ?? 0) - 12.08) < 0.005)
    }

    /// At least 40 diagnosed indicators are real, and every domain has one.
    @Test func realIndicatorsCoverEveryDomain() throws {
        let result = try PhareProcess.run(
            ["indicators", "sources", "--indicators", "--format", "csv"], in: Self.folder)
        #expect(result.status == 0, "\(result.stderr)")
        let real = RReference.rows(result.stdout).filter { $0["real"] == "true" && !($0["domain"] ?? "").isEmpty }
        #expect(real.count >= 40)
        #expect(Set(real.compactMap { $0["domain"] }).count == 16)
        let sources = try PhareProcess.run(["indicators", "sources", "--format", "csv"], in: Self.folder)
        #expect(sources.stdout.contains("Licence Ouverte"))
    }

    /// Read by someone who knows France's regions: Hauts-de-France is the most fragile region on
    /// the economic axis, Île-de-France among the most robust.
    @Test func theDiagnosisOfRealValuesMakesSense() throws {
        let result = try PhareProcess.run(["diagnose", "--level", "region", "--format", "csv"], in: Self.folder)
        #expect(result.status == 0, "\(result.stderr)")
        let axis = RReference.rows(result.stdout).filter { $0["kind"] == "axis" && $0["code"] == "economique" }
        #expect(axis.first { $0["territory"] == "32" }?["rank"] == "1")
        #expect(Int(axis.first { $0["territory"] == "11" }?["rank"] ?? "") ?? 0 >= 12)
        #expect(!result.stderr.contains("ILLUSTRATIVE"))
    }
}
