import Foundation

/// The values of one indicator in one territory over the years, with the national value of each
/// year, and how it changed.
public struct IndicatorTrend: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public var year: Int
        public var value: Double
        public var national: Double?
        /// value − value of the previous year held (nil for the first); divided by the years between
        /// them when they are not consecutive.
        public var annualChange: Double?
    }

    public var indicator: String
    public var territory: String
    public var points: [Point]

    /// The trend of `territory` in `history` (one `IndicatorSeries` per year of one indicator, any order).
    public init(indicator: String, territory: String, history: [IndicatorSeries]) {
        self.indicator = indicator
        self.territory = territory
        var points: [Point] = []
        for series in history.filter({ $0.indicator == indicator }).sorted(by: { $0.year < $1.year }) {
            guard let value = series.values[territory]?.value, value.isFinite else { continue }
            let change = points.last.map { (value - $0.value) / Double(series.year - $0.year) }
            points.append(
                Point(year: series.year, value: value, national: series.national?.value, annualChange: change))
        }
        self.points = points
    }

    /// Average annual growth rate between the first and the last year: (v_t / v_s)^(1/(t − s)) − 1
    /// (the compound annual growth rate); nil with fewer than two years or a non-positive value.
    public var averageAnnualGrowth: Double? {
        guard let first = points.first, let last = points.last else { return nil }
        return Self.averageAnnualGrowth(from: first.value, year: first.year, to: last.value, year: last.year)
    }

    public static func averageAnnualGrowth(from start: Double, year s: Int, to end: Double, year t: Int) -> Double? {
        guard t > s, start > 0, end > 0 else { return nil }
        return pow(end / start, 1 / Double(t - s)) - 1
    }
}
