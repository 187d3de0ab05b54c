import Foundation

/// How normalised scores are combined into a domain score, and domain scores into an axis score
/// (JRC/OECD Handbook on Constructing Composite Indicators, 2008, section 1.6 and step 6; COINr
/// `a_amean`, `a_gmean`, `a_hmean`, `a_genmean`, `a_copeland`). Written as text (`rawValue`):
/// `arithmetic`, `geometric`, `shifted-geometric`, `harmonic`, `power:P`, `copeland`.
///
/// The means are weighted quasi-arithmetic means M = f⁻¹(Σ w·f(y) / Σ w) over the scores present,
/// weights renormalised over them: f(y) = y (arithmetic), ln y (geometric), 1/y (harmonic), y^p
/// (power), ln(y + c) then M − c (shifted geometric). Copeland is not a mean: it counts pairwise
/// outrankings among the peers (see `copelandScores`).
public enum CompositeAggregation: Sendable, Hashable {
    /// Σ w·y / Σ w: full compensation.
    case arithmetic
    /// exp(Σ w·ln y / Σ w), y > 0: a weak score is compensated less by a strong one.
    case geometric
    /// exp(Σ w·ln(y + c) / Σ w) − c with c = max(0, 1 − m), m the smallest score of the group
    /// among all the peers: the geometric mean made safe for scores ≤ 0 (equal to it when m ≥ 1).
    case shiftedGeometric
    /// Σ w / Σ (w/y), y > 0: the least compensatory of the means.
    case harmonic
    /// (Σ w·y^p / Σ w)^(1/p), p ≠ 0, y > 0: the generalised mean; p = 1 arithmetic, p = −1
    /// harmonic, p → 0 geometric, p → ∞ the maximum.
    case power(Double)
    /// Copeland score: wins − losses of the pairwise outrankings among the peers (non-compensatory).
    case copeland

    /// The fixed choices (the power mean needs its exponent): what `--aggregation` lists.
    public static let named: [CompositeAggregation] = [
        .arithmetic, .geometric, .shiftedGeometric, .harmonic, .copeland,
    ]

    /// The aggregations the sensitivity analysis draws from: from full compensation to none.
    public static let sampled: [CompositeAggregation] = [.arithmetic, .geometric, .harmonic, .copeland]

    public var rawValue: String {
        switch self {
        case .arithmetic: "arithmetic"
        case .geometric: "geometric"
        case .shiftedGeometric: "shifted-geometric"
        case .harmonic: "harmonic"
        case .power(let p): "power:" + Self.exponentText(p)
        case .copeland: "copeland"
        }
    }

    static func exponentText(_ p: Double) -> String {
        p == p.rounded() && abs(p) < 1e15 ? String(Int(p)) : String(p)
    }

    public init?(rawValue: String) { try? self.init(parsing: rawValue) }

    /// - Throws: `AggregationError` with a sentence for an unknown name or a bad exponent.
    public init(parsing text: String) throws(AggregationError) {
        if let fixed = Self.named.first(where: { $0.rawValue == text }) {
            self = fixed
            return
        }
        guard text.hasPrefix("power:") else {
            throw AggregationError(
                "unknown aggregation \"\(text)\": use arithmetic, geometric, shifted-geometric, harmonic, "
                    + "power:P (P a number other than 0) or copeland")
        }
        let exponent = String(text.dropFirst("power:".count))
        guard let p = Double(exponent), p.isFinite else {
            throw AggregationError("the exponent of \"\(text)\" must be a number, as in power:2 or power:-0.5")
        }
        guard p != 0 else {
            throw AggregationError("power:0 is the geometric mean (the limit p → 0): use --aggregation geometric")
        }
        self = .power(p)
    }

    /// Whether the score of a territory is its own mean (false for Copeland, which compares peers).
    public var isMean: Bool { self != .copeland }

