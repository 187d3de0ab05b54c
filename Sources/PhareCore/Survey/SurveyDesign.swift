import Foundation

/// A design that cannot be built from the values given (one sentence, naming the row or stratum).
public struct SurveyDesignError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 0-based row of the sample the problem is on, when there is one.
    public var row: Int?
    /// The design field concerned: `weight`, `strata`, `cluster`, `fpc`.
    public var field: String
    public var message: String

    public init(row: Int? = nil, field: String, message: String) {
        self.row = row
        self.field = field
        self.message = message
    }

    public var description: String { message }
}

/// A one-stage sample design: sampling weights, optional strata, optional primary sampling units
/// (clusters) nested in the strata, optional finite population correction, and the calibration
/// steps (post-stratification, raking) the weights went through.
///
/// This is the design of R's `svydesign(ids = ~cluster, strata = ~strata, weights = ~weight,
/// fpc = ~fpc, nest = TRUE)` (Lumley 2004, *Analysis of complex survey samples*, J. Stat. Softw. 9(8)):
/// without clusters every respondent is its own PSU; without strata the sample is one stratum.
/// Clusters are always taken as nested in their stratum (cluster `3` of stratum `A` and cluster `3`
/// of stratum `B` are two PSUs).
public struct SurveyDesign: Sendable {
    /// Number of respondents.
    public let count: Int
    /// Current weights (after calibration, if any).
    public private(set) var weights: [Double]
    /// Stratum index of each respondent.
    let stratumOfRow: [Int32]
    /// PSU index of each respondent (PSUs are numbered across strata).
    let psuOfRow: [Int32]
    /// Stratum index of each PSU.
    let stratumOfPSU: [Int32]
    /// Number of PSUs sampled in each stratum (n_h).
    public let psuCount: [Int]
    /// Number of PSUs in the population of each stratum (N_h), nil without finite population correction.
    public let populationPSUCount: [Double]?
    /// Stratum labels, in index order.
    public let strataLabels: [String]
    /// Whether strata were given (R's `has.strata`).
    public let isStratified: Bool
    /// Whether clusters were given.
    public let isClustered: Bool
    /// Calibration steps applied to the weights, in order; the variance estimator accounts for them.
    public internal(set) var calibration: [CalibrationStep] = []
    /// The calibration residualisation precomputed for domain estimates (see `CalibrationProjection`).
    var projection: CalibrationProjection?

