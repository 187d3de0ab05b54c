import Foundation
import PhareCore

/// Values read from a file, checked, ready to be stored.
public struct IndicatorFileContents: Sendable {
    public var observations: IndicatorObservations
    /// Empty cells (unknown or confidential values): skipped, counted.
    public var emptyCells: Int
    /// Columns of a wide file that the mapping does not mention (left aside).
    public var unmappedColumns: [String]
    public var separator: Character
    public var encoding: TextEncodingRead
    public var records: Int
}

/// Reads indicator values in the long layout `territory;indicator;year;value` (optionally with
/// a `level` column), and the INSEE wide layout (`CODGEO` and one column per variable, with a
/// mapping file naming the indicator and year of each column). Every bad line is reported, with
/// file, line and column, and nothing is returned unless the whole file is sound.
public enum IndicatorValueFile {
    public static let longColumns = ["territory", "indicator", "year", "value"]
    public static let mappingColumns = ["column", "indicator", "year"]

    /// - Parameter level: the level of bare territory codes; nil resolves them as `phare
    ///   territories show` does (region, then département, EPCI, commune) — `level:code` is
    ///   always accepted.
    public static func readLong(
        path: String, level: TerritoryLevel?, index: TerritoryIndex, catalogue: IndicatorCatalogue
    ) throws -> IndicatorFileContents {
        try readLong(CSVDocument.read(path: path), level: level, index: index, catalogue: catalogue)
    }

