import Foundation

/// The calibration residualisation of `SurveyDesign.linearizedVariance`, precomputed once per
/// design so that a domain estimate costs time proportional to the domain, not to the sample.
///
/// Every step of the residualisation subtracts, from x, a weight vector ψ_e times a per-cell amount
/// (ψ_e, cells c_e: one post-stratification, or one raking margin). The residual is therefore
///
///   x* = x + Σ_e ψ_e ⊙ β_e[c_e],   β = L s,   s_e[c] = Σ_{j∈c} a_e(j) x_j,
///
/// with a_e = 1/ψ_e for a raking margin and w⁰/ψ_e for a post-stratification, and L a K × K matrix
/// (K the total number of calibration cells) obtained by running the same sequence of steps on the
/// cell coefficients instead of on x. With u_p the calibration loadings of PSU p
/// (u_p[e, c] = Σ_{j∈p, c_e(j)=c} ψ_e(j)) and z_p the PSU totals of x, the variance
///
///   V = Σ_h scale_h Σ_{p∈h} (z_p + u_p·β − z̄_h − ū_h·β)²
///     = V(z) + 2 Σ_h scale_h Σ_p (u_p − ū_h)·β z_p + βᵀ G β,   G = Σ_h scale_h Σ_p (u_p − ū_h)(u_p − ū_h)ᵀ,
///
/// needs the domain's rows only (z_p = 0 elsewhere). The result is the same number as the direct
/// computation, up to rounding; it falls back on it when cancellation would cost precision.
final class CalibrationProjection: Sendable {
    /// One block of coefficients: a post-stratification or a raking margin.
    struct Block: Sendable {
        var cells: [Int32]
        var cellCount: Int
        var offset: Int
        /// a_e(j) and ψ_e(j) per respondent.
        var a: [Double]
        var psi: [Double]
        /// N_e[c]: the divisor of each cell (count for raking, Σ w⁰ for post-stratification).
        var divisor: [Double]
    }

    let blocks: [Block]
    let dimension: Int
    /// L, K × K, row-major.
    let coefficients: [Double]
    /// G, K × K, row-major.
    let gram: [Double]
    /// ū_h, strata × K, row-major.
    let meanLoading: [Double]
    /// u_p in compressed rows: PSU p has entries loadingStart[p] ..< loadingStart[p + 1].
    let loadingStart: [Int]
    let loadingIndex: [Int32]
    let loadingValue: [Double]

