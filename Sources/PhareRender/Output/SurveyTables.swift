import Foundation
import PhareAnalysis
import PhareCore

/// Survey results as printable tables, shared by `phare stats` and `phare survey`.
public enum SurveyTables {
    /// Convergence and weight diagnostics of a weighting, one sentence a line: what
    /// `phare survey weight` writes to standard error and the browser import shows.
    public static func weightingNotes(_ report: WeightingReport, plan: WeightingPlan) -> [String] {
        func short(_ value: Double) -> String { value.isFinite ? "\(significant(value, digits: 5))" : "∞" }
        var notes: [String] = []
        if plan.method == .rake {
            let last = report.changes.last.map(short) ?? "-"
            notes.append(
                report.converged
                    ? "raking converged after \(report.sweeps) sweep\(report.sweeps == 1 ? "" : "s") on "
                        + "\(plan.margins.count) margins (last change \(last))"
                    : "phare: warning: raking did not converge after \(report.sweeps) sweeps (last change \(last)): "
                        + "raise --max-iterations or check the margins"
            )
        } else {
            notes.append("post-stratified on \(plan.margins.first?.variable ?? "?")")
        }
        if report.trimmed > 0 { notes.append("trimming: \(report.trimmed) weights outside the bounds") }
        let worst = report.margins.map { abs($0.relativeDifference ?? 0) }.max() ?? 0
        notes.append("margins reached within \(short(worst * 100)) % (largest relative gap)")
        notes.append(
            "weights: min \(short(report.after.minimum)), max \(short(report.after.maximum)), ratio "
                + "\(short(report.after.ratio)), Kish deff \(short(report.after.kishDesignEffect)), effective n "
                + "\(short(report.after.effectiveSampleSize)) of \(report.after.count)"
        )
        return notes
    }

    /// The columns every estimate carries, after its identifying columns.
    public static let estimateColumns = [
        "estimate", "se", "ci_lower", "ci_upper", "df", "n", "n_eff", "weight_sum", "below_threshold",
        "ci_method",
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
            .text(estimate.intervalMethod?.rawValue ?? "normal"),
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

extension SurveyTables {
    /// The columns of a comparison of two waves (`phare survey compare`, the dashboard's downloads).
    public static let differenceColumns = [
        "actor", "measure", "item", "territory", "wave_1", "estimate_1", "se_1", "n_1", "wave_2", "estimate_2",
        "se_2", "n_2", "difference", "se", "ci_lower", "ci_upper", "significant", "below_threshold", "approximate",
        "synthetic",
    ]

    /// Comparisons of two waves, one row each; `.table` rounds to 5 significant digits.
    public static func differences(_ rows: [WaveDifference], format: OutputFormat) -> DataTable {
        func number(_ value: Double?) -> Cell {
            guard let value, value.isFinite else { return .null }
            return .number(format == .table ? significant(value, digits: 5) : value)
        }
        var table = DataTable(columns: differenceColumns)
        for row in rows {
            table.rows.append([
                .text(row.actor.rawValue), .text(row.measure.rawValue), .text(row.item), .text(row.group),
                .text(row.earlier.wave), number(row.earlier.estimate), number(row.earlier.standardError),
                .integer(row.earlier.sampleSize), .text(row.later.wave), number(row.later.estimate),
                number(row.later.standardError), .integer(row.later.sampleSize), number(row.difference),
                number(row.standardError), number(row.lower), number(row.upper), .bool(row.significant),
                .bool(row.belowThreshold), .bool(row.approximate), .bool(row.earlier.synthetic || row.later.synthetic),
            ])
        }
        return table
    }
}
