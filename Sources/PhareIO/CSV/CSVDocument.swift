import Foundation

/// A problem in an input file, located as precisely as possible: file, line, column.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += " column \(column)" }
        return "\(location): \(message)"
    }
}

/// Several input problems reported at once (an import lists all of them, not just the first).
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]

    public init(_ errors: [InputError]) { self.errors = errors }

    public var description: String {
        let shown = errors.prefix(200).map(\.description)
        let more = errors.count > 200 ? ["… and \(errors.count - 200) more problems"] : []
        return (["\(errors.count) problem\(errors.count > 1 ? "s" : "") found:"] + shown + more).joined(separator: "\n")
    }
}

/// The text encoding a file was read with.
public enum TextEncodingRead: String, Sendable {
    case utf8 = "UTF-8"
    case windows1252 = "Windows-1252"
}

/// One record of a CSV file with the physical line it starts on.
public struct CSVRecord: Sendable {
    public var line: Int
    public var fields: [String]
}

/// A delimited text file read whole: header, records, separator and encoding found.
///
/// Accepts what French statistical files look like in practice: `;` or `,` or tab separators
/// (detected from the header), UTF-8 with or without BOM or Windows-1252, CRLF line ends,
/// RFC 4180 quoting (quotes doubled inside quoted fields, separators and newlines allowed there).
public struct CSVDocument: Sendable {
    public var file: String
    public var separator: Character
    public var encoding: TextEncodingRead
    public var header: [String]
    public var records: [CSVRecord]

    public static func read(path: String, separator: Character? = nil) throws -> CSVDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError(file: path, message: "cannot read the file (\(FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file"))")
        }
        return try parse(data: data, file: path, separator: separator)
    }

    public static func parse(data: Data, file: String, separator: Character? = nil) throws -> CSVDocument {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw InputError(file: file, line: 1, message: "the file is UTF-16; save it as UTF-8 (or Windows-1252)")
        }
        let text: String
        let encoding: TextEncodingRead
        if let utf8 = String(data: Data(bytes), encoding: .utf8) {
            text = utf8
            encoding = .utf8
        } else {
            text = Windows1252.decode(bytes)
            encoding = .windows1252
        }
        if text.contains("\u{0}") {
            throw InputError(file: file, message: "the file holds NUL bytes: it is not a text file")
        }
        return try parse(text: text, file: file, separator: separator, encoding: encoding)
    }

    public static func parse(text: String, file: String, separator given: Character? = nil, encoding: TextEncodingRead = .utf8) throws -> CSVDocument {
        let scalars = Array(text.unicodeScalars)
        let separator = given ?? detectSeparator(scalars)
        var records: [CSVRecord] = []
        var field = String.UnicodeScalarView()
        var fields: [String] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 0
        var fieldWasQuoted = false
        var index = 0
        let sep = separator.unicodeScalars.first!

        func endField() {
            fields.append(String(field))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        while index < scalars.count {
            let c = scalars[index]
            if inQuotes {
                if c == "\"" {
                    if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    if !(c == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n") { field.append(c) }
                }
            } else if c == "\"" {
                if field.isEmpty && !fieldWasQuoted {
                    inQuotes = true
                    fieldWasQuoted = true
                    quoteLine = line
                } else {
                    throw InputError(file: file, line: line, column: "\(fields.count + 1)", message: "stray double quote inside an unquoted field (quote the whole field and double the inner quotes)")
                }
            } else if c == sep {
                endField()
            } else if c == "\n" || c == "\r" {
                if c == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" { index += 1 }
                endField()
                if !(fields.count == 1 && fields[0].isEmpty) {
                    records.append(CSVRecord(line: recordLine, fields: fields))
                }
                fields.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
            } else {
                if fieldWasQuoted {
                    throw InputError(file: file, line: line, column: "\(fields.count + 1)", message: "text after the closing quote of a quoted field")
                }
                field.append(c)
            }
            index += 1
        }
        if inQuotes {
            throw InputError(file: file, line: quoteLine, column: "\(fields.count + 1)", message: "a quoted field is never closed")
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: recordLine, fields: fields)) }
        }
        guard let first = records.first else {
            throw InputError(file: file, line: 1, message: "the file is empty (a header line is expected)")
        }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen: Set<String> = []
        for (offset, name) in header.enumerated() {
            if name.isEmpty { throw InputError(file: file, line: first.line, column: "\(offset + 1)", message: "empty column name in the header") }
            if !seen.insert(name).inserted { throw InputError(file: file, line: first.line, column: name, message: "column \"\(name)\" appears twice in the header") }
        }
        let body = Array(records.dropFirst())
        for record in body where record.fields.count != header.count {
            throw InputError(
                file: file, line: record.line,
                message: "\(record.fields.count) field\(record.fields.count > 1 ? "s" : "") where the header has \(header.count) (separator \"\(separator == "\t" ? "tab" : String(separator))\")"
            )
        }
        return CSVDocument(file: file, separator: separator, encoding: encoding, header: header, records: body)
    }

    /// The separator is the most frequent of `;`, `,` and tab on the first line (outside quotes).
    static func detectSeparator(_ scalars: [Unicode.Scalar]) -> Character {
        var counts: [Unicode.Scalar: Int] = [";": 0, ",": 0, "\t": 0]
        var inQuotes = false
        for c in scalars {
            if c == "\"" { inQuotes.toggle() }
            if !inQuotes && (c == "\n" || c == "\r") { break }
            if !inQuotes, counts[c] != nil { counts[c]! += 1 }
        }
        let best = counts.max { ($0.value, $0.key == ";" ? 1 : 0) < ($1.value, $1.key == ";" ? 1 : 0) }
        guard let best, best.value > 0 else { return ";" }
        return Character(best.key)
    }

    /// Position of a column in the header, nil when absent.
    public func column(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// Position of a required column, or an error naming the file and the missing column.
    public func requireColumn(_ name: String) throws -> Int {
        guard let index = column(name) else {
            throw InputError(file: file, line: 1, column: name, message: "missing column \"\(name)\" (header: \(header.joined(separator: String(separator))))")
        }
        return index
    }
}

/// Windows-1252 decoding (the encoding of many INSEE and spreadsheet exports).
enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func decode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32 = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}

/// Numbers as French and English files write them.
public enum NumberText {
    /// Parses `12.5`, `12,5`, `1 234,5` (space or no-break space as thousands separator), `-3`,
    /// `1e-3`. Returns nil for anything else (text, empty, `NA`), never a silent zero.
    public static func parse(_ raw: String) -> Double? {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        text.removeAll { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }
        if text.contains(",") {
            if text.contains(".") { return nil }
            text = text.replacingOccurrences(of: ",", with: ".")
        }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
