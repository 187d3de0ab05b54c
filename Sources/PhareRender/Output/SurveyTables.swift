import Foundation
import PhareAnalysis
import PhareCore

/// Survey results as printable tables, shared by `phare stats` and `phare survey`.
public enum SurveyTables {
    /// The columns every estimate carries, after its identifying columns.
    public static let estimateColumns = [
        "estimate", "se", "ci_lower", "ci_upper", "df", "n", "n_eff", "weight_sum", "below_threshold",
    ]

    /// The cells of an estimate; for `.table`, numbers are rounded to `digits` significant digits
    /// (full precision stays in CSV and JSON).
    public static func cells(_ estimate: SurveyEstimate, format: OutputFormat, digits: Int = 5) -> [Cell] {
        func number(_ value: Double?) -> Cell {
            guard let value, value.isFinite else { return .null }
            return .number(format == .table ? significant(value, digits: digits) : value)
        }
        return [
            number(estimate.estimate), number(estimate.standardError), number(estimate.lower), number(estimate.upper),
            Cell(estimate.degreesOfFreedom), .integer(estimate.sampleSize),
            number(estimate.effectiveSampleSize), number(estimate.weightSum), .bool(estimate.belowThreshold),
        ]
    }

    /// `value` rounded to `digits` significant digits (as R prints survey statistics).
    public static func significant(_ value: Double, digits: Int) -> Double {
        guard value != 0, value.isFinite else { return value }
        let magnitude = Int(floor(log10(abs(value))))
        let decimals = digits - 1 - magnitude
        if decimals <= 0 { return value.rounded() }
        let factor = pow(10, Double(min(decimals, 15)))
        return (value * factor).rounded() / factor
    }

    /// Margins reached by calibrated weights.
    public static func margins(_ checks: [MarginCheck], format: OutputFormat) -> DataTable {
        func number(_ value: Double?) -> Cell {
            guard let value else { return .null }
            return .number(format == .table ? significant(value, digits: 7) : value)
        }
        return DataTable(
            columns: ["variable", "category", "target", "reached", "difference", "relative_difference", "n"],
            rows: checks.map { check in
                [
                    .text(check.variable), .text(check.category), number(check.target), number(check.reached),
                    number(check.difference), number(check.relativeDifference), .integer(check.sampleSize),
                ]
            }
        )
    }

    /// Weight diagnostics, one row per set of weights (before / after calibration).
    public static func weights(_ rows: [(label: String, diagnostics: WeightDiagnostics)], format: OutputFormat)
        -> DataTable
    {
        func number(_ value: Double) -> Cell {
            guard value.isFinite else { return .null }
            return .number(format == .table ? significant(value, digits: 6) : value)
        }
        return DataTable(
            columns: ["weights", "n", "sum", "min", "max", "max_min_ratio", "cv", "kish_deff", "n_eff"],
            rows: rows.map { label, d in
                [
                    .text(label), .integer(d.count), number(d.sum), number(d.minimum), number(d.maximum),
                    number(d.ratio), number(d.coefficientOfVariation), number(d.kishDesignEffect),
                    number(d.effectiveSampleSize),
                ]
            }
        )
    }
}
