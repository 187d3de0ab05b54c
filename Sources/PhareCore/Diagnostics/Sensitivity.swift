import Foundation

/// The spread of one territory's rank on one domain or axis over the Monte-Carlo runs.
public struct RankInterval: Sendable, Hashable, Codable {
    public var code: String
    /// Rank under the nominal method (the one a plain `phare diagnose` uses).
    public var nominalRank: Int?
    public var medianRank: Double?
    /// 5th and 95th percentiles of the rank (R quantile type 7).
    public var low: Double?
    public var high: Double?
    /// Sobol design, axis ranks: how much each method choice moves this rank (nil when the rank
    /// never moves or is missing in some run).
    public var drivers: [SobolIndex]?

    /// The choice with the largest total-order index.
    public var mainDriver: SobolIndex? { drivers?.max { $0.totalOrder < $1.totalOrder } }
}

public struct TerritorySensitivity: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var domains: [RankInterval]
    public var axes: [RankInterval]
    /// The rank of the overall score (the weighted mean of the domain scores), code `overall`.
    public var overall: RankInterval
}

/// How the method choices of the runs are drawn.
public enum SensitivityDesign: String, Sendable, Hashable, Codable, CaseIterable {
    /// Independent uniform draws; first-order indices from the conditional means of Y.
    case random
    /// Saltelli's design on a Sobol sequence; first- and total-order Sobol indices with bootstrap
    /// intervals, of Y and of every territory's axis ranks.
    case sobol
}

/// How much one method choice moves the ranks, Y = mean absolute rank shift (domains) from the
/// nominal ranks. Random design: S = Var(E[Y | choice]) / Var(Y) from the conditional means;
/// Sobol design: the Saltelli (first-order) and Jansen (total-order) estimators.
public struct FactorSensitivity: Sendable, Hashable, Codable {
    public var factor: String
    /// The alternatives drawn for this choice.
    public var levels: [String]
    public var firstOrder: Double
    /// Sobol design only: half-width of the 95 % bootstrap interval of `firstOrder`.
    public var firstOrderConfidence: Double?
    /// Sobol design only: total-order index and the half-width of its 95 % bootstrap interval.
    public var totalOrder: Double?
    public var totalOrderConfidence: Double?
    /// Mean of Y over the runs that drew each level, in `levels` order.
    public var meanShiftByLevel: [Double]
}

/// What the Monte-Carlo over method choices says about the diagnosis.
public struct SensitivityResult: Sendable, Hashable, Codable {
    public var level: TerritoryLevel
    public var peers: PeerSet
    public var design: SensitivityDesign
    /// Random design: the runs; Sobol design: the base sample N (the model is run N(k + 2) times).
    public var runs: Int
    /// Number of times the composite was recomputed.
    public var evaluations: Int
    public var seed: UInt64
    public var weightNoise: Double
    public var nominal: DiagnosisMethod
    public var illustrative: Bool
    /// Mean over runs of Y, the mean absolute rank shift (domains) from the nominal ranks.
    public var meanRankShift: Double
    public var factors: [FactorSensitivity]
    public var territories: [TerritorySensitivity]
}

/// Uncertainty and sensitivity analysis of the composite scores (JRC/OECD Handbook 2008, step 7;
/// Saisana, Saltelli & Tarantola 2005, J. R. Stat. Soc. A 168(2); COINr `get_sensitivity`).
///
/// Each run chooses a normalisation (4), an aggregation (arithmetic, geometric, harmonic and, with
/// at most `copelandPeerLimit` peers, Copeland: `CompositeAggregation.sampled`), an imputation
/// (none or peer mean) and
/// one of `weightSets` perturbed weight sets, where each indicator weight is multiplied by
/// U(1 − noise, 1 + noise); it recomputes every domain and axis rank. The random design draws the
/// choices independently and uniformly; the Sobol design maps the coordinates u ∈ [0, 1) of
/// Saltelli's design to the choices (level ⌊u·L⌋ of L, see `SobolIndices`). Reported: for every
/// territory the nominal rank, the median and the 5–95 % interval of its ranks over all the runs
/// (domains, axes, and the overall score: the domain scores aggregated like an axis of them all);
/// for every choice its first-order index of Y (mean absolute rank shift); with the Sobol design
/// also the total-order indices with 95 % bootstrap intervals, of Y and of every axis rank.
public enum Sensitivity {
    public static let weightSets = 20
    /// Bootstrap resamples of the Sobol intervals (SALib's default).
    public static let resamples = 100
    /// Copeland compares every pair of peers (n² per domain and run): it is drawn for the regions
    /// and the départements, not for larger levels.
    public static let copelandPeerLimit = 200

