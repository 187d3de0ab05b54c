import Foundation
import PhareTestSupport
import Testing

@testable import PhareCore

@Suite struct CoherenceTests {
    /// x = 1, 2, 3, 4 and y = 2, 1, 4, 3: Σ(x − x̄)(y − ȳ) = 3, Σ(x − x̄)² = Σ(y − ȳ)² = 5, r = 0.6;
    /// no ties, so ρ = r. With ties x = 1, 1, 2, 3 (ranks 1.5, 1.5, 3, 4) and y = 1, 2, 3, 4:
    /// ρ = r(ranks) = 4.5 / √(4.5·5) = 0.948683.
    @Test func correlationsWorkedByHand() throws {
        #expect(abs(try #require(Correlation.pearson([1, 2, 3, 4], [2, 1, 4, 3])) - 0.6) < 1e-15)
        #expect(abs(try #require(Correlation.spearman([1, 2, 3, 4], [2, 1, 4, 3])) - 0.6) < 1e-15)
        #expect(
            abs(try #require(Correlation.spearman([1, 1, 2, 3], [1, 2, 3, 4])) - 4.5 / (22.5).squareRoot()) < 1e-15)
        #expect(Correlation.pearson([1, 1, 1], [1, 2, 3]) == nil)
    }

    /// [[2, 1], [1, 2]] has eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2; a diagonal
    /// matrix is its own decomposition.
    @Test func jacobiWorkedByHand() {
        let (values, vectors) = SymmetricEigen.decompose([[2, 1], [1, 2]])
        #expect(abs(values[0] - 3) < 1e-14 && abs(values[1] - 1) < 1e-14)
        #expect(abs(abs(vectors[0][0]) - (0.5).squareRoot()) < 1e-14 && abs(vectors[0][0] - vectors[0][1]) < 1e-14)
        let diagonal = SymmetricEigen.decompose([[1, 0, 0], [0, 5, 0], [0, 0, 3]])
        #expect(diagonal.values == [5, 3, 1])
    }

    /// The pair r = 0.6 above: α = 2·0.6 / (1 + 0.6) = 0.75, eigenvalues 1 ± r = 1.6 and 0.4, first
    /// component share 0.8.
    @Test func alphaAndFirstComponentWorkedByHand() throws {
        let pair = Coherence.group(.domain, "emploi", indicators: ["a", "b"], values: [[1, 2, 3, 4], [2, 1, 4, 3]])
        #expect(abs(try #require(pair.cronbachAlpha) - 0.75) < 1e-14)
        #expect(abs(pair.eigenvalues[0] - 1.6) < 1e-14 && abs(pair.eigenvalues[1] - 0.4) < 1e-14)
        #expect(abs(try #require(pair.firstComponentShare) - 0.8) < 1e-14)
        #expect(pair.negativePairs.isEmpty && pair.collinearPairs.isEmpty && pair.territories == 4)
    }

    @Test func badInputGivesASentence() {
        let one = Coherence.group(.domain, "emploi", indicators: ["a"], values: [[1, 2, 3]])
        #expect(one.problem == "The domain emploi has only one indicator with values: coherence needs at least 2.")
        #expect(one.cronbachAlpha == nil && one.pearson.isEmpty)
        let few = Coherence.group(.axis, "eco", indicators: ["a", "b"], values: [[1, 2, .nan, 4], [1, .nan, 3, 5]])
        #expect(
            few.problem
                == "The axis eco has 2 territories with a value on all its 2 indicators: coherence needs at least 3.")
        let flat = Coherence.group(.domain, "sante", indicators: ["a", "b"], values: [[1, 2, 3], [7, 7, 7]])
        #expect(flat.constant == ["b"] && flat.problem != nil && flat.firstComponentShare == nil)
    }

    /// Flags: r < 0 after orientation and |r| > 0.9; a robust indicator is turned by its polarity.
    @Test func flagsAfterOrientation() throws {
        let indicators = [
            WorkedExample.indicator("chomage", "emploi", .higherIsFragile),
            WorkedExample.indicator("emploi", "emploi", .higherIsRobust),
            WorkedExample.indicator("precarite", "emploi", .higherIsFragile),
        ]
        // emploi falls as chomage rises (robust: oriented, it rises); precarite falls with chomage.
        let input = WorkedExample.input(
            indicators, values: [[5, 7, 9, 11, 13], [70, 66, 63, 58, 55], [30, 29, 27, 20, 18]],
            national: [9, 62, 25], peers: 5)
        let groups = Coherence.analyse(input)
        let emploi = try #require(groups.first { $0.kind == .domain && $0.code == "emploi" })
        #expect(emploi.indicators == ["chomage", "emploi", "precarite"])
        #expect(emploi.pearson[0][1] > 0.9)
        #expect(emploi.collinearPairs.contains { $0.first == "chomage" && $0.second == "emploi" })
        #expect(emploi.negativePairs.map(\.second) == ["precarite", "precarite"])
        #expect(groups.first { $0.code == "revenu" }?.problem?.contains("no indicator") == true)
        // The axis eco holds the indicators of emploi and revenu.
        #expect(groups.first { $0.kind == .axis && $0.code == "eco" }?.indicators.count == 3)
    }

    /// The 6 indicators × 7 peers of the numpy diagnosis test, oriented, against np.corrcoef,
    /// scipy.stats.spearmanr, alpha by its variance formula and np.linalg.eigh, to 1e-9; and a
    /// larger group of 40 territories with ties.
    @Test(.enabled(if: CoherenceReference.available, Comment(rawValue: CoherenceReference.missing)))
    func equalsNumpy() throws {
        let values: [[Double]] = [
            [7.1, 9.4, 12.8, .nan, 8.0, 10.2, 9.4],
            [-71, -64, -58, -69, .nan, -62, -66],
            [-23100, -21000, -19800, -22500, -24900, .nan, -21700],
            [13.2, 16.0, 19.5, 14.1, 11.8, 17.7, 15.3],
            [-9.1, -7.4, -6.0, -8.8, -7.0, -6.5, -7.9],
            [170, 195, 230, 160, 150, 210, 188],
        ]
        var random = SeededRandom(seed: 11)
        let large: [[Double]] = (0..<5).map { k in
            (0..<40).map { p in (Double(p % 9) + Double(k) * random.nextNormal()).rounded() }
        }
        let cases = [values, Array(values[0..<2]), large]
        let reference = try CoherenceReference.run(cases)
        for (c, values) in cases.enumerated() {
            let ours = Coherence.group(
                .domain, "case\(c)", indicators: values.indices.map { "i\($0)" }, values: values)
            #expect(ours.problem == nil)
            let differences = CoherenceReference.differences(ours, reference[c])
            #expect(differences.isEmpty, "\(differences)")
        }
    }
}
