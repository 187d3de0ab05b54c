import Foundation

/// The values of one indicator in one territory over the years, with the national value of each
/// year, and how it changed.
public struct IndicatorTrend: Sendable, Hashable, Codable {
    public struct Point: Sendable, Hashable, Codable {
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

/// Two years of an indicator that cannot be compared, in one sentence.
public enum IndicatorChangeError: Error, Sendable, Hashable, CustomStringConvertible {
    case order(from: Int, to: Int)
    case singleYear(indicator: String, year: Int?)
    case yearNotHeld(indicator: String, year: Int, held: [Int])
    case noIndicatorHeldAtBoth(from: Int?, to: Int?)

    public var description: String {
        switch self {
        case .order(let from, let to):
            "--from \(from) must be an earlier year than --to \(to)"
        case .singleYear(let indicator, let year):
            "the indicator \(indicator) is held for "
                + (year.map { "one year only (\($0))" } ?? "no year") + " at this level: no change to measure"
        case .yearNotHeld(let indicator, let year, let held):
            "the indicator \(indicator) has no value in \(year) at this level (years held: "
                + "\(held.map(String.init).joined(separator: ", ")))"
        case .noIndicatorHeldAtBoth(let from, let to):
            "no indicator is held at this level in both "
                + "\(from.map(String.init) ?? "its first year") and \(to.map(String.init) ?? "its last year")"
        }
    }
}

extension IndicatorTrend {
    /// The code of France in the trends of `between` (its values are the national values).
    public static let national = "FR"

    /// For `indicator` (or every indicator of `history` held for two years or more, in code order), the
    /// trend of every territory and of France (`national`) between `from` and `to` (by default the first
    /// and the last year held by the indicator): the points of those two years only, so that
    /// `points.last?.annualChange` is (v_to − v_from)/(to − from) and `averageAnnualGrowth` the growth
    /// rate between them. A territory without a value at both years is left out.
    public static func between(_ history: [IndicatorSeries], indicator: String?, from: Int?, to: Int?)
        throws(IndicatorChangeError) -> [IndicatorTrend]
    {
        if let from, let to, from >= to { throw .order(from: from, to: to) }
        let byIndicator = Dictionary(grouping: history, by: \.indicator)
        let codes = indicator.map { [$0] } ?? byIndicator.keys.sorted()
        var trends: [IndicatorTrend] = []
        for code in codes {
            let years = (byIndicator[code] ?? []).sorted { $0.year < $1.year }
            let held = years.map(\.year)
            let first = from ?? held.first
            let last = to ?? held.last
            guard let first, let last, first < last, held.contains(first), held.contains(last) else {
                guard indicator != nil else { continue }
                if held.count < 2 { throw .singleYear(indicator: code, year: held.first) }
                if let missing = [first, last].compactMap({ $0 }).first(where: { !held.contains($0) }) {
                    throw .yearNotHeld(indicator: code, year: missing, held: held)
                }
                throw .order(from: first ?? 0, to: last ?? 0)
            }
            let chosen = years.filter { $0.year == first || $0.year == last }
            let national = chosen.map { series in
                IndicatorSeries(
                    indicator: code, year: series.year, values: series.national.map { [Self.national: $0] } ?? [:],
                    national: series.national)
            }
            let territories = Set(chosen.flatMap(\.values.keys)).sorted()
            trends += territories.map { IndicatorTrend(indicator: code, territory: $0, history: chosen) }
            trends.append(IndicatorTrend(indicator: code, territory: Self.national, history: national))
            trends.removeAll { $0.indicator == code && $0.points.count < 2 }
        }
        guard !trends.isEmpty else { throw .noIndicatorHeldAtBoth(from: from, to: to) }
        return trends
    }
}
