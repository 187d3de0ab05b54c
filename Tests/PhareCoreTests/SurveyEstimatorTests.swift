import Foundation
import Testing

@testable import PhareCore

func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

@Suite struct DistributionTests {
    // Reference values printed by R 4 (qnorm, qt, pt) with options(digits = 17).
    @Test func normalAndStudentQuantilesMatchR() {
        #expect(close(StandardNormal.quantile(0.975), 1.95996398454005361, 1e-15))
        #expect(close(StandardNormal.quantile(1e-10), -6.36134090240405570, 1e-15))
        #expect(close(StudentT.quantile(0.975, degreesOfFreedom: 14), 2.14478668791780391, 1e-12))
        #expect(close(StudentT.quantile(0.975, degreesOfFreedom: 1), 12.70620473617469415, 1e-12))
        #expect(close(StudentT.quantile(0.995, degreesOfFreedom: 3), 5.84090930973335443, 1e-12))
        #expect(close(StudentT.quantile(0.975, degreesOfFreedom: 10), 2.22813885198627393, 1e-12))
        #expect(close(StudentT.quantile(0.9, degreesOfFreedom: 2.5), 1.73025092880717613, 1e-12))
        #expect(close(StudentT.quantile(0.975, degreesOfFreedom: 1000), 1.96233908082640762, 1e-12))
        #expect(close(StudentT.quantile(0.6, degreesOfFreedom: 30), 0.25560536495191277, 1e-12))
        #expect(close(StudentT.quantile(0.025, degreesOfFreedom: 14), -2.14478668791780391, 1e-12))
        #expect(close(StudentT.cdf(2, degreesOfFreedom: 5), 0.94903026058507090, 1e-13))
        #expect(close(StudentT.cdf(-1.3, degreesOfFreedom: 7), 0.11738391769618854, 1e-13))
        #expect(StudentT.quantile(0.975, degreesOfFreedom: 0).isNaN)
    }
}

@Suite struct SurveyEstimatorTests {
    let y: [Double] = [1, 2, 3, 4, 5]

    @Test func simpleRandomSampleMeanByHand() throws {
        // Equal weights, no fpc: SE = s / √n with s² = 2.5, so √0.5.
        let design = try SurveyDesign(weights: [1, 1, 1, 1, 1])
        let mean = SurveyEstimator(design: design).mean(y)
        #expect(close(mean.estimate, 3))
        #expect(close(mean.standardError, 0.5.squareRoot()))
        #expect(close(mean.lower, 3 - 1.95996398454005361 * 0.5.squareRoot()))
        #expect(mean.sampleSize == 5)
        #expect(close(mean.effectiveSampleSize, 5))
        #expect(mean.belowThreshold)
        // With N = 10 the fpc (1 − 5/10) halves the variance: SE = 0.5.
        let finite = try SurveyDesign(weights: nil, fpc: [10, 10, 10, 10, 10])
        #expect(finite.weights == [2, 2, 2, 2, 2])
        #expect(close(SurveyEstimator(design: finite).mean(y).standardError, 0.5))
        // Sampling fractions give the same design.
        let fractions = try SurveyDesign(weights: nil, fpc: [0.5, 0.5, 0.5, 0.5, 0.5])
        #expect(close(SurveyEstimator(design: fractions).mean(y).standardError, 0.5))
    }

    @Test func totalByHand() throws {
        // x = 2y, Σ(x − x̄)² = 4 · 10 = 40, V = 5/4 · 40 = 50.
        let design = try SurveyDesign(weights: [2, 2, 2, 2, 2])
        let total = SurveyEstimator(design: design).total(y)
        #expect(close(total.estimate, 30))
        #expect(close(total.standardError, 50.0.squareRoot()))
    }