    /// f(y) of the quasi-arithmetic mean; NaN where it is not defined (y ≤ 0 for all but the
    /// arithmetic mean; `shift` is c of the shifted geometric mean).
    func transformed(_ y: Double, shift: Double) -> Double {
        switch self {
        case .arithmetic: return y
        case .geometric: return y > 0 ? log(y) : .nan
        case .shiftedGeometric: return y + shift > 0 ? log(y + shift) : .nan
        case .harmonic: return y > 0 ? 1 / y : .nan
        case .power(let p): return y > 0 ? pow(y, p) : .nan
        case .copeland: return .nan
        }
    }

    /// f⁻¹(m) of the quasi-arithmetic mean.
    func inverse(_ m: Double, shift: Double) -> Double {
        switch self {
        case .arithmetic: return m
        case .geometric: return exp(m)
        case .shiftedGeometric: return exp(m) - shift
        case .harmonic: return 1 / m
        case .power(let p): return pow(m, 1 / p)
        case .copeland: return .nan
        }
    }

    /// c = max(0, 1 − m) of the shifted geometric mean, m the smallest score of the group among
    /// the peers (0 for the other aggregations and when no score is present).
    public func shift(smallest: Double) -> Double {
        self == .shiftedGeometric && smallest.isFinite ? max(0, 1 - smallest) : 0
    }

    /// The weighted mean of `values` (NaN = missing) with `weights`: M = f⁻¹(Σ w·f(y) / Σ w) over
    /// the values present with w > 0. Nil when none is, or when one is outside the domain of f
    /// (y ≤ 0: the geometric, harmonic and power means are undefined, COINr stops there too).
    public func mean(_ values: [Double], weights: [Double], shift: Double = 0) -> Double? {
        precondition(isMean, "Copeland scores compare peers: use copelandScores")
        var sum = 0.0
        var total = 0.0
        for (y, w) in zip(values, weights) where !y.isNaN && w > 0 {
            let f = transformed(y, shift: shift)
            guard !f.isNaN else { return nil }
            sum += w * f
            total += w
        }
        return total > 0 ? inverse(sum / total, shift: shift) : nil
    }

    /// Copeland scores of the peers (columns of `rows`, one row per component, NaN = missing):
    /// for peers i ≠ j, e_ij = Σ w_k·([y_ki > y_kj] + ½·[y_ki = y_kj]) / Σ w_k over the components
    /// k with w_k > 0 that both have; i outranks j when e_ij > ½. The score of i is the number of
    /// peers it outranks minus the number that outrank it, in [−(n − 1), n − 1], higher = more
    /// fragile; NaN for a peer with no component. Munda & Nardo (2009), "Noncompensatory/nonlinear
    /// composite indicators for ranking countries", Applied Economics 41(12); JRC/OECD Handbook
    /// 2008, section 6.2; COINr `outrankMatrix` and `a_copeland` (equal on complete data; with
    /// missing values the weights are renormalised over the components both peers have).
    public static func copelandScores(_ rows: [[Double]], weights: [Double]) -> [Double] {
        let count = rows.first?.count ?? 0
        let used = rows.indices.filter { weights[$0] > 0 }
        var scores = [Double](repeating: 0, count: count)
        let present = (0..<count).map { p in used.contains { !rows[$0][p].isNaN } }
        for i in 0..<count where present[i] {
            for j in (i + 1)..<count where present[j] {
                var above = 0.0
                var total = 0.0
                for k in used {
                    let a = rows[k][i]
                    let b = rows[k][j]
                    guard !a.isNaN, !b.isNaN else { continue }
                    total += weights[k]
                    if a > b { above += weights[k] } else if a == b { above += weights[k] / 2 }
                }
                guard total > 0 else { continue }
                if above > total / 2 {
                    scores[i] += 1
                    scores[j] -= 1
                } else if above < total / 2 {
                    scores[i] -= 1
                    scores[j] += 1
                }
            }
        }
        return (0..<count).map { present[$0] ? scores[$0] : .nan }
    }
}

extension CompositeAggregation: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// An aggregation named wrongly.
public struct AggregationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension CompositeAggregation: CustomStringConvertible {
    public var description: String { rawValue }
}
