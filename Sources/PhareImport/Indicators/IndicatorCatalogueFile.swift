import Foundation
import PhareCore

/// Reads an indicator catalogue file (format in docs/DATA-FORMATS.md) and checks it against the
/// framework: every problem is collected, each named by file, line and column.
public enum IndicatorCatalogueFile {
    public static let columns = [
        "code", "label_fr", "label_en", "domain", "unit", "polarity", "aggregation", "numerator",
        "denominator", "scale", "source", "vintage", "levels", "diagnosed",
    ]

    /// The bundled PHARE catalogue, checked against `framework`.
    public static func bundled(framework: Framework) throws -> [IndicatorDefinition] {
        let document = try CSVDocument.parse(data: IndicatorCatalogue.bundledData(), file: "indicators.csv (bundled)")
        return try read(document, framework: framework)
    }

    public static func read(path: String, framework: Framework, existing: IndicatorCatalogue = IndicatorCatalogue([]))
        throws -> [IndicatorDefinition]
    {
        try read(CSVDocument.read(path: path), framework: framework, existing: existing)
    }

    /// - Parameter existing: the catalogue already in the observatory, where numerators and
    ///   denominators may also be found.
    public static func read(
        _ document: CSVDocument, framework: Framework, existing: IndicatorCatalogue = IndicatorCatalogue([])
    ) throws -> [IndicatorDefinition] {
        var errors: [InputError] = []
        var position: [String: Int] = [:]
        let required = ["code", "label_fr", "label_en", "domain", "unit", "polarity", "source", "vintage"]
        for name in required where document.column(name) == nil {
            errors.append(
                InputError(
                    file: document.file, line: 1, column: name,
                    message:
                        "missing column \"\(name)\" (expected: \(columns.joined(separator: String(document.separator))))"
                ))
        }
        for (offset, name) in document.header.enumerated() {
            if columns.contains(name) {
                position[name] = offset
            } else {
                errors.append(
                    InputError(
                        file: document.file, line: 1, column: name,
                        message: "unknown column \"\(name)\" (known: \(columns.joined(separator: ", ")))"))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        try document.requireDataLines("indicator")

        let domains = Set(framework.domains.map(\.code))
        var definitions: [IndicatorDefinition] = []
        var lines: [String: Int] = [:]
        for record in document.records {
            func field(_ name: String) -> String {
                position[name].map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            }
            func fail(_ column: String, _ message: String) {
                errors.append(InputError(file: document.file, line: record.line, column: column, message: message))
            }
            let count = errors.count
            let code = field("code")
            if code.isEmpty {
                fail("code", "empty indicator code")
            } else if !IndicatorCode.isValid(code) {
                fail("code", "code \"\(code)\" may only hold lower-case letters, digits, '-' and '_'")
            } else if let first = lines[code] {
                fail("code", "indicator \"\(code)\" is defined twice (first on line \(first))")
            }
            for name in ["label_fr", "label_en", "unit", "source", "vintage"] where field(name).isEmpty {
                fail(name, "empty \(name)")
            }
            let domainText = field("domain")
            let domain: String? = domainText.isEmpty ? nil : domainText
            if let domain, !domains.contains(domain) {
                fail(
                    "domain",
                    "unknown domain \"\(domain)\" (known: \(framework.domains.map(\.code).joined(separator: ", ")))")
            }
            let polarity = Polarity(rawValue: field("polarity"))
            if polarity == nil {
                fail(
                    "polarity", "polarity must be higher-is-fragile or higher-is-robust, found \"\(field("polarity"))\""
                )
            }
            let aggregationText = field("aggregation")
            let aggregation =
                aggregationText.isEmpty ? IndicatorAggregation.mean : IndicatorAggregation(rawValue: aggregationText)
            if aggregation == nil {
                fail("aggregation", "aggregation must be sum, ratio or mean, found \"\(aggregationText)\"")
            }
            let numerator = field("numerator").isEmpty ? nil : field("numerator")
            let denominator = field("denominator").isEmpty ? nil : field("denominator")
            var scale = 1.0
            if !field("scale").isEmpty {
                if let value = NumberText.parse(field("scale")), value > 0 {
                    scale = value
                } else {
                    fail("scale", "scale must be a positive number, found \"\(field("scale"))\"")
                }
            }
            if aggregation == .ratio {
                if numerator == nil { fail("numerator", "a ratio needs a numerator (the code of a count indicator)") }
                if denominator == nil {
                    fail("denominator", "a ratio needs a denominator (the code of a count indicator)")
                }
            } else if numerator != nil || denominator != nil {
                fail(
                    numerator != nil ? "numerator" : "denominator",
                    "only a ratio has a numerator and a denominator (aggregation is \(aggregationText.isEmpty ? "mean" : aggregationText))"
                )
            }
            var levels: [TerritoryLevel] = []
            for name in field("levels").split(separator: "|").map({ $0.trimmingCharacters(in: .whitespaces) })
            where !name.isEmpty {
                if let level = TerritoryLevel(rawValue: name) {
                    levels.append(level)
                } else {
                    fail(
                        "levels",
                        "unknown level \"\(name)\" (known: \(TerritoryLevel.allCases.map(\.rawValue).joined(separator: ", ")); separate levels with |)"
                    )
                }
            }
            var diagnosed = domain != nil
            switch field("diagnosed").lowercased() {
            case "": break
            case "oui", "yes", "true", "1": diagnosed = true
            case "non", "no", "false", "0": diagnosed = false
            default: fail("diagnosed", "diagnosed must be oui or non, found \"\(field("diagnosed"))\"")
            }
            if diagnosed && domain == nil { fail("domain", "a diagnosed indicator needs a domain") }
            guard errors.count == count, let polarity, let aggregation else { continue }
            lines[code] = record.line
            definitions.append(
                IndicatorDefinition(
                    code: code, label: LocalizedText(fr: field("label_fr"), en: field("label_en")), domain: domain,
                    unit: field("unit"), polarity: polarity, aggregation: aggregation, numerator: numerator,
                    denominator: denominator, scale: scale, source: field("source"), vintage: field("vintage"),
                    levels: levels, diagnosed: diagnosed
                ))
        }
        // Numerators and denominators must be counts, in this file or already in the observatory.
        let known = existing.merged(with: definitions)
        for definition in definitions where definition.aggregation == .ratio {
            for (column, component) in [("numerator", definition.numerator), ("denominator", definition.denominator)] {
                guard let component else { continue }
                let line = lines[definition.code]
                if let target = known[component] {
                    if target.aggregation != .sum {
                        errors.append(
                            InputError(
                                file: document.file, line: line, column: column,
                                message:
                                    "\(column) \"\(component)\" of \"\(definition.code)\" must be a count (aggregation sum), not \(target.aggregation.rawValue)"
                            ))
                    }
                } else {
                    errors.append(
                        InputError(
                            file: document.file, line: line, column: column,
                            message: "\(column) \"\(component)\" of \"\(definition.code)\" is not in the catalogue"))
                }
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return definitions
    }
}

/// The spelling rule of indicator codes (the same as framework codes).
public enum IndicatorCode {
    public static func isValid(_ code: String) -> Bool {
        !code.isEmpty
            && code.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }
}
