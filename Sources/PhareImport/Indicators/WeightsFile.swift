import Foundation
import PhareCore

/// Reads a weights file `target;code;weight`: target `indicator` (weight within its domain) or
/// `domain` (weight within its axis); weights are non-negative numbers, 0 leaves a component out.
public enum WeightsFile {
    public static func read(path: String, framework: Framework, catalogue: IndicatorCatalogue) throws
        -> DiagnosisWeights
    {
        let document = try CSVDocument.read(path: path)
        var errors: [InputError] = []
        for name in ["target", "code", "weight"] where document.column(name) == nil {
            errors.append(
                InputError(
                    file: document.file, line: 1, column: name,
                    message: "missing column \"\(name)\" (a weights file has the columns target;code;weight)"))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        let target = try document.requireColumn("target")
        let code = try document.requireColumn("code")
        let weight = try document.requireColumn("weight")
        var weights = DiagnosisWeights()
        var lines: [String: Int] = [:]
        for record in document.records {
            let kind = record.fields[target].trimmingCharacters(in: .whitespaces)
            let name = record.fields[code].trimmingCharacters(in: .whitespaces)
            let value = NumberText.parse(record.fields[weight])
            if (value ?? -1) < 0 {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: "weight",
                        message: "a weight must be a number ≥ 0, found \"\(record.fields[weight])\""))
            }
            if let first = lines[kind + ":" + name] {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: "code",
                        message: "\(kind) \"\(name)\" already has a weight on line \(first)"))
            }
            lines[kind + ":" + name] = record.line
            switch kind {
            case "indicator":
                if !catalogue.contains(name) {
                    errors.append(
                        InputError(
                            file: document.file, line: record.line, column: "code",
                            message: "unknown indicator \"\(name)\""))
                } else if let value {
                    weights.indicators[name] = value
                }
            case "domain":
                if framework.domain(name) == nil {
                    errors.append(
                        InputError(
                            file: document.file, line: record.line, column: "code",
                            message: "unknown domain \"\(name)\""))
                } else if let value {
                    weights.domains[name] = value
                }
            default:
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: "target",
                        message: "target must be indicator or domain, found \"\(kind)\""))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return weights
    }
}
