import Foundation
import PhareTestSupport
import Testing

@Suite(.serialized) struct IndicatorCommandTests {

    static let bundledCatalogue = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/PhareCore/Resources/indicators.csv").path

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(arguments: StoreKind.allCases) func grandEstDiagnosisAmongTheThirteenMetropolitanRegions(_ kind: StoreKind)
        throws
    {
        let result = try PhareProcess.run(
            ["diagnose", "--level", "region", "--territory", "44", "--format", "json"],
            in: PhareProcess.demoFolder(kind))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("ILLUSTRATIVE"))
        let report = try json(result.stdout)
        #expect(report["peer_count"] as? Int == 13)
        #expect(report["illustrative"] as? Bool == true)
        let territory = try #require(report["territory"] as? [String: Any])
        #expect(territory["name"] as? String == "Grand Est")
        let domains = try #require(territory["domains"] as? [[String: Any]])
        let axes = try #require(territory["axes"] as? [[String: Any]])
        #expect(domains.count == 16)
        #expect(axes.count == 4)
        for composite in domains + axes {
            #expect(composite["score"] is Double)
            let rank = try #require(composite["rank"] as? Int)
            #expect((1...13).contains(rank))
        }
        let indicators = try #require(territory["indicators"] as? [[String: Any]])
        #expect(indicators.count >= 60)
        for indicator in indicators {
            #expect(indicator["value"] is Double)
            #expect(indicator["national"] is Double)
            #expect(indicator["rank"] is Int)
        }
        // The same diagnosis for all regions ranks each domain 1…13 exactly once.
        let all = try PhareProcess.run(
            ["diagnose", "--level", "region", "--domain", "emploi", "--format", "csv"],
            in: PhareProcess.demoFolder(kind))
        let ranks = all.stdout.split(separator: "\n").filter { $0.contains(",domain,emploi,") }.map {
            $0.split(separator: ",", omittingEmptySubsequences: false)[6]
        }
        #expect(ranks.sorted { Int($0)! < Int($1)! } == (1...13).map { Substring(String($0)) })
    }

    @Test(arguments: StoreKind.allCases) func overseasRegionNeedsAnotherPeerSet(_ kind: StoreKind) throws {
        let refused = try PhareProcess.run(
            ["diagnose", "--territory", "04", "--format", "csv"], in: PhareProcess.demoFolder(kind))
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--peers all"))
        let accepted = try PhareProcess.run(
            ["diagnose", "--territory", "04", "--peers", "all", "--format", "json"], in: PhareProcess.demoFolder(kind))
        #expect(accepted.status == 0)
        #expect(try json(accepted.stdout)["peer_count"] as? Int == 18)
    }

    @Test(arguments: StoreKind.allCases) func sensitivityIsReproducibleForASeed(_ kind: StoreKind) throws {
        let arguments = [
            "diagnose", "sensitivity", "--level", "region", "--runs", "200", "--seed", "42", "--format", "csv",
        ]
        let first = try PhareProcess.run(arguments, in: PhareProcess.demoFolder(kind))
        let second = try PhareProcess.run(arguments, in: PhareProcess.demoFolder(kind))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.split(separator: "\n").count == 1 + 13 * 20)
        let other = try PhareProcess.run(
            ["diagnose", "sensitivity", "--runs", "200", "--seed", "43", "--format", "csv"],
            in: PhareProcess.demoFolder(kind))
        #expect(other.stdout != first.stdout)
        let factors = try PhareProcess.run(
            ["diagnose", "sensitivity", "--runs", "200", "--seed", "42", "--show", "factors", "--format", "csv"],
            in: PhareProcess.demoFolder(kind))
        #expect(factors.stdout.hasPrefix("factor,first_order_index,"))
        #expect(factors.stdout.split(separator: "\n").count == 5)
    }

    @Test func sobolSensitivityPrintsFirstAndTotalOrderIndices() throws {
        let result = try PhareProcess.run(
            ["diagnose", "sensitivity", "--design", "sobol", "--runs", "64", "--show", "factors", "--format", "csv"],
            in: PhareProcess.demoFolder(.sqlite))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(
            result.stdout.hasPrefix(
                "factor,first_order_index,first_order_low,first_order_high,total_order_index,total_order_low,"
                    + "total_order_high,levels,mean_rank_shift_by_level"))
        #expect(lines.count == 5)
        #expect(result.stderr.contains("N = 64 (384 runs)"))
        let drivers = try PhareProcess.run(
            ["diagnose", "sensitivity", "--design", "sobol", "--runs", "64", "--show", "drivers", "--format", "csv"],
            in: PhareProcess.demoFolder(.sqlite))
        #expect(drivers.status == 0, "\(drivers.stderr)")
        #expect(drivers.stdout.hasPrefix("territory,name,axis,factor,first_order,first_order_low,"))
        #expect(drivers.stdout.split(separator: "\n").count <= 1 + 13 * 4 * 4)
        let refused = try PhareProcess.run(
            ["diagnose", "sensitivity", "--design", "sobol", "--runs", "1000"], in: PhareProcess.demoFolder(.sqlite))
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("power of two") && refused.stderr.contains("1000"))
        #expect(refused.stdout.isEmpty)
    }

    @Test func outlierReportNamesTheTreatedPoints() throws {
        let result = try PhareProcess.run(
            ["diagnose", "outliers", "--format", "csv"], in: PhareProcess.demoFolder(.sqlite))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                "indicator,domain,values,skewness,kurtosis,treatment,winsorised_high,winsorised_low,skewness_after,"))
        let rows = result.stdout.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(!rows.isEmpty)
        for row in rows {
            // Treated exactly when |skewness| >= 2 and kurtosis >= 3.5 (COINr's rule).
            let skewness = Double(row[3]) ?? 0
            let kurtosis = Double(row[4]) ?? 0
            #expect((row[5] != "none") == (abs(skewness) >= 2 && kurtosis >= 3.5), "\(row)")
        }
        let values = try PhareProcess.run(
            ["diagnose", "outliers", "--show", "values", "--format", "csv"], in: PhareProcess.demoFolder(.sqlite))
        #expect(values.stdout.hasPrefix("indicator,territory,name,value,treated_value,treated"))
        let refused = try PhareProcess.run(
            ["diagnose", "outliers", "--level", "departement", "--peers", "overseas", "--format", "csv"],
            in: PhareProcess.demoFolder(.sqlite))
        #expect(refused.status != 0 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("at least 5 values"), "\(refused.stderr)")
    }

    @Test(arguments: StoreKind.allCases) func badLineLeavesTheDatabaseUnchanged(_ kind: StoreKind) throws {
        let folder = try PhareProcess.temporaryFolder(kind)
        #expect(try PhareProcess.run(["init", "--demo"], in: folder).status == 0)
        let before = try PhareProcess.run(
            ["indicators", "values", "--level", "region", "--format", "csv"], in: folder
        ).stdout
        let datasetsBefore = try PhareProcess.run(
            ["indicators", "datasets", "--format", "csv"], in: folder
        ).stdout
        try """
        territory;indicator;year;value
        44;demandeurs-longue-duree;2024;47,9
        52;demandeurs-longue-duree;2024;46,1
        53;demandeurs-longue-duree;2024;six
        84;demandeurs-longue-duree;2024;46,8

        """.write(toFile: folder + "/valeurs.csv", atomically: true, encoding: .utf8)
        let result = try PhareProcess.run(["indicators", "import", "valeurs.csv"], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("valeurs.csv:4 column value: not a number: \"six\""))
        #expect(
            try PhareProcess.run(
                ["indicators", "values", "--level", "region", "--format", "csv"], in: folder
            ).stdout == before)
        #expect(
            try PhareProcess.run(["indicators", "datasets", "--format", "csv"], in: folder).stdout
                == datasetsBefore)

        // Fixed, a dry run still writes nothing; the real import replaces the illustrative values
        // (of an indicator the open-data baseline has no real value for).
        try String(contentsOfFile: folder + "/valeurs.csv", encoding: .utf8).replacingOccurrences(
            of: "six", with: "46,4"
        )
        .write(toFile: folder + "/valeurs.csv", atomically: true, encoding: .utf8)
        let dry = try PhareProcess.run(
            ["indicators", "import", "valeurs.csv", "--dry-run"], in: folder)
        #expect(dry.status == 0 && dry.stderr.contains("dry run"))
        #expect(
            try PhareProcess.run(
                ["indicators", "values", "--level", "region", "--format", "csv"], in: folder
            ).stdout == before)
        let real = try PhareProcess.run(["indicators", "import", "valeurs.csv"], in: folder)
        #expect(real.status == 0, "\(real.stderr)")
        let values = try PhareProcess.run(
            [
                "indicators", "values", "--level", "region", "--indicator",
                "demandeurs-longue-duree", "--format", "csv",
            ], in: folder
        ).stdout
        #expect(values.contains("53,Bretagne,demandeurs-longue-duree,2024,46.4,%,observed\n"))
        #expect(!values.contains("illustrative"))
        let departements = try PhareProcess.run(
            [
                "indicators", "values", "--level", "departement", "--indicator",
                "demandeurs-longue-duree", "--format", "csv",
            ], in: folder
        ).stdout
        #expect(departements.split(separator: "\n").count == 1)
    }

    /// The region's unemployment rate from its communes' counts equals Σ unemployed / Σ labour
    /// force, computed here independently of Phare.
    @Test(arguments: StoreKind.allCases) func regionalRateFromCommuneCounts(_ kind: StoreKind) throws {
        let folder = try PhareProcess.temporaryFolder(kind)
        #expect(try PhareProcess.run(["init"], in: folder).status == 0)
        let catalogue = try PhareProcess.run(["indicators", "catalogue", "import", Self.bundledCatalogue], in: folder)
        #expect(catalogue.status == 0, "\(catalogue.stderr)")
        let communes = try PhareProcess.run(
            ["territories", "list", "--level", "commune", "--parent", "94", "--format", "csv"], in: folder)
        let codes = communes.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(codes.count > 300)
        var lines = ["territory;indicator;year;value"]
        var unemployed = 0
        var labour = 0
        for (offset, code) in codes.enumerated() {
            let active = 40 + (offset * 37) % 900
            let jobless = 2 + (offset * 13) % 60
            labour += active
            unemployed += jobless
            lines.append("commune:\(code);actifs-15-64;2021;\(active)")
            lines.append("commune:\(code);chomeurs-15-64;2021;\(jobless)")
        }
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: folder + "/communes.csv", atomically: true, encoding: .utf8)
        let imported = try PhareProcess.run(["indicators", "import", "communes.csv"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        let region = try PhareProcess.run(
            [
                "indicators", "values", "--level", "region", "--indicator", "taux-chomage-rp", "--territory", "94",
                "--format", "json",
            ], in: folder)
        let rows = try #require(JSONSerialization.jsonObject(with: Data(region.stdout.utf8)) as? [[String: Any]])
        let value = try #require(rows.first?["value"] as? Double)
        #expect(abs(value - 100 * Double(unemployed) / Double(labour)) < 1e-9)
        #expect(rows.first?["flags"] as? String == "aggregated")
    }

    @Test(arguments: StoreKind.allCases) func listByDomainAndCatalogueErrors(_ kind: StoreKind) throws {
        let list = try PhareProcess.run(
            ["indicators", "list", "--domain", "sante", "--format", "csv"], in: PhareProcess.demoFolder(kind))
        #expect(list.status == 0)
        #expect(list.stdout.contains("densite-generalistes,sante,"))
        #expect(list.stdout.split(separator: "\n").count == 7)
        let unknown = try PhareProcess.run(
            ["indicators", "list", "--domain", "inconnu"], in: PhareProcess.demoFolder(kind))
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown domain"))
    }
}
