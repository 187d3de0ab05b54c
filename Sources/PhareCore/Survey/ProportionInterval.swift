import Foundation

/// How the confidence interval of a proportion is built (R survey's `svyciprop(method =)`, plus Wilson).
public enum ProportionIntervalMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case logit, xlogit, beta, likelihood, asin, mean, wilson
}

/// What an interval of a proportion is computed from: the estimate, its design-based standard error
/// and the sizes that the methods use.
public struct ProportionSample: Sendable, Hashable {
    /// p̂.
    public var proportion: Double
    /// SE(p̂) by linearisation.
    public var standardError: Double
    /// Design degrees of freedom of the domain (PSUs − strata).
    public var degreesOfFreedom: Int
    /// Respondents of the domain with an answer and a non-zero weight (the likelihood's dispersion n/(n − 1)).
    public var respondents: Int
    /// Rows of the domain, with or without an answer (R's `nrow(design)`, used by the beta interval).
    public var rows: Int

    public init(proportion: Double, standardError: Double, degreesOfFreedom: Int, respondents: Int, rows: Int) {
        self.proportion = proportion
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
        self.respondents = respondents
        self.rows = rows
    }

    /// Effective sample size of the proportion, n* = p̂(1 − p̂) / V(p̂) (Kish's n / deff for this estimate).
    public var effectiveSize: Double {
        proportion * (1 - proportion) / (standardError * standardError)
    }
}

/// Confidence intervals for proportions. Every method uses the t quantile t = t_{df, 1−α/2} with df the
/// design degrees of freedom (R `svyciprop`'s default `df = degf(design)`); all are undefined (nil) when
/// df ≤ 0, and all but `mean` when p̂ is 0 or 1 (the variance is then 0 and the transforms are infinite).
public enum ProportionInterval {
    /// The interval of `method` at confidence `level`.
    public static func interval(_ method: ProportionIntervalMethod, _ sample: ProportionSample, level: Double)
        -> (lower: Double, upper: Double)?
    {
        let p = sample.proportion
        let se = sample.standardError
        let df = sample.degreesOfFreedom
        guard df > 0, p.isFinite, se.isFinite else { return nil }
        if method == .mean { return mean(proportion: p, standardError: se, degreesOfFreedom: df, level: level) }
        guard p > 0, p < 1, se > 0 else { return nil }
        switch method {
        case .logit, .xlogit:
            return logit(proportion: p, standardError: se, degreesOfFreedom: df, level: level)
        case .asin:
            return arcsine(proportion: p, standardError: se, degreesOfFreedom: df, level: level)
        case .beta:
            return beta(sample, level: level)
        case .likelihood:
            return likelihood(sample, level: level)
        case .wilson:
            return wilson(proportion: p, effectiveSize: sample.effectiveSize, degreesOfFreedom: df, level: level)
        case .mean:
            return nil
        }
    }

