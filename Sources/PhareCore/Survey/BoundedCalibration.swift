import Foundation

/// The distance function of a calibration: how the weight ratio g = w/d follows from the linear
/// predictor u = xᵢᵀλ (Deville & Särndal 1992, *Calibration estimators in survey sampling*, JASA 87;
/// R survey's `cal.linear`, `cal.raking`, `cal.logit`).
public enum CalibrationFunction: String, Sendable, Hashable, Codable, CaseIterable {
    /// g = 1 + u, truncated to [L, U] (the GREG weights when unbounded).
    case linear
    /// g = exp(u), truncated to [L, U] (raking ratio; unbounded, the weights of iterative proportional fitting).
    case raking
    /// g = (L(U − 1) + U(1 − L) e^{Au}) / (U − 1 + (1 − L) e^{Au}), A = (U − L)/((U − 1)(1 − L)): a smooth
    /// function from L to U (needs finite bounds).
    case logit

    /// g − 1 at u.
    func ratioMinusOne(_ u: Double, _ bounds: CalibrationBounds) -> Double {
        switch self {
        case .linear: return min(max(u + 1, bounds.lower), bounds.upper) - 1
        case .raking: return min(max(exp(u), bounds.lower), bounds.upper) - 1
        case .logit:
            let (l, h) = (bounds.lower, bounds.upper)
            let e = exp(bounds.logitSlope * u)
            return (l * (h - 1) + h * (1 - l) * e) / (h - 1 + (1 - l) * e) - 1
        }
    }

    /// dg/du at u (0 where the bounds bind, for linear and raking).
    func derivative(_ u: Double, _ bounds: CalibrationBounds) -> Double {
        let inside = u < bounds.upper - 1 && u > bounds.lower - 1
        switch self {
        case .linear: return inside ? 1 : 0
        case .raking: return inside ? exp(u) : 0
        case .logit:
            let (l, h) = (bounds.lower, bounds.upper)
            let a = bounds.logitSlope
            let e = exp(a * u)
            let denominator = h - 1 + (1 - l) * e
            return h * (1 - l) * e * a / denominator - (l * (h - 1) + h * (1 - l) * e) * ((1 - l) * e * a)
                / (denominator * denominator)
        }
    }
}

/// Bounds L < 1 < U on the weight ratios g = w/d of a calibration.
public struct CalibrationBounds: Sendable, Hashable, Codable {
    public var lower: Double
    public var upper: Double

    /// No bounds.
    public static let none = CalibrationBounds(uncheckedLower: -.infinity, upper: .infinity)

    init(uncheckedLower lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Bounds that contain 1 strictly (g = 1, the weights unchanged, must be allowed).
    public init(lower: Double, upper: Double) throws(CalibrationError) {
        guard !lower.isNaN, !upper.isNaN, lower < 1, upper > 1 else {
            throw CalibrationError(
                "the calibration bounds [\(lower), \(upper)] exclude 1 (the weights unchanged): the lower bound must be "
                    + "below 1 and the upper bound above 1, e.g. 0.5,2"
            )
        }
        self.lower = lower
        self.upper = upper
    }

    /// True when either bound is finite.
    public var isBounded: Bool { lower.isFinite || upper.isFinite }
    /// A of the logit function.
    var logitSlope: Double { (upper - lower) / ((upper - 1) * (1 - lower)) }
}

/// Settings of a calibration by Newton's method. The defaults are R's `calibrate` defaults.
public struct CalibrationSettings: Sendable, Hashable, Codable {
    public var maxIterations: Int
    /// Convergence when every total is reached to |T̂ − T| / (1 + |T|) < epsilon.
    public var epsilon: Double

