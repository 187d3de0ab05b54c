import Foundation
import PhareCore
import ZIPFoundation

/// Writes a `DataTable` as an Office Open XML workbook (.xlsx, ECMA-376): one worksheet, a
/// bold header row, text cells in the shared-string table (neutralised
/// against formula injection: `SpreadsheetText`), numbers stored as numbers (so a
/// spreadsheet can sum them), booleans as booleans, empty cells left out.
public enum XLSXWriter {
    /// A workbook holding `table` in one sheet named `sheetName` (cut to Excel's 31 characters,
    /// with the characters Excel forbids in sheet names replaced).
    public static func workbook(_ table: DataTable, sheetName: String) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let parts: [(String, String)] =
            [
                ("[Content_Types].xml", contentTypes),
                ("_rels/.rels", rootRelationships),
                ("xl/workbook.xml", workbookXML(sheetName: safeSheetName(sheetName))),
                ("xl/_rels/workbook.xml.rels", workbookRelationships),
                ("xl/styles.xml", styles),
            ] + sheetAndStrings(table)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Date(timeIntervalSince1970: 1_577_836_800), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else {
            throw InputError(file: sheetName + ".xlsx", message: "the workbook could not be assembled in memory")
        }
        return data
    }

    /// Excel column letters: 0 → A, 25 → Z, 26 → AA.
    public static func columnName(_ index: Int) -> String {
        var name = ""
        var value = index + 1
        while value > 0 {
            let remainder = (value - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            value = (value - 1) / 26
        }
        return name
    }

    static func safeSheetName(_ name: String) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        let cleaned = String(name.map { forbidden.contains($0) ? "_" : $0 }.prefix(31))
        return cleaned.isEmpty ? "Sheet1" : cleaned
    }

    /// Text safe inside XML 1.0: markup characters escaped, characters XML cannot carry dropped.
    static func xmlEscape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func sheetAndStrings(_ table: DataTable) -> [(String, String)] {
        var strings: [String] = []
        var stringIndex: [String: Int] = [:]
        var references = 0
        func shared(_ text: String) -> Int {
            references += 1
            if let index = stringIndex[text] { return index }
            stringIndex[text] = strings.count
            strings.append(text)
            return strings.count - 1
        }
        var rows: [String] = []
        let allRows: [[Cell]] = [table.columns.map(Cell.text)] + table.rows
        for (rowOffset, row) in allRows.enumerated() {
            let number = rowOffset + 1
            let style = rowOffset == 0 ? " s=\"1\"" : ""
            var cells = ""
            for (columnOffset, cell) in row.enumerated() {
                let reference = columnName(columnOffset) + String(number)
                switch cell {
                case .text(let value):
                    let index = shared(SpreadsheetText.neutralised(value))
                    cells += "<c r=\"\(reference)\" t=\"s\"\(style)><v>\(index)</v></c>"
                case .integer(let value):
                    cells += "<c r=\"\(reference)\"\(style)><v>\(value)</v></c>"
                case .number(let value) where value.isFinite:
                    cells += "<c r=\"\(reference)\"\(style)><v>\(DataTable.exact(value))</v></c>"
                case .bool(let value):
                    cells += "<c r=\"\(reference)\" t=\"b\"\(style)><v>\(value ? 1 : 0)</v></c>"
                case .number, .null:
                    continue
                }
            }
            rows.append("<row r=\"\(number)\">\(cells)</row>")
        }
        let sheet = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
            <sheetData>\(rows.joined())</sheetData></worksheet>
            """
        let sharedStrings = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(references)" uniqueCount="\(strings.count)">\
            \(strings.map { "<si><t xml:space=\"preserve\">\(xmlEscape($0))</t></si>" }.joined())</sst>
            """
        return [("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", sharedStrings)]
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
        </Types>
        """

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static func workbookXML(sheetName: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="\(xmlEscape(sheetName))" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    }

    static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
        </Relationships>
        """

    /// Two cell formats: 0 the default, 1 bold (the header row).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
