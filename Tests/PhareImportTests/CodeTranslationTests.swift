import Foundation
import Testing

@testable import PhareCore
@testable import PhareImport

/// The import rules for files of any COG vintage, each on a small hand-made file whose expected
/// values are worked out by hand in the comments. Codes are real: 93059 Pierrefitte-sur-Seine
/// merged into 93066 Saint-Denis in 2025; 02311 Filain (fusion, 2025) into 02589; 01039 Béon is
/// a commune déléguée of 01138 (date unknown); 75101…75120 are Paris' arrondissements (75056);
/// 16238 Moutonneau could not be placed in today's geography.
@Suite struct CodeTranslationTests {
    static let framework = try! FrameworkLoader.bundled()
    static let tree = try! TerritoryTree.bundled()
    static let index = TerritoryIndex(tree: tree)
    static let catalogue = IndicatorCatalogue(try! IndicatorCatalogueFile.bundled(framework: framework))

    func options(approximate: Bool = false, skipUnknown: Bool = false) -> TranslationOptions {
        TranslationOptions(history: Self.tree.history, approximate: approximate, skipUnknown: skipUnknown)
    }

    func long(_ text: String, approximate: Bool = false, skipUnknown: Bool = false) throws -> IndicatorFileContents {
        try IndicatorValueFile.readLong(
            CSVDocument.parse(text: text, file: "v.csv"), level: .commune, index: Self.index,
            catalogue: Self.catalogue, options: options(approximate: approximate, skipUnknown: skipUnknown))
    }

    func wide(_ text: String, _ mapping: [(String, String)], approximate: Bool = false) throws
        -> IndicatorFileContents
    {
        try IndicatorValueFile.readWide(
            CSVDocument.parse(text: text, file: "w.csv"),
            mapping: mapping.map { IndicatorValueFile.MappingEntry(column: $0.0, indicator: $0.1, year: 2021) },
            level: .commune, index: Self.index, catalogue: Self.catalogue, options: options(approximate: approximate))
    }

    /// commune code → indicator → value.
    func values(_ contents: IndicatorFileContents) -> [String: [String: Double]] {
        var found: [String: [String: Double]] = [:]
        let o = contents.observations
        for row in 0..<o.count {
            found[Self.index.ids[Int(o.territory[row])].code, default: [:]][o.indicators[Int(o.indicator[row])]] =
                o.value[row]
        }
        return found
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

    @Test func theBundledTreeCarriesTheHistory() throws {
        let history = Self.tree.history
        #expect(history.count == 2042)
        #expect(history["93059"]?.currentCommune == "93066")
        #expect(history["93059"]?.since == 2025)
        #expect(history["01039"]?.kind == .deleguee && history["01039"]?.since == nil)
        #expect(history["75101"]?.kind == .arrondissement && history["75101"]?.currentCommune == "75056")
        #expect(history.formerCodes(of: "13055").count == 16)
        #expect(history["16238"] == nil)
    }

    @Test func countsOfAMergedCommuneAreSummedIntoItsCurrentCommune() throws {
        // 32,379 + 113,942 = 146,321 inhabitants in today's Saint-Denis; Filain (02311) alone
        // gives 02589 its 120.
        let contents = try long(
            """
            territory;indicator;year;value
            93059;population;2021;32379
            93066;population;2021;113942
            02311;population;2021;120
            57463;population;2021;120874
            """)
        let found = values(contents)
        #expect(found["93066"]?["population"] == 146_321)
        #expect(found["02589"]?["population"] == 120)
        #expect(found["57463"]?["population"] == 120_874)
        #expect(found["93059"] == nil)
        #expect(contents.observations.count == 3)
        #expect(
            contents.translation.translated == [
                .init(kind: .deleguee, since: 2025, codes: ["93059"]),
                .init(kind: .fusion, since: 2025, codes: ["02311"]),
            ])
        #expect(contents.translation.lines.first?.hasPrefix("translated: 2 older commune codes") == true)
    }

    @Test func aLeadingZeroLostInASpreadsheetIsRestoredBeforeTranslation() throws {
        let contents = try long("territory;indicator;year;value\n1039;population;2021;600\n")
        #expect(values(contents)["01138"]?["population"] == 600)
    }

    @Test func aRatioIsRecomputedFromTheSummedCounts() throws {
        // 100 × (2,640 + 11,101) / (14,375 + 55,167) = 100 × 13,741 / 69,542 = 19.759282…
        let contents = try wide(
            """
            CODGEO;CHOM;ACT;TAUX
            93059;2640;14375;18,365
            93066;11101;55167;20,123
            """, [("CHOM", "chomeurs-15-64"), ("ACT", "actifs-15-64"), ("TAUX", "taux-chomage-rp")])
        let stDenis = try #require(values(contents)["93066"])
        #expect(stDenis["chomeurs-15-64"] == 13_741)
        #expect(stDenis["actifs-15-64"] == 69_542)
        #expect(abs((stDenis["taux-chomage-rp"] ?? 0) - 19.759_282_160_421_04) < 1e-9)
        #expect(contents.approximateRows.isEmpty)
    }

