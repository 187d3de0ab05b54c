import Foundation

/// One side of a comparison of two waves: the estimate of a measure item in a territory, from the
/// wave's microdata (design-based SE) or from a published figure (approximate SE from its base).
public struct WaveSide: Sendable, Hashable, Codable {
    public var wave: String
    public var estimate: Double?
    public var standardError: Double?
    /// Respondents the estimate rests on (the published base for a published figure).
    public var sampleSize: Int
    /// True when the standard error is the simple-random-sampling approximation from a published base.
    public var approximate: Bool
    public var synthetic: Bool

    public init(
        wave: String, estimate: Double?, standardError: Double?, sampleSize: Int, approximate: Bool, synthetic: Bool
    ) {
        self.wave = wave
        self.estimate = estimate
        self.standardError = standardError
        self.sampleSize = sampleSize
        self.approximate = approximate
        self.synthetic = synthetic
    }

    /// The side of a design-based estimate of a wave's microdata.
    public init(_ estimate: MeasureEstimate) {
        self.init(
            wave: estimate.wave, estimate: estimate.result.estimate, standardError: estimate.result.standardError,
            sampleSize: estimate.result.sampleSize, approximate: false, synthetic: estimate.synthetic)
    }
}

/// The change of a measure item in a territory between two waves, with its uncertainty.
public struct WaveDifference: Sendable, Hashable, Codable {
    public var actor: ActorCode
    public var measure: MeasureCode
    public var item: String
    /// `FR`, or the value of the breakdown variable (a region code).
    public var group: String
    public var earlier: WaveSide
    public var later: WaveSide
    /// later − earlier; nil when either estimate is missing.
    public var difference: Double?
    public var standardError: Double?
    public var lower: Double?
    public var upper: Double?
    /// True when the interval excludes 0 (a two-sided test at 1 − confidence level).
    public var significant: Bool
    /// True when either side has fewer respondents than the threshold: print it flagged.
    public var belowThreshold: Bool
    /// True when either side's SE is the approximation from a published base.
    public var approximate: Bool
}

/// The difference of two independent estimates (two waves drawn separately).
public enum WaveComparison {
    /// d = θ̂₂ − θ̂₁ with SE(d) = √(SE₁² + SE₂²) (independent samples: no covariance term) and the
    /// normal interval d ± z_{1−α/2} SE(d), as R's `svycontrast(svyby(~y, ~wave, design, svymean,
    /// covmat = TRUE), c(-1, 1))` and its `confint` give on the stacked waves. `significant` when
    /// the interval excludes 0; flagged below `minimumSampleSize` respondents on either side.
    public static func difference(
        actor: ActorCode, measure: MeasureCode, item: String, group: String, earlier: WaveSide, later: WaveSide,
        options: EstimationOptions
    ) -> WaveDifference {
        var result = WaveDifference(
            actor: actor, measure: measure, item: item, group: group, earlier: earlier, later: later,
            difference: nil, standardError: nil, lower: nil, upper: nil, significant: false,
            belowThreshold: min(earlier.sampleSize, later.sampleSize) < options.minimumSampleSize,
            approximate: earlier.approximate || later.approximate
        )
        guard let first = earlier.estimate, let second = later.estimate else { return result }
        let difference = second - first
        result.difference = difference
        guard let se1 = earlier.standardError, let se2 = later.standardError else { return result }
        let se = (se1 * se1 + se2 * se2).squareRoot()
        let z = StandardNormal.quantile(1 - (1 - options.confidenceLevel) / 2)
        result.standardError = se
        result.lower = difference - z * se
        result.upper = difference + z * se
        result.significant = se > 0 && (difference - z * se > 0 || difference + z * se < 0)
        return result
    }

    /// Approximate SE of a published share p (a proportion) on a base of n respondents, as if by
    /// simple random sampling: √(p(1 − p)/n). It ignores the design effect of weighting (usually
    /// above 1), so it understates the uncertainty: differences using it are flagged approximate.
    public static func publishedShareStandardError(proportion p: Double, sampleSize n: Int) -> Double {
        (p * (1 - p) / Double(n)).squareRoot()
    }
}