    init(design: SurveyDesign) {
        let n = design.count
        var blocks: [Block] = []
        var sequence: [Int] = []
        var offset = 0
        for step in design.calibration {
            switch step {
            case .postStratification(let cells):
                var psi = cells.weightsAfter
                var a = [Double](repeating: 0, count: n)
                var divisor = [Double](repeating: 0, count: cells.cellCount)
                for row in 0..<n {
                    if psi[row] == 0 && cells.weightsBefore[row] == 0 { psi[row] = 1 }
                    a[row] = cells.weightsBefore[row] / psi[row]
                    divisor[Int(cells.cells[row])] += cells.weightsBefore[row]
                }
                sequence.append(blocks.count)
                blocks.append(
                    Block(
                        cells: cells.cells, cellCount: cells.cellCount, offset: offset, a: a, psi: psi, divisor: divisor
                    ))
                offset += cells.cellCount
            case .raking(let margins):
                let first = blocks.count
                for margin in margins {
                    var divisor = [Double](repeating: 0, count: margin.cellCount)
                    for cell in margin.cells { divisor[Int(cell)] += 1 }
                    blocks.append(
                        Block(
                            cells: margin.cells, cellCount: margin.cellCount, offset: offset,
                            a: margin.weightsAfter.map { 1 / $0 }, psi: margin.weightsAfter, divisor: divisor
                        ))
                    offset += margin.cellCount
                }
                for _ in 0..<10 { sequence += Array(first..<blocks.count) }
            }
        }
        let k = offset
        self.blocks = blocks
        self.dimension = k

        // T[r, q] = Σ_j a_e(j) ψ_f(j) over respondents in cell r (of block e) and cell q (of block f).
        var cross = [Double](repeating: 0, count: k * k)
        for row in 0..<n {
            for e in blocks {
                let r = e.offset + Int(e.cells[row])
                let a = e.a[row]
                for f in blocks { cross[r * k + f.offset + Int(f.cells[row])] += a * f.psi[row] }
            }
        }
        // L: the steps applied to the coefficients, block by block (all cells of a block from the same x).
        var l = [Double](repeating: 0, count: k * k)
        var updated = [Double](repeating: 0, count: k)
        for index in sequence {
            let block = blocks[index]
            var newRows = [Double](repeating: 0, count: block.cellCount * k)
            for cell in 0..<block.cellCount {
                let r = block.offset + cell
                for column in 0..<k { updated[column] = 0 }
                for q in 0..<k where cross[r * k + q] != 0 {
                    let t = cross[r * k + q]
                    for column in 0..<k { updated[column] += t * l[q * k + column] }
                }
                updated[r] += 1
                let divisor = block.divisor[cell]
                for column in 0..<k { newRows[cell * k + column] = l[r * k + column] - updated[column] / divisor }
            }
            for cell in 0..<block.cellCount {
                for column in 0..<k { l[(block.offset + cell) * k + column] = newRows[cell * k + column] }
            }
        }
        self.coefficients = l

        // Loadings u_p of each PSU (sparse), their stratum means ū_h and G.
        let psuCount = design.psuTotal
        var rowsOfPSU = [[Int]](repeating: [], count: psuCount)
        for row in 0..<n { rowsOfPSU[Int(design.psuOfRow[row])].append(row) }
        var start = [0]
        var index: [Int32] = []
        var value: [Double] = []
        start.reserveCapacity(psuCount + 1)
        var accumulator: [Int32: Double] = [:]
        for rows in rowsOfPSU {
            if rows.count == 1, let row = rows.first {
                for block in blocks {
                    index.append(Int32(block.offset + Int(block.cells[row])))
                    value.append(block.psi[row])
                }
            } else {
                accumulator.removeAll(keepingCapacity: true)
                for row in rows {
                    for block in blocks {
                        accumulator[Int32(block.offset + Int(block.cells[row])), default: 0] += block.psi[row]
                    }
                }
                for (key, loading) in accumulator.sorted(by: { $0.key < $1.key }) {
                    index.append(key)
                    value.append(loading)
                }
            }
            start.append(index.count)
        }
        let strata = design.psuCount.count
        var mean = [Double](repeating: 0, count: strata * k)
        for psu in 0..<psuCount {
            let h = Int(design.stratumOfPSU[psu])
            for entry in start[psu]..<start[psu + 1] { mean[h * k + Int(index[entry])] += value[entry] }
        }
        for h in 0..<strata {
            let size = Double(design.psuCount[h])
            for column in 0..<k { mean[h * k + column] /= size }
        }
        let scale = design.stratumScale
        var gram = [Double](repeating: 0, count: k * k)
        var centred = [Double](repeating: 0, count: k)
        for psu in 0..<psuCount {
            let h = Int(design.stratumOfPSU[psu])
            guard scale[h] != 0 else { continue }
            for column in 0..<k { centred[column] = -mean[h * k + column] }
            for entry in start[psu]..<start[psu + 1] { centred[Int(index[entry])] += value[entry] }
            for r in 0..<k where centred[r] != 0 {
                let factor = scale[h] * centred[r]
                for q in 0..<k { gram[r * k + q] += factor * centred[q] }
            }
        }
        self.gram = gram
        self.meanLoading = mean
        self.loadingStart = start
        self.loadingIndex = index
        self.loadingValue = value
    }

    /// The variance of Σ x over a domain (x given on `rows`, 0 elsewhere), or nil when cancellation
    /// makes the direct computation preferable.
    func variance(design: SurveyDesign, rows: [Int], values: [Double]) -> Double? {
        let k = dimension
        var s = [Double](repeating: 0, count: k)
        for (offset, row) in rows.enumerated() {
            let x = values[offset]
            for block in blocks { s[block.offset + Int(block.cells[row])] += block.a[row] * x }
        }
        var beta = [Double](repeating: 0, count: k)
        for r in 0..<k {
            var sum = 0.0
            for q in 0..<k where s[q] != 0 { sum += coefficients[r * k + q] * s[q] }
            beta[r] = sum
        }
        var quadratic = 0.0
        for r in 0..<k where beta[r] != 0 {
            var sum = 0.0
            for q in 0..<k { sum += gram[r * k + q] * beta[q] }
            quadratic += beta[r] * sum
        }
        let totals = design.psuTotals(rows: rows, values: values)
        let direct = design.variance(ofPSUTotals: totals)
        let strata = design.psuCount.count
        var meanDot = [Double](repeating: 0, count: strata)
        for h in 0..<strata {
            var sum = 0.0
            for q in 0..<k { sum += meanLoading[h * k + q] * beta[q] }
            meanDot[h] = sum
        }
        let scale = design.stratumScale
        var cross = 0.0
        for (psu, z) in totals {
            let h = Int(design.stratumOfPSU[Int(psu)])
            var dot = 0.0
            for entry in loadingStart[Int(psu)]..<loadingStart[Int(psu) + 1] {
                dot += loadingValue[entry] * beta[Int(loadingIndex[entry])]
            }
            cross += scale[h] * z * (dot - meanDot[h])
        }
        let variance = direct + 2 * cross + quadratic
        let magnitude = direct + quadratic
        if variance < 1e-8 * magnitude { return nil }
        return variance
    }
}