    @Test func stratifiedTotalByHand() throws {
        // Stratum a: y = 1, 3 (w 1); stratum b: y = 2, 4, 6 (w 2).
        // x_a = 1, 3: Σ(x − 2)² = 2, ×2/1 = 4. x_b = 4, 8, 12: Σ(x − 8)² = 32, ×3/2 = 48. V = 52.
        let design = try SurveyDesign(weights: [1, 1, 2, 2, 2], strata: ["a", "a", "b", "b", "b"])
        let total = SurveyEstimator(design: design).total([1, 3, 2, 4, 6])
        #expect(close(total.estimate, 28))
        #expect(close(total.standardError, 52.0.squareRoot()))
        #expect(design.degreesOfFreedom() == 3)
    }

    @Test func clusterTotalByHand() throws {
        // PSU totals of x = y: {1+2}, {3}, {4+5} = 3, 3, 9; Σ(z − 5)² = 24; × 3/2 = 36; SE 6.
        let design = try SurveyDesign(weights: [1, 1, 1, 1, 1], clusters: ["p", "p", "q", "r", "r"])
        let total = SurveyEstimator(design: design).total(y)
        #expect(close(total.standardError, 6))
        #expect(design.degreesOfFreedom() == 2)
        // With 6 PSUs in the population: × (1 − 3/6).
        let finite = try SurveyDesign(
            weights: [1, 1, 1, 1, 1], clusters: ["p", "p", "q", "r", "r"], fpc: [6, 6, 6, 6, 6])
        #expect(close(SurveyEstimator(design: finite).total(y).standardError, 18.0.squareRoot()))
    }

    @Test func domainCountsOtherUnitsAsZero() throws {
        // Total of y over the domain {1, 2} with x = y there, 0 elsewhere: x = 1, 2, 0, 0, 0,
        // Σ(x − 0.6)² = 0.16 + 1.96 + 3 · 0.36 = 3.2, × 5/4 = 4.
        let design = try SurveyDesign(weights: [1, 1, 1, 1, 1])
        let estimator = SurveyEstimator(design: design)
        let total = estimator.total(y, rows: [0, 1])
        #expect(close(total.estimate, 3))
        #expect(close(total.standardError, 2))
        #expect(total.sampleSize == 2)
        // A missing answer is outside the domain: the same result.
        let missing = estimator.total([1, 2, .nan, .nan, .nan])
        #expect(close(missing.standardError, 2))
        // An empty domain has no estimate, and is flagged.
        let empty = estimator.mean([.nan, .nan, .nan, .nan, .nan])
        #expect(empty.estimate == nil && empty.sampleSize == 0 && empty.belowThreshold)
    }