    /// Builds the design.
    /// - Parameters:
    ///   - count: number of respondents, needed when no other argument gives it.
    ///   - weights: sampling weights, positive; nil gives N_h/n_h when `fpc` gives population sizes, else 1.
    ///   - strata: stratum label of each respondent, nil for an unstratified sample.
    ///   - clusters: PSU label of each respondent, nil when each respondent is its own PSU.
    ///   - fpc: per respondent, either the number of PSUs in the population of its stratum (all ≥ 1) or
    ///     the sampling fraction of its stratum (all ≤ 1), constant within a stratum; nil for none.
    public init(
        count given: Int? = nil, weights: [Double]?, strata: [String]? = nil, clusters: [String]? = nil,
        fpc: [Double]? = nil
    ) throws(SurveyDesignError) {
        let count = weights?.count ?? strata?.count ?? clusters?.count ?? fpc?.count ?? given ?? 0
        for (name, length) in [("strata", strata?.count), ("cluster", clusters?.count), ("fpc", fpc?.count)] {
            if let length, length != count {
                throw SurveyDesignError(
                    field: name, message: "the \(name) column has \(length) values for \(count) respondents")
            }
        }
        guard count > 0 else { throw SurveyDesignError(field: "weight", message: "the sample is empty") }

        // Strata, numbered in sorted label order.
        var stratumOfRow = [Int32](repeating: 0, count: count)
        var strataLabels = ["1"]
        if let strata {
            strataLabels = Array(Set(strata)).sorted(by: SurveyDesign.labelOrder)
            let index = Dictionary(uniqueKeysWithValues: strataLabels.enumerated().map { ($1, Int32($0)) })
            for row in 0..<count { stratumOfRow[row] = index[strata[row]] ?? 0 }
        }

        // PSUs, nested in strata.
        var psuOfRow = [Int32](repeating: 0, count: count)
        var stratumOfPSU: [Int32] = []
        if let clusters {
            var index: [String: Int32] = [:]
            for row in 0..<count {
                let key = "\(stratumOfRow[row])\u{1F}\(clusters[row])"
                if let psu = index[key] {
                    psuOfRow[row] = psu
                } else {
                    let psu = Int32(stratumOfPSU.count)
                    index[key] = psu
                    stratumOfPSU.append(stratumOfRow[row])
                    psuOfRow[row] = psu
                }
            }
        } else {
            for row in 0..<count { psuOfRow[row] = Int32(row) }
            stratumOfPSU = stratumOfRow
        }
        if stratumOfPSU.count == 1 && strata == nil {
            throw SurveyDesignError(
                field: "cluster", message: "the design has only one primary sampling unit: no variance can be estimated"
            )
        }
        var psuCount = [Int](repeating: 0, count: strataLabels.count)
        for stratum in stratumOfPSU { psuCount[Int(stratum)] += 1 }

        // Finite population correction, as R's as.fpc: population sizes (all ≥ 1) or fractions (all ≤ 1).
        var population: [Double]?
        if let fpc {
            var perStratum = [Double?](repeating: nil, count: strataLabels.count)
            let asSizes = fpc.contains { $0 > 1 }
            for row in 0..<count {
                let value = fpc[row]
                guard value.isFinite, value > 0 else {
                    throw SurveyDesignError(
                        row: row, field: "fpc",
                        message: "the finite population correction must be a positive number (found \(value))")
                }
                if asSizes && value < 1 {
                    throw SurveyDesignError(
                        row: row, field: "fpc",
                        message:
                            "the fpc column mixes population sizes (> 1) and sampling fractions (< 1): use one or the "
                            + "other"
                    )
                }
                let stratum = Int(stratumOfRow[row])
                let size = asSizes ? value : Double(psuCount[stratum]) / value
                if let known = perStratum[stratum], abs(known - size) > 1e-9 * max(1, known) {
                    throw SurveyDesignError(
                        row: row, field: "fpc",
                        message:
                            "the finite population correction varies within stratum \(strataLabels[stratum]) "
                            + "(\(known) and \(size))"
                    )
                }
                perStratum[stratum] = size
                if size < Double(psuCount[stratum]) - 1e-9 {
                    throw SurveyDesignError(
                        row: row, field: "fpc",
                        message:
                            "stratum \(strataLabels[stratum]) has \(psuCount[stratum]) sampled units but a population "
                            + "of \(size): more than 100 % sampled"
                    )
                }
            }
            population = perStratum.map { $0 ?? .infinity }
        }

        // Weights: given, else N_h / n_h (probabilities from the fpc), else 1.
        var resolved: [Double]
        if let weights {
            for (row, weight) in weights.enumerated() where !(weight.isFinite && weight >= 0) {
                throw SurveyDesignError(
                    row: row, field: "weight", message: "a sampling weight must be a number ≥ 0 (found \(weight))")
            }
            if let row = Self.firstOverflowingWeight(weights) {
                throw SurveyDesignError(row: row, field: "weight", message: Self.overflowMessage(weights[row]))
            }
            resolved = weights
        } else if let population {
            resolved = (0..<count).map { row in
                let stratum = Int(stratumOfRow[row])
                return population[stratum] / Double(psuCount[stratum])
            }
        } else {
            resolved = [Double](repeating: 1, count: count)
        }

        // A stratum with one PSU has no variance estimate unless it is a certainty stratum
        // (R's default survey.lonely.psu = "fail").
        for (stratum, n) in psuCount.enumerated() where n == 1 {
            let certainty = population.map { ($0[stratum] - 1) / $0[stratum] < 1e-7 } ?? false
            if !certainty {
                throw SurveyDesignError(
                    field: "strata",
                    message:
                        "stratum \(strataLabels[stratum]) has only one primary sampling unit: merge it with another "
                        + "stratum, or give its fpc if it was sampled with certainty"
                )
            }
        }

        self.count = count
        self.weights = resolved
        self.stratumOfRow = stratumOfRow
        self.psuOfRow = psuOfRow
        self.stratumOfPSU = stratumOfPSU
        self.psuCount = psuCount
        self.populationPSUCount = population
        self.strataLabels = strataLabels
        self.isStratified = strata != nil
        self.isClustered = clusters != nil
        self.stratumScale = Self.scales(psuCount: psuCount, population: population)
    }

