import Foundation

/// One cell of a result table.
public enum Cell: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null

    public init(_ value: String?) { self = value.map(Cell.text) ?? .null }
    public init(_ value: Int?) { self = value.map(Cell.integer) ?? .null }
    public init(_ value: Double?) { self = value.flatMap { $0.isFinite ? Cell.number($0) : nil } ?? .null }
}

/// The output formats every command offers.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json
}

/// A result as columns and rows, printable as an aligned table, CSV or JSON.
public struct DataTable: Sendable {
    public var columns: [String]
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: renderTable()
        case .csv: renderCSV()
        case .json: renderJSON()
        }
    }

    /// Full precision (shortest text that reads back to the same double), for CSV and JSON.
    static func exact(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Up to 6 decimals, for reading on a terminal.
    static func plain(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func text(_ cell: Cell, exact: Bool = false) -> String {
        switch cell {
        case .text(let value): value
        case .integer(let value): String(value)
        case .number(let value): exact ? Self.exact(value) : plain(value)
        case .bool(let value): value ? "true" : "false"
        case .null: ""
        }
    }

    func renderTable() -> String {
        let body = rows.map { $0.map { Self.text($0) } }
        var widths = columns.map(\.count)
        for row in body {
            for (offset, value) in row.enumerated() where offset < widths.count {
                widths[offset] = max(widths[offset], value.count)
            }
        }
        func line(_ values: [String]) -> String {
            values.enumerated().map { offset, value in
                value.padding(toLength: widths[offset], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var lines = [line(columns), line(widths.map { String(repeating: "-", count: $0) })]
        lines += body.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    func renderCSV() -> String {
        func escape(_ value: String) -> String {
            if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }
        func field(_ cell: Cell) -> String {
            if case .text(let value) = cell { return escape(SpreadsheetText.neutralised(value)) }
            return escape(Self.text(cell, exact: true))
        }
        var lines = [columns.map { escape(SpreadsheetText.neutralised($0)) }.joined(separator: ",")]
        lines += rows.map { $0.map(field).joined(separator: ",") }
        return lines.joined(separator: "\n") + "\n"
    }

    func renderJSON() -> String {
        let objects = rows.map { row in
            "{" + zip(columns, row).map { JSONText.string($0) + ":" + JSONText.value($1) }.joined(separator: ",") + "}"
        }
        return "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n"
    }
}

/// Minimal JSON text writing for tables (keys keep their column order).
public enum JSONText {
    public static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func value(_ cell: Cell) -> String {
        switch cell {
        case .text(let value): string(value)
        case .integer(let value): String(value)
        case .number(let value): DataTable.exact(value)
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        }
    }
}

/// Spreadsheet formula injection (OWASP, "CSV Injection"): a text a spreadsheet would read as a
/// formula — one starting with `=`, `+`, `-`, `@`, a tab or a carriage return — is written with a
/// leading single quote, so that it shows as text and never runs. Numbers stay numbers: number
/// cells are written as they are, and a text that is a plain decimal number (`-12`, `+1.5e3`)
/// cannot run either, so it is kept. Used by the CSV and XLSX writers for every text cell.
public enum SpreadsheetText {
    public static func neutralised(_ text: String) -> String {
        guard let first = text.utf8.first,
            [
                UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"),
                UInt8(ascii: "@"), UInt8(ascii: "\t"), UInt8(ascii: "\r"),
            ].contains(first)
        else { return text }
        return isPlainNumber(text) ? text : "'" + text
    }

    /// `[+-]digits[.digits][(e|E)[+-]digits]`, ASCII only.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard digits() > 0 else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