    @Test func logitIntervalByHand() throws {
        // p = 0.2, SE 0.05, df 10: logit 0.2 = −ln 4; half-width t · 0.05 / 0.16.
        let interval = try #require(
            ProportionInterval.logit(proportion: 0.2, standardError: 0.05, degreesOfFreedom: 10, level: 0.95))
        let half = 2.22813885198627393 * 0.05 / 0.16
        #expect(close(interval.lower, 1 / (1 + exp(log(4) + half))))
        #expect(close(interval.upper, 1 / (1 + exp(log(4) - half))))
        #expect(interval.lower > 0 && interval.upper < 1)
        #expect(ProportionInterval.logit(proportion: 0.2, standardError: 0.05, degreesOfFreedom: 0, level: 0.95) == nil)
        #expect(ProportionInterval.logit(proportion: 0, standardError: 0, degreesOfFreedom: 10, level: 0.95) == nil)
        // A proportion near 0 keeps its interval inside [0, 1] where a symmetric one would not.
        let small = try #require(
            ProportionInterval.logit(proportion: 0.01, standardError: 0.01, degreesOfFreedom: 50, level: 0.95))
        #expect(small.lower > 0 && small.lower < 0.01)
    }

    @Test func wilsonIntervalWithTheEffectiveSampleSizeByHand() throws {
        // p = 0.2, SE 0.05: n* = 0.2 · 0.8 / 0.05² = 64. df 10: t = 2.228138851986274, t² = 4.964602743730711.
        // Centre (0.2 + t²/128) / (1 + t²/64), half-width t / (1 + t²/64) · √(0.16/64 + t²/(4 · 64²)).
        let sample = ProportionSample(
            proportion: 0.2, standardError: 0.05, degreesOfFreedom: 10, respondents: 100, rows: 100)
        #expect(close(sample.effectiveSize, 64))
        let t2 = 4.964602743730711
        let denominator = 1 + t2 / 64
        let centre = (0.2 + t2 / 128) / denominator
        let half = 2.228138851986274 / denominator * (0.16 / 64 + t2 / (4 * 64 * 64)).squareRoot()
        let interval = try #require(ProportionInterval.interval(.wilson, sample, level: 0.95))
        #expect(close(interval.lower, centre - half) && close(interval.upper, centre + half))
        // The same figures from scipy (stats.t.ppf(0.975, 10) in the formula): 0.11212287943251914, 0.3310697371813599.
        #expect(close(interval.lower, 0.11212287943251914) && close(interval.upper, 0.3310697371813599))
        // Wilson pulls the interval towards 1/2: it is not symmetric around p.
        #expect(0.2 - interval.lower < interval.upper - 0.2)
        // No interval without a degree of freedom, or at p = 0 (no variance, no effective size).
        #expect(
            ProportionInterval.interval(
                .wilson,
                ProportionSample(
                    proportion: 0.2, standardError: 0.05, degreesOfFreedom: 0, respondents: 100, rows: 100), level: 0.95
            ) == nil)
        #expect(
            ProportionInterval.interval(
                .wilson,
                ProportionSample(
                    proportion: 0, standardError: 0, degreesOfFreedom: 10, respondents: 100, rows: 100), level: 0.95)
                == nil)
        // Every method records itself with the estimate.
        let design = try SurveyDesign(weights: [1, 1, 1, 1, 1, 1])
        let estimator = SurveyEstimator(design: design, options: EstimationOptions(proportionInterval: .wilson))
        #expect(estimator.proportion([1, 0, 0, 1, 1, 0]).intervalMethod == .wilson)
        #expect(estimator.mean([1, 0, 0, 1, 1, 0]).intervalMethod == nil)
    }

    @Test func proportionUsesTheDesignDegreesOfFreedom() throws {
        let design = try SurveyDesign(weights: [1, 1, 1, 1, 1, 1], strata: ["a", "a", "a", "b", "b", "b"])
        let estimator = SurveyEstimator(design: design)
        let indicator: [Double] = [1, 0, 0, 1, 1, 0]
        let overall = estimator.proportion(indicator)
        #expect(overall.degreesOfFreedom == 4)
        #expect(close(overall.estimate, 0.5))
        let inB = estimator.proportion(indicator, rows: [3, 4, 5])
        #expect(inB.degreesOfFreedom == 2)
        #expect(close(inB.estimate, 2.0 / 3))
        let distribution = estimator.distribution([0, 1, 1, 2, 2, -1], categoryCount: 3)
        #expect(
            close(distribution[0].estimate, 0.2) && close(distribution[1].estimate, 0.4)
                && close(distribution[2].estimate, 0.4))
    }

    @Test func groupingSortsLabelsAndDropsMissing() {
        let grouping = SurveyGrouping(["10", "2", nil, "2", "a"])
        #expect(grouping.labels == ["2", "10", "a"])
        #expect(grouping.rows == [[1, 3], [0], [4]])
    }

    @Test func impossibleDesignsAreRefusedWithAReason() {
        #expect(throws: SurveyDesignError.self) { try SurveyDesign(weights: [1, 1, 1], strata: ["a", "a", "b"]) }
        do {
            _ = try SurveyDesign(weights: [1, 1, 1], strata: ["a", "a", "b"])
        } catch {
            #expect(error.message.contains("stratum b has only one primary sampling unit"))
        }
        // A stratum sampled whole (fpc = n) may hold one PSU.
        #expect((try? SurveyDesign(weights: [1, 1, 1], strata: ["a", "a", "b"], fpc: [10, 10, 1])) != nil)
        #expect(throws: SurveyDesignError.self) { try SurveyDesign(weights: [1, 1, 1], clusters: ["x", "x", "x"]) }
        #expect(throws: SurveyDesignError.self) { try SurveyDesign(weights: [1, 1, 1], fpc: [10, 0.5, 10]) }
        #expect(throws: SurveyDesignError.self) { try SurveyDesign(weights: [1, 1, 1], fpc: [2, 2, 2]) }
        #expect(throws: SurveyDesignError.self) { try SurveyDesign(weights: [1, -1, 1]) }
    }
}