    static func quantile(_ level: Double, _ df: Int) -> Double {
        StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: Double(df))
    }

    /// Logit interval: expit(logit p ± t · se / (p(1 − p))), the delta method on the log-odds scale
    /// (Korn & Graubard 1998, *Confidence intervals for proportions with small expected number of
    /// positive counts estimated from survey data*, Survey Methodology 24; Lumley, *Complex Surveys*
    /// §2.4). R's `method = "logit"` takes the Wald interval of `svyglm(y ~ 1, family = quasibinomial)`,
    /// whose sandwich SE of the intercept is this same se / (p(1 − p)); `"xlogit"` applies the delta
    /// method directly (`svycontrast`): both give this interval.
    public static func logit(proportion p: Double, standardError se: Double, degreesOfFreedom df: Int, level: Double)
        -> (lower: Double, upper: Double)?
    {
        guard df > 0, p > 0, p < 1 else { return nil }
        let t = quantile(level, df)
        let centre = log(p / (1 - p))
        let halfWidth = t * se / (p * (1 - p))
        func expit(_ value: Double) -> Double { 1 / (1 + exp(-value)) }
        return (expit(centre - halfWidth), expit(centre + halfWidth))
    }

    /// Wald interval on the proportion itself: p ± t · se, not clipped to [0, 1] (R `method = "mean"`).
    public static func mean(proportion p: Double, standardError se: Double, degreesOfFreedom df: Int, level: Double)
        -> (lower: Double, upper: Double)?
    {
        guard df > 0 else { return nil }
        let t = quantile(level, df)
        return (p - t * se, p + t * se)
    }

    /// Arcsine square-root interval: sin²(asin √p ± t · se / (2√(p(1 − p)))), the delta method on the
    /// variance-stabilising scale (R `method = "asin"`; Lumley, *Complex Surveys* §2.4).
    public static func arcsine(proportion p: Double, standardError se: Double, degreesOfFreedom df: Int, level: Double)
        -> (lower: Double, upper: Double)?
    {
        guard df > 0, p > 0, p < 1 else { return nil }
        let t = quantile(level, df)
        let centre = asin(p.squareRoot())
        let halfWidth = t * se / (2 * (p * (1 - p)).squareRoot())
        let lower = sin(centre - halfWidth)
        let upper = sin(centre + halfWidth)
        return (lower * lower, upper * upper)
    }

    /// Korn–Graubard beta (Clopper–Pearson) interval with the effective sample size
    /// n* = p(1 − p)/se² · (t_{n−1, α/2} / t_{df, α/2})², n the rows of the domain:
    /// [B⁻¹(α/2; n*p, n*(1 − p) + 1), B⁻¹(1 − α/2; n*p + 1, n*(1 − p))] with B⁻¹ the beta quantile
    /// (Korn & Graubard 1998, Survey Methodology 24; R `method = "beta"`). R takes n as `nrow(design)`,
    /// which for a domain of a calibrated design is the whole sample; Phare takes the domain's rows always.
    public static func beta(_ sample: ProportionSample, level: Double) -> (lower: Double, upper: Double)? {
        let p = sample.proportion
        let df = sample.degreesOfFreedom
        guard df > 0, sample.rows > 1, p > 0, p < 1 else { return nil }
        let alpha = 1 - level
        let ratio =
            StudentT.quantile(alpha / 2, degreesOfFreedom: Double(sample.rows - 1))
            / StudentT.quantile(alpha / 2, degreesOfFreedom: Double(df))
        let size = sample.effectiveSize * ratio * ratio
        return (
            BetaDistribution.quantile(alpha / 2, a: size * p, b: size * (1 - p) + 1),
            BetaDistribution.quantile(1 - alpha / 2, a: size * p + 1, b: size * (1 - p))
        )
    }

    /// Profile-likelihood interval of the quasi-binomial intercept with the design correction of Rao &
    /// Scott: the π with ΔD(π)/φ = t² λ, ΔD(π) = 2W · KL(p‖π) the deviance difference, KL(p‖π) =
    /// p log(p/π) + (1 − p) log((1 − p)/(1 − π)), φ = n/(n − 1) the quasi-binomial dispersion, λ = W V(p)/(p(1 − p))
    /// the design effect of the intercept (W cancels). So the bounds are the two roots of
    ///
    ///   KL(p‖π) = t² · n/(n − 1) · se² / (2p(1 − p)),
    ///
    /// found here to machine precision. R `method = "likelihood"` (survey 4.1, `confint.svyglm`) finds
    /// them by interpolating a spline through a ten-step profile, which differs from the exact roots by
    /// 1e-6 to 7e-5 relative on the `api` domains.
    public static func likelihood(_ sample: ProportionSample, level: Double) -> (lower: Double, upper: Double)? {
        let p = sample.proportion
        let df = sample.degreesOfFreedom
        let n = Double(sample.respondents)
        guard df > 0, n > 1, p > 0, p < 1 else { return nil }
        let t = quantile(level, df)
        let se = sample.standardError
        let target = t * t * n / (n - 1) * se * se / (2 * p * (1 - p))
        // KL as a function of the log-odds b of π; it increases away from logit p on each side.
        let centre = log(p / (1 - p))
        func divergence(_ b: Double) -> Double {
            let logPi = -log1p(exp(-b))
            let logRest = -log1p(exp(b))
            return p * (log(p) - logPi) + (1 - p) * (log1p(-p) - logRest)
        }
        func root(_ direction: Double) -> Double {
            var near = 0.0
            var far = 1.0
            while divergence(centre + direction * far) < target && far < 1e6 {
                near = far
                far *= 2
            }
            for _ in 0..<200 {
                let middle = (near + far) / 2
                if middle == near || middle == far { break }
                if divergence(centre + direction * middle) < target { near = middle } else { far = middle }
            }
            let b = centre + direction * (near + far) / 2
            return 1 / (1 + exp(-b))
        }
        return (root(-1), root(1))
    }

    /// Wilson score interval with the effective sample size n* = p(1 − p)/se² in place of n and the design
    /// t quantile in place of z: (p + t²/(2n*) ± t √(p(1 − p)/n* + t²/(4n*²))) / (1 + t²/n*)
    /// (Wilson 1927, JASA 22; with n*, Kish's effective size, as Kott & Carr 1997, *Developing an
    /// estimation strategy for a pesticide data program*, JASA 92, and Dean & Pagano 2015, *Evaluating
    /// confidence interval methods for binomial proportions in clustered surveys*, JSSAM 3).
    public static func wilson(proportion p: Double, effectiveSize n: Double, degreesOfFreedom df: Int, level: Double)
        -> (lower: Double, upper: Double)?
    {
        guard df > 0, n.isFinite, n > 0 else { return nil }
        let t = quantile(level, df)
        let t2 = t * t
        let denominator = 1 + t2 / n
        let centre = (p + t2 / (2 * n)) / denominator
        let halfWidth = t / denominator * (p * (1 - p) / n + t2 / (4 * n * n)).squareRoot()
        return (centre - halfWidth, centre + halfWidth)
    }
}
