import Foundation
import Testing

@testable import PhareCore

@Suite struct CompositeAggregationTests {
    @Test func meansWorkedByHand() throws {
        let equal = [1.0, 1.0]
        // power:2 of 3 and 4: √((9 + 16)/2) = √12.5.
        #expect(
            abs(try #require(CompositeAggregation.power(2).mean([3, 4], weights: equal)) - (12.5).squareRoot()) < 1e-12)
        // Harmonic of 1 and 4: 2 / (1 + 1/4) = 1.6; power:-1 is the same mean.
        #expect(abs(try #require(CompositeAggregation.harmonic.mean([1, 4], weights: equal)) - 1.6) < 1e-12)
        #expect(abs(try #require(CompositeAggregation.power(-1).mean([1, 4], weights: equal)) - 1.6) < 1e-12)
        // Weighted geometric of 2 and 8 with weights 1 and 2: (2·8²)^(1/3) = 128^(1/3).
        #expect(
            abs(try #require(CompositeAggregation.geometric.mean([2, 8], weights: [1, 2])) - pow(128, 1.0 / 3)) < 1e-12)
        // Missing values and zero weights are left out, weights renormalised over the rest.
        #expect(CompositeAggregation.arithmetic.mean([.nan, 2, 6], weights: [5, 1, 3]) == 5)
        #expect(CompositeAggregation.arithmetic.mean([.nan], weights: [1]) == nil)
        // A score ≤ 0 has no logarithm or inverse: no geometric or harmonic mean.
        #expect(CompositeAggregation.geometric.mean([0, 4], weights: equal) == nil)
        #expect(CompositeAggregation.harmonic.mean([-1, 4], weights: equal) == nil)
        // The shifted geometric mean of 0 and 3, smallest 0 so c = 1: √(1·4) − 1 = 1.
        let shift = CompositeAggregation.shiftedGeometric.shift(smallest: 0)
        #expect(shift == 1)
        #expect(
            abs(try #require(CompositeAggregation.shiftedGeometric.mean([0, 3], weights: equal, shift: shift)) - 1)
                < 1e-12)
        // With every score ≥ 1 there is no shift: it is the geometric mean.
        #expect(CompositeAggregation.shiftedGeometric.shift(smallest: 1.5) == 0)
        #expect(CompositeAggregation.geometric.shift(smallest: -3) == 0)
    }

    /// Three peers, three indicators A = (3, 1, 2), B = (3, 2, 1), C = (1, 3, 2). Equal weights:
    /// peer 0 beats 1 on A and B (e = 2/3) and 2 on A and B; peer 1 beats 2 on B and C. Scores
    /// 2, 0, −2. Weights 1, 1, 4: peer 1 beats 0 (e₀₁ = 2/6), 2 beats 0, 1 beats 2 (5/6): −2, 2, 0.
    @Test func copelandWorkedByHand() {
        let rows: [[Double]] = [[3, 1, 2], [3, 2, 1], [1, 3, 2]]
        #expect(CompositeAggregation.copelandScores(rows, weights: [1, 1, 1]) == [2, 0, -2])
        #expect(CompositeAggregation.copelandScores(rows, weights: [1, 1, 4]) == [-2, 2, 0])
        // Ties count half: A = (1, 1), B = (2, 1) → e₀₁ = ½·½ + ½ = ¾, peer 0 outranks 1.
        #expect(CompositeAggregation.copelandScores([[1, 1], [2, 1]], weights: [1, 1]) == [1, -1])
        // A peer without a value has no score; a pair is compared over the components both have.
        let missing = CompositeAggregation.copelandScores([[1, .nan, 3], [.nan, .nan, 1]], weights: [1, 1])
        #expect(missing[0] == -1 && missing[1].isNaN && missing[2] == 1)
    }

    /// Distance to France with national value 100: scores 0.5, 2, 4 and 50, 100, 200. The smallest
    /// score of the domain is 0.5, so c = 0.5: √(1·50.5) − 0.5, √(2.5·100.5) − 0.5, √(4.5·200.5) − 0.5.
    @Test func shiftedGeometricInADiagnosis() throws {
        let indicators = [
            WorkedExample.indicator("a", "emploi", .higherIsFragile),
            WorkedExample.indicator("b", "emploi", .higherIsFragile),
        ]
        let input = WorkedExample.input(
            indicators, values: [[0.5, 2, 4], [50, 100, 200]], national: [100, 100], peers: 3)
        let method = DiagnosisMethod(normalisation: .distanceToReference, aggregation: .shiftedGeometric)
        let scores = Diagnostics.diagnose(input, method: method).territories.map { $0.domains[0].score ?? .nan }
        let expected = [(50.5).squareRoot() - 0.5, (251.25).squareRoot() - 0.5, (902.25).squareRoot() - 0.5]
        for (score, reference) in zip(scores, expected) { #expect(abs(score - reference) < 1e-12) }
        // The axis combines the single domain score: one value, its own shifted geometric mean.
        let axes = Diagnostics.diagnose(input, method: method).territories.map { $0.axes[0].score ?? .nan }
        for (score, reference) in zip(axes, expected) { #expect(abs(score - reference) < 1e-9) }
        // The Copeland domain ranks follow the pairwise wins: peer 2 beats both, peer 0 neither.
        let copeland = Diagnostics.diagnose(input, method: DiagnosisMethod(aggregation: .copeland))
        #expect(copeland.territories.map { $0.domains[0].score } == [-2, 0, 2])
        #expect(copeland.territories.map { $0.domains[0].rank } == [3, 2, 1])
    }

    @Test func textsAndBadNames() throws {
        for aggregation in CompositeAggregation.named + [.power(2), .power(-0.5)] {
            #expect(try CompositeAggregation(parsing: aggregation.rawValue) == aggregation)
            let data = try JSONEncoder().encode([aggregation])
            #expect(try JSONDecoder().decode([CompositeAggregation].self, from: data) == [aggregation])
        }
        #expect(CompositeAggregation.power(2).rawValue == "power:2")
        #expect(CompositeAggregation.power(-0.5).rawValue == "power:-0.5")
        #expect(throws: AggregationError.self) { try CompositeAggregation(parsing: "power:0") }
        #expect(throws: AggregationError.self) { try CompositeAggregation(parsing: "power:x") }
        #expect(throws: AggregationError.self) { try CompositeAggregation(parsing: "median") }
        do {
            _ = try CompositeAggregation(parsing: "power:0")
        } catch {
            #expect(error.message.contains("geometric"))
        }
    }

    /// The sensitivity draws Copeland with the other aggregations for a small peer set.
    @Test func sensitivityDrawsEveryAggregation() throws {
        let indicators = (0..<6).map {
            WorkedExample.indicator(
                "i\($0)", ["emploi", "revenu", "sante"][$0 % 3], $0 % 2 == 0 ? .higherIsFragile : .higherIsRobust)
        }
        var random = SeededRandom(seed: 3)
        let values: [[Double?]] = indicators.indices.map { _ in (0..<8).map { _ in 50 + 10 * random.nextNormal() } }
        let input = WorkedExample.input(indicators, values: values, national: indicators.map { _ in 50 }, peers: 8)
        let result = try Sensitivity.analyse(input, runs: 64, seed: 1, design: .sobol)
        let levels = try #require(result.factors.first { $0.factor == "aggregation" }?.levels)
        #expect(levels == ["arithmetic", "geometric", "harmonic", "copeland"])
    }
}
