import Foundation
import PhareTestSupport
import Testing

/// Response import, weighting and `phare stats` errors, as a user meets them.
@Suite struct SurveyImportTests {
    static let header = SurveyFixtures.citizenHeader

    /// `count` valid citizens in two regions, both sexes, every age and csp class present.
    static func validCitizens(_ count: Int) -> String { SurveyFixtures.citizens(count) }

    @Test(arguments: StoreKind.allCases) func malformedResponsesAreAllListedAndNothingIsWritten(_ kind: StoreKind)
        throws
    {
        let folder = try PhareProcess.initialisedFolder(kind)
        let file =
            Self.header + "\n" + """
                c1;1;44;67;femme;25-34;cadres;7;11;emploi|logement;emploi;fort;oui;plutot
                c2;1;99;67;homme;;ouvriers;7,5;3;emploi|sante|logement|culture;emploi;enorme;oui;plutot
                c1;-2;11;44;femme;18-24;employes;5;5;emploi|emploi;bonheur;nsp;peut-etre;oui
                c4;1;44;13;femme;18-24;employes;;;;;;;

                """
        try file.write(toFile: folder + "/citoyens.csv", atomically: true, encoding: .utf8)
        let run = try PhareProcess.run(
            ["survey", "import", "citoyens.csv", "--wave", "2025", "--actor", "citoyens"], in: folder)
        #expect(run.status == 1)
        for expected in [
            "citoyens.csv:2 column FRAG_logement: rating 11 out of range 1 to 10",
            "citoyens.csv:3 column region: unknown region \"99\"",
            "citoyens.csv:3 column age: missing age, required for citoyens",
            "citoyens.csv:3 column FRAG_emploi: \"7,5\" is not a whole rating from 1 to 10",
            "citoyens.csv:3 column PRIO: 4 choices given, at most 3 allowed",
            "citoyens.csv:3 column IMPACT_emploi: unknown answer \"enorme\" (known: fort, moyen, faible, aucun, nsp)",
            "citoyens.csv:4 column respondent_id: duplicate respondent id c1 (first on line 2)",
            "citoyens.csv:4 column weight: \"-2\" is not a positive design weight",
            "citoyens.csv:4 column departement: département 44 is not in region 11",
            "citoyens.csv:4 column PRIO: emploi is given twice",
            "citoyens.csv:4 column MOBIL_entreprises: unknown code \"bonheur\"",
            "citoyens.csv:4 column COCON_emploi: unknown answer \"peut-etre\" (known: oui, non)",
            "citoyens.csv:4 column INNOV: unknown answer \"oui\"",
            "citoyens.csv:5 column departement: département 13 is not in region 44",
        ] {
            #expect(run.stderr.contains(expected), "missing: \(expected)\n\(run.stderr)")
        }
        #expect(run.stderr.contains("14 problems found"))
        let waves = try PhareProcess.run(["survey", "waves", "--format", "csv"], in: folder)
        #expect(waves.stdout.split(separator: "\n").count == 1, "nothing may be written: \(waves.stdout)")
    }

    @Test(arguments: StoreKind.allCases) func headerProblemsNameTheColumn(_ kind: StoreKind) throws {
        let folder = try PhareProcess.initialisedFolder(kind)
        try "respondent_id;region;FRAG_emploi;DYNAMIC;colour\nm1;44;5;ancree;red\n".write(
            toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let run = try PhareProcess.run(
            ["survey", "import", "r.csv", "--wave", "2025", "--actor", "citoyens"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("r.csv:1 column DYNAMIC: DYNAMIC is not asked to citoyens"))
        #expect(run.stderr.contains("r.csv:1 column colour: unknown column colour"))
        #expect(run.stderr.contains("r.csv:1 column sexe: missing column sexe, required for citoyens"))
    }

    @Test(arguments: StoreKind.allCases) func conditionalItemsAreCheckedAgainstTheirCondition(_ kind: StoreKind) throws
    {
        let folder = try PhareProcess.initialisedFolder(kind)
        let file = """
            respondent_id,region,employeur,PRACTICE,TYPES,SCOPE
            a1,44,oui,partenariat,mecenat|innovation-societale,local
            a2,44,non,aucun,mecenat,
            a3,44,non,,,international

            """
        try file.write(toFile: folder + "/a.csv", atomically: true, encoding: .utf8)
        let run = try PhareProcess.run(
            ["survey", "import", "a.csv", "--wave", "2025", "--actor", "associations"], in: folder)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "a.csv:3 column TYPES: TYPES is answered although PRACTICE is \"aucun\" (only asked when PRACTICE is "
                    + "partenariat)"
            ))
        #expect(run.stderr.contains("a.csv:4 column SCOPE: SCOPE is answered although PRACTICE is empty"))
        #expect(run.stderr.contains("2 problems found"))
    }

