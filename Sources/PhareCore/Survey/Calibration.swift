import Foundation

/// Known population counts of one variable, and each respondent's category on it.
public struct CalibrationMargin: Sendable, Hashable {
    /// The variable (a column name, or several joined by `*` for a crossed margin).
    public var variable: String
    /// Category labels, in index order.
    public var categories: [String]
    /// Population count of each category.
    public var targets: [Double]
    /// Category index of each respondent.
    public var cells: [Int32]

    public init(variable: String, categories: [String], targets: [Double], cells: [Int32]) {
        self.variable = variable
        self.categories = categories
        self.targets = targets
        self.cells = cells
    }

    public var total: Double { targets.reduce(0, +) }
}

/// A calibration that cannot be done (one sentence saying which margin and category).
public struct CalibrationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Settings of iterative proportional fitting. The defaults are R's `rake` defaults.
public struct RakingSettings: Sendable, Hashable, Codable {
    /// Maximum number of sweeps over the margins.
    public var maxIterations: Int
    /// Convergence when no cell of the crossed table of all margin variables moves by more than
    /// epsilon between two sweeps; below 1, epsilon is a fraction of the sum of the initial weights.
    public var epsilon: Double

    public init(maxIterations: Int = 10, epsilon: Double = 1) {
        self.maxIterations = maxIterations
        self.epsilon = epsilon
    }
}

/// What raking did: the calibrated design and how it converged.
public struct RakingResult: Sendable {
    public var design: SurveyDesign
    public var converged: Bool
    /// Sweeps over the margins done.
    public var sweeps: Int
    /// After each sweep, the largest change of a cell of the crossed table of the margin variables.
    public var changes: [Double]
    /// The threshold the changes were compared with (in weight units).
    public var threshold: Double
}

/// What trimming did.
public struct TrimmingResult: Sendable {
    public var design: SurveyDesign
    /// Respondents whose weight was cut to a bound (at the first pass).
    public var trimmed: Int
    /// Passes done (more than one with `strict`).
    public var passes: Int
}

/// Calibration of survey weights to known population counts, as R's survey package does it.
public enum Calibration {
    /// Post-stratification: wᵢ ← wᵢ · N_c / Σ_{j∈c} wⱼ in each cell c, so that the weights add up to the
    /// known count N_c of every cell (Holt & Smith 1979, *Post stratification*, JRSS A 142; R
    /// `postStratify`). Cells without respondent must have a zero count.
    public static func postStratify(_ design: SurveyDesign, margin: CalibrationMargin) throws(CalibrationError)
        -> SurveyDesign
    {
        let after = try adjusted(design.weights, margin)
        return design.recalibrated(
            weights: after,
            step: .postStratification(
                PostStratificationStep(
                    cells: margin.cells, cellCount: margin.categories.count, weightsBefore: design.weights,
                    weightsAfter: after
                ))
        )
    }