@Suite struct CalibrationTests {
    /// Two margins on four respondents, equal design weights.
    /// sex: m, m, f, f; age: y, o, y, o. Targets sex m 60 / f 40, age y 30 / o 70: the crossed
    /// table is fitted exactly after one sweep since the sample is balanced (2 × 2 with one each).
    @Test func rakingReachesEveryMarginAndReportsConvergence() throws {
        let design = try SurveyDesign(weights: [1, 1, 1, 1])
        let sex = CalibrationMargin(variable: "sex", categories: ["m", "f"], targets: [60, 40], cells: [0, 0, 1, 1])
        let age = CalibrationMargin(variable: "age", categories: ["y", "o"], targets: [30, 70], cells: [0, 1, 0, 1])
        let result = try Calibration.rake(
            design, margins: [sex, age], settings: RakingSettings(maxIterations: 50, epsilon: 1e-12))
        #expect(result.converged)
        let w = result.design.weights
        // IPF fixed point of a 2×2 table with one unit per cell: w_ij = r_i c_j / N (independence).
        #expect(close(w[0], 60 * 30 / 100.0, 1e-9) && close(w[1], 60 * 70 / 100.0, 1e-9))
        #expect(close(w[2], 40 * 30 / 100.0, 1e-9) && close(w[3], 40 * 70 / 100.0, 1e-9))
        for check in MarginCheck.check([sex, age], weights: w) { #expect(abs(check.difference) < 1e-9) }
        #expect(result.changes.count == result.sweeps)
    }

    @Test func postStratificationScalesEachCell() throws {
        let design = try SurveyDesign(weights: [1, 1, 2, 2])
        let cells = CalibrationMargin(
            variable: "zone", categories: ["u", "r"], targets: [10, 30], cells: [0, 0, 1, 1])
        let calibrated = try Calibration.postStratify(design, margin: cells)
        // Cell u: 2 → 10 (× 5); cell r: 4 → 30 (× 7.5).
        #expect(calibrated.weights == [5, 5, 15, 15])
        // The variance of a mean of a variable constant within cells vanishes after post-stratification.
        let mean = SurveyEstimator(design: calibrated).mean([1, 1, 3, 3])
        #expect(close(mean.estimate, 2.5))
        #expect(close(mean.standardError, 0, 1e-12))
    }

    @Test func impossibleMarginsAreExplained() throws {
        let design = try SurveyDesign(weights: [1, 1, 1])
        let missing = CalibrationMargin(
            variable: "zone", categories: ["u", "r", "m"], targets: [1, 1, 1], cells: [0, 0, 1])
        #expect(
            throws: CalibrationError(
                "category m of margin zone has a population of 1.0 but no respondent: merge it with a neighbouring category"
            )
        ) {
            try Calibration.postStratify(design, margin: missing)
        }
        let a = CalibrationMargin(variable: "a", categories: ["x", "y"], targets: [1, 2], cells: [0, 1, 1])
        let b = CalibrationMargin(variable: "b", categories: ["x", "y"], targets: [1, 3], cells: [0, 1, 1])
        #expect(throws: CalibrationError.self) { try Calibration.rake(design, margins: [a, b]) }
    }

