import Foundation

/// One design-based estimate with everything needed to publish it responsibly: standard error,
/// confidence interval, sample size, effective sample size and a flag when the base is too thin.
public struct SurveyEstimate: Sendable, Hashable, Codable {
    /// The estimate; nil when no respondent of the domain answered.
    public var estimate: Double?
    /// Standard error by Taylor linearisation; nil when undefined.
    public var standardError: Double?
    /// Confidence interval; nil when undefined (no answer, or no degree of freedom for a proportion).
    public var lower: Double?
    public var upper: Double?
    /// Respondents of the domain with an answer and a non-zero weight (n).
    public var sampleSize: Int
    /// Kish's effective sample size of those respondents, (Σw)² / Σw².
    public var effectiveSampleSize: Double
    /// Σw over those respondents (the estimated population of the domain).
    public var weightSum: Double
    /// Degrees of freedom used for the interval (proportions: PSUs − strata); nil for a normal interval.
    public var degreesOfFreedom: Int?
    /// True when n is below the publication threshold: print it flagged, never silently.
    public var belowThreshold: Bool
    /// How the interval of a proportion was built; nil for the normal interval of a mean or total.
    public var intervalMethod: ProportionIntervalMethod?

    public init(
        estimate: Double?, standardError: Double?, lower: Double?, upper: Double?, sampleSize: Int,
        effectiveSampleSize: Double, weightSum: Double, degreesOfFreedom: Int?, belowThreshold: Bool,
        intervalMethod: ProportionIntervalMethod? = nil
    ) {
        self.estimate = estimate
        self.standardError = standardError
        self.lower = lower
        self.upper = upper
        self.sampleSize = sampleSize
        self.effectiveSampleSize = effectiveSampleSize
        self.weightSum = weightSum
        self.degreesOfFreedom = degreesOfFreedom
        self.belowThreshold = belowThreshold
        self.intervalMethod = intervalMethod
    }
}

extension SurveyEstimate {
    /// Why a figure of the estimate is missing (its cell would be empty), nil when all are there.
    public var missingReason: String? {
        guard let estimate else {
            return "no respondent of this group answered (with a non-zero weight): n = 0"
        }
        guard estimate.isFinite, weightSum.isFinite else {
            return "the weights of the group overflow (their sum is not a finite number)"
        }
        guard let standardError, standardError.isFinite else {
            return "no variance can be estimated from \(sampleSize) respondent\(sampleSize == 1 ? "" : "s")"
        }
        guard lower != nil, upper != nil, lower?.isFinite == true, upper?.isFinite == true else {
            if let df = degreesOfFreedom, df <= 0 {
                return "no interval: the group has \(df) degrees of freedom (primary sampling units minus strata)"
            }
            if estimate == 0 || estimate == 1 {
                return
                    "no interval: the proportion is \(Int(estimate)) (its log-odds are infinite, as in R's svyciprop)"
            }
            return "no interval (standard error \(standardError))"
        }
        return nil
    }
}

/// Respondents split into groups by a variable (region, segment…), for estimates by group.
public struct SurveyGrouping: Sendable {
    /// Group labels, sorted (numerically when they are numbers).
    public let labels: [String]
    /// Rows of each group, in sample order.
    public let rows: [[Int]]

    /// Groups by the value of each respondent; nil puts a respondent in no group (R's `svyby` drops
    /// missing group values).
    public init(_ values: [String?]) {
        let labels = Array(Set(values.compactMap { $0 })).sorted(by: SurveyDesign.labelOrder)
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var rows = [[Int]](repeating: [], count: labels.count)
        for (row, value) in values.enumerated() {
            if let value, let group = index[value] { rows[group].append(row) }
        }
        self.labels = labels
        self.rows = rows
    }

    /// The whole sample as one group labelled "".
    public static func whole(count: Int) -> SurveyGrouping {
        SurveyGrouping([String?](repeating: "", count: count))
    }
}

