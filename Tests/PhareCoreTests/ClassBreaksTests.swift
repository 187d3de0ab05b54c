import Testing

@testable import PhareCore

/// Reference values computed with R 4 (`quantile(x, p)` type 7, `rank(-x, ties.method = "min")`).
@Suite struct ClassBreaksTests {
    @Test func quantilesMatchR() throws {
        let x = [3.2, 1.5, 8.9, 4.4, 4.4, 10.1, 0.3, 7.7, 2.2, 5.0, 6.6, 9.9, 1.1]
        // R: quantile(x, c(.2, .4, .6, .8)) → 1.78 4.16 5.32 8.42
        let expected = [1.7800000000000002, 4.1600000000000010, 5.3199999999999985, 8.4200000000000017]
        for (p, value) in zip([0.2, 0.4, 0.6, 0.8], expected) {
            let q = try #require(ClassBreaks.quantile(x, p))
            #expect(abs(q - value) < 1e-12)
        }
        #expect(ClassBreaks.quantile(x, 0) == 0.3)
        #expect(ClassBreaks.quantile(x, 1) == 10.1)
        #expect(ClassBreaks.quantile([], 0.5) == nil)
        #expect(ClassBreaks.quantile(x, 1.5) == nil)
        #expect(ClassBreaks.quantile([.nan, 2, 4], 0.5) == 3)
    }

    @Test func regionPopulationBreaksMatchR() {
        // The 17 regions with a population in the bundled tree (Mayotte has none).
        let population: [Double] = [
            268700, 390253, 372594, 853659, 334938, 12_174_880, 2_576_252, 2_811_423, 3_330_478, 6_003_283, 5_549_586,
            3_760_060, 3_318_904, 5_956_978, 5_845_102, 7_948_287, 5_030_890,
        ]
        let breaks = ClassBreaks.quantileBreaks(population, classes: 5)
        // R: quantile(y, c(.2,.4,.6,.8)) → 482934.2 3014415.4 4522558 5934602.8
        let expected = [482934.20000000007, 3014415.40000000037, 4522558.0, 5934602.79999999981]
        #expect(breaks.count == 4)
        for (b, e) in zip(breaks, expected) { #expect(abs(b - e) < 1e-6) }
        #expect(ClassBreaks.classIndex(of: 268700, breaks: breaks) == 0)
        #expect(ClassBreaks.classIndex(of: 12_174_880, breaks: breaks) == 4)
        #expect(ClassBreaks.classIndex(of: 4_522_558, breaks: breaks) == 3)
        // R: rank(-y, ties.method = "min")
        let ranks = ClassBreaks.competitionRanks(population.map { $0 }, descending: true)
        #expect(ranks == [17, 14, 15, 13, 16, 1, 12, 11, 9, 3, 6, 8, 10, 4, 5, 2, 7])
    }

    @Test func repeatedValuesGiveFewerClassesAndSharedRanks() {
        #expect(ClassBreaks.quantileBreaks([1, 1, 1, 1, 1], classes: 5) == [])
        // R: quantile(c(1,1,1,1,2), c(.2,.4,.6,.8)) → 1 1 1 1.2: one break left above the minimum.
        let breaks = ClassBreaks.quantileBreaks([1, 1, 1, 1, 2], classes: 5)
        #expect(breaks.count == 1)
        #expect(abs(breaks[0] - 1.2) < 1e-12)
        // R: rank(-c(5,3,5,1,NA,9), ties.method="min", na.last="keep") → 2 4 2 5 NA 1
        #expect(ClassBreaks.competitionRanks([5, 3, 5, 1, nil, 9], descending: true) == [2, 4, 2, 5, nil, 1])
        #expect(ClassBreaks.competitionRanks([5, 3, 5, 1, nil, 9], descending: false) == [3, 2, 3, 1, nil, 5])
    }

    @Test func weightSharesSumToOne() {
        let shares = NormalisedWeights.shares([1, 3, 0, 4])
        #expect(shares == [0.125, 0.375, 0, 0.5])
        #expect(NormalisedWeights.shares([0, 0]) == [0, 0])
    }
}