    public init(maxIterations: Int = 50, epsilon: Double = 1e-7) {
        self.maxIterations = maxIterations
        self.epsilon = epsilon
    }
}

/// What a calibration did: the new weights, their ratios to the old ones and how it converged.
public struct CalibrationResult: Sendable {
    public var weights: [Double]
    /// g = w/d for each respondent (1 for a zero design weight).
    public var ratios: [Double]
    /// Newton iterations done.
    public var iterations: Int
    /// The largest |T̂ − T| / (1 + |T|) over the calibration totals at the end.
    public var relativeGap: Double
    /// The smallest and largest g over respondents with a non-zero weight.
    public var ratioRange: (minimum: Double, maximum: Double) {
        let used = zip(ratios, weights).filter { $0.1 != 0 }.map(\.0)
        return (used.min() ?? 1, used.max() ?? 1)
    }
}

extension Calibration {
    /// Calibration to the margins with a distance function and bounds on the weight ratios
    /// (Deville & Särndal 1992, JASA 87; Deville, Särndal & Sautory 1993, *Generalized raking
    /// procedures in survey sampling*, JASA 88): new weights wᵢ = dᵢ gᵢ, gᵢ = F(xᵢᵀλ), with xᵢ the
    /// intercept and the indicators of every category but the first of each margin, and λ solving
    /// Σ dᵢ F(xᵢᵀλ) xᵢ = T (the population totals) by Newton's method,
    ///
    ///   λ ← λ + (Σ dᵢ F′(xᵢᵀλ) xᵢxᵢᵀ)⁺ (T − Σ dᵢ F(xᵢᵀλ) xᵢ),
    ///
    /// (⁺ the Moore–Penrose inverse), halving a step that gives a non-finite g, until every total is
    /// reached to |T̂ − T| / (1 + |T|) < epsilon. When every total is more than 20 times the weighted
    /// sample's, the design weights are first scaled by the mean ratio (the bounds then apply to the
    /// scaled weights). This is R's `calibrate(design, formula, population, bounds, calfun)` (survey
    /// 4.1, `grake`), which it matches to rounding.
    ///
    /// Fails, with the gap reached, when the totals cannot be reached within the bounds in
    /// `maxIterations` iterations.
    public static func calibrate(
        _ design: SurveyDesign, margins: [CalibrationMargin], function: CalibrationFunction,
        bounds: CalibrationBounds = .none, settings: CalibrationSettings = CalibrationSettings()
    ) throws(CalibrationError) -> CalibrationResult {
        guard !margins.isEmpty else { throw CalibrationError("calibration needs at least one margin") }
        if function == .logit && !(bounds.lower.isFinite && bounds.upper.isFinite) {
            throw CalibrationError("logit calibration needs finite bounds (--bounds LO,HI, e.g. 0.5,2)")
        }
        try checkTotals(margins)
        let n = design.count
        var design0 = design.weights

        // Model matrix: intercept, then the indicators of the categories after the first of each margin,
        // leaving out a category without respondents and with a zero target (as R drops it).
        var columns: [(margin: Int, category: Int32)] = []
        var population: [Double] = [margins[0].total]
        for (index, margin) in margins.enumerated() {
            guard margin.cells.count == n else {
                throw CalibrationError(
                    "margin \(margin.variable) gives categories for \(margin.cells.count) respondents, the sample has "
                        + "\(n)")
            }
            var present = [Bool](repeating: false, count: margin.categories.count)
            for (row, cell) in margin.cells.enumerated() {
                guard cell >= 0 && Int(cell) < present.count else {
                    throw CalibrationError("respondent \(row + 1) has no category of margin \(margin.variable)")
                }
                if design0[row] != 0 { present[Int(cell)] = true }
            }
            for category in margin.categories.indices {
                if !present[category] && margin.targets[category] != 0 {
                    throw CalibrationError(
                        "category \(margin.categories[category]) of margin \(margin.variable) has a population of "
                            + "\(margin.targets[category]) but no respondent with a weight: merge it with a "
                            + "neighbouring category"
                    )
                }
                if category > 0 && present[category] {
                    columns.append((index, Int32(category)))
                    population.append(margin.targets[category])
                }
            }
        }
        let p = population.count
        func row(_ i: Int) -> [Double] {
            [1] + columns.map { margins[$0.margin].cells[i] == $0.category ? 1 : 0 }
        }
        let x = (0..<n).map(row)

        var sample = [Double](repeating: 0, count: p)
        for i in 0..<n { for k in 0..<p { sample[k] += design0[i] * x[i][k] } }
        var scale = 1.0
        let scales = zip(population, sample).map { $0 / $1 }
        if let smallest = scales.min(), smallest > 20 {
            scale = scales.reduce(0, +) / Double(scales.count)
            design0 = design0.map { $0 * scale }
            sample = sample.map { $0 * scale }
        }

        var eta = [Double](repeating: 0, count: p)
        var u = [Double](repeating: 0, count: n)
        func predictor() { for i in 0..<n { u[i] = zip(x[i], eta).reduce(0) { $0 + $1.0 * $1.1 } } }
        func misfit() -> [Double] {
            var reached = sample
            for i in 0..<n {
                let extra = design0[i] * function.ratioMinusOne(u[i], bounds)
                for k in 0..<p { reached[k] += extra * x[i][k] }
            }
            return zip(population, reached).map { $0 - $1 }
        }
        func finite() -> Bool {
            u.allSatisfy { function.ratioMinusOne($0, bounds).isFinite && function.derivative($0, bounds).isFinite }
        }
        func gap(_ misfit: [Double]) -> Double {
            zip(misfit, population).map { abs($0) / (1 + abs($1)) }.max() ?? 0
        }

        var iteration = 1
        var relativeGap = Double.infinity
        while true {
            var hessian = [Double](repeating: 0, count: p * p)
            for i in 0..<n {
                let factor = design0[i] * function.derivative(u[i], bounds)
                if factor == 0 { continue }
                for j in 0..<p where x[i][j] != 0 {
                    for k in 0..<p where x[i][k] != 0 { hessian[j * p + k] += factor * x[i][j] * x[i][k] }
                }
            }
            let step = SymmetricMatrix.pseudoInverse(hessian, dimension: p, times: misfit())
            var delta = step
            for k in 0..<p { eta[k] += delta[k] }
            predictor()
            while iteration < settings.maxIterations && !finite() {
                iteration += 1
                delta = delta.map { $0 / 2 }
                for k in 0..<p { eta[k] -= delta[k] }
                predictor()
            }
            relativeGap = gap(misfit())
            if relativeGap < settings.epsilon { break }
            iteration += 1
            if iteration > settings.maxIterations {
                let limits =
                    bounds.isBounded ? "within the bounds [\(bounds.lower), \(bounds.upper)]" : "without bounds"
                throw CalibrationError(
                    "\(function.rawValue) calibration did not reach the margins \(limits) in "
                        + "\(settings.maxIterations) iterations (largest relative gap \(relativeGap)): "
                        + (bounds.isBounded
                            ? "the bounds cannot be met, widen them or merge categories"
                            : "check the margins, or raise --max-iterations")
                )
            }
        }
        let ratios = u.map { (1 + function.ratioMinusOne($0, bounds)) * scale }
        let weights = (0..<n).map { design.weights[$0] * ratios[$0] }
        return CalibrationResult(
            weights: weights, ratios: ratios, iterations: iteration, relativeGap: relativeGap)
    }
}

/// Small dense symmetric matrices.
enum SymmetricMatrix {
    /// A⁺ b for a symmetric positive semi-definite A (p × p, row-major), A⁺ the Moore–Penrose inverse
    /// from the eigen-decomposition (`eigen`), eigenvalues below 256 ε times the largest taken as zero
    /// (as R's `MASS::ginv`).
    static func pseudoInverse(_ matrix: [Double], dimension p: Int, times b: [Double]) -> [Double] {
        let (values, v) = eigen(matrix, dimension: p)
        let largest = values.map(abs).max() ?? 0
        let tolerance = 256 * Double.ulpOfOne * largest
        var result = [Double](repeating: 0, count: p)
        for k in 0..<p where abs(values[k]) > tolerance && values[k] > 0 {
            var projection = 0.0
            for i in 0..<p { projection += v[i * p + k] * b[i] }
            projection /= values[k]
            for i in 0..<p { result[i] += v[i * p + k] * projection }
        }
        return result
    }

