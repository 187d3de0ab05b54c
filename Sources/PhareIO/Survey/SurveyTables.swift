import Foundation
import PhareCore

/// Survey results as printable tables, shared by `phare stats` and `phare survey`.
public enum SurveyTables {
    /// The columns every estimate carries, after its identifying columns.
    public static let estimateColumns = ["estimate", "se", "ci_lower", "ci_upper", "df", "n", "n_eff", "weight_sum", "below_threshold"]

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
                [.text(check.variable), .text(check.category), number(check.target), number(check.reached), number(check.difference), number(check.relativeDifference), .integer(check.sampleSize)]
            }
        )
    }

    /// Weight diagnostics, one row per set of weights (before / after calibration).
    public static func weights(_ rows: [(label: String, diagnostics: WeightDiagnostics)], format: OutputFormat) -> DataTable {
        func number(_ value: Double) -> Cell {
            guard value.isFinite else { return .null }
            return .number(format == .table ? significant(value, digits: 6) : value)
        }
        return DataTable(
            columns: ["weights", "n", "sum", "min", "max", "max_min_ratio", "cv", "kish_deff", "n_eff"],
            rows: rows.map { label, d in
                [.text(label), .integer(d.count), number(d.sum), number(d.minimum), number(d.maximum), number(d.ratio), number(d.coefficientOfVariation), number(d.kishDesignEffect), number(d.effectiveSampleSize)]
            }
        )
    }
}

extension CSVDocument {
    /// The document as CSV text (its own separator, RFC 4180 quoting) with a column set to `values`:
    /// replaced when it exists, added at the end otherwise.
    public func rendered(settingColumn name: String, to values: [String]) -> String {
        let sep = String(separator)
        func escape(_ field: String) -> String {
            if field.contains(where: { String($0) == sep || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return field
        }
        let existing = column(name)
        var header = self.header
        if existing == nil { header.append(name) }
        var lines = [header.map(escape).joined(separator: sep)]
        lines.reserveCapacity(records.count + 1)
        for (offset, record) in records.enumerated() {
            var fields = record.fields
            if let existing { fields[existing] = values[offset] } else { fields.append(values[offset]) }
            lines.append(fields.map(escape).joined(separator: sep))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Writing a file whole or not at all: into a temporary file beside it, then renamed into place.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw InputError(file: path, message: "cannot write the file (\(FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path) ? "permission denied" : "the folder does not exist"))")
        }
        if rename(temporary.path, path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(file: path, message: "cannot move the new file into place: \(String(cString: strerror(errno)))")
        }
    }
}