    @Test(arguments: StoreKind.allCases) func dryRunImportReplaceAndWeighting(_ kind: StoreKind) throws {
        let folder = try PhareProcess.initialisedFolder(kind)
        try Self.validCitizens(80).write(toFile: folder + "/c.csv", atomically: true, encoding: .utf8)
        let dry = try PhareProcess.run(
            ["survey", "import", "c.csv", "--wave", "2025", "--actor", "citoyens", "--dry-run"], in: folder)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stderr.contains("80 valid citoyens respondents"))
        #expect(
            try PhareProcess.run(["survey", "waves", "--format", "csv"], in: folder).stdout.split(separator: "\n").count
                == 1)

        #expect(
            try PhareProcess.run(["survey", "import", "c.csv", "--wave", "2025", "--actor", "citoyens"], in: folder)
                .status == 0)
        let again = try PhareProcess.run(
            ["survey", "import", "c.csv", "--wave", "2025", "--actor", "citoyens"], in: folder)
        #expect(again.status == 1 && again.stderr.contains("already holds 80 citoyens respondents: use --replace"))
        try Self.validCitizens(60).write(toFile: folder + "/c.csv", atomically: true, encoding: .utf8)
        #expect(
            try PhareProcess.run(
                ["survey", "import", "c.csv", "--wave", "2025", "--actor", "citoyens", "--replace"], in: folder
            ).status == 0)
        let waves = RReference.rows(try PhareProcess.run(["survey", "waves", "--format", "csv"], in: folder).stdout)
        #expect(
            waves.count == 1 && waves.first?["respondents"] == "60" && waves.first?["weighted"] == "false"
                && waves.first?["synthetic"] == "false")

        // Weighting to shares of region and sex; every margin reached.
        try "variable;category;share\nregion;44;0,6\nregion;52;0,4\nsexe;femme;52\nsexe;homme;48\n".write(
            toFile: folder + "/m.csv", atomically: true, encoding: .utf8)
        let weight = try PhareProcess.run(
            [
                "survey", "weight", "--wave", "2025", "--actor", "citoyens", "--margins", "m.csv", "--epsilon", "1e-12",
                "--max-iterations", "100", "--format", "csv",
            ], in: folder)
        #expect(weight.status == 0, "\(weight.stderr)")
        #expect(weight.stderr.contains("raking converged"))
        #expect(weight.stderr.contains("Kish deff"))
        let margins = RReference.rows(weight.stdout)
        #expect(margins.count == 4)
        for row in margins { #expect(abs(Double(row["relative_difference"] ?? "") ?? 1) < 1e-9) }
        let estimate = try PhareProcess.run(
            [
                "survey", "estimate", "--wave", "2025", "--actor", "citoyens", "--measure", "share_top3", "--by",
                "sexe", "--format", "csv",
            ], in: folder)
        #expect(estimate.status == 0, "\(estimate.stderr)")
        let sante = RReference.rows(estimate.stdout).filter { $0["item"] == "sante" }
        #expect(sante.count == 2 && sante.allSatisfy { $0["estimate"] == "1" && $0["synthetic"] == "false" })

        // A margin category without respondent is explained.
        try "variable,category,population\nregion,44,100\nregion,52,100\nregion,11,50\n".write(
            toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = try PhareProcess.run(
            ["survey", "weight", "--wave", "2025", "--actor", "citoyens", "--margins", "bad.csv"], in: folder)
        #expect(
            bad.status == 1
                && bad.stderr.contains("category 11 of margin region has a population of 50.0 but no respondent"))
        try "variable,category,population\ncouleur,bleu,100\n".write(
            toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let unknown = try PhareProcess.run(
            ["survey", "weight", "--wave", "2025", "--actor", "citoyens", "--margins", "bad.csv"], in: folder)
        #expect(unknown.status == 1 && unknown.stderr.contains("couleur is not a profile variable of citoyens"))
        let territories = try PhareProcess.run(
            ["survey", "weight", "--wave", "2025", "--actor", "citoyens", "--from-territories"], in: folder)
        #expect(territories.status != 0 && territories.stderr.contains("weights mayors (maires) only"))
    }

    @Test(arguments: StoreKind.allCases) func statsErrorsNameFileLineAndColumn(_ kind: StoreKind) throws {
        let folder = try PhareProcess.temporaryFolder(kind)
        try "id;score;poids;strate\n1;12;2;a\n2;abc;2;a\n3;14;;b\n4;15;1;b\n".write(
            toFile: folder + "/d.csv", atomically: true, encoding: .utf8)
        let run = try PhareProcess.run(
            ["stats", "mean", "--data", "d.csv", "--var", "score", "--weight", "poids", "--strata", "strate"],
            in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("d.csv:4 column poids: missing value"))
        let garbage = try PhareProcess.run(["stats", "mean", "--data", "d.csv", "--var", "score"], in: folder)
        #expect(garbage.status == 1 && garbage.stderr.contains("d.csv:3 column score: \"abc\" is not a number"))
        let missing = try PhareProcess.run(["stats", "total", "--data", "d.csv", "--var", "taille"], in: folder)
        #expect(missing.status == 1 && missing.stderr.contains("missing column \"taille\""))
        let level = try PhareProcess.run(
            ["stats", "mean", "--data", "d.csv", "--var", "score", "--level", "1"], in: folder)
        #expect(level.status != 0 && level.stderr.contains("--level only applies to prop"))
        try "id;x;strate\n1;1;a\n2;2;a\n3;3;b\n".write(toFile: folder + "/l.csv", atomically: true, encoding: .utf8)
        let lonely = try PhareProcess.run(
            ["stats", "mean", "--data", "l.csv", "--var", "x", "--strata", "strate"], in: folder)
        #expect(lonely.status == 1 && lonely.stderr.contains("stratum b has only one primary sampling unit"))
        #expect(lonely.stdout.isEmpty)
    }
}
