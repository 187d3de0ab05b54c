import Foundation

/// A regional estimate set against the national one, with the difference's interval.
public struct NationalComparison: Sendable, Hashable, Codable {
    public var regional: Double
    public var national: Double
    /// regional − national.
    public var difference: Double
    public var standardError: Double
    public var lower: Double
    public var upper: Double
    /// The 95 % interval of the difference excludes 0.
    public var isSignificant: Bool { lower > 0 || upper < 0 }
}

/// Difference between a region's estimate and the national one when the region is part of the
/// nation. With region r and the rest of the country ρ estimated from independent samples
/// (regions as strata) and W the region's share of the national population weight,
/// national = W·r + (1 − W)·ρ, so regional − national = (1 − W)(r − ρ) and
/// SE = (1 − W)·√(SE_r² + SE_ρ²). Interval: difference ± 1.96 SE (Kish 1965, *Survey Sampling*,
/// §14.1, comparison of a domain with the whole).
public func compareWithNational(
    regional: Double, regionalSE: Double, rest: Double, restSE: Double, regionShare: Double,
    z: Double = 1.959_963_984_540_054
) -> NationalComparison {
    let factor = 1 - regionShare
    let difference = factor * (regional - rest)
    let se = factor * (regionalSE * regionalSE + restSE * restSE).squareRoot()
    let national = regionShare * regional + factor * rest
    return NationalComparison(
        regional: regional, national: national, difference: difference, standardError: se,
        lower: difference - z * se, upper: difference + z * se
    )
}