    @Test func trimmingSharesWhatIsCutAndKeepsTheTotal() throws {
        // Weights 1, 2, 3, 10 trimmed at 6: 4 is cut and shared among the 3 others (+4/3 each).
        let design = try SurveyDesign(weights: [1, 2, 3, 10])
        let once = try Calibration.trim(design, upper: 6)
        #expect(close(once.design.weights[0], 1 + 4.0 / 3) && close(once.design.weights[3], 6))
        #expect(close(once.design.weights.reduce(0, +), 16))
        #expect(once.trimmed == 1 && once.passes == 1)
        // Bound 4: 3 + 7/3 goes above 4 after the first pass, so strict trimming needs a second one.
        let strict = try Calibration.trim(design, upper: 4, strict: true)
        #expect(strict.design.weights.allSatisfy { $0 <= 4 + 1e-12 })
        #expect(close(strict.design.weights.reduce(0, +), 16))
        #expect(strict.passes > 1)
    }

    @Test func weightDiagnosticsByHand() {
        // w = 1, 1, 2, 4: Σw = 8, Σw² = 22; deff = 4 · 22 / 64; n_eff = 64 / 22.
        let d = WeightDiagnostics(weights: [1, 1, 2, 4])
        #expect(close(d.kishDesignEffect, 88.0 / 64))
        #expect(close(d.effectiveSampleSize, 64.0 / 22))
        #expect(close(d.ratio, 4))
        #expect(close(d.coefficientOfVariation * d.coefficientOfVariation, d.kishDesignEffect - 1))
    }
}

@Suite struct CalibratedVarianceTests {
    /// The precomputed calibration projection gives the variance of the direct residualisation
    /// (R's svyrecvar algorithm) on domains of stratified, clustered, post-stratified and raked designs.
    @Test func projectionAgreesWithTheDirectComputation() throws {
        var random = SeededRandom(seed: 7)
        for clustered in [false, true] {
            let n = 600
            let strata: [String] = (0..<n).map { row in "s\(row % 3)" }
            let clusters: [String]? = clustered ? (0..<n).map { row in "c\(row / 6)" } : nil
            var weights: [Double] = []
            for _ in 0..<n { weights.append(1 + 4 * random.nextUniform()) }
            var design = try SurveyDesign(weights: weights, strata: strata, clusters: clusters)
            let zone: [Int32] = (0..<n).map { row in Int32((row * 7) % 4) }
            let age: [Int32] = (0..<n).map { row in Int32((row * 13 + row / 5) % 3) }
            let sex: [Int32] = (0..<n).map { row in Int32((row / 3) % 2) }
            design = try Calibration.postStratify(
                design,
                margin: CalibrationMargin(
                    variable: "zone", categories: ["a", "b", "c", "d"], targets: [900, 700, 500, 300], cells: zone))
            let raked = try Calibration.rake(
                design,
                margins: [
                    CalibrationMargin(
                        variable: "age", categories: ["y", "m", "o"], targets: [800, 900, 700], cells: age),
                    CalibrationMargin(variable: "sex", categories: ["f", "m"], targets: [1250, 1150], cells: sex),
                ]
            ).design
            var y: [Double] = []
            for _ in 0..<n { y.append(random.nextNormal() * 3 + 10) }
            for domain in [Array(0..<n), (0..<n).filter { $0 % 5 == 1 }, (0..<n).filter { $0 % 3 == 0 && $0 < 200 }] {
                let values = domain.map { y[$0] * raked.weights[$0] }
                var dense = [Double](repeating: 0, count: n)
                for (offset, row) in domain.enumerated() { dense[row] = values[offset] }
                let direct = raked.linearizedVariance(dense: dense)
                let fast = try #require(raked.projection?.variance(design: raked, rows: domain, values: values))
                #expect(
                    abs(fast - direct) <= 1e-9 * direct,
                    "clustered \(clustered), domain of \(domain.count): \(fast) vs \(direct)")
            }
        }
    }
}