    /// - Throws: `SensitivityError` for a Sobol design whose `runs` is not a power of two.
    public static func analyse(
        _ input: DiagnosisInput, nominal: DiagnosisMethod = DiagnosisMethod(), runs: Int, seed: UInt64,
        weightNoise: Double = 0.25, design: SensitivityDesign = .random
    ) throws(SensitivityError) -> SensitivityResult {
        let matrix = DiagnosticMatrix(input)
        let peerCount = matrix.peerCount
        let domainCount = matrix.domains.count
        let axisCount = matrix.axes.count
        let normalisations = Normalisation.allCases
        let aggregations = CompositeAggregation.sampled.filter {
            $0 != .copeland || matrix.peerCount <= copelandPeerLimit
        }
        let imputations: [Imputation] = [.none, .peerMean]

        // Every normalisation of every imputation, computed once.
        var prepared: [[Double]] = []
        for imputation in imputations {
            let values = matrix.imputed(imputation).values
            for normalisation in normalisations { prepared.append(matrix.normalised(values, normalisation)) }
        }
        let baseWeights = matrix.indicatorWeights(nominal.weights)
        let domainWeights = matrix.domainWeights(nominal.weights)
        var random = SeededRandom(seed: seed)
        var perturbed: [[Double]] = []
        for _ in 0..<weightSets {
            perturbed.append(baseWeights.map { $0 * (1 - weightNoise + 2 * weightNoise * random.nextUniform()) })
        }
        let factorLevels: [(String, [String])] = [
            ("normalisation", normalisations.map(\.rawValue)),
            ("aggregation", aggregations.map(\.rawValue)),
            ("imputation", imputations.map(\.rawValue)),
            ("weights", (1...perturbed.count).map { "set-\($0)" }),
        ]

        // The choices of every run: level of each factor.
        var choices: [[Int]]
        switch design {
        case .random:
            choices = (0..<runs).map { _ in
                factorLevels.map { SobolIndices.level(random.nextUniform(), count: $0.1.count) }
            }
        case .sobol:
            choices = try SobolIndices.design(factors: factorLevels.count, baseSize: runs).map { row in
                zip(row, factorLevels).map { SobolIndices.level($0, count: $1.1.count) }
            }
        }

        let nominalNormalised = matrix.normalised(matrix.imputed(nominal.imputation).values, nominal.normalisation)
        let nominalDomains = matrix.domainScores(
            nominalNormalised, weights: baseWeights, aggregation: nominal.aggregation)
        let nominalDomainRanks = matrix.ranks(nominalDomains, groups: domainCount)
        let nominalAxisRanks = matrix.ranks(
            matrix.axisScores(nominalDomains, domainWeights: domainWeights, aggregation: nominal.aggregation),
            groups: axisCount
        )
        let nominalOverallRanks = matrix.ranks(
            matrix.overallScores(nominalDomains, domainWeights: domainWeights, aggregation: nominal.aggregation),
            groups: 1)

        // Ranks of every cell in every run, 0 = no rank (16 bits keep the département runs small).
        var domainRanks = [[UInt16]](repeating: [], count: domainCount * peerCount)
        var axisRanks = [[UInt16]](repeating: [], count: axisCount * peerCount)
        var overallRanks = [[UInt16]](repeating: [], count: peerCount)
        var shifts: [Double] = []
        shifts.reserveCapacity(choices.count)
        for choice in choices {
            let (n, g, i, w) = (choice[0], choice[1], choice[2], choice[3])
            let scores = matrix.domainScores(
                prepared[i * normalisations.count + n], weights: perturbed[w], aggregation: aggregations[g])
            let ranks = matrix.ranks(scores, groups: domainCount)
            let axes = matrix.ranks(
                matrix.axisScores(scores, domainWeights: domainWeights, aggregation: aggregations[g]), groups: axisCount
            )
            var shift = 0.0
            var counted = 0
            for cell in 0..<domainCount * peerCount {
                domainRanks[cell].append(UInt16(ranks[cell] ?? 0))
                guard let rank = ranks[cell] else { continue }
                if let reference = nominalDomainRanks[cell] {
                    shift += abs(Double(rank - reference))
                    counted += 1
                }
            }
            for cell in 0..<axisCount * peerCount { axisRanks[cell].append(UInt16(axes[cell] ?? 0)) }
            let overall = matrix.ranks(
                matrix.overallScores(scores, domainWeights: domainWeights, aggregation: aggregations[g]), groups: 1)
            for p in 0..<peerCount { overallRanks[p].append(UInt16(overall[p] ?? 0)) }
            shifts.append(counted > 0 ? shift / Double(counted) : 0)
        }

        let names = factorLevels.map(\.0)
        let resampled =
            design == .sobol ? SobolIndices.resamples(baseSize: runs, count: resamples, seed: seed) : []
        let shiftIndices = design == .sobol ? SobolIndices.estimate(shifts, names: names, resamples: resampled) : nil
        let factors = factorLevels.enumerated().map { f, factor in
            let (index, means) = firstOrderIndex(shifts, levels: choices.map { $0[f] }, levelCount: factor.1.count)
            var result = FactorSensitivity(
                factor: factor.0, levels: factor.1, firstOrder: index, meanShiftByLevel: means)
            if design == .sobol {
                let sobol = shiftIndices?[f]
                result.firstOrder = sobol?.firstOrder ?? 0
                result.firstOrderConfidence = sobol?.firstOrderConfidence ?? 0
                result.totalOrder = sobol?.totalOrder ?? 0
                result.totalOrderConfidence = sobol?.totalOrderConfidence ?? 0
            }
            return result
        }

        func interval(_ code: String, _ nominalRank: Int?, _ ranks: [UInt16], sobol: Bool) -> RankInterval {
            let present = ranks.filter { $0 > 0 }
            let sorted = present.map(Double.init).sorted()
            var result = RankInterval(
                code: code, nominalRank: nominalRank, medianRank: Quantile.type7(sorted, 0.5),
                low: Quantile.type7(sorted, 0.05), high: Quantile.type7(sorted, 0.95)
            )
            // Indices only where the territory has a rank in every run.
            if sobol, !ranks.isEmpty, present.count == ranks.count {
                result.drivers = SobolIndices.estimate(ranks.map(Double.init), names: names, resamples: resampled)
            }
            return result
        }
        let territories = input.peers.enumerated().map { p, peer in
            TerritorySensitivity(
                code: peer.code, name: peer.name,
                domains: matrix.domains.enumerated().map { d, domain in
                    interval(
                        domain.code, nominalDomainRanks[d * peerCount + p], domainRanks[d * peerCount + p],
                        sobol: false)
                },
                axes: matrix.axes.enumerated().map { a, axis in
                    interval(
                        axis.code, nominalAxisRanks[a * peerCount + p], axisRanks[a * peerCount + p],
                        sobol: design == .sobol)
                },
                overall: interval("overall", nominalOverallRanks[p], overallRanks[p], sobol: false)
            )
        }
        let illustrative =
            matrix.flags.contains { $0.contains(.illustrative) }
            || matrix.nationalFlags.contains { $0.contains(.illustrative) }
        return SensitivityResult(
            level: input.level, peers: input.peerSet, design: design, runs: runs, evaluations: choices.count,
            seed: seed, weightNoise: weightNoise, nominal: nominal, illustrative: illustrative,
            meanRankShift: shifts.isEmpty ? 0 : shifts.reduce(0, +) / Double(shifts.count),
            factors: factors, territories: territories
        )
    }

    /// S = Σ_l n_l (ȳ_l − ȳ)² / Σ (y − ȳ)²: the share of the variance of y explained by the
    /// level drawn (the between-group share, an estimator of Var(E[Y|X]) / Var(Y)).
    /// Returns 0 when y does not vary.
    public static func firstOrderIndex(_ y: [Double], levels: [Int], levelCount: Int) -> (Double, [Double]) {
        guard !y.isEmpty else { return (0, [Double](repeating: .nan, count: levelCount)) }
        let mean = y.reduce(0, +) / Double(y.count)
        var sums = [Double](repeating: 0, count: levelCount)
        var counts = [Int](repeating: 0, count: levelCount)
        for (value, level) in zip(y, levels) {
            sums[level] += value
            counts[level] += 1
        }
        let means = (0..<levelCount).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
        let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard total > 0 else { return (0, means) }
        var between = 0.0
        for l in 0..<levelCount where counts[l] > 0 {
            between += Double(counts[l]) * (means[l] - mean) * (means[l] - mean)
        }
        return (between / total, means)
    }
}
