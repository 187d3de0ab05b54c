import Foundation
import Testing

@testable import PhareCore
@testable import PhareImport

/// Files refused at import with a sentence naming the file, line and column: no data line, NUL
/// bytes, UTF-32, weights that are not finite, negative or whose sum overflows.
@Suite struct ImportRefusalTests {
    static let framework = try! FrameworkLoader.bundled()
    static let tree = try! TerritoryTree.bundled()
    static let index = TerritoryIndex(tree: tree)
    static let catalogue = IndicatorCatalogue(try! IndicatorCatalogueFile.bundled(framework: framework))
    static let questionnaire = try! QuestionnaireLoader.bundled(framework: framework)

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

    func document(_ text: String, _ file: String) throws -> CSVDocument {
        try CSVDocument.parse(data: Data(text.utf8), file: file)
    }

    @Test func aHeaderWithoutDataLineIsRefusedForEveryKindOfFile() throws {
        let long = try document("territory;indicator;year;value\n", "values.csv")
        #expect(
            problems {
                _ = try IndicatorValueFile.readLong(long, level: nil, index: Self.index, catalogue: Self.catalogue)
            } == ["values.csv:2: the file has a header line but no data line: no indicator value to import"])
        let wide = try document("CODGEO;P21_POP\r\n", "base.csv")
        let mapping = [IndicatorValueFile.MappingEntry(column: "P21_POP", indicator: "population", year: 2021)]
        #expect(
            problems {
                _ = try IndicatorValueFile.readWide(
                    wide, mapping: mapping, level: .commune, index: Self.index, catalogue: Self.catalogue)
            } == ["base.csv:2: the file has a header line but no data line: no indicator value to import"])
        let catalogue = try document(
            "code;label_fr;label_en;domain;unit;polarity;source;vintage\n", "catalogue.csv")
        #expect(
            problems { _ = try IndicatorCatalogueFile.read(catalogue, framework: Self.framework) }
                == ["catalogue.csv:2: the file has a header line but no data line: no indicator to import"])
        let responses = try document(
            "respondent_id;weight;region;departement;sexe;age;csp;FRAG_emploi\n", "citoyens.csv")
        #expect(
            problems {
                _ = try ResponseFile.read(
                    responses, actor: ActorCode("citoyens"), questionnaire: Self.questionnaire,
                    framework: Self.framework, territories: Self.tree)
            } == ["citoyens.csv:2: the file has a header line but no data line: no respondent to import"])
        let margins = try document("variable;category;share\n", "margins.csv")
        #expect(
            problems { _ = try MarginsFile.parse(margins) }
                == ["margins.csv:2: the file has a header line but no data line: no margin to import"])
    }

    @Test func aNulByteIsLocatedAndUTF32IsNamed() {
        let nul = Data("a;b;c\n1;2;3\n4;5\u{0}x;6\n".utf8)
        #expect(
            problems { _ = try CSVDocument.parse(data: nul, file: "nul.csv") } == [
                "nul.csv:3 column 2: a NUL byte (code 0): this is not a text file, or it is UTF-16 or UTF-32 without a "
                    + "byte order mark (save it as UTF-8)"
            ])
        let quoted = Data("a;b\n\"x\ny\";\"z\u{0}\"\n".utf8)
        #expect(
            problems { _ = try CSVDocument.parse(data: quoted, file: "q.csv") }.first?.hasPrefix("q.csv:3 column 2:")
                == true)
        // UTF-16 without a mark: every other byte is NUL, found on line 1, column 1.
        let utf16 = "a;b\n1;2\n".data(using: .utf16LittleEndian)!
        #expect(
            problems { _ = try CSVDocument.parse(data: utf16, file: "w.csv") }.first?.hasPrefix(
                "w.csv:1 column 1: a NUL byte") == true)
        for (mark, name) in [
            ([0xFF, 0xFE, 0x00, 0x00] as [UInt8], "UTF-32"), ([0x00, 0x00, 0xFE, 0xFF], "UTF-32"),
            ([0xFF, 0xFE], "UTF-16"), ([0xFE, 0xFF], "UTF-16"),
        ] {
            let data = Data(mark + [0x61, 0x00, 0x00, 0x00])
            #expect(
                problems { _ = try CSVDocument.parse(data: data, file: "bom.csv") }
                    == ["bom.csv:1: the file is \(name); save it as UTF-8 (or Windows-1252)"])
        }
    }

    static let responseHeader = "respondent_id;weight;region;departement;sexe;age;csp;FRAG_emploi"

    func respondents(weights: [String]) throws -> [SurveyRespondent] {
        var lines = [Self.responseHeader]
        for (index, weight) in weights.enumerated() {
            lines.append("c\(index);\(weight);44;67;femme;25-34;cadres;\(1 + index % 10)")
        }
        return try ResponseFile.read(
            try document(lines.joined(separator: "\n") + "\n", "c.csv"), actor: ActorCode("citoyens"),
            questionnaire: Self.questionnaire, framework: Self.framework, territories: Self.tree)
    }

    @Test func weightsThatAreNotFiniteNegativeOrOverflowAreRefusedWithLineAndColumn() throws {
        #expect(try respondents(weights: ["1", "2,5", "1e150"]).map(\.designWeight) == [1, 2.5, 1e150])
        #expect(
            problems { _ = try respondents(weights: ["1", "inf", "-2", "NaN", "1e309"]) } == [
                "c.csv:3 column weight: \"inf\" is not a positive design weight",
                "c.csv:4 column weight: \"-2\" is not a positive design weight",
                "c.csv:5 column weight: \"NaN\" is not a positive design weight",
                "c.csv:6 column weight: \"1e309\" is not a positive design weight",
            ])
        // 1e308 is a finite double, but its square (the variance needs Σw²) is past the largest one,
        // ≈ 1.797e308; so is 1e200². Refused on the first such line.
        let overflow =
            "weight 1e+308: with it the sum of the weights (or of their squares, which the variance needs) exceeds "
            + "the largest number a double holds (1.8e308); rescale the weights"
        #expect(
            problems { _ = try respondents(weights: ["1", "1e308", "1e308"]) } == ["c.csv:3 column weight: \(overflow)"]
        )
        #expect(
            problems { _ = try respondents(weights: ["1e200"]) }.first?.hasPrefix(
                "c.csv:2 column weight: weight 1e+200")
                == true)
        // A data file for `phare stats`: the design refuses the same weights at their line.
        let data = try document("y;w\n1;1\n2;1e308\n3;1e308\n", "d.csv")
        #expect(
            problems { _ = try SurveyColumns.design(data, weight: "w", strata: nil, cluster: nil, fpc: nil) }
                == ["d.csv:3 column w: \(overflow)"])
        #expect(SurveyDesign.firstOverflowingWeight([1, 2, 3]) == nil)
        #expect(SurveyDesign.firstOverflowingWeight([1, 1e155]) == 1)
    }

    /// The reasons follow the estimator's own conditions (SurveyEstimator), worked by hand here.
    @Test func anEstimateThatCannotBeComputedSaysWhy() throws {
        let design = try SurveyDesign(weights: [1, 1, 1, 1])
        let estimator = SurveyEstimator(design: design)
        #expect(estimator.mean([1, 2, 3, 4]).missingReason == nil)
        #expect(
            estimator.mean([.nan, .nan, .nan, .nan]).missingReason
                == "no respondent of this group answered (with a non-zero weight): n = 0")
        #expect(
            estimator.proportion([1, 1, 1, 1]).missingReason
                == "no interval: the proportion is 1 (its log-odds are infinite, as in R's svyciprop)")
        #expect(estimator.proportion([1, 0, 1, 1]).missingReason == nil)
    }
}