    public static func readLong(
        _ document: CSVDocument, level: TerritoryLevel?, index: TerritoryIndex, catalogue: IndicatorCatalogue
    ) throws -> IndicatorFileContents {
        var errors: [InputError] = []
        for name in longColumns where document.column(name) == nil {
            errors.append(
                InputError(
                    file: document.file, line: 1, column: name,
                    message:
                        "missing column \"\(name)\" (a long file has the columns territory\(document.separator)indicator\(document.separator)year\(document.separator)value; found \(document.header.joined(separator: String(document.separator))))"
                ))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        let territoryColumn = try document.requireColumn("territory")
        let indicatorColumn = try document.requireColumn("indicator")
        let yearColumn = try document.requireColumn("year")
        let valueColumn = try document.requireColumn("value")
        let levelColumn = document.column("level")

        var codes = IndicatorCodes(catalogue: catalogue)
        var observations = IndicatorObservations(indicators: [])
        observations.reserve(document.records.count)
        var seen: [Int64: Int] = [:]
        var empty = 0
        for record in document.records {
            func fail(_ column: String, _ message: String) {
                errors.append(InputError(file: document.file, line: record.line, column: column, message: message))
            }
            let before = errors.count
            var recordLevel = level
            if let levelColumn {
                let name = record.fields[levelColumn].trimmingCharacters(in: .whitespaces)
                if let parsed = TerritoryLevel(rawValue: name) {
                    recordLevel = parsed
                } else {
                    fail(
                        "level",
                        "unknown level \"\(name)\" (known: \(TerritoryLevel.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
            }
            let territoryText = record.fields[territoryColumn].trimmingCharacters(in: .whitespaces)
            let territory = TerritoryReference.position(of: territoryText, level: recordLevel, index: index)
            if territoryText.isEmpty {
                fail("territory", "empty territory code")
            } else if territory == nil {
                fail(
                    "territory",
                    "unknown territory \"\(territoryText)\"\(recordLevel.map { " at level \($0.rawValue)" } ?? "")")
            }
            let indicatorText = record.fields[indicatorColumn].trimmingCharacters(in: .whitespaces)
            let indicator = codes.position(of: indicatorText)
            if indicator == nil {
                fail(
                    "indicator",
                    indicatorText.isEmpty
                        ? "empty indicator code"
                        : "unknown indicator \"\(indicatorText)\" (not in the catalogue: see `phare indicators list`)")
            }
            let year = Year.parse(record.fields[yearColumn])
            if year == nil {
                fail("year", "not a year: \"\(record.fields[yearColumn])\" (expected four digits, 1900 to 2100)")
            }
            let valueText = record.fields[valueColumn]
            var value: Double?
            if valueText.trimmingCharacters(in: .whitespaces).isEmpty {
                if errors.count == before { empty += 1 }
                continue
            } else if let parsed = NumberText.parse(valueText) {
                value = parsed
            } else {
                fail("value", "not a number: \"\(valueText)\"")
            }
            guard errors.count == before, let territory, let indicator, let year, let value else { continue }
            let key = (Int64(territory) << 32) | (Int64(indicator) << 16) | Int64(year)
            if let first = seen[key] {
                fail(
                    "territory", "\(index.ids[territory]) \(indicatorText) \(year) already has a value on line \(first)"
                )
                continue
            }
            seen[key] = record.line
            observations.append(territory: territory, indicator: indicator, year: year, value: value)
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        observations.indicators = codes.used
        return IndicatorFileContents(
            observations: observations, emptyCells: empty, unmappedColumns: [], separator: document.separator,
            encoding: document.encoding, records: document.records.count)
    }

    /// One column of a wide file and what it holds.
    public struct MappingEntry: Sendable, Hashable {
        public var column: String
        public var indicator: String
        public var year: Int
    }

    /// Reads the mapping file `column;indicator;year` of a wide file.
    public static func readMapping(path: String, catalogue: IndicatorCatalogue) throws -> [MappingEntry] {
        try readMapping(CSVDocument.read(path: path), catalogue: catalogue)
    }

    public static func readMapping(_ document: CSVDocument, catalogue: IndicatorCatalogue) throws -> [MappingEntry] {
        var errors: [InputError] = []
        for name in mappingColumns where document.column(name) == nil {
            errors.append(
                InputError(
                    file: document.file, line: 1, column: name,
                    message:
                        "missing column \"\(name)\" (a mapping file has the columns column\(document.separator)indicator\(document.separator)year)"
                ))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        let columnColumn = try document.requireColumn("column")
        let indicatorColumn = try document.requireColumn("indicator")
        let yearColumn = try document.requireColumn("year")
        var entries: [MappingEntry] = []
        var lines: [String: Int] = [:]
        var targets: [String: Int] = [:]
        for record in document.records {
            let before = errors.count
            let column = record.fields[columnColumn].trimmingCharacters(in: .whitespaces)
            let indicator = record.fields[indicatorColumn].trimmingCharacters(in: .whitespaces)
            if column.isEmpty {
                errors.append(
                    InputError(file: document.file, line: record.line, column: "column", message: "empty column name"))
            }
            if let first = lines[column] {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: "column",
                        message: "column \"\(column)\" is mapped twice (first on line \(first))"))
            }
            if !catalogue.contains(indicator) {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: "indicator",
                        message:
                            "unknown indicator \"\(indicator)\" (not in the catalogue: see `phare indicators list`)"))
            }
            let year = Year.parse(record.fields[yearColumn])
            if year == nil {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: "year",
                        message: "not a year: \"\(record.fields[yearColumn])\""))
            }
            if let year, let first = targets[indicator + "\u{1}\(year)"] {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: "indicator",
                        message: "\(indicator) \(year) is already given by the column on line \(first)"))
            }
            guard errors.count == before, let year else { continue }
            lines[column] = record.line
            targets[indicator + "\u{1}\(year)"] = record.line
            entries.append(MappingEntry(column: column, indicator: indicator, year: year))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        if entries.isEmpty { throw InputError(file: document.file, line: 2, message: "the mapping names no column") }
        return entries
    }

    /// Reads a wide file: one line per territory (`codeColumn`, CODGEO in INSEE files), one
    /// column per variable.
    public static func readWide(
        path: String, mapping: [MappingEntry], codeColumn: String = "CODGEO", level: TerritoryLevel,
        index: TerritoryIndex, catalogue: IndicatorCatalogue
    ) throws -> IndicatorFileContents {
        try readWide(
            CSVDocument.read(path: path), mapping: mapping, codeColumn: codeColumn, level: level, index: index,
            catalogue: catalogue)
    }

    public static func readWide(
        _ document: CSVDocument, mapping: [MappingEntry], codeColumn: String = "CODGEO", level: TerritoryLevel,
        index: TerritoryIndex, catalogue: IndicatorCatalogue
    ) throws -> IndicatorFileContents {
        var errors: [InputError] = []
        guard let codePosition = document.column(codeColumn) else {
            throw InputError(
                file: document.file, line: 1, column: codeColumn,
                message:
                    "missing column \"\(codeColumn)\" naming the territories (header: \(document.header.prefix(8).joined(separator: String(document.separator)))\(document.header.count > 8 ? "…" : ""))"
            )
        }
        var codes = IndicatorCodes(catalogue: catalogue)
        var mapped: [(position: Int, name: String, indicator: Int, year: Int)] = []
        for entry in mapping {
            guard let position = document.column(entry.column) else {
                errors.append(
                    InputError(
                        file: document.file, line: 1, column: entry.column,
                        message: "the mapping names the column \"\(entry.column)\", which the file does not have"))
                continue
            }
            if let indicator = codes.position(of: entry.indicator) {
                mapped.append((position, entry.column, indicator, entry.year))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        let mappedNames = Set(mapping.map(\.column))
        let unmapped = document.header.enumerated().filter {
            $0.offset != codePosition && !mappedNames.contains($0.element)
        }.map(\.element)

        var observations = IndicatorObservations(indicators: [])
        observations.reserve(document.records.count * mapped.count)
        var seen: [Int: Int] = [:]
        var empty = 0
        for record in document.records {
            let code = record.fields[codePosition].trimmingCharacters(in: .whitespaces)
            guard let territory = TerritoryReference.position(of: code, level: level, index: index) else {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: codeColumn,
                        message: code.isEmpty
                            ? "empty territory code" : "unknown territory \"\(code)\" at level \(level.rawValue)"))
                continue
            }
            if let first = seen[territory] {
                errors.append(
                    InputError(
                        file: document.file, line: record.line, column: codeColumn,
                        message: "\(index.ids[territory]) already has a line (line \(first))"))
                continue
            }
            seen[territory] = record.line
            for column in mapped {
                let text = record.fields[column.position]
                if let value = NumberText.parse(text) {
                    observations.append(
                        territory: territory, indicator: column.indicator, year: column.year, value: value)
                } else if text.trimmingCharacters(in: .whitespaces).isEmpty {
                    empty += 1
                } else {
                    errors.append(
                        InputError(
                            file: document.file, line: record.line, column: column.name,
                            message: "not a number: \"\(text)\""))
                }
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        observations.indicators = codes.used
        return IndicatorFileContents(
            observations: observations, emptyCells: empty, unmappedColumns: unmapped, separator: document.separator,
            encoding: document.encoding, records: document.records.count)
    }
}

/// Numbers the indicator codes met in a file, in order of appearance.
struct IndicatorCodes {
    let catalogue: IndicatorCatalogue
    var used: [String] = []
    var positions: [String: Int] = [:]

    init(catalogue: IndicatorCatalogue) { self.catalogue = catalogue }

    mutating func position(of code: String) -> Int? {
        if let known = positions[code] { return known }
        guard catalogue.contains(code) else { return nil }
        positions[code] = used.count
        used.append(code)
        return used.count - 1
    }
}

/// Territory codes as files write them.
public enum TerritoryReference {
    /// `level:code`, or a bare code at `level`, or — with no level — a bare code tried as
    /// region, département, EPCI, commune (`FR` is France). Commune codes that lost their
    /// leading zero in a spreadsheet (`1001` for `01001`) are restored.
    public static func position(of text: String, level: TerritoryLevel?, index: TerritoryIndex) -> Int? {
        if let colon = text.firstIndex(of: ":") {
            guard let named = TerritoryLevel(rawValue: String(text[..<colon]).lowercased()) else { return nil }
            return index.positions[TerritoryID(named, String(text[text.index(after: colon)...]))]
        }
        if let level {
            if let found = index.positions[TerritoryID(level, text)] { return found }
            let width = level == .commune ? 5 : level == .departement ? 2 : 0
            if text.count < width, text.allSatisfy(\.isNumber) {
                return index.positions[TerritoryID(level, String(repeating: "0", count: width - text.count) + text)]
            }
            return nil
        }
        if text.uppercased() == "FR" { return index.positions[TerritoryID(.pays, "FR")] }
        for candidate in [TerritoryLevel.region, .departement, .epci, .commune] {
            if let found = index.positions[TerritoryID(candidate, text)] { return found }
        }
        return nil
    }
}

enum Year {
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count == 4, let year = Int(trimmed), (1900...2100).contains(year) else { return nil }
        return year
    }
}
