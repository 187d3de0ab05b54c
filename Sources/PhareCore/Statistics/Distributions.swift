import Foundation

/// The standard normal distribution.
public enum StandardNormal {
    /// Φ(x) = ½ erfc(−x/√2).
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Φ⁻¹(p), by Wichura's algorithm AS 241 (PPND16), *Applied Statistics* 37 (1988) 477–484:
    /// relative accuracy about 1e-16, the algorithm of R's `qnorm`. Returns −∞/+∞ at 0/1 and NaN
    /// outside [0, 1].
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let numerator =
                (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                    + 133.14166789178437745) * r + 3.387132872796366608)
            let denominator =
                (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                    + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                    + 42.313330701600911252) * r + 1.0)
            return q * numerator / denominator
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        var value: Double
        if r <= 5 {
            r -= 1.6
            value =
                (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                    + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                    + 4.6303378461565452959) * r + 1.42343711074968357734)
                / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                    + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                    + 2.05319162663775882187) * r + 1.0)
        } else {
            r -= 5
            value =
                (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                    + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                    + 5.4637849111641143699) * r + 6.6579046435011037772)
                / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                    + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                    + 0.59983220655588793769) * r + 1.0)
        }
        return q < 0 ? -value : value
    }
}

/// Student's t distribution with ν degrees of freedom.
public enum StudentT {
    /// P(T ≤ t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 (symmetric below), with I the regularised
    /// incomplete beta function (Abramowitz & Stegun 26.7.1).
    public static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, !t.isNaN else { return .nan }
        if df.isInfinite { return StandardNormal.cdf(t) }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = 0.5 * IncompleteBeta.regularized(x: df / (df + t * t), a: df / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// Density of t.
    static func density(_ t: Double, degreesOfFreedom df: Double) -> Double {
        let logDensity =
            lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * log(df * Double.pi) - (df + 1) / 2 * log1p(t * t / df)
        return exp(logDensity)
    }

    /// The quantile t_ν(p): Newton's method on `cdf` started from the normal quantile, safeguarded by
    /// bisection, to full double precision (R's `qt` to about 1e-12 relative). NaN when ν ≤ 0.
    public static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, p >= 0, p <= 1 else { return .nan }
        if df.isInfinite || df > 1e10 { return StandardNormal.quantile(p) }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: df) }
        // Bracket: t is positive here; double the upper bound until the cdf passes p.
        var low = 0.0
        var high = max(1.0, StandardNormal.quantile(p))
        while cdf(high, degreesOfFreedom: df) < p && high < 1e300 {
            low = high
            high *= 2
        }
        var t = min(max(StandardNormal.quantile(p), low), high)
        for _ in 0..<200 {
            let error = cdf(t, degreesOfFreedom: df) - p
            if error == 0 { return t }
            if error > 0 { high = t } else { low = t }
            var next = t - error / density(t, degreesOfFreedom: df)
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - t) <= 1e-15 * abs(t) { return next }
            t = next
        }
        return t
    }
}

/// The beta distribution with shapes a, b > 0.
public enum BetaDistribution {
    /// The quantile x with I_x(a, b) = p: Newton's method on the regularised incomplete beta function,
    /// safeguarded by bisection on [0, 1], to full double precision (R's `qbeta`). NaN when a or b ≤ 0.
    public static func quantile(_ p: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        let logNorm = lgamma(a + b) - lgamma(a) - lgamma(b)
        var low = 0.0
        var high = 1.0
        var x = a / (a + b)
        for _ in 0..<300 {
            let error = IncompleteBeta.regularized(x: x, a: a, b: b) - p
            if error == 0 { return x }
            if error > 0 { high = x } else { low = x }
            let density = exp(logNorm + (a - 1) * log(x) + (b - 1) * log1p(-x))
            var next = x - error / density
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - x) <= 1e-15 * x || high - low <= 1e-16 * x { return next }
            x = next
        }
        return x
    }
}

/// The regularised incomplete beta function I_x(a, b).
enum IncompleteBeta {
    /// I_x(a, b) by the continued fraction of Abramowitz & Stegun 26.5.8, evaluated with the modified
    /// Lentz method (Press et al., *Numerical Recipes*, 3rd ed., §6.4), using the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges faster.
    static func regularized(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
