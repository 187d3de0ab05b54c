import Foundation

/// An indicator the outlier rule cannot judge.
public struct OutlierTreatmentError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// What the outlier rule did to one indicator.
public struct TreatedIndicator: Sendable, Hashable, Codable {
    public enum Treatment: String, Sendable, Hashable, Codable {
        /// |skewness| < 2 or kurtosis < 3.5 from the start.
        case none
        /// Winsorised one point at a time until the rule passed.
        case winsorised
        /// Winsorising up to the limit was not enough: log(x − min + 0.01·(max − min)) of the raw values.
        case logTransformed = "log"
    }

    public var treatment: Treatment
    /// The treated values, in the input order (NaN stays NaN).
    public var values: [Double]
    /// Positions replaced by the next highest (high outliers) or next lowest (low outliers) value.
    public var winsorisedHigh: [Int]
    public var winsorisedLow: [Int]
    /// Skewness and kurtosis before and after (nil when the values do not vary).
    public var skewness: Double?
    public var kurtosis: Double?
    public var skewnessAfter: Double?
    public var kurtosisAfter: Double?
    /// Whether the treated values pass the rule.
    public var passes: Bool
}

/// Outlier treatment of an indicator before normalisation, COINr's default rule (`Treat()`,
/// R/treat.R: `winsorise` with `winmax = 5`, `skew_thresh = 2`, `kurt_thresh = 3.5`, then `log_CT`,
/// `combine_treat = FALSE`; JRC/OECD Handbook 2008, section 1.5).
///
/// The values pass when |G₁| < 2 or G₂ < 3.5. While they do not, and fewer than 5 points are
/// winsorised: if G₁ ≥ 0 the maximum (all points tied at it) is replaced by the largest other
/// value, otherwise the minimum by the smallest other value. If the rule still fails, the raw
/// values are log-transformed instead: log(x − min + 0.01·(max − min)).
public enum OutlierTreatment {
    public static let winsorisationLimit = 5
    public static let skewnessThreshold = 2.0
    public static let kurtosisThreshold = 3.5
    public static let minimumValues = 5

    /// Sample skewness with the bias adjustment, COINr `skew`, = `scipy.stats.skew(x, bias=False)`:
    /// G₁ = g₁·√(n(n − 1))/(n − 2), g₁ = m₃/m₂^{3/2}, m_k = Σ(x − x̄)^k / n. Nil for n < 3 or no spread.
    public static func skewness(_ x: [Double]) -> Double? {
        let n = Double(x.count)
        guard x.count >= 3 else { return nil }
        let mean = x.reduce(0, +) / n
        let m2 = x.reduce(0) { $0 + pow($1 - mean, 2) } / n
        let m3 = x.reduce(0) { $0 + pow($1 - mean, 3) } / n
        guard m2 > 0 else { return nil }
        return m3 / pow(m2, 1.5) * (n * (n - 1)).squareRoot() / (n - 2)
    }

    /// Sample excess kurtosis with the bias adjustment, COINr `kurt`, =
    /// `scipy.stats.kurtosis(x, fisher=True, bias=False)`: G₂ = ((n + 1)(r − 3) + 6)(n − 1)/((n − 2)(n − 3)),
    /// r = m₄/m₂². Nil for n < 4 or no spread.
    public static func kurtosis(_ x: [Double]) -> Double? {
        let n = Double(x.count)
        guard x.count >= 4 else { return nil }
        let mean = x.reduce(0, +) / n
        let m2 = x.reduce(0) { $0 + pow($1 - mean, 2) } / n
        let m4 = x.reduce(0) { $0 + pow($1 - mean, 4) } / n
        guard m2 > 0 else { return nil }
        let r = m4 / (m2 * m2)
        return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    }

    /// COINr `check_SkewKurt`: |G₁| < 2 or G₂ < 3.5 (values without spread pass).
    public static func passes(_ x: [Double]) -> Bool {
        guard let s = skewness(x), let k = kurtosis(x) else { return true }
        return abs(s) < skewnessThreshold || k < kurtosisThreshold
    }

