import Foundation
import Testing

@testable import PhareCore
@testable import PhareImport

@Suite struct IndicatorFileTests {
    static let framework = try! FrameworkLoader.bundled()
    static let tree = try! TerritoryTree.bundled()
    static let index = TerritoryIndex(tree: tree)
    static let catalogue = IndicatorCatalogue(try! IndicatorCatalogueFile.bundled(framework: framework))

    func long(_ text: String, level: TerritoryLevel? = nil) throws -> IndicatorFileContents {
        try IndicatorValueFile.readLong(
            CSVDocument.parse(data: Data(text.utf8), file: "valeurs.csv"), level: level, index: Self.index,
            catalogue: Self.catalogue)
    }

    func problems(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let errors as InputErrors {
            return errors.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func bundledCatalogueCoversEveryDomainWithRealIndicators() {
        let diagnosed = Self.catalogue.diagnosed()
        #expect(diagnosed.count >= 60)
        #expect(Set(diagnosed.compactMap(\.domain)) == Set(Self.framework.domains.map(\.code)))
        let rate = Self.catalogue["taux-chomage-rp"]
        #expect(
            rate?.aggregation == .ratio && rate?.numerator == "chomeurs-15-64" && rate?.denominator == "actifs-15-64"
                && rate?.scale == 100)
        #expect(Self.catalogue["revenu-median-uc"]?.polarity == .higherIsRobust)
    }

    @Test func longFileWithDecimalCommaBOMAndQuotes() throws {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array(
                "territory;indicator;year;value\r\n44;taux-chomage-localise;2023;\"7,9\"\r\ndepartement:44;taux-chomage-localise;2023;6,1\r\n\"93\";revenu-median-uc;2021;23 450\r\n11;taux-pauvrete-60;2021;\r\n"
                    .utf8)
        let contents = try IndicatorValueFile.readLong(
            CSVDocument.parse(data: Data(bytes), file: "v.csv"), level: nil, index: Self.index,
            catalogue: Self.catalogue)
        #expect(contents.observations.count == 3)
        #expect(contents.observations.value == [7.9, 6.1, 23450])
        #expect(contents.emptyCells == 1)
        #expect(Self.index.ids[Int(contents.observations.territory[1])] == TerritoryID(.departement, "44"))
        #expect(Self.index.ids[Int(contents.observations.territory[0])] == TerritoryID(.region, "44"))
        // Comma-separated files with a level column are read the same way.
        let comma = try long(
            "level,territory,indicator,year,value\ndepartement,44,taux-chomage-localise,2023,6.1\ncommune,1001,population,2021,776\n"
        )
        #expect(Self.index.ids[Int(comma.observations.territory[0])] == TerritoryID(.departement, "44"))
        #expect(Self.index.ids[Int(comma.observations.territory[1])] == TerritoryID(.commune, "01001"))
    }

    @Test func everyBadLineIsReportedWithLineAndColumn() {
        let found = problems {
            _ = try long(
                """
                territory;indicator;year;value
                44;taux-chomage-localise;2023;7,9
                99;taux-chomage-localise;2023;5
                52;chomage-inconnu;2023;1
                53;taux-chomage-localise;20x3;7
                75;taux-chomage-localise;2023;sept
                44;taux-chomage-localise;2023;8
                76;taux-chomage-localise;2023;1.234,5

                """)
        }
        #expect(
            found == [
                "valeurs.csv:3 column territory: unknown territory \"99\"",
                "valeurs.csv:4 column indicator: unknown indicator \"chomage-inconnu\" (not in the catalogue: see `phare indicators list`)",
                "valeurs.csv:5 column year: not a year: \"20x3\" (expected four digits, 1900 to 2100)",
                "valeurs.csv:6 column value: not a number: \"sept\"",
                "valeurs.csv:7 column territory: region:44 taux-chomage-localise 2023 already has a value on line 2",
                "valeurs.csv:8 column value: not a number: \"1.234,5\"",
            ])
    }

    @Test func wrongSeparatorAndMissingColumnsAreNamed() {
        // Header with ";" but lines with ",": the field count gives it away on the first data line.
        let mixed = problems { _ = try long("territory;indicator;year;value\n44,taux-chomage-localise,2023,7.9\n") }
        #expect(mixed == ["valeurs.csv:2: 1 field where the header has 4 (separator \";\")"])
        let tab = problems { _ = try long("territoire|indicateur|annee|valeur\n44|x|2023|1\n") }
        #expect(tab.count == 4)
        #expect(tab.first?.hasPrefix("valeurs.csv:1 column territory: missing column \"territory\"") == true)
    }

