import Foundation

/// A calibration the weights went through, kept with the design so that the variance estimator
/// accounts for it (weights calibrated to known totals vary less than the sample suggests).
public enum CalibrationStep: Sendable {
    /// Post-stratification: each respondent's cell, its weight before and after.
    case postStratification(PostStratificationStep)
    /// Raking: the margins of the last sweep of iterative proportional fitting.
    case raking([RakingMarginStep])
}

/// One post-stratification, as R's `postStratify` records it.
public struct PostStratificationStep: Sendable {
    /// Cell index of each respondent.
    public var cells: [Int32]
    public var cellCount: Int
    public var weightsBefore: [Double]
    public var weightsAfter: [Double]

    public init(cells: [Int32], cellCount: Int, weightsBefore: [Double], weightsAfter: [Double]) {
        self.cells = cells
        self.cellCount = cellCount
        self.weightsBefore = weightsBefore
        self.weightsAfter = weightsAfter
    }
}

/// One margin of the last raking sweep: each respondent's category on that margin and the
/// weights right after the margin was adjusted, as R's `rake` records them.
public struct RakingMarginStep: Sendable {
    public var cells: [Int32]
    public var cellCount: Int
    public var weightsAfter: [Double]

    public init(cells: [Int32], cellCount: Int, weightsAfter: [Double]) {
        self.cells = cells
        self.cellCount = cellCount
        self.weightsAfter = weightsAfter
    }
}

extension SurveyDesign {
    /// Variance of an estimated total Σ xᵢ of linearised values (influence values, one per respondent),
    /// by Taylor linearisation with ultimate clusters:
    ///
    ///   V = Σ_h (1 − n_h/N_h) · n_h/(n_h − 1) · Σ_i (z_hi − z̄_h)²,   z_hi = Σ_{j ∈ PSU hi} x_j,
    ///
    /// over all n_h PSUs of stratum h (those without a respondent of the domain contribute z = 0).
    /// Calibration steps first replace x by its residuals: for a post-stratification
    /// x_j ← x_j − w_j · Σ_{k∈c} x_k w⁰_k/w_k / Σ_{k∈c} w⁰_k (w⁰, w: weights before and after); for
    /// raking, ten passes over the margins of x_j ← x_j − w_j · mean_{k∈c}(x_k / w_k). These are the
    /// formulas of R's `svyrecvar`, `onestage` and `onestrat` (survey package 4.x; Lumley 2010,
    /// *Complex Surveys*, Wiley, §2.2 and §7.2; Särndal, Swensson & Wretman 1992, *Model Assisted
    /// Survey Sampling*, §5.5 and §7.6).
    ///
    /// - Parameters:
    ///   - rows: respondents with a non-zero value (the others have x = 0), each once.
    ///   - values: x for each of `rows`.
    public func linearizedVariance(rows: [Int], values: [Double]) -> Double {
        if calibration.isEmpty {
            return sparseVariance(rows: rows, values: values)
        }
        if let projection, let variance = projection.variance(design: self, rows: rows, values: values) {
            return variance
        }
        var dense = [Double](repeating: 0, count: count)
        for (offset, row) in rows.enumerated() { dense[row] = values[offset] }
        return linearizedVariance(dense: dense)
    }

    /// Variance of Σ xᵢ for x given for every respondent (see `linearizedVariance(rows:values:)`).
    public func linearizedVariance(dense values: [Double]) -> Double {
        var x = values
        for step in calibration { residualize(&x, step) }
        return denseVariance(x)
    }

