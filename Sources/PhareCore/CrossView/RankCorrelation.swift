import Foundation

/// Ranks with ties given their average rank (1 = smallest), as in R's `rank(ties.method = "average")`.
public func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
        let rank = Double(start + end) / 2 + 1
        for position in start...end { ranks[order[position]] = rank }
        start = end + 1
    }
    return ranks
}

/// Pearson's correlation coefficient of two equally long series; nil when either is constant.
public func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, x.count >= 2 else { return nil }
    let n = Double(x.count)
    let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
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
    var a: [Double] = [], b: [Double] = []
    for (u, v) in zip(x, y) {
        if let u, let v, u.isFinite, v.isFinite {
            a.append(u)
            b.append(v)
        }
    }
    guard a.count >= 3, let rho = pearsonCorrelation(averageRanks(a), averageRanks(b)) else { return nil }
    let n = a.count
    guard n >= 4 else { return RankCorrelation(rho: rho, n: n, lower: nil, upper: nil, level: level) }
    let q = NormalDistribution.quantile(1 - (1 - level) / 2)
    let clipped = min(max(rho, -0.999_999), 0.999_999)
    let z = atanh(clipped)
    let half = q * (1.06 / Double(n - 3)).squareRoot()
    return RankCorrelation(rho: rho, n: n, lower: tanh(z - half), upper: tanh(z + half), level: level)
}

/// The standard normal distribution.
public enum NormalDistribution {
    /// Φ(x) = ½ erfc(−x/√2).
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Φ⁻¹(p) by Acklam's rational approximation refined with one Halley step
    /// (relative error below 1e-15 over (0, 1)).
    public static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "quantile of a probability outside (0, 1)")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let e = cdf(x) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }
}
