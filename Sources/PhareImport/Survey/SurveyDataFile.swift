import Foundation
import PhareCore

extension String {
    /// The text without leading and trailing spaces and tabs; returns itself untouched (no copy, no
    /// Foundation bridging) in the usual case where there are none, which matters on millions of cells.
    var trimmedField: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}

/// Columns of a survey data file (one row per respondent), read with every problem located.
public enum SurveyColumns {
    /// Texts that mean "no answer" in a numeric or categorical column.
    static let missing: Set<String> = ["", "NA", "na", "N/A", "NaN", "."]

    static func isMissing(_ raw: String) -> Bool {
        missing.contains(raw.trimmedField)
    }

    /// A numeric column, `nan` where empty or `NA`; text that is not a number is an error naming its
    /// line and column (all of them are listed).
    public static func numbers(_ document: CSVDocument, column name: String, allowMissing: Bool = true) throws
        -> [Double]
    {
        let index = try document.requireColumn(name)
        var errors: [InputError] = []
        var values = [Double](repeating: .nan, count: document.records.count)
        for (offset, record) in document.records.enumerated() {
            let raw = record.fields[index]
            if isMissing(raw) {
                if !allowMissing {
                    errors.append(
                        InputError(file: document.file, line: record.line, column: name, message: "missing value"))
                }
                continue
            }
            guard let value = NumberText.parse(raw) else {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: name, message: "\"\(raw)\" is not a number"))
                continue
            }
            values[offset] = value
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return values
    }

    /// A text column, nil where empty or `NA`; with `allowMissing: false` an empty value is an error.
    public static func texts(_ document: CSVDocument, column name: String, allowMissing: Bool = true) throws
        -> [String?]
    {
        let index = try document.requireColumn(name)
        var errors: [InputError] = []
        let values: [String?] = document.records.map { record in
            let raw = record.fields[index].trimmedField
            if isMissing(raw) {
                if !allowMissing {
                    errors.append(
                        InputError(file: document.file, line: record.line, column: name, message: "missing value"))
                }
                return nil
            }
            return raw
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return values
    }

    /// The sample design described by columns of the file (see `SurveyDesign`), with a problem of the
    /// design reported on the line and column it comes from.
    public static func design(_ document: CSVDocument, weight: String?, strata: String?, cluster: String?, fpc: String?)
        throws -> SurveyDesign
    {
        var errors: [InputError] = []
        func collect<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch let many as InputErrors {
                errors += many.errors
            } catch let one as InputError {
                errors.append(one)
            } catch {
                errors.append(InputError(file: document.file, message: "\(error)"))
            }
            return nil
        }
        let weights = weight.flatMap { name in collect { try numbers(document, column: name, allowMissing: false) } }
        let strataValues = strata.flatMap { name in
            collect { try texts(document, column: name, allowMissing: false).map { $0 ?? "" } }
        }
        let clusterValues = cluster.flatMap { name in
            collect { try texts(document, column: name, allowMissing: false).map { $0 ?? "" } }
        }
        let fpcValues = fpc.flatMap { name in collect { try numbers(document, column: name, allowMissing: false) } }
        if !errors.isEmpty { throw InputErrors(errors) }
        do {
            return try SurveyDesign(
                count: document.records.count, weights: weights, strata: strataValues, clusters: clusterValues,
                fpc: fpcValues)
        } catch {
            let column: String? =
                switch error.field {
                case "weight": weight
                case "strata": strata
                case "cluster": cluster
                case "fpc": fpc
                default: nil
                }
            throw InputError(
                file: document.file, line: error.row.map { document.records[$0].line }, column: column,
                message: error.message)
        }
    }
}

/// Known population counts (or shares) of categories, to weight a sample to:
/// columns `variable`, `category` and either `population` (counts) or `share` (fractions summing to 1,
/// or percentages summing to 100, per variable). A variable may cross several columns of the data,
/// written `region*size` with categories `44*2`.
public struct MarginsFile: Sendable {
    public struct Entry: Sendable, Hashable {
        public var variable: String
        public var category: String
        public var value: Double
        public var line: Int
    }

    public var file: String
    /// True when values are shares, false when they are population counts.
    public var isShare: Bool
    public var entries: [Entry]

    /// Variables in file order.
    public var variables: [String] {
        var seen: Set<String> = []
        return entries.map(\.variable).filter { seen.insert($0).inserted }
    }

    public static func read(path: String) throws -> MarginsFile {
        try parse(CSVDocument.read(path: path))
    }

