import Foundation
import Testing

@testable import PhareRender

@Suite struct XLSXWriterTests {
    @Test func columnNamesFollowExcel() {
        #expect(XLSXWriter.columnName(0) == "A")
        #expect(XLSXWriter.columnName(25) == "Z")
        #expect(XLSXWriter.columnName(26) == "AA")
        #expect(XLSXWriter.columnName(701) == "ZZ")
        #expect(XLSXWriter.columnName(702) == "AAA")
    }

    @Test func sheetNamesAreMadeSafe() {
        #expect(XLSXWriter.safeSheetName("a/b:c*d?[e]") == "a_b_c_d__e_")
        #expect(XLSXWriter.safeSheetName(String(repeating: "x", count: 40)).count == 31)
        #expect(XLSXWriter.safeSheetName("") == "Sheet1")
    }

    /// The workbook is opened by openpyxl (an independent reader): texts, numbers as numbers,
    /// booleans, empty cells, hostile text and the header all come back as written.
    @Test func openpyxlReadsTheWorkbookBack() throws {
        let table = DataTable(
            columns: ["name", "code", "population", "share", "flag"],
            rows: [
                [.text("Grand Est"), .text("44"), .integer(5_549_586), .number(0.0834), .bool(true)],
                [
                    .text("<script>alert('x')</script> & \"quotes\" é\u{1}"), .text("01"), .null, .number(-1.5e-7),
                    .bool(false),
                ],
                [.text("Grand Est"), .text("2A"), .integer(0), .number(.infinity), .null],
            ]
        )
        let data = try XLSXWriter.workbook(table, sheetName: "régions")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phare-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("t.xlsx")
        try data.write(to: file)
        let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.active
            rows = [[c.value for c in row] for row in ws.iter_rows()]
            print(json.dumps({"title": ws.title, "rows": rows, "types": [[type(c.value).__name__ for c in row] for row in ws.iter_rows()]}))
            """
        let output = try python(["-c", script, file.path])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(result["title"] as? String == "régions")
        let rows = try #require(result["rows"] as? [[Any]])
        let types = try #require(result["types"] as? [[String]])
        #expect(rows.count == 4)
        #expect(rows[0] as? [String] == ["name", "code", "population", "share", "flag"])
        #expect(rows[1][0] as? String == "Grand Est")
        #expect(rows[1][1] as? String == "44")
        #expect(types[1] == ["str", "str", "int", "float", "bool"])
        #expect((rows[1][2] as? NSNumber)?.intValue == 5_549_586)
        #expect((rows[1][3] as? NSNumber)?.doubleValue == 0.0834)
        #expect(rows[2][0] as? String == "<script>alert('x')</script> & \"quotes\" é")
        #expect(types[2][2] == "NoneType")
        #expect((rows[2][3] as? NSNumber)?.doubleValue == -1.5e-7)
        #expect(types[2][4] == "bool")
        #expect(rows[3][1] as? String == "2A")
        #expect(types[3][3] == "NoneType")
    }

    func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Issue.record(
                "python3 failed (run scripts/install-dependencies for openpyxl): \(String(decoding: errors, as: UTF8.self))"
            )
        }
        return String(decoding: data, as: UTF8.self)
    }
}
