import Foundation
import PhareTestSupport
import Testing

@Suite(.serialized) struct FoundationCommandTests {
    static let folder: String = try! PhareProcess.initialisedFolder()

    func phare(_ arguments: String...) throws -> PhareRun {
        try PhareProcess.run(arguments, in: Self.folder)
    }

    @Test func regionsAsCSV() throws {
        let result = try phare("territories", "list", "--level", "region", "--format", "csv")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "code,name,level,parent,population,area_km2")
        #expect(lines.count == 19)
        #expect(lines.contains { $0.hasPrefix("44,Grand Est,region,FR,") })
    }

    @Test func departementsOfGrandEst() throws {
        let result = try phare("territories", "list", "--level", "departement", "--parent", "44", "--format", "csv")
        #expect(result.status == 0)
        let codes = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(codes == ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"])
    }

    @Test func jsonOutputParses() throws {
        let list = try phare("territories", "list", "--level", "departement", "--format", "json")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 101)
        #expect(rows.first?["code"] as? String == "01")
        let show = try phare("territories", "show", "44", "--format", "json")
        let object = try #require(JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(object["name"] as? String == "Grand Est")
        #expect((object["children"] as? [String: Any])?["departement"] as? Int == 10)
        let framework = try phare("framework", "show", "--format", "json")
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(framework.stdout.utf8)) as? [String: Any])
        #expect((parsed["domains"] as? [Any])?.count == 16)
    }

    @Test func showGivesTheParentChain() throws {
        let result = try phare("territories", "show", "departement:44", "--format", "csv")
        #expect(result.status == 0)
        #expect(result.stdout.contains("name,Loire-Atlantique"))
        #expect(result.stdout.contains("parents,region:52 Pays de la Loire < pays:FR France"))
        #expect(result.stdout.contains("commune_count,"))
    }

    @Test func frameworkAsCSVAndTable() throws {
        let csv = try phare("framework", "show", "--format", "csv")
        #expect(csv.stdout.contains("domain,logement,social,Mal-logement,Poor housing"))
        #expect(csv.stdout.split(separator: "\n").filter { $0.hasPrefix("domain,") }.count == 16)
        let table = try phare("framework", "show", "--format", "table")
        #expect(table.stdout.contains("domain (16)"))
        #expect(table.stdout.contains("actor (4)"))
    }

    @Test func unknownTerritoryIsAnErrorOnStderr() throws {
        let result = try phare("territories", "show", "999")
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("unknown territory \"999\""))
    }

    @Test func unknownFormatIsRefused() throws {
        let result = try phare("territories", "list", "--format", "xml")
        #expect(result.status != 0)
        #expect(result.stderr.contains("'xml' is invalid for '--format"))
    }

    @Test func versionAndHelp() throws {
        #expect(
            try phare("--version").stdout.trimmingCharacters(in: .whitespacesAndNewlines).range(
                of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil)
        for command in [
            ["--help"], ["init", "--help"], ["territories", "list", "--help"], ["framework", "show", "--help"],
        ] {
            let result = try PhareProcess.run(command, in: Self.folder)
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE") || result.stdout.contains("Usage"))
        }
    }
}

@Suite struct InitCommandTests {
    @Test func initIsSafeToRepeatAndForceRebuilds() throws {
        let folder = try PhareProcess.temporaryFolder()
        let first = try PhareProcess.run(["init", "--db", "obs.sqlite"], in: folder)
        #expect(first.status == 0)
        #expect(first.stderr.contains("created the observatory obs.sqlite"))
        let second = try PhareProcess.run(["init", "--db", "obs.sqlite"], in: folder)
        #expect(second.status == 0)
        #expect(second.stderr.contains("already an observatory"))
        let forced = try PhareProcess.run(["init", "--db", "obs.sqlite", "--force"], in: folder)
        #expect(forced.status == 0)
        #expect(forced.stderr.contains("rebuilt"))
        let regions = try PhareProcess.run(
            ["territories", "list", "--db", "obs.sqlite", "--format", "csv"], in: folder)
        #expect(regions.stdout.split(separator: "\n").count == 19)
    }