    /// Numerical rank of the columns (each an array of the same length): eigenvalues of their Gram
    /// matrix above 1e-10 of the largest, after scaling every column to unit length (R's `qr(…)$rank`
    /// with its tolerance 1e-5 on the column norms, for well-separated ranks).
    static func rank(ofColumns columns: [[Double]]) -> Int {
        let p = columns.count
        let units = columns.map { column -> [Double] in
            let norm = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? column.map { $0 / norm } : column
        }
        var gram = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in i..<p {
                let dot = zip(units[i], units[j]).reduce(0) { $0 + $1.0 * $1.1 }
                gram[i * p + j] = dot
                gram[j * p + i] = dot
            }
        }
        let values = eigen(gram, dimension: p).values
        let largest = values.max() ?? 0
        return values.filter { $0 > 1e-10 * largest }.count
    }

    /// Eigenvalues and eigenvectors (columns of the row-major p × p matrix) of a symmetric matrix, by
    /// cyclic Jacobi rotations (Golub & Van Loan, *Matrix Computations*, §8.5).
    static func eigen(_ matrix: [Double], dimension p: Int) -> (values: [Double], vectors: [Double]) {
        var a = matrix
        var v = [Double](repeating: 0, count: p * p)
        for i in 0..<p { v[i * p + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<p { for j in 0..<p where i != j { off += a[i * p + j] * a[i * p + j] } }
            if off == 0 { break }
            for i in 0..<(p - 1) {
                for j in (i + 1)..<p where a[i * p + j] != 0 {
                    let theta = (a[j * p + j] - a[i * p + i]) / (2 * a[i * p + j])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<p {
                        let aki = a[k * p + i]
                        let akj = a[k * p + j]
                        a[k * p + i] = c * aki - s * akj
                        a[k * p + j] = s * aki + c * akj
                    }
                    for k in 0..<p {
                        let aik = a[i * p + k]
                        let ajk = a[j * p + k]
                        a[i * p + k] = c * aik - s * ajk
                        a[j * p + k] = s * aik + c * ajk
                    }
                    for k in 0..<p {
                        let vki = v[k * p + i]
                        let vkj = v[k * p + j]
                        v[k * p + i] = c * vki - s * vkj
                        v[k * p + j] = s * vki + c * vkj
                    }
                }
            }
        }
        return ((0..<p).map { a[$0 * p + $0] }, v)
    }
}