/// Settings of every estimate: confidence level, publication threshold, interval of proportions.
public struct EstimationOptions: Sendable, Hashable, Codable {
    /// Confidence level of the intervals (0.95 by default).
    public var confidenceLevel: Double
    /// Estimates on fewer respondents than this are flagged (30 by default).
    public var minimumSampleSize: Int
    /// Interval of proportions (logit by default, R `svyciprop`'s default).
    public var proportionInterval: ProportionIntervalMethod

    public init(
        confidenceLevel: Double = 0.95, minimumSampleSize: Int = 30,
        proportionInterval: ProportionIntervalMethod = .logit
    ) {
        self.confidenceLevel = confidenceLevel
        self.minimumSampleSize = minimumSampleSize
        self.proportionInterval = proportionInterval
    }
}

/// Design-based estimators of means, totals and proportions, overall or in domains, following
/// R's survey package (`svymean`, `svytotal`, `svyciprop`, `svyby`).
///
/// Values are given one per respondent, `Double.nan` meaning "no answer": respondents without an
/// answer are treated as outside the domain, as R does with `na.rm = TRUE`.
public struct SurveyEstimator: Sendable {
    public let design: SurveyDesign
    public var options: EstimationOptions
    /// Replicate weights: when given, standard errors are replicate ones (see `ReplicateWeights`) and
    /// the degrees of freedom of proportions are the replicate design's.
    public let replicates: ReplicateWeights?

    public init(
        design: SurveyDesign, replicates: ReplicateWeights? = nil, options: EstimationOptions = EstimationOptions()
    ) {
        self.design = design
        self.options = options
        self.replicates = replicates
    }

    /// Replicate standard error of a ratio Σ w y / Σ w (mean) or a total Σ w y over the domain.
    func replicateError(_ replicates: ReplicateWeights, estimate: Double, values: [Double], members: [Int], ratio: Bool)
        -> Double
    {
        let estimates = replicates.weights.map { weights in
            var numerator = 0.0
            var denominator = 0.0
            for row in members {
                numerator += weights[row] * values[row]
                denominator += weights[row]
            }
            return ratio ? numerator / denominator : numerator
        }
        return replicates.variance(estimate: estimate, replicates: estimates).squareRoot()
    }

    /// Respondents of `rows` (all when nil) with an answer and a non-zero weight.
    func domain(_ values: [Double], _ rows: [Int]?) -> [Int] {
        let weights = design.weights
        if let rows { return rows.filter { !values[$0].isNaN && weights[$0] != 0 } }
        return (0..<design.count).filter { !values[$0].isNaN && weights[$0] != 0 }
    }

    func empty(degreesOfFreedom: Int? = nil) -> SurveyEstimate {
        SurveyEstimate(
            estimate: nil, standardError: nil, lower: nil, upper: nil, sampleSize: 0, effectiveSampleSize: 0,
            weightSum: 0, degreesOfFreedom: degreesOfFreedom, belowThreshold: true)
    }

    /// Normal quantile of the two-sided interval at the confidence level.
    var normalQuantile: Double { StandardNormal.quantile(1 - (1 - options.confidenceLevel) / 2) }

    /// Weighted mean ȳ = Σ wᵢyᵢ / Σ wᵢ (a ratio of two estimated totals), linearised as
    /// xᵢ = wᵢ (yᵢ − ȳ) / Σ w (Woodruff 1971; R `svymean`); interval ȳ ± z_{1−α/2} SE (R `confint`).
    public func mean(_ values: [Double], rows: [Int]? = nil) -> SurveyEstimate {
        let members = domain(values, rows)
        guard !members.isEmpty else { return empty() }
        let weights = design.weights
        var sumWeights = 0.0
        var sumSquares = 0.0
        var sumValues = 0.0
        for row in members {
            sumWeights += weights[row]
            sumSquares += weights[row] * weights[row]
            sumValues += weights[row] * values[row]
        }
        let mean = sumValues / sumWeights
        let se: Double
        if let replicates {
            se = replicateError(replicates, estimate: mean, values: values, members: members, ratio: true)
        } else {
            let influence = members.map { weights[$0] * (values[$0] - mean) / sumWeights }
            se = design.linearizedVariance(rows: members, values: influence).squareRoot()
        }
        let z = normalQuantile
        return SurveyEstimate(
            estimate: mean, standardError: se, lower: mean - z * se, upper: mean + z * se,
            sampleSize: members.count, effectiveSampleSize: sumWeights * sumWeights / sumSquares, weightSum: sumWeights,
            degreesOfFreedom: nil, belowThreshold: members.count < options.minimumSampleSize
        )
    }

