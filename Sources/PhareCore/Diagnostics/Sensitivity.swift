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
}

public struct TerritorySensitivity: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var domains: [RankInterval]
    public var axes: [RankInterval]
}

/// How much one method choice moves the ranks: first-order sensitivity index
/// S = Var(E[Y | choice]) / Var(Y), Y = mean absolute rank shift from the nominal ranks.
public struct FactorSensitivity: Sendable, Hashable, Codable {
    public var factor: String
    /// The alternatives drawn for this choice.
    public var levels: [String]
    public var firstOrder: Double
    /// Mean of Y over the runs that drew each level, in `levels` order.
    public var meanShiftByLevel: [Double]
}

/// What the Monte-Carlo over method choices says about the diagnosis.
public struct SensitivityResult: Sendable, Hashable, Codable {
    public var level: TerritoryLevel
    public var peers: PeerSet
    public var runs: Int
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
/// Each run draws, independently and uniformly: a normalisation (4), an aggregation (2), an
/// imputation (none or peer mean) and one of `weightSets` perturbed weight sets, where each
/// indicator weight is multiplied by U(1 − noise, 1 + noise). It recomputes every domain and
/// axis rank. Reported: for every territory the nominal rank, the median and the 5–95 % interval
/// of its ranks; for every choice the first-order index of Y (mean absolute rank shift), estimated
/// from the conditional means of Y over the levels of that choice.
public enum Sensitivity {
    public static let weightSets = 20

    public static func analyse(
        _ input: DiagnosisInput, nominal: DiagnosisMethod = DiagnosisMethod(), runs: Int, seed: UInt64,
        weightNoise: Double = 0.25
    ) -> SensitivityResult {
        let matrix = DiagnosticMatrix(input)
        let peerCount = matrix.peerCount
        let domainCount = matrix.domains.count
        let axisCount = matrix.axes.count
        let normalisations = Normalisation.allCases
        let aggregations = CompositeAggregation.allCases
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

        let nominalNormalised = matrix.normalised(matrix.imputed(nominal.imputation).values, nominal.normalisation)
        let nominalDomains = matrix.domainScores(
            nominalNormalised, weights: baseWeights, aggregation: nominal.aggregation)
        let nominalDomainRanks = matrix.ranks(nominalDomains, groups: domainCount)
        let nominalAxisRanks = matrix.ranks(
            matrix.axisScores(nominalDomains, domainWeights: domainWeights, aggregation: nominal.aggregation),
            groups: axisCount
        )

        var domainRanks = [[Double]](repeating: [], count: domainCount * peerCount)
        var axisRanks = [[Double]](repeating: [], count: axisCount * peerCount)
        var choices: [[Int]] = [[], [], [], []]
        var shifts: [Double] = []
        for _ in 0..<runs {
            let n = Int(random.nextUniform() * Double(normalisations.count))
            let g = Int(random.nextUniform() * Double(aggregations.count))
            let i = Int(random.nextUniform() * Double(imputations.count))
            let w = Int(random.nextUniform() * Double(perturbed.count))
            let scores = matrix.domainScores(
                prepared[i * normalisations.count + n], weights: perturbed[w], aggregation: aggregations[g])
            let ranks = matrix.ranks(scores, groups: domainCount)
            let axes = matrix.ranks(
                matrix.axisScores(scores, domainWeights: domainWeights, aggregation: aggregations[g]), groups: axisCount
            )
            var shift = 0.0
            var counted = 0
            for cell in 0..<domainCount * peerCount {
                guard let rank = ranks[cell] else { continue }
                domainRanks[cell].append(Double(rank))
                if let reference = nominalDomainRanks[cell] {
                    shift += abs(Double(rank - reference))
                    counted += 1
                }
            }
            for cell in 0..<axisCount * peerCount { if let rank = axes[cell] { axisRanks[cell].append(Double(rank)) } }
            shifts.append(counted > 0 ? shift / Double(counted) : 0)
            choices[0].append(n)
            choices[1].append(g)
            choices[2].append(i)
            choices[3].append(w)
        }

        let factorLevels: [(String, [String])] = [
            ("normalisation", normalisations.map(\.rawValue)),
            ("aggregation", aggregations.map(\.rawValue)),
            ("imputation", imputations.map(\.rawValue)),
            ("weights", (1...perturbed.count).map { "set-\($0)" }),
        ]
        let factors = factorLevels.enumerated().map { f, factor in
            let (index, means) = firstOrderIndex(shifts, levels: choices[f], levelCount: factor.1.count)
            return FactorSensitivity(factor: factor.0, levels: factor.1, firstOrder: index, meanShiftByLevel: means)
        }

        func interval(_ code: String, _ nominalRank: Int?, _ samples: [Double]) -> RankInterval {
            let sorted = samples.sorted()
            return RankInterval(
                code: code, nominalRank: nominalRank, medianRank: Quantile.type7(sorted, 0.5),
                low: Quantile.type7(sorted, 0.05), high: Quantile.type7(sorted, 0.95)
            )
        }
        let territories = input.peers.enumerated().map { p, peer in
            TerritorySensitivity(
                code: peer.code, name: peer.name,
                domains: matrix.domains.enumerated().map { d, domain in
                    interval(domain.code, nominalDomainRanks[d * peerCount + p], domainRanks[d * peerCount + p])
                },
                axes: matrix.axes.enumerated().map { a, axis in
                    interval(axis.code, nominalAxisRanks[a * peerCount + p], axisRanks[a * peerCount + p])
                }
            )
        }
        let illustrative =
            matrix.flags.contains { $0.contains(.illustrative) }
            || matrix.nationalFlags.contains { $0.contains(.illustrative) }
        return SensitivityResult(
            level: input.level, peers: input.peerSet, runs: runs, seed: seed, weightNoise: weightNoise,
            nominal: nominal,
            illustrative: illustrative, meanRankShift: shifts.isEmpty ? 0 : shifts.reduce(0, +) / Double(shifts.count),
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