    /// Applies the rule to the values of one indicator over the peers (NaN = missing, left out).
    /// - Throws: `OutlierTreatmentError` when fewer than 5 values are present.
    public static func treat(_ values: [Double], indicator: String) throws(OutlierTreatmentError) -> TreatedIndicator {
        let positions = values.indices.filter { !values[$0].isNaN }
        guard positions.count >= minimumValues else {
            throw OutlierTreatmentError(
                "the outlier rule needs at least \(minimumValues) values of an indicator, and \(indicator) has "
                    + "\(positions.count)")
        }
        let raw = positions.map { values[$0] }
        var x = raw
        var high: [Int] = []
        var low: [Int] = []
        var passing = passes(x)
        let initiallyPassing = passing
        while !passing && high.count + low.count < winsorisationLimit {
            if (skewness(x) ?? 0) >= 0 {
                let top = x.max() ?? 0
                high = x.indices.filter { x[$0] == top }
                let next = x.filter { $0 != top }.max() ?? top
                for i in high { x[i] = next }
            } else {
                let bottom = x.min() ?? 0
                low = x.indices.filter { x[$0] == bottom }
                let next = x.filter { $0 != bottom }.min() ?? bottom
                for i in low { x[i] = next }
            }
            passing = passes(x)
        }
        var treatment: TreatedIndicator.Treatment = initiallyPassing ? .none : .winsorised
        if !passing {
            let low = raw.min() ?? 0
            let high = raw.max() ?? 0
            x = raw.map { log($0 - low + 0.01 * (high - low)) }
            treatment = .logTransformed
            passing = passes(x)
        }
        var treated = values
        for (i, position) in positions.enumerated() { treated[position] = x[i] }
        let winsorised = treatment == .winsorised
        return TreatedIndicator(
            treatment: treatment, values: treated, winsorisedHigh: winsorised ? high.map { positions[$0] } : [],
            winsorisedLow: winsorised ? low.map { positions[$0] } : [], skewness: skewness(raw),
            kurtosis: kurtosis(raw), skewnessAfter: skewness(x), kurtosisAfter: kurtosis(x), passes: passing)
    }
}

/// The outlier rule applied to one diagnosed indicator over the peers of a diagnosis.
public struct IndicatorTreatment: Sendable, Hashable, Codable {
    public var indicator: String
    public var domain: String?
    /// Peer codes, in the order of `raw` and `result.values`.
    public var territories: [String]
    public var raw: [Double]
    public var result: TreatedIndicator
}

extension OutlierTreatment {
    /// The rule applied to every diagnosed indicator of `input` (or to `only`), in catalogue order.
    /// - Throws: `OutlierTreatmentError` naming the indicators with fewer than 5 values among the peers.
    public static func treat(_ input: DiagnosisInput, only: String? = nil) throws(OutlierTreatmentError)
        -> [IndicatorTreatment]
    {
        let series = Dictionary(input.series.map { ($0.indicator, $0) }, uniquingKeysWith: { first, _ in first })
        let codes = input.peers.map(\.code)
        let chosen = input.catalogue.diagnosed().filter { series[$0.code] != nil && (only == nil || $0.code == only) }
        guard !chosen.isEmpty else {
            throw OutlierTreatmentError(
                only.map { "no values of the indicator \($0) at this level" } ?? "no indicator values at this level")
        }
        var treated: [IndicatorTreatment] = []
        var short: [String] = []
        for definition in chosen {
            let values = codes.map { code -> Double in
                guard let value = series[definition.code]?.values[code]?.value, value.isFinite else { return .nan }
                return value
            }
            do {
                treated.append(
                    IndicatorTreatment(
                        indicator: definition.code, domain: definition.domain, territories: codes, raw: values,
                        result: try treat(values, indicator: definition.code)))
            } catch {
                short.append("\(definition.code) (\(values.filter { !$0.isNaN }.count))")
            }
        }
        guard short.isEmpty else {
            throw OutlierTreatmentError(
                "the outlier rule needs at least \(minimumValues) values of an indicator among the peers; "
                    + "too few for: \(short.joined(separator: ", "))")
        }
        return treated
    }
}
