import Foundation
import PhareCore

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
            throw InputError(
                file: path,
                message:
                    "cannot read the file "
                    + "(\(FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file"))"
            )
        }
        return try parse(data: data, file: path, separator: separator)
    }

    public static func parse(data: Data, file: String, separator: Character? = nil) throws -> CSVDocument {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // Byte order marks (Unicode §23.8): UTF-32 first, its little-endian mark begins like UTF-16's.
        for (mark, name) in [
            ([0xFF, 0xFE, 0x00, 0x00] as [UInt8], "UTF-32"), ([0x00, 0x00, 0xFE, 0xFF], "UTF-32"),
            ([0xFF, 0xFE], "UTF-16"), ([0xFE, 0xFF], "UTF-16"),
        ] where bytes.starts(with: mark) {
            throw InputError(
                file: file, line: 1, message: "the file is \(name); save it as UTF-8 (or Windows-1252)")
        }
        let text: String
        let encoding: TextEncodingRead
        if let utf8 = bytes.withUnsafeBytes({ String(validating: $0, as: UTF8.self) }) {
            text = utf8
            encoding = .utf8
        } else {
            text = Windows1252.decode(bytes)
            encoding = .windows1252
        }
        return try parse(text: text, file: file, separator: separator, encoding: encoding)
    }

    public static func parse(
        text: String, file: String, separator given: Character? = nil, encoding: TextEncodingRead = .utf8
    ) throws -> CSVDocument {
        var text = text
        return try text.withUTF8 { bytes in
            try parse(utf8: bytes, file: file, separator: given, encoding: encoding)
        }
    }

    /// The parser proper, on UTF-8 bytes: the separator, quotes and line ends are ASCII, so fields
    /// are cut from the bytes directly (several times faster than walking Unicode scalars).
    static func parse(
        utf8 bytes: UnsafeBufferPointer<UInt8>, file: String, separator given: Character?, encoding: TextEncodingRead
    ) throws -> CSVDocument {
        let separator = given ?? detectSeparator(bytes)
        guard let sep = separator.asciiValue else {
            throw InputError(file: file, message: "the separator must be an ASCII character, not \"\(separator)\"")
        }
        let quote = UInt8(ascii: "\"")
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        let count = bytes.count
        var records: [CSVRecord] = []
        var fields: [String] = []
        var line = 1
        var recordLine = 1
        var index = 0
        var quoted: [UInt8] = []
        while true {
            if index < count && bytes[index] == quote {
                let quoteLine = line
                quoted.removeAll(keepingCapacity: true)
                index += 1
                var closed = false
                while index < count {
                    let c = bytes[index]
                    if c == 0 { throw nulByte(file: file, line: line, column: fields.count + 1) }
                    if c == quote {
                        if index + 1 < count && bytes[index + 1] == quote {
                            quoted.append(quote)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    if c == lf { line += 1 }
                    if !(c == cr && index + 1 < count && bytes[index + 1] == lf) { quoted.append(c) }
                    index += 1
                }
                if !closed {
                    throw InputError(
                        file: file, line: quoteLine, column: "\(fields.count + 1)",
                        message: "a quoted field is never closed")
                }
                fields.append(String(decoding: quoted, as: UTF8.self))
                if index < count && bytes[index] != sep && bytes[index] != lf && bytes[index] != cr {
                    throw InputError(
                        file: file, line: line, column: "\(fields.count)",
                        message: "text after the closing quote of a quoted field")
                }
            } else {
                let start = index
                while index < count {
                    let c = bytes[index]
                    if c == sep || c == lf || c == cr { break }
                    if c == 0 { throw nulByte(file: file, line: line, column: fields.count + 1) }
                    if c == quote {
                        throw InputError(
                            file: file, line: line, column: "\(fields.count + 1)",
                            message:
                                "stray double quote inside an unquoted field (quote the whole field and double the "
                                + "inner quotes)"
                        )
                    }
                    index += 1
                }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            }
            if index >= count {
                if !(fields.count == 1 && fields[0].isEmpty) {
                    records.append(CSVRecord(line: recordLine, fields: fields))
                }
                break
            }
            if bytes[index] == sep {
                index += 1
                continue
            }
            // A line end: \n, \r\n or \r.
            if bytes[index] == cr && index + 1 < count && bytes[index + 1] == lf { index += 1 }
            index += 1
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
            line += 1
            recordLine = line
            if index >= count { break }
        }
        guard let first = records.first else {
            throw InputError(file: file, line: 1, message: "the file is empty (a header line is expected)")
        }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen: Set<String> = []
        for (offset, name) in header.enumerated() {
            if name.isEmpty {
                throw InputError(
                    file: file, line: first.line, column: "\(offset + 1)", message: "empty column name in the header")
            }
            if !seen.insert(name).inserted {
                throw InputError(
                    file: file, line: first.line, column: name,
                    message: "column \"\(name)\" appears twice in the header")
            }
        }
        let body = Array(records.dropFirst())
        for record in body where record.fields.count != header.count {
            throw InputError(
                file: file, line: record.line,
                message:
                    "\(record.fields.count) field\(record.fields.count > 1 ? "s" : "") where the header has "
                    + "\(header.count) (separator \"\(separator == "\t" ? "tab" : String(separator))\")"
            )
        }
        return CSVDocument(file: file, separator: separator, encoding: encoding, header: header, records: body)
    }

    /// A NUL byte never occurs in text: the file is binary, or UTF-16/UTF-32 saved without a byte order mark.
    static func nulByte(file: String, line: Int, column: Int) -> InputError {
        InputError(
            file: file, line: line, column: "\(column)",
            message:
                "a NUL byte (code 0): this is not a text file, or it is UTF-16 or UTF-32 without a byte order mark "
                + "(save it as UTF-8)")
    }

    /// The separator is the most frequent of `;`, `,` and tab on the first line (outside quotes);
    /// ties go to `;`, then `,`.
    static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> Character {
        var semicolons = 0
        var commas = 0
        var tabs = 0
        var inQuotes = false
        for c in bytes {
            if c == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { break }
            if c == UInt8(ascii: ";") {
                semicolons += 1
            } else if c == UInt8(ascii: ",") {
                commas += 1
            } else if c == UInt8(ascii: "\t") {
                tabs += 1
            }
        }
        if semicolons == 0 && commas == 0 && tabs == 0 { return ";" }
        if semicolons >= commas && semicolons >= tabs { return ";" }
        return commas >= tabs ? "," : "\t"
    }

    /// Refuses a file whose header is followed by no data line, naming what it should hold.
    public func requireDataLines(_ what: String) throws {
        guard records.isEmpty else { return }
        throw InputError(
            file: file, line: 2, message: "the file has a header line but no data line: no \(what) to import")
    }

    /// Position of a column in the header, nil when absent.
    public func column(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// Position of a required column, or an error naming the file and the missing column.
    public func requireColumn(_ name: String) throws -> Int {
        guard let index = column(name) else {
            throw InputError(
                file: file, line: 1, column: name,
                message: "missing column \"\(name)\" (header: \(header.joined(separator: String(separator))))")
        }
        return index
    }
}

/// Windows-1252 decoding (the encoding of many INSEE and spreadsheet exports).
enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
        0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD,
        0x017E, 0x0178,
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
        if let plain = parsePlain(raw) { return plain }
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

    /// Fast path for the common case (`12`, `-3.5`, `12,5`: ASCII digits, one decimal mark, no
    /// spaces), without Foundation. Up to 15 significant digits the value is m / 10^k with m and
    /// 10^k exact doubles, so one IEEE division gives the correctly rounded result (Clinger 1990,
    /// "How to read floating point numbers accurately", PLDI); longer numbers and exponents go to
    /// `Double(String)`. nil sends the text to the general path, which then also answers nil.
    static let powersOfTen: [Double] = [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ]

    static func parsePlain(_ raw: String) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = -1
        var negative = false
        var exponent = false
        var comma = false
        var position = 0
        for byte in raw.utf8 {
            defer { position += 1 }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0")) }
                digits += 1
                if fractionDigits >= 0 { fractionDigits += 1 }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if fractionDigits >= 0 || exponent { return nil }
                if byte == UInt8(ascii: ",") { comma = true }
                fractionDigits = 0
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if position == 0 { negative = byte == UInt8(ascii: "-") } else if !exponent { return nil }
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                exponent = true
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        if exponent || digits > 15 {
            let text =
                comma
                ? String(decoding: raw.utf8.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 }, as: UTF8.self)
                : raw
            guard let value = Double(text), value.isFinite else { return nil }
            return value
        }
        let value = Double(mantissa) / powersOfTen[max(fractionDigits, 0)]
        return negative ? -value : value
    }
}