    @Test func aMedianOrARateWithoutCountsIsRefusedWithASentence() throws {
        let median = problems {
            _ = try long(
                """
                territory;indicator;year;value
                93059;revenu-median-uc;2021;17000
                93066;revenu-median-uc;2021;16000
                """)
        }
        #expect(
            median == [
                "v.csv:2 column territory: revenu-median-uc 2021 of 93059 (commune déléguée Pierrefitte-sur-Seine) "
                    + "cannot be moved to its current commune 93066 (93066 + 93059): a median, rate or mean cannot "
                    + "be summed; give the counts, or pass --approximate to combine by population weight "
                    + "(flagged approximate)"
            ])
        let rate = problems {
            _ = try long(
                """
                territory;indicator;year;value
                93059;taux-chomage-rp;2021;18,4
                93066;taux-chomage-rp;2021;20,1
                """)
        }
        #expect(rate.count == 1)
        #expect(
            rate.first?.contains(
                "a rate cannot be summed, and the file does not give its counts (chomeurs-15-64, actifs-15-64)") == true
        )
    }

    @Test func approximateCombinesByPopulationWeightAndFlagsIt() throws {
        // (17,000 × 32,379 + 16,000 × 113,942) / 146,321 = 16,221.287443…
        let contents = try long(
            """
            territory;indicator;year;value
            93059;revenu-median-uc;2021;17000
            93066;revenu-median-uc;2021;16000
            93059;population;2021;32379
            93066;population;2021;113942
            """, approximate: true)
        let stDenis = try #require(values(contents)["93066"])
        #expect(abs((stDenis["revenu-median-uc"] ?? 0) - 16_221.287_443_360_83) < 1e-9)
        #expect(stDenis["population"] == 146_321)
        #expect(contents.translation.approximate == 1)
        let row = try #require(contents.approximateRows.first)
        #expect(contents.observations.indicators[Int(contents.observations.indicator[row])] == "revenu-median-uc")
        #expect(contents.translation.lines.contains("approximate: 1 value combined by population weight"))
        // Without a population to weight by, even --approximate refuses.
        let unweighted = problems {
            _ = try long(
                "territory;indicator;year;value\n93059;revenu-median-uc;2021;17000\n"
                    + "93066;revenu-median-uc;2021;16000\n", approximate: true)
        }
        #expect(unweighted.first?.contains("the file gives no population 2021 for every part to weight it by") == true)
    }

    @Test func arrondissementsAreSummedIntoTheirCommuneWhenItHasNoLine() throws {
        // 15,919 + 21,000 = 36,919 for Paris; 69381 alone gives Lyon 30,000.
        let contents = try long(
            """
            territory;indicator;year;value
            75101;population;2021;15919
            75102;population;2021;21000
            69381;population;2021;30000
            """)
        let found = values(contents)
        #expect(found["75056"]?["population"] == 36_919)
        #expect(found["69123"]?["population"] == 30_000)
        #expect(contents.translation.arrondissementsSummed == ["75101", "75102", "69381"])
        #expect(contents.translation.communesFromArrondissements == ["75056", "69123"])
        #expect(contents.translation.translated.isEmpty)
        #expect(
            contents.translation.lines[1] == "arrondissements: 3 summed into 2 communes (75056, 69123), 0 set aside")
    }

    @Test func arrondissementsAreSetAsideWhenTheCommuneHasALine() throws {
        let contents = try wide(
            """
            CODGEO;POP
            75056;2133111
            75101;15919
            75102;21000
            """, [("POP", "population")])
        #expect(values(contents)["75056"]?["population"] == 2_133_111)
        #expect(contents.observations.count == 1)
        #expect(contents.translation.arrondissementsSetAside == ["75101", "75102"])
        #expect(contents.translation.arrondissementsSummed.isEmpty)
        #expect(
            contents.translation.notes == [
                "2 arrondissements of 75056 (75101, 75102) set aside: the file has a line for 75056 itself (line 2), "
                    + "which already counts them"
            ])
    }

    @Test func identicalRepeatedLinesAreReadOnceConflictingOnesRefused() throws {
        // One commune per postcode, and a commune déléguée line repeating its commune's counts.
        let contents = try wide(
            """
            CODGEO;LIBGEO;POP
            01015;Arboys en Bugey;667
            01015;Arbignieu;667
            93059;Pierrefitte-sur-Seine;32379
            93059;Pierrefitte-sur-Seine;32379
            """, [("POP", "population")])
        #expect(values(contents)["01015"]?["population"] == 667)
        #expect(values(contents)["93066"]?["population"] == 32_379)
        #expect(contents.translation.duplicates == 2)
        let longRepeat = try long(
            "territory;indicator;year;value\n57463;population;2021;10\n57463;population;2021;10,0\n")
        #expect(longRepeat.observations.count == 1)
        #expect(longRepeat.translation.duplicates == 1)
        let conflicting = problems {
            _ = try wide("CODGEO;POP\n01015;667\n01015;668\n93059;1\n93059;2\n", [("POP", "population")])
        }
        #expect(
            conflicting == [
                "w.csv:3 column CODGEO: commune:01015 already has a line (line 2)",
                "w.csv:5 column CODGEO: 93059 already has a line (line 4)",
            ])
    }

    @Test func inseeMarkersOfMissingOrSecretValuesAreSkippedAndCounted() throws {
        let contents = try long(
            """
            territory;indicator;year;value
            57463;population;2021;s
            57463;menages;2021;nd
            57463;actifs-15-64;2021;NA
            57463;chomeurs-15-64;2021;N/A
            57463;pop-15-64;2021;secret
            57463;revenu-median-uc;2021;-
            57463;taux-pauvrete-60;2021;
            57463;taux-chomage-rp;2021;12,5
            """)
        #expect(contents.emptyCells == 7)
        #expect(contents.translation.suppressed == 7)
        #expect(contents.observations.value == [12.5])
        #expect(contents.translation.lines.contains("suppressed: 7 missing or secret values skipped"))
    }

    @Test func aTranslatedSumWithASecretPartIsLeftOut() throws {
        let contents = try wide("CODGEO;POP\n93059;s\n93066;113942\n", [("POP", "population")])
        #expect(values(contents)["93066"] == nil)
        #expect(contents.translation.suppressed == 2)
        #expect(
            contents.translation.notes == ["population 2021 of 93066 left out: no value for 93059, one of its parts"])
    }

    @Test func anUnknownCodeIsAnErrorUnlessSkipUnknown() throws {
        let text = """
            territory;indicator;year;value
            16238;population;2021;120
            57463;population;2021;120874
            99999;population;2021;5
            16238;menages;2021;50
            """
        let refused = problems { _ = try long(text) }
        #expect(
            refused == [
                "v.csv:2 column territory: unknown territory \"16238\" at level commune (not in today's tree nor in "
                    + "the commune history; --skip-unknown imports the rest)",
                "v.csv:4 column territory: unknown territory \"99999\" at level commune (not in today's tree nor in "
                    + "the commune history; --skip-unknown imports the rest)",
                "v.csv:5 column territory: unknown territory \"16238\" at level commune (not in today's tree nor in "
                    + "the commune history; --skip-unknown imports the rest)",
            ])
        let skipped = try long(text, skipUnknown: true)
        #expect(values(skipped) == ["57463": ["population": 120_874]])
        #expect(skipped.translation.unknown == [.init(code: "16238", line: 2), .init(code: "99999", line: 4)])
        #expect(skipped.translation.lines.contains("unknown: 2 codes skipped: 16238 (line 2), 99999 (line 4)"))
    }

    @Test func aFileMixingGeographiesThatWouldCountTwiceIsRefused() {
        // Béon became a commune déléguée of Valserhône at an unknown date: 01138's value may
        // already include it.
        let found = problems {
            _ = try long(
                """
                territory;indicator;year;value
                01138;population;2021;16295
                01039;population;2021;600
                """)
        }
        #expect(
            found == [
                "v.csv:3 column territory: 01039 (commune déléguée Béon, now part of 01138) and 01138 itself "
                    + "(line 2) both have values: the file mixes geography vintages, and 01138's values may already "
                    + "count Béon; adding them would count it twice. Keep the lines of one geography only"
            ])
    }

    @Test func aMappingNamingAnUnknownIndicatorIsRefusedWithLineAndColumn() {
        let found = problems {
            _ = try IndicatorValueFile.readMapping(
                CSVDocument.parse(
                    text: "column;indicator;year\nP21_POP;population;2021\nMED;mediane;2021\n", file: "m.csv"),
                catalogue: Self.catalogue)
        }
        #expect(
            found == [
                "m.csv:3 column indicator: unknown indicator \"mediane\" "
                    + "(not in the catalogue: see `phare indicators list`)"
            ])
    }

    @Test func withoutHistoryOlderCodesStayUnknown() {
        let found = problems {
            _ = try IndicatorValueFile.readLong(
                CSVDocument.parse(text: "territory;indicator;year;value\n93059;population;2021;1\n", file: "v.csv"),
                level: .commune, index: Self.index, catalogue: Self.catalogue)
        }
        #expect(found == ["v.csv:2 column territory: unknown territory \"93059\" at level commune"])
    }
}