    /// Horvitz–Thompson total Ŷ = Σ wᵢyᵢ, linearised as xᵢ = wᵢyᵢ (R `svytotal`); normal interval.
    public func total(_ values: [Double], rows: [Int]? = nil) -> SurveyEstimate {
        let members = domain(values, rows)
        guard !members.isEmpty else { return empty() }
        let weights = design.weights
        var sumWeights = 0.0
        var sumSquares = 0.0
        var total = 0.0
        for row in members {
            sumWeights += weights[row]
            sumSquares += weights[row] * weights[row]
            total += weights[row] * values[row]
        }
        let se: Double
        if let replicates {
            se = replicateError(replicates, estimate: total, values: values, members: members, ratio: false)
        } else {
            let influence = members.map { weights[$0] * values[$0] }
            se = design.linearizedVariance(rows: members, values: influence).squareRoot()
        }
        let z = normalQuantile
        return SurveyEstimate(
            estimate: total, standardError: se, lower: total - z * se, upper: total + z * se,
            sampleSize: members.count, effectiveSampleSize: sumWeights * sumWeights / sumSquares, weightSum: sumWeights,
            degreesOfFreedom: nil, belowThreshold: members.count < options.minimumSampleSize
        )
    }

    /// Proportion p̂ of a 0/1 indicator (its weighted mean) with the interval of
    /// `options.proportionInterval` (see `ProportionInterval`; R `svyciprop`), df the design degrees of
    /// freedom of the group (PSUs − strata). Undefined bounds (nil, as R's NaN) when the method has none
    /// (p̂ of 0 or 1, df ≤ 0).
    public func proportion(_ indicator: [Double], rows: [Int]? = nil) -> SurveyEstimate {
        var result = mean(indicator, rows: rows)
        let df = replicates?.degreesOfFreedom ?? design.degreesOfFreedom(rows: rows)
        result.degreesOfFreedom = df
        result.intervalMethod = options.proportionInterval
        guard let p = result.estimate, let se = result.standardError else { return result }
        let sample = ProportionSample(
            proportion: p, standardError: se, degreesOfFreedom: df, respondents: result.sampleSize,
            rows: rows?.count ?? design.count)
        let interval = ProportionInterval.interval(options.proportionInterval, sample, level: options.confidenceLevel)
        result.lower = interval?.lower
        result.upper = interval?.upper
        return result
    }

    /// Distribution of a categorical variable: for each category the proportion of respondents
    /// (with an answer) in it, each with its logit interval (R `svymean(~factor(v))` and `svyciprop`).
    /// - Parameter categories: category index of each respondent, −1 for no answer.
    public func distribution(_ categories: [Int32], categoryCount: Int, rows: [Int]? = nil) -> [SurveyEstimate] {
        (0..<categoryCount).map { category in
            proportion(categories.map { $0 < 0 ? .nan : ($0 == Int32(category) ? 1 : 0) }, rows: rows)
        }
    }

    /// One estimate per group of `grouping` (R `svyby`).
    public func byGroup(_ grouping: SurveyGrouping, _ estimate: (_ rows: [Int]) -> SurveyEstimate) -> [SurveyEstimate] {
        grouping.rows.map { estimate($0) }
    }
}
