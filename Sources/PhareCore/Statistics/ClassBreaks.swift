import Foundation

/// Sample quantiles and the class breaks of a choropleth map.
public enum ClassBreaks {
    /// The sample quantile of probability `p` by linear interpolation between order statistics
    /// (Hyndman & Fan 1996, definition 7; the default of R's `quantile()` and of numpy):
    /// with x₍₁₎ ≤ … ≤ x₍ₙ₎ and h = (n − 1)·p, Q(p) = x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎).
    /// Returns nil for an empty sample or p outside [0, 1]. Non-finite values are ignored.
    public static func quantile(_ values: [Double], _ p: Double) -> Double? {
        guard p >= 0, p <= 1 else { return nil }
        return Quantile.type7(values.filter(\.isFinite).sorted(), p)
    }

    /// Quantile classes for a map: the inner breaks Q(1/k), …, Q((k−1)/k) (type 7 above), with
    /// duplicates removed, so that each class holds about the same number of territories
    /// (Slocum et al., *Thematic Cartography*, ch. 5). A value v falls in class
    /// #{breaks b : v ≥ b}; k classes at most, fewer when values repeat.
    public static func quantileBreaks(_ values: [Double], classes: Int) -> [Double] {
        guard classes > 1 else { return [] }
        var breaks: [Double] = []
        for index in 1..<classes {
            guard let value = quantile(values, Double(index) / Double(classes)) else { return [] }
            if breaks.last != value { breaks.append(value) }
        }
        let finite = values.filter(\.isFinite)
        // A break equal to the minimum would leave the first class empty.
        if let minimum = finite.min() { breaks.removeAll { $0 <= minimum } }
        return breaks
    }

    /// The class (0-based) of `value` given ascending `breaks`: the number of breaks ≤ value.
    public static func classIndex(of value: Double, breaks: [Double]) -> Int {
        breaks.reduce(0) { $0 + (value >= $1 ? 1 : 0) }
    }

    /// Standard competition ranks ("1224"): rank = 1 + number of values strictly better, so
    /// ties share the best rank (R `rank(-x, ties.method = "min")` when `descending`). nil
    /// values get no rank.
    public static func competitionRanks(_ values: [Double?], descending: Bool) -> [Int?] {
        Ranking.competition(
            values.map { value in
                guard let value, value.isFinite else { return .nan }
                return descending ? -value : value
            })
    }
}
