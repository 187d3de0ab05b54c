import Foundation

/// Pearson's correlation coefficient of two equally long series; nil when either is constant.
public func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, x.count >= 2 else { return nil }
    let n = Double(x.count)
    let meanX = x.reduce(0, +) / n
    let meanY = y.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for (a, b) in zip(x, y) {
        sxy += (a - meanX) * (b - meanY)
        sxx += (a - meanX) * (a - meanX)
        syy += (b - meanY) * (b - meanY)
    }
    guard sxx > 0, syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
}

/// A rank correlation with its confidence interval.
public struct RankCorrelation: Sendable, Hashable, Codable {
    /// Spearman's ρ.
    public var rho: Double
    /// Number of pairs.
    public var n: Int
    /// Bounds of the confidence interval (nil when n < 4, too few pairs for an interval).
    public var lower: Double?
    public var upper: Double?
    /// Confidence level of the interval (0.95).
    public var level: Double

    /// The interval excludes 0.
    public var isSignificant: Bool {
        guard let lower, let upper else { return false }
        return lower > 0 || upper < 0
    }
}

/// Spearman's rank correlation ρ = Pearson correlation of the average ranks (ties averaged),
/// with a confidence interval from Fisher's z transform using the variance 1.06 / (n − 3)
/// of Fieller, Hartley & Pearson (1957), *Tests for rank correlation coefficients I*,
/// Biometrika 44: z = atanh(ρ), bounds = tanh(z ∓ q·√(1.06 / (n − 3))).
/// Pairs where either value is missing are dropped. Nil when fewer than 3 pairs remain or
/// either series is constant.
public func spearmanCorrelation(_ x: [Double?], _ y: [Double?], level: Double = 0.95) -> RankCorrelation? {
    var a: [Double] = []
    var b: [Double] = []
    for (u, v) in zip(x, y) {
        if let u, let v, u.isFinite, v.isFinite {
            a.append(u)
            b.append(v)
        }
    }
    guard a.count >= 3, let rho = pearsonCorrelation(Ranking.average(a), Ranking.average(b)) else { return nil }
    let n = a.count
    guard n >= 4 else { return RankCorrelation(rho: rho, n: n, lower: nil, upper: nil, level: level) }
    let q = StandardNormal.quantile(1 - (1 - level) / 2)
    let clipped = min(max(rho, -0.999_999), 0.999_999)
    let z = atanh(clipped)
    let half = q * (1.06 / Double(n - 3)).squareRoot()
    return RankCorrelation(rho: rho, n: n, lower: tanh(z - half), upper: tanh(z + half), level: level)
}
