import Foundation
import PhareCore

/// Values read from a file, checked, ready to be stored.
public struct IndicatorFileContents: Sendable {
    public var observations: IndicatorObservations
    /// Empty cells and INSEE markers of missing or secret values (`s`, `nd`, `NA`, `N/A`,
    /// `secret`, `-`): skipped, counted (also in `translation.suppressed`).
    public var emptyCells: Int
    /// Columns of a wide file that the mapping does not mention (left aside).
    public var unmappedColumns: [String]
    public var separator: Character
    public var encoding: TextEncodingRead
    public var records: Int
    /// What was done to bring the file into today's geography.
    public var translation = TranslationSummary()
    /// Rows of `observations` combined by population weight (`--approximate`): to be flagged
    /// `ValueFlags.approximate`.
    public var approximateRows: [Int] = []
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
    ///   `options` say how codes of older geographies are translated (none by default).
    public static func readLong(
        path: String, level: TerritoryLevel?, index: TerritoryIndex, catalogue: IndicatorCatalogue,
        options: TranslationOptions = TranslationOptions()
    ) throws -> IndicatorFileContents {
        try readLong(CSVDocument.read(path: path), level: level, index: index, catalogue: catalogue, options: options)
    }

    public static func readLong(
        _ document: CSVDocument, level: TerritoryLevel?, index: TerritoryIndex, catalogue: IndicatorCatalogue,
        options: TranslationOptions = TranslationOptions()
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
        try document.requireDataLines("indicator value")
        let territoryColumn = try document.requireColumn("territory")
        let indicatorColumn = try document.requireColumn("indicator")
        let yearColumn = try document.requireColumn("year")
        let valueColumn = try document.requireColumn("value")
        let levelColumn = document.column("level")

        var codes = IndicatorCodes(catalogue: catalogue)
        var collector = ValueCollector(file: document.file, index: index, options: options, catalogue: catalogue)
        collector.observations.reserve(document.records.count)
        var seen: [Int64: (line: Int32, row: Int32)] = [:]
        var pendingSeen: [String: (line: Int, value: Double?)] = [:]
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
            let former = territory == nil ? collector.former(territoryText, level: recordLevel) : nil
            var unknown = false
            if territoryText.isEmpty {
                fail("territory", "empty territory code")
            } else if territory == nil && former == nil {
                unknown = true
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
            if unknown {
                collector.unknown(
                    territoryText, line: record.line, column: "territory",
                    message:
                        "unknown territory \"\(territoryText)\"\(recordLevel.map { " at level \($0.rawValue)" } ?? "")"
                        + unknownHint(options))
                errors.append(contentsOf: collector.errors)
                collector.errors.removeAll()
                continue
            }
            let valueText = record.fields[valueColumn]
            var value: Double?
            var suppressed = false
            if let parsed = NumberText.parse(valueText) {
                value = parsed
            } else if SuppressedValue.isMarker(valueText) {
                suppressed = true
            } else {
                fail("value", "not a number: \"\(valueText)\"")
            }
            guard errors.count == before, let indicator, let year else { continue }
            if let former {
                let key = "\(former.code)\u{1}\(indicator)\u{1}\(year)"
                if let first = pendingSeen[key] {
                    if first.value == value {
                        collector.summary.duplicates += 1
                    } else {
                        fail(
                            "territory",
                            "\(former.code) \(indicatorText) \(year) already has a different value "
                                + "on line \(first.line)")
                    }
                    continue
                }
                pendingSeen[key] = (record.line, value)
                if suppressed {
                    empty += 1
                    collector.summary.suppressed += 1
                }
                collector.pending.append(
                    .init(
                        former: former, indicator: indicator, year: year, value: value, line: record.line,
                        column: "territory"))
                continue
            }
            guard let territory else { continue }
            collector.noteCommune(territory, line: record.line)
            if suppressed {
                empty += 1
                collector.suppressedCell(territory: territory, indicator: indicator, year: year)
                continue
            }
            guard let value else { continue }
            let key = (Int64(territory) << 32) | (Int64(indicator) << 16) | Int64(year)
            if let first = seen[key] {
                if collector.observations.value[Int(first.row)] == value {
                    collector.summary.duplicates += 1
                } else {
                    fail(
                        "territory",
                        "\(index.ids[territory]) \(indicatorText) \(year) already has a value on line \(first.line)")
                }
                continue
            }
            seen[key] = (Int32(record.line), Int32(collector.observations.count))
            collector.observations.append(territory: territory, indicator: indicator, year: year, value: value)
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        collector.finish(indicators: codes.used)
        if !collector.errors.isEmpty { throw InputErrors(collector.errors) }
        return IndicatorFileContents(
            observations: collector.observations, emptyCells: empty, unmappedColumns: [],
            separator: document.separator, encoding: document.encoding, records: document.records.count,
            translation: collector.summary, approximateRows: collector.approximateRows)
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
        index: TerritoryIndex, catalogue: IndicatorCatalogue, options: TranslationOptions = TranslationOptions()
    ) throws -> IndicatorFileContents {
        try readWide(
            CSVDocument.read(path: path), mapping: mapping, codeColumn: codeColumn, level: level, index: index,
            catalogue: catalogue, options: options)
    }

    public static func readWide(
        _ document: CSVDocument, mapping: [MappingEntry], codeColumn: String = "CODGEO", level: TerritoryLevel,
        index: TerritoryIndex, catalogue: IndicatorCatalogue, options: TranslationOptions = TranslationOptions()
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
        try document.requireDataLines("indicator value")
        let mappedNames = Set(mapping.map(\.column))
        let unmapped = document.header.enumerated().filter {
            $0.offset != codePosition && !mappedNames.contains($0.element)
        }.map(\.element)

        var collector = ValueCollector(file: document.file, index: index, options: options, catalogue: catalogue)
        collector.observations.reserve(document.records.count * mapped.count)
        // The first line of each code, and the values it gave (nil: suppressed), to tell an
        // identical repetition from a conflicting one.
        var seen: [Int: (line: Int, values: [Double?])] = [:]
        var formerSeen: [String: (line: Int, values: [Double?])] = [:]
        var empty = 0
        var cells = [Double?](repeating: nil, count: mapped.count)
        for record in document.records {
            let code = record.fields[codePosition].trimmingCharacters(in: .whitespaces)
            let territory = TerritoryReference.position(of: code, level: level, index: index)
            let former = territory == nil ? collector.former(code, level: level) : nil
            if territory == nil && former == nil {
                if code.isEmpty {
                    errors.append(
                        InputError(
                            file: document.file, line: record.line, column: codeColumn, message: "empty territory code")
                    )
                } else {
                    collector.unknown(
                        code, line: record.line, column: codeColumn,
                        message: "unknown territory \"\(code)\" at level \(level.rawValue)" + unknownHint(options))
                    errors += collector.errors
                    collector.errors.removeAll()
                }
                continue
            }
            var bad = false
            for (offset, column) in mapped.enumerated() {
                let text = record.fields[column.position]
                if let value = NumberText.parse(text) {
                    cells[offset] = value
                } else if SuppressedValue.isMarker(text) {
                    cells[offset] = nil
                } else {
                    cells[offset] = nil
                    bad = true
                    errors.append(
                        InputError(
                            file: document.file, line: record.line, column: column.name,
                            message: "not a number: \"\(text)\""))
                }
            }
            if let first = territory.flatMap({ seen[$0] }) ?? former.flatMap({ formerSeen[$0.code] }) {
                if first.values == cells {
                    collector.summary.duplicates += 1
                } else {
                    errors.append(
                        InputError(
                            file: document.file, line: record.line, column: codeColumn,
                            message:
                                "\(territory.map { "\(index.ids[$0])" } ?? former?.code ?? code) already has a line "
                                + "(line \(first.line))"))
                }
                continue
            }
            if let territory { seen[territory] = (record.line, cells) }
            if let former { formerSeen[former.code] = (record.line, cells) }
            if bad { continue }
            if let territory { collector.noteCommune(territory, line: record.line) }
            for (offset, column) in mapped.enumerated() {
                let value = cells[offset]
                if value == nil { empty += 1 }
                if let former {
                    if value == nil { collector.summary.suppressed += 1 }
                    collector.pending.append(
                        .init(
                            former: former, indicator: column.indicator, year: column.year, value: value,
                            line: record.line, column: codeColumn))
                } else if let territory {
                    if let value {
                        collector.observations.append(
                            territory: territory, indicator: column.indicator, year: column.year, value: value)
                    } else {
                        collector.suppressedCell(territory: territory, indicator: column.indicator, year: column.year)
                    }
                }
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        collector.finish(indicators: codes.used)
        if !collector.errors.isEmpty { throw InputErrors(collector.errors) }
        return IndicatorFileContents(
            observations: collector.observations, emptyCells: empty, unmappedColumns: unmapped,
            separator: document.separator, encoding: document.encoding, records: document.records.count,
            translation: collector.summary, approximateRows: collector.approximateRows)
    }

    static func unknownHint(_ options: TranslationOptions) -> String {
        options.history.entries.isEmpty
            ? "" : " (not in today's tree nor in the commune history; --skip-unknown imports the rest)"
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