    /// An INSEE "comparateur de territoires"-like extract: `;`, decimal comma, Windows-1252
    /// accents in LIBGEO, an empty (confidential) cell, a column left out of the mapping.
    @Test func wideInseeFileInWindows1252WithMapping() throws {
        var bytes = Array("CODGEO;LIBGEO;P21_POP;P21_CHOM1564;P21_ACT1564;MED21\r\n01001;L'Abergement-Cl".utf8)
        bytes +=
            [0xE9]
            + Array(
                "menciat;776;21;380;24 530,5\r\n01002;L'Abergement-de-Varey;248;;120;\r\n57463;Metz;120 874;7 012;54 000;19 870\r\n"
                    .utf8)
        let document = try CSVDocument.parse(data: Data(bytes), file: "base-cc.csv")
        #expect(document.encoding == .windows1252)
        let mapping = try IndicatorValueFile.readMapping(
            CSVDocument.parse(
                text:
                    "column;indicator;year\nP21_POP;population;2021\nP21_CHOM1564;chomeurs-15-64;2021\nP21_ACT1564;actifs-15-64;2021\nMED21;revenu-median-uc;2021\n",
                file: "map.csv"),
            catalogue: Self.catalogue
        )
        let contents = try IndicatorValueFile.readWide(
            document, mapping: mapping, level: .commune, index: Self.index, catalogue: Self.catalogue)
        #expect(contents.observations.count == 10)
        #expect(contents.emptyCells == 2)
        #expect(contents.unmappedColumns == ["LIBGEO"])
        #expect(contents.observations.value.contains(24530.5))
        #expect(contents.observations.value.contains(120874))
    }

    @Test func wideFileProblemsAreAllListed() throws {
        let mapping = [
            IndicatorValueFile.MappingEntry(column: "P21_POP", indicator: "population", year: 2021),
            IndicatorValueFile.MappingEntry(column: "MED21", indicator: "revenu-median-uc", year: 2021),
        ]
        let text = "CODGEO;P21_POP;MED21\n01001;776;abc\n99999;12;1\n01001;3;4\n;5;6\n"
        let found = problems {
            _ = try IndicatorValueFile.readWide(
                CSVDocument.parse(text: text, file: "w.csv"), mapping: mapping, level: .commune, index: Self.index,
                catalogue: Self.catalogue)
        }
        #expect(
            found == [
                "w.csv:2 column MED21: not a number: \"abc\"",
                "w.csv:3 column CODGEO: unknown territory \"99999\" at level commune",
                "w.csv:4 column CODGEO: commune:01001 already has a line (line 2)",
                "w.csv:5 column CODGEO: empty territory code",
            ])
        let missingColumn = problems {
            _ = try IndicatorValueFile.readWide(
                CSVDocument.parse(text: "CODGEO;P21_POP\n01001;1\n", file: "w.csv"), mapping: mapping, level: .commune,
                index: Self.index, catalogue: Self.catalogue)
        }
        #expect(
            missingColumn == [
                "w.csv:1 column MED21: the mapping names the column \"MED21\", which the file does not have"
            ])
        let badMapping = problems {
            _ = try IndicatorValueFile.readMapping(
                CSVDocument.parse(text: "column;indicator;year\nA;population;2021\nA;inconnu;21\n", file: "m.csv"),
                catalogue: Self.catalogue)
        }
        #expect(
            badMapping == [
                "m.csv:3 column column: column \"A\" is mapped twice (first on line 2)",
                "m.csv:3 column indicator: unknown indicator \"inconnu\" (not in the catalogue: see `phare indicators list`)",
                "m.csv:3 column year: not a year: \"21\"",
            ])
    }

    @Test func catalogueFileProblemsAreAllListed() {
        let text = """
            code;label_fr;label_en;domain;unit;polarity;aggregation;numerator;denominator;scale;source;vintage;levels;diagnosed
            taux-x;Taux X;Rate X;emploi;%;higher-is-fragile;ratio;absent;actifs-15-64;100;INSEE;2021;region;oui
            Taux Y;Taux Y;Rate Y;inconnu;%;plus;mean;;;;INSEE;2021;region|canton;peut-être
            taux-x;Taux X bis;Rate X bis;emploi;%;higher-is-fragile;mean;;;;;2021;region;oui
            """
        let found = problems {
            _ = try IndicatorCatalogueFile.read(
                CSVDocument.parse(text: text, file: "cat.csv"), framework: Self.framework, existing: Self.catalogue)
        }
        #expect(
            found.contains(
                "cat.csv:3 column code: code \"Taux Y\" may only hold lower-case letters, digits, '-' and '_'"))
        #expect(found.contains { $0.hasPrefix("cat.csv:3 column domain: unknown domain \"inconnu\"") })
        #expect(
            found.contains(
                "cat.csv:3 column polarity: polarity must be higher-is-fragile or higher-is-robust, found \"plus\""))
        #expect(found.contains { $0.hasPrefix("cat.csv:3 column levels: unknown level \"canton\"") })
        #expect(found.contains("cat.csv:3 column diagnosed: diagnosed must be oui or non, found \"peut-être\""))
        #expect(found.contains("cat.csv:4 column code: indicator \"taux-x\" is defined twice (first on line 2)"))
        #expect(found.contains("cat.csv:4 column source: empty source"))
        #expect(
            found.contains("cat.csv:2 column numerator: numerator \"absent\" of \"taux-x\" is not in the catalogue"))
        #expect(found.count == 8)
    }
}