    public static func parse(_ document: CSVDocument) throws -> MarginsFile {
        let variableColumn = try document.requireColumn("variable")
        let categoryColumn = try document.requireColumn("category")
        let population = document.column("population")
        let share = document.column("share")
        guard (population == nil) != (share == nil) else {
            throw InputError(
                file: document.file, line: 1,
                message:
                    "the margins file needs one column \"population\" (counts) or \"share\" (fractions), not "
                    + "\(population == nil ? "neither" : "both")"
            )
        }
        try document.requireDataLines("margin")
        let valueColumn = population ?? share ?? 0
        let valueName = population == nil ? "share" : "population"
        var errors: [InputError] = []
        var entries: [Entry] = []
        var seen: [String: Int] = [:]
        for record in document.records {
            let variable = record.fields[variableColumn].trimmingCharacters(in: .whitespaces)
            let category = record.fields[categoryColumn].trimmingCharacters(in: .whitespaces)
            if variable.isEmpty {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: "variable", message: "missing variable name"))
            }
            if category.isEmpty {
                errors.append(
                    InputError(file: document.file, line: record.line, column: "category", message: "missing category"))
            }
            let raw = record.fields[valueColumn]
            guard let value = NumberText.parse(raw), value >= 0 else {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: valueName,
                        message: "\"\(raw)\" is not a number ≥ 0"))
                continue
            }
            let key = variable + "\u{1F}" + category
            if let first = seen[key] {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: "category",
                        message: "category \(category) of \(variable) is given twice (first on line \(first))"))
            }
            seen[key] = record.line
            entries.append(Entry(variable: variable, category: category, value: value, line: record.line))
        }
        var file = MarginsFile(file: document.file, isShare: share != nil, entries: entries)
        if file.isShare {
            for variable in file.variables {
                let rows = entries.filter { $0.variable == variable }
                let sum = rows.reduce(0) { $0 + $1.value }
                if abs(sum - 100) < 1e-6 * 100 {
                    for index in file.entries.indices where file.entries[index].variable == variable {
                        file.entries[index].value /= 100
                    }
                } else if abs(sum - 1) > 1e-6 {
                    errors.append(
                        InputError(
                            file: document.file, line: rows.first?.line, column: "share",
                            message: "the shares of \(variable) add up to \(sum), not 1 (or 100)"))
                }
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return file
    }

    /// The margins as population counts for the respondents of `data`: each respondent's category is
    /// read from the data column(s) named by the variable. Shares are scaled by `total` (by default the
    /// sum of `designWeights`). A respondent whose category is missing or absent from the margins file
    /// is an error naming its line and column.
    public func margins(for data: CSVDocument, designWeights: [Double], total: Double? = nil) throws
        -> [CalibrationMargin]
    {
        var errors: [InputError] = []
        var margins: [CalibrationMargin] = []
        let scale = total ?? designWeights.reduce(0, +)
        for variable in variables {
            let rows = entries.filter { $0.variable == variable }
            let categories = rows.map(\.category)
            let targets = rows.map { isShare ? $0.value * scale : $0.value }
            let index = Dictionary(
                categories.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
            let parts = variable.split(separator: "*").map { $0.trimmingCharacters(in: .whitespaces) }
            var columns: [Int] = []
            for part in parts {
                if let column = data.column(part) {
                    columns.append(column)
                } else {
                    errors.append(
                        InputError(
                            file: file, line: rows.first?.line, column: "variable",
                            message:
                                "\(part) is not a column of \(data.file) (columns: "
                                + "\(data.header.joined(separator: ", ")))"
                        ))
                }
            }
            guard columns.count == parts.count else { continue }
            var cells = [Int32](repeating: -1, count: data.records.count)
            for (offset, record) in data.records.enumerated() {
                let values = columns.map { record.fields[$0].trimmedField }
                if values.contains(where: SurveyColumns.isMissing) {
                    errors.append(
                        InputError(
                            file: data.file, line: record.line, column: variable,
                            message: "missing value: every respondent needs a category of each margin"))
                    continue
                }
                let category = values.joined(separator: "*")
                guard let cell = index[category] else {
                    errors.append(
                        InputError(
                            file: data.file, line: record.line, column: variable,
                            message:
                                "category \"\(category)\" is not in the margins file \(file) (known: "
                                + "\(categories.prefix(20).joined(separator: ", "))\(categories.count > 20 ? ", …" : ""))"
                        ))
                    continue
                }
                cells[offset] = cell
            }
            margins.append(
                CalibrationMargin(variable: variable, categories: categories, targets: targets, cells: cells))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return margins
    }
}

extension MarginsFile {
    /// Refuses a variable (or a part of a crossed `a*b`) that is not a profile variable of `actor` in
    /// the questionnaire: `phare survey weight --margins` and the browser import check alike.
    public func requireProfileVariables(of questionnaire: Questionnaire, actor: ActorCode) throws {
        let profiles = Set(questionnaire.profiles(for: actor).map(\.variable))
        for variable in variables {
            for part in variable.split(separator: "*").map({ $0.trimmingCharacters(in: .whitespaces) })
            where !profiles.contains(part) {
                throw InputError(
                    file: file, column: "variable",
                    message:
                        "\(part) is not a profile variable of \(actor) (known: "
                        + "\(profiles.sorted().joined(separator: ", ")))"
                )
            }
        }
    }

    /// The margins as population counts of profile variables (shares scaled by `total`).
    public func populationMargins(total: Double) -> [PopulationMargin] {
        variables.map { variable in
            let rows = entries.filter { $0.variable == variable }
            return PopulationMargin(
                variable: variable, categories: rows.map(\.category),
                counts: rows.map { isShare ? $0.value * total : $0.value })
        }
    }
}