    /// Raking (iterative proportional fitting; Deming & Stephan 1940, *On a least squares adjustment
    /// of a sampled frequency table when the expected marginal totals are known*, Ann. Math. Stat. 11):
    /// post-stratify on each margin in turn, sweep after sweep, until the crossed table of all margin
    /// variables stops moving (R `rake`, whose defaults are 10 sweeps and a change below 1).
    /// The design keeps the margins of the last sweep so that variances account for the raking.
    public static func rake(
        _ design: SurveyDesign, margins: [CalibrationMargin], settings: RakingSettings = RakingSettings()
    ) throws(CalibrationError) -> RakingResult {
        guard !margins.isEmpty else { throw CalibrationError("raking needs at least one margin") }
        try checkTotals(margins)
        let threshold = settings.epsilon < 1 ? settings.epsilon * design.weights.reduce(0, +) : settings.epsilon
        // Joint cell of each respondent in the crossed table of all margin variables.
        var jointIndex: [[Int32]: Int] = [:]
        let joint: [Int] = (0..<design.count).map { row in
            let key = margins.map { $0.cells[row] }
            if let cell = jointIndex[key] { return cell }
            jointIndex[key] = jointIndex.count
            return jointIndex.count - 1
        }
        func table(_ weights: [Double]) -> [Double] {
            var sums = [Double](repeating: 0, count: jointIndex.count)
            for row in 0..<weights.count { sums[joint[row]] += weights[row] }
            return sums
        }

        var weights = design.weights
        var old = table(weights)
        var steps: [RakingMarginStep] = []
        var changes: [Double] = []
        var converged = false
        while changes.count < settings.maxIterations {
            steps = []
            for margin in margins {
                weights = try adjusted(weights, margin)
                steps.append(
                    RakingMarginStep(cells: margin.cells, cellCount: margin.categories.count, weightsAfter: weights))
            }
            let new = table(weights)
            var change = 0.0
            for cell in new.indices { change = max(change, abs(new[cell] - old[cell])) }
            changes.append(change)
            if change < threshold {
                converged = true
                break
            }
            old = new
        }
        return RakingResult(
            design: design.recalibrated(weights: weights, step: .raking(steps)),
            converged: converged, sweeps: changes.count, changes: changes, threshold: threshold
        )
    }

    /// Trimming of extreme weights to [lower, upper]: weights outside are set to the bound and the
    /// amount cut (or added) is shared equally among the other respondents, so the total is kept; with
    /// `strict`, repeated until no weight is outside (R `trimWeights`; Potter 1990, *A study of
    /// procedures to identify and trim extreme sampling weights*, Proc. ASA SRMS). The calibration
    /// steps of the design are kept for the variance, as R does.
    public static func trim(
        _ design: SurveyDesign, lower: Double = -.infinity, upper: Double = .infinity, strict: Bool = false
    ) throws(CalibrationError) -> TrimmingResult {
        guard lower <= upper else {
            throw CalibrationError("the lower trimming bound \(lower) is above the upper bound \(upper)")
        }
        var weights = design.weights
        var passes = 0
        var firstTrimmed = 0
        while passes < 1000 {
            let outside = weights.map { $0 < lower || $0 > upper }
            let count = outside.filter { $0 }.count
            if count == 0 { break }
            if passes == 0 { firstTrimmed = count }
            guard count < weights.count else {
                throw CalibrationError(
                    "every weight is outside [\(lower), \(upper)]: the bounds cannot hold the total weight")
            }
            var cut = 0.0
            for row in weights.indices where outside[row] {
                let bounded = min(max(weights[row], lower), upper)
                cut += weights[row] - bounded
                weights[row] = bounded
            }
            let share = cut / Double(weights.count - count)
            for row in weights.indices where !outside[row] { weights[row] += share }
            passes += 1
            if !strict { break }
        }
        return TrimmingResult(design: design.reweighted(weights), trimmed: firstTrimmed, passes: passes)
    }

    /// Weights after one post-stratification on `margin`.
    static func adjusted(_ weights: [Double], _ margin: CalibrationMargin) throws(CalibrationError) -> [Double] {
        guard margin.cells.count == weights.count else {
            throw CalibrationError(
                "margin \(margin.variable) gives categories for \(margin.cells.count) respondents, the sample has "
                    + "\(weights.count)"
            )
        }
        var sample = [Double](repeating: 0, count: margin.categories.count)
        var present = [Bool](repeating: false, count: margin.categories.count)
        for row in weights.indices {
            let cell = Int(margin.cells[row])
            guard cell >= 0 && cell < sample.count else {
                throw CalibrationError("respondent \(row + 1) has no category of margin \(margin.variable)")
            }
            sample[cell] += weights[row]
            present[cell] = true
        }
        var factor = [Double](repeating: 1, count: sample.count)
        for cell in sample.indices {
            let target = margin.targets[cell]
            if !present[cell] {
                if target != 0 {
                    throw CalibrationError(
                        "category \(margin.categories[cell]) of margin \(margin.variable) has a population of "
                            + "\(target) but no respondent: merge it with a neighbouring category"
                    )
                }
                continue
            }
            if sample[cell] == 0 {
                if target != 0 {
                    throw CalibrationError(
                        "the respondents of category \(margin.categories[cell]) of margin \(margin.variable) all have "
                            + "a zero weight"
                    )
                }
                continue
            }
            if target == 0 {
                throw CalibrationError(
                    "category \(margin.categories[cell]) of margin \(margin.variable) has respondents but a "
                        + "population of 0"
                )
            }
            factor[cell] = target / sample[cell]
        }
        return weights.indices.map { weights[$0] * factor[Int(margin.cells[$0])] }
    }

