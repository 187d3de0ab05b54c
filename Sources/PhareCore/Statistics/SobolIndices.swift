import Foundation

/// A sample size or factor count the Sobol analysis cannot use.
public struct SensitivityError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// First- and total-order Sobol indices of one factor on one output, with the half-widths of
/// their 95 % bootstrap intervals (the index ± the half-width).
public struct SobolIndex: Sendable, Hashable, Codable {
    public var factor: String
    public var firstOrder: Double
    public var firstOrderConfidence: Double
    public var totalOrder: Double
    public var totalOrderConfidence: Double

    public init(
        factor: String, firstOrder: Double, firstOrderConfidence: Double, totalOrder: Double,
        totalOrderConfidence: Double
    ) {
        self.factor = factor
        self.firstOrder = firstOrder
        self.firstOrderConfidence = firstOrderConfidence
        self.totalOrder = totalOrder
        self.totalOrderConfidence = totalOrderConfidence
    }
}

/// Variance-based sensitivity indices from Saltelli's design (Saltelli et al. 2010, "Variance
/// based sensitivity analysis of model output. Design and estimator for the total sensitivity
/// index", Comput. Phys. Commun. 181(2); SALib `sobol.analyze`, `calc_second_order=False`).
///
/// Design: A and B are N × k matrices, the first and last k columns of N points of a 2k-dimensional
/// Sobol sequence; A_B⁽ⁱ⁾ is A with its column i taken from B. The model is run on the N(k + 2)
/// rows, in SALib's order: for each j, A_j, A_B⁽¹⁾_j … A_B⁽ᵏ⁾_j, B_j.
/// Estimators, after standardising y over all the runs (y − ȳ)/sd (population sd, as SALib):
/// V = Var(y over A ∪ B) (population variance),
/// Sᵢ = (1/N) Σⱼ f(B)ⱼ (f(A_B⁽ⁱ⁾)ⱼ − f(A)ⱼ) / V (Saltelli 2010, table 2 (b)),
/// S_Tᵢ = (1/2N) Σⱼ (f(A)ⱼ − f(A_B⁽ⁱ⁾)ⱼ)² / V (Jansen 1999, table 2 (f)).
/// Intervals: the indices recomputed on R resamples of the N rows drawn with replacement;
/// half-width = z₀.₉₇₅ × sd of the resampled indices (n − 1 denominator), as SALib.
public enum SobolIndices {
    /// z such that Φ(z) = 0.975.
    public static let z975 = 1.959_963_984_540_054

    /// The rows of Saltelli's design for `factors` inputs and a base sample of `baseSize`, each
    /// in [0, 1)ᵏ, in the order the estimators expect.
    /// - Throws: `SensitivityError` when `baseSize` is not a power of two (the Sobol points are then
    ///   not balanced) or the factors need more dimensions than the direction numbers hold.
    public static func design(factors: Int, baseSize: Int) throws(SensitivityError) -> [[Double]] {
        guard baseSize >= 2, baseSize & (baseSize - 1) == 0 else {
            throw SensitivityError(
                "the Sobol design needs a number of runs that is a power of two (such as 1024, 2048 or 4096), not "
                    + "\(baseSize): only then are its points balanced")
        }
        guard factors >= 1, 2 * factors <= SobolSequence.maximumDimensions else {
            throw SensitivityError(
                "the Sobol design holds 1 to \(SobolSequence.maximumDimensions / 2) factors, not \(factors)")
        }
        let points = SobolSequence(dimensions: 2 * factors).points(baseSize)
        var rows: [[Double]] = []
        rows.reserveCapacity(baseSize * (factors + 2))
        for point in points {
            let a = Array(point[0..<factors])
            let b = Array(point[factors..<(2 * factors)])
            rows.append(a)
            for i in 0..<factors {
                var ab = a
                ab[i] = b[i]
                rows.append(ab)
            }
            rows.append(b)
        }
        return rows
    }

    /// The level a coordinate u ∈ [0, 1) stands for among `count` discrete choices: ⌊u·count⌋.
    public static func level(_ u: Double, count: Int) -> Int {
        min(Int(u * Double(count)), count - 1)
    }

    /// `count` resamples of the N base rows, drawn with replacement by a seeded generator.
    public static func resamples(baseSize: Int, count: Int, seed: UInt64) -> [[Int]] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in (0..<baseSize).map { _ in level(random.nextUniform(), count: baseSize) } }
    }

    /// The indices of each of the `factors` inputs on the output `y` (N(k + 2) values in the
    /// design's order), named by `names`. Nil when y does not vary: no factor moves it.
    public static func estimate(_ y: [Double], names: [String], resamples: [[Int]]) -> [SobolIndex]? {
        let factors = names.count
        let step = factors + 2
        precondition(y.count % step == 0 && !y.isEmpty, "output size does not match the design")
        let n = y.count / step
        let mean = y.reduce(0, +) / Double(y.count)
        let sd = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)).squareRoot()
        guard sd > 0 else { return nil }
        let z = y.map { ($0 - mean) / sd }
        let a = (0..<n).map { z[$0 * step] }
        let b = (0..<n).map { z[$0 * step + step - 1] }
        let ab = (0..<factors).map { i in (0..<n).map { z[$0 * step + 1 + i] } }

        /// (Sᵢ, S_Tᵢ) for every factor over the rows `rows`.
        func indices(_ rows: [Int]) -> [(Double, Double)] {
            var sum = 0.0
            for j in rows { sum += a[j] + b[j] }
            let m = sum / Double(2 * rows.count)
            var variance = 0.0
            for j in rows { variance += (a[j] - m) * (a[j] - m) + (b[j] - m) * (b[j] - m) }
            variance /= Double(2 * rows.count)
            guard variance > Double.ulpOfOne else { return [(Double, Double)](repeating: (0, 0), count: factors) }
            return (0..<factors).map { i in
                var first = 0.0
                var total = 0.0
                for j in rows {
                    let d = ab[i][j] - a[j]
                    first += b[j] * d
                    total += d * d
                }
                return (first / Double(rows.count) / variance, 0.5 * total / Double(rows.count) / variance)
            }
        }

        let point = indices(Array(0..<n))
        let draws = resamples.map(indices)
        func halfWidth(_ values: [Double]) -> Double {
            guard values.count > 1 else { return .nan }
            let m = values.reduce(0, +) / Double(values.count)
            return z975 * (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
        }
        return (0..<factors).map { i in
            SobolIndex(
                factor: names[i], firstOrder: point[i].0, firstOrderConfidence: halfWidth(draws.map { $0[i].0 }),
                totalOrder: point[i].1, totalOrderConfidence: halfWidth(draws.map { $0[i].1 }))
        }
    }
}
