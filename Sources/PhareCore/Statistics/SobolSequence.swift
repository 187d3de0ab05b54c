import Foundation

/// The Sobol low-discrepancy sequence in up to 21 dimensions (Sobol 1967; construction and
/// direction numbers of Joe & Kuo 2008, SIAM J. Sci. Comput. 30(5), file new-joe-kuo-6.21201),
/// in the Gray-code order of Antonov & Saleev (1979), unscrambled: point 0 is the origin, and
/// the first 2^m points form a (t, m, s)-net, balanced over every dyadic interval. This is the
/// sequence of Joe & Kuo's sobol.cc and of `scipy.stats.qmc.Sobol(d, scramble=False)`.
public struct SobolSequence: Sendable {
    /// Joe–Kuo direction numbers of dimensions 2…21: (a, m₁…m_s), s the degree of the primitive
    /// polynomial, a its inner coefficients as bits. Dimension 1 is the van der Corput sequence.
    static let directionNumbers: [(a: UInt32, m: [UInt32])] = [
        (0, [1]), (1, [1, 3]), (1, [1, 3, 1]), (2, [1, 1, 1]), (1, [1, 1, 3, 3]), (4, [1, 3, 5, 13]),
        (2, [1, 1, 5, 5, 17]), (4, [1, 1, 5, 5, 5]), (7, [1, 1, 7, 11, 19]), (11, [1, 1, 5, 1, 1]),
        (13, [1, 1, 1, 3, 11]), (14, [1, 3, 5, 5, 31]), (1, [1, 3, 3, 9, 7, 49]), (13, [1, 1, 1, 15, 21, 21]),
        (16, [1, 3, 1, 13, 27, 49]), (19, [1, 1, 1, 15, 7, 5]), (22, [1, 3, 1, 15, 13, 25]),
        (25, [1, 1, 5, 5, 19, 61]), (1, [1, 3, 7, 11, 23, 15, 103]), (4, [1, 3, 7, 13, 13, 15, 69]),
    ]
    public static let maximumDimensions = directionNumbers.count + 1
    static let bits = 32

    public let dimensions: Int
    /// v[d][k] = the k-th direction number of dimension d, scaled to 32 bits.
    private let directions: [[UInt32]]

    /// - Precondition: 1 ≤ dimensions ≤ `maximumDimensions`.
    public init(dimensions: Int) {
        precondition((1...Self.maximumDimensions).contains(dimensions), "Sobol dimensions out of range")
        self.dimensions = dimensions
        var directions: [[UInt32]] = [(1...Self.bits).map { UInt32(1) << UInt32(Self.bits - $0) }]
        for (a, m) in Self.directionNumbers.prefix(dimensions - 1) {
            let s = m.count
            var v = [UInt32](repeating: 0, count: Self.bits + 1)  // 1-based, as in Joe & Kuo
            for i in 1...Self.bits {
                if i <= s {
                    v[i] = m[i - 1] << UInt32(Self.bits - i)
                } else {
                    v[i] = v[i - s] ^ (v[i - s] >> UInt32(s))
                    for k in 1..<s where (a >> UInt32(s - 1 - k)) & 1 == 1 { v[i] ^= v[i - k] }
                }
            }
            directions.append(Array(v.dropFirst()))
        }
        self.directions = directions
    }

    /// The first `count` points, row-major (`count` rows of `dimensions` values in [0, 1)).
    /// - Precondition: count ≤ 2³².
    public func points(_ count: Int) -> [[Double]] {
        var x = [UInt32](repeating: 0, count: dimensions)
        var rows: [[Double]] = []
        rows.reserveCapacity(count)
        for i in 0..<count {
            if i > 0 {
                // c = position (0-based) of the rightmost zero bit of i − 1.
                let c = (~UInt64(i - 1)).trailingZeroBitCount
                for d in 0..<dimensions { x[d] ^= directions[d][c] }
            }
            rows.append(x.map { Double($0) * 0x1.0p-32 })
        }
        return rows
    }
}