    /// The first row at which the running Σw or Σw² stops being a finite double (every estimate
    /// divides by Σw, and Kish's effective n and the variance need Σw²), nil when both stay finite.
    public static func firstOverflowingWeight(_ weights: [Double]) -> Int? {
        var sum = 0.0
        var squares = 0.0
        for (row, weight) in weights.enumerated() {
            sum += weight
            squares += weight * weight
            if !sum.isFinite || !squares.isFinite { return row }
        }
        return nil
    }

    /// Why `weight` is refused when `firstOverflowingWeight` stops at it.
    public static func overflowMessage(_ weight: Double) -> String {
        "weight \(weight): with it the sum of the weights (or of their squares, which the variance needs) exceeds "
            + "the largest number a double holds (1.8e308); rescale the weights"
    }

    /// Number of primary sampling units.
    public var psuTotal: Int { stratumOfPSU.count }

    /// Design degrees of freedom over the respondents selected by `rows` with a non-zero weight:
    /// number of PSUs minus number of strata among them (R's `degf`).
    public func degreesOfFreedom(rows: [Int]? = nil) -> Int {
        var stratumSeen = [Bool](repeating: false, count: psuCount.count)
        var psuSeen = isClustered ? [Bool](repeating: false, count: psuTotal) : []
        var psus = 0
        var strata = 0
        func visit(_ row: Int) {
            guard weights[row] != 0 else { return }
            let stratum = Int(stratumOfRow[row])
            if !stratumSeen[stratum] {
                stratumSeen[stratum] = true
                strata += 1
            }
            if isClustered {
                let psu = Int(psuOfRow[row])
                if !psuSeen[psu] {
                    psuSeen[psu] = true
                    psus += 1
                }
            } else {
                psus += 1
            }
        }
        if let rows { for row in rows { visit(row) } } else { for row in 0..<count { visit(row) } }
        return psus - strata
    }

    /// Variance factor of each stratum, (1 − n_h/N_h) · n_h/(n_h − 1), as R's `onestrat`; 0 for a
    /// stratum sampled whole.
    let stratumScale: [Double]

    /// Variance factor of each stratum (see `stratumScale`).
    static func scales(psuCount: [Int], population: [Double]?) -> [Double] {
        psuCount.indices.map { stratum in
            let n = Double(psuCount[stratum])
            var remaining = 1.0
            if let population, population[stratum].isFinite {
                remaining = (population[stratum] - n) / population[stratum]
            }
            if remaining < 1e-7 { return 0 }
            return n > 1 ? remaining * n / (n - 1) : remaining
        }
    }

    /// The design with new weights and one more calibration step (used by the calibration functions).
    func recalibrated(weights: [Double], step: CalibrationStep) -> SurveyDesign {
        var copy = self
        copy.weights = weights
        copy.calibration.append(step)
        copy.projection = CalibrationProjection(design: copy)
        return copy
    }

    /// The design with weights replaced without calibration (trimming keeps earlier calibration steps,
    /// as R's `trimWeights`).
    func reweighted(_ weights: [Double]) -> SurveyDesign {
        var copy = self
        copy.weights = weights
        return copy
    }

    /// Orders labels numerically when both are numbers, else as text (so 2 < 10, and "a" < "b").
    public static func labelOrder(_ left: String, _ right: String) -> Bool {
        if let l = Double(left), let r = Double(right), l != r { return l < r }
        return left < right
    }
}
