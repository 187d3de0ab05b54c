import Foundation

/// Correlation coefficients of two paired samples of the same length, without missing values.
public enum Correlation {
    /// Pearson's r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)²·Σ(y − ȳ)²) (numpy `corrcoef`); nil for fewer
    /// than 2 pairs or when x or y does not vary.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count, "paired samples")
        guard x.count >= 2 else { return nil }
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return min(1, max(-1, sxy / (sxx * syy).squareRoot()))
    }

    /// Spearman's ρ: Pearson's r of the ranks, ties sharing their mean rank (scipy
    /// `stats.spearmanr`; Spearman 1904, Am. J. Psychol. 15(1)).
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        pearson(Ranking.average(x), Ranking.average(y))
    }
}

/// Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi method: plane
/// rotations A ← JᵀAJ zero each off-diagonal element in turn, sweep after sweep, until the
/// off-diagonal sum of squares falls below 10⁻²⁴ of the total (Golub & Van Loan, Matrix
/// Computations, 4th ed., 2013, section 8.5; rotation of Rutishauser as in Numerical Recipes,
/// 3rd ed., section 11.1). Converges quadratically; suited to the small correlation matrices of
/// the coherence checks.
public enum SymmetricEigen {
    /// Eigenvalues in decreasing order with their unit eigenvectors (`vectors[i]` belongs to
    /// `values[i]`). `matrix` must be square and symmetric.
    public static func decompose(_ matrix: [[Double]]) -> (values: [Double], vectors: [[Double]]) {
        let n = matrix.count
        precondition(matrix.allSatisfy { $0.count == n }, "a square matrix")
        var a = matrix
        var v = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        let total = a.joined().reduce(0) { $0 + $1 * $1 }
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where j != i { off += a[i][j] * a[i][j] } }
            if off <= 1e-24 * max(total, .leastNormalMagnitude) { break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p][q] != 0 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<n {
                        let akp = a[k][p]
                        let akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p][k]
                        let aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k][p]
                        let vkq = v[k][q]
                        v[k][p] = c * vkp - s * vkq
                        v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0][$0] > a[$1][$1] }
        return (order.map { a[$0][$0] }, order.map { j in (0..<n).map { v[$0][j] } })
    }
}