    /// Replaces x by its residuals after one calibration step (R's `svyrecvar`).
    func residualize(_ x: inout [Double], _ step: CalibrationStep) {
        switch step {
        case .postStratification(let cells):
            var numerator = [Double](repeating: 0, count: cells.cellCount)
            var denominator = [Double](repeating: 0, count: cells.cellCount)
            for row in 0..<count {
                var after = cells.weightsAfter[row]
                let before = cells.weightsBefore[row]
                if after == 0 && before == 0 { after = 1 }
                let cell = Int(cells.cells[row])
                numerator[cell] += x[row] * before / after
                denominator[cell] += before
            }
            for row in 0..<count {
                var after = cells.weightsAfter[row]
                if after == 0 && cells.weightsBefore[row] == 0 { after = 1 }
                let cell = Int(cells.cells[row])
                x[row] -= numerator[cell] / denominator[cell] * after
            }
        case .raking(let margins):
            var sums: [[Double]] = margins.map { [Double](repeating: 0, count: $0.cellCount) }
            let sizes: [[Double]] = margins.map { margin in
                var size = [Double](repeating: 0, count: margin.cellCount)
                for cell in margin.cells { size[Int(cell)] += 1 }
                return size
            }
            for _ in 0..<10 {
                for (index, margin) in margins.enumerated() {
                    for cell in sums[index].indices { sums[index][cell] = 0 }
                    margin.cells.withUnsafeBufferPointer { cells in
                        margin.weightsAfter.withUnsafeBufferPointer { weights in
                            for row in 0..<count { sums[index][Int(cells[row])] += x[row] / weights[row] }
                            let means = zip(sums[index], sizes[index]).map { $0 / $1 }
                            for row in 0..<count { x[row] -= weights[row] * means[Int(cells[row])] }
                        }
                    }
                }
            }
        }
    }

    /// Σ_h scale_h Σ_i (z_hi − z̄_h)² with every respondent's x given.
    func denseVariance(_ x: [Double]) -> Double {
        var psuTotals = [Double](repeating: 0, count: psuTotal)
        for row in 0..<count { psuTotals[Int(psuOfRow[row])] += x[row] }
        var stratumSums = [Double](repeating: 0, count: psuCount.count)
        for (psu, total) in psuTotals.enumerated() { stratumSums[Int(stratumOfPSU[psu])] += total }
        let means = stratumSums.indices.map { stratumSums[$0] / Double(psuCount[$0]) }
        var squares = [Double](repeating: 0, count: psuCount.count)
        for (psu, total) in psuTotals.enumerated() {
            let stratum = Int(stratumOfPSU[psu])
            let centred = total - means[stratum]
            squares[stratum] += centred * centred
        }
        let scale = stratumScale
        var variance = 0.0
        for stratum in squares.indices { variance += scale[stratum] * squares[stratum] }
        return variance
    }

    /// The same sum when only the domain's respondents carry a value (no calibration): PSUs without a
    /// respondent in the domain count as z = 0, so the cost is proportional to the domain's size.
    func sparseVariance(rows: [Int], values: [Double]) -> Double {
        variance(ofPSUTotals: psuTotals(rows: rows, values: values))
    }

    /// Totals z_p of x over the PSUs holding a respondent of `rows`.
    func psuTotals(rows: [Int], values: [Double]) -> [(psu: Int32, total: Double)] {
        if !isClustered {
            return rows.enumerated().map { (psuOfRow[$1], values[$0]) }
        }
        var totals: [Int32: Double] = [:]
        totals.reserveCapacity(rows.count)
        for (offset, row) in rows.enumerated() { totals[psuOfRow[row], default: 0] += values[offset] }
        // In PSU order, so that sums are the same from one run to the next.
        return totals.map { ($0.key, $0.value) }.sorted { $0.psu < $1.psu }
    }

    /// Σ_h scale_h Σ_{p∈h} (z_p − z̄_h)² over all PSUs of the strata, the PSUs not listed having z = 0.
    func variance(ofPSUTotals totals: [(psu: Int32, total: Double)]) -> Double {
        var stratumSums = [Double](repeating: 0, count: psuCount.count)
        var touched = [Int](repeating: 0, count: psuCount.count)
        for (psu, total) in totals {
            let stratum = Int(stratumOfPSU[Int(psu)])
            stratumSums[stratum] += total
            touched[stratum] += 1
        }
        let means = stratumSums.indices.map { stratumSums[$0] / Double(psuCount[$0]) }
        var squares = [Double](repeating: 0, count: psuCount.count)
        for (psu, total) in totals {
            let stratum = Int(stratumOfPSU[Int(psu)])
            let centred = total - means[stratum]
            squares[stratum] += centred * centred
        }
        let scale = stratumScale
        var variance = 0.0
        for stratum in squares.indices where touched[stratum] > 0 {
            let empty = Double(psuCount[stratum] - touched[stratum])
            variance += scale[stratum] * (squares[stratum] + empty * means[stratum] * means[stratum])
        }
        return variance
    }
}