    /// Margins that disagree on the population total cannot all be reached.
    static func checkTotals(_ margins: [CalibrationMargin]) throws(CalibrationError) {
        guard let first = margins.first else { return }
        for margin in margins.dropFirst() where abs(margin.total - first.total) > 1e-6 * max(1, abs(first.total)) {
            throw CalibrationError(
                "the margins disagree on the population total: \(first.variable) adds up to \(first.total), "
                    + "\(margin.variable) to \(margin.total)"
            )
        }
    }
}

/// How far a set of weights is from equal weights, and what it costs in precision.
public struct WeightDiagnostics: Sendable, Hashable, Codable {
    public var count: Int
    public var sum: Double
    public var minimum: Double
    public var maximum: Double
    public var mean: Double
    /// max / min (infinite when a weight is 0).
    public var ratio: Double
    /// Coefficient of variation of the weights, sd/mean (population sd).
    public var coefficientOfVariation: Double
    /// Kish's design effect due to weighting, n Σw² / (Σw)² = 1 + CV² (Kish 1965, *Survey Sampling*, §11.7).
    public var kishDesignEffect: Double
    /// Kish's effective sample size, (Σw)² / Σw² = n / deff.
    public var effectiveSampleSize: Double

    /// Diagnostics of `weights` (Kish 1965; Kish 1992, *Weighting for unequal Pᵢ*, J. Off. Stat. 8).
    public init(weights: [Double]) {
        let n = Double(weights.count)
        let sum = weights.reduce(0, +)
        let squares = weights.reduce(0) { $0 + $1 * $1 }
        let mean = sum / n
        count = weights.count
        self.sum = sum
        minimum = weights.min() ?? 0
        maximum = weights.max() ?? 0
        self.mean = mean
        ratio = minimum > 0 ? maximum / minimum : .infinity
        coefficientOfVariation = (max(0, squares / n - mean * mean)).squareRoot() / mean
        kishDesignEffect = n * squares / (sum * sum)
        effectiveSampleSize = sum * sum / squares
    }
}

/// A margin category: its target and the total the weights reach.
public struct MarginCheck: Sendable, Hashable, Codable {
    public var variable: String
    public var category: String
    public var target: Double
    public var reached: Double
    public var sampleSize: Int

    /// reached − target.
    public var difference: Double { reached - target }
    /// (reached − target) / target, nil when the target is 0.
    public var relativeDifference: Double? { target == 0 ? nil : (reached - target) / target }

    /// The total reached by `weights` on every category of every margin.
    public static func check(_ margins: [CalibrationMargin], weights: [Double]) -> [MarginCheck] {
        margins.flatMap { margin in
            var reached = [Double](repeating: 0, count: margin.categories.count)
            var counts = [Int](repeating: 0, count: margin.categories.count)
            for row in weights.indices {
                let cell = Int(margin.cells[row])
                guard cell >= 0 && cell < reached.count else { continue }
                reached[cell] += weights[row]
                counts[cell] += 1
            }
            return margin.categories.indices.map { cell in
                MarginCheck(
                    variable: margin.variable, category: margin.categories[cell], target: margin.targets[cell],
                    reached: reached[cell], sampleSize: counts[cell])
            }
        }
    }
}