    @Test func databaseFromTheEnvironment() throws {
        let folder = try PhareProcess.temporaryFolder()
        let result = try PhareProcess.run(["init"], in: folder, environment: ["PHARE_DB": folder + "/env.sqlite"])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/env.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/phare.sqlite"))
    }

    @Test func missingFolderLeavesNothingBehind() throws {
        let folder = try PhareProcess.temporaryFolder()
        let result = try PhareProcess.run(["init", "--db", "absent/obs.sqlite"], in: folder)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("the folder absent does not exist")
                || result.stderr.contains("/absent does not exist"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func brokenFrameworkFileIsRefusedWithItsPathsAndNoDatabase() throws {
        let folder = try PhareProcess.temporaryFolder()
        let framework = """
            {"id": "mon-observatoire", "version": "1", "name": {"fr": "Mon observatoire", "en": "My observatory"},
             "axes": [{"code": "eco", "label": {"fr": "Économie", "en": "Economy"}}],
             "domains": [{"code": "emploi", "axis": "eco", "label": {"fr": "Emploi", "en": "Jobs"}},
                         {"code": "emploi", "axis": "eco", "label": {"fr": "Emploi bis"}},
                         {"code": "sante", "label": {"fr": "Santé", "en": "Health"}}],
             "actors": [{"code": "citoyens", "label": {"fr": "Citoyens", "en": "Citizens"}}],
             "partnershipTypes": [{"code": "mecenat", "label": {"fr": "Mécénat", "en": "Philanthropy"}}],
             "partnershipScopes": [{"code": "local", "label": {"fr": "Local", "en": "Local"}}],
             "coConstructionDynamic": [{"code": "oui", "label": {"fr": "Oui", "en": "Yes"}}],
             "innovationStages": [{"code": "conception", "label": {"fr": "Conception", "en": "Design"}}],
             "supportLevers": [{"code": "financement", "label": {"fr": "Financement", "en": "Funding"}}],
             "allianceImpacts": [{"code": "confiance", "label": {"fr": "Confiance", "en": "Trust"}}]}
            """
        try framework.write(toFile: folder + "/cadre.json", atomically: true, encoding: .utf8)
        let result = try PhareProcess.run(["init", "--framework", "cadre.json"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("cadre.json: domains[1].label.en: is missing"))
        #expect(result.stderr.contains("cadre.json: domains[1].code: duplicate domain code \"emploi\""))
        #expect(result.stderr.contains("cadre.json: domains[2].axis: domain \"sante\" has no axis"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/phare.sqlite"))

        let check = try PhareProcess.run(["framework", "check", "cadre.json"], in: folder)
        #expect(check.status == 1)

        let fixed = framework.replacingOccurrences(
            of: "{\"fr\": \"Emploi bis\"}", with: "{\"fr\": \"Emploi bis\", \"en\": \"Jobs bis\"}"
        )
        .replacingOccurrences(
            of: "{\"code\": \"emploi\", \"axis\": \"eco\", \"label\": {\"fr\": \"Emploi bis\"",
            with: "{\"code\": \"emploi-2\", \"axis\": \"eco\", \"label\": {\"fr\": \"Emploi bis\""
        )
        .replacingOccurrences(
            of: "{\"code\": \"sante\", \"label\"", with: "{\"code\": \"sante\", \"axis\": \"eco\", \"label\"")
        try fixed.write(toFile: folder + "/cadre.json", atomically: true, encoding: .utf8)
        let ok = try PhareProcess.run(["init", "--framework", "cadre.json"], in: folder)
        #expect(ok.status == 0, "\(ok.stderr)")
        let shown = try PhareProcess.run(["framework", "show", "--format", "csv"], in: folder)
        #expect(shown.stdout.contains("domain,emploi-2,eco,Emploi bis,Jobs bis"))
    }

    @Test func commandsOnAMissingDatabaseSayHowToCreateIt() throws {
        let folder = try PhareProcess.temporaryFolder()
        let result = try PhareProcess.run(["territories", "list"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no observatory database at phare.sqlite: create it with `phare init"))
    }
}
