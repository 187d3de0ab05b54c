import Foundation
import Testing

@testable import PhareCore
@testable import PhareImport

@Suite struct CSVDocumentTests {
    @Test func semicolonDecimalCommaBOMAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("CODGEO;P21_POP;TAUX\r\n01001;776;12,5\r\n01002;248;\r\n".utf8)
        let document = try CSVDocument.parse(data: Data(bytes), file: "base.csv")
        #expect(document.separator == ";")
        #expect(document.encoding == .utf8)
        #expect(document.header == ["CODGEO", "P21_POP", "TAUX"])
        #expect(document.records.map(\.line) == [2, 3])
        #expect(document.records[0].fields == ["01001", "776", "12,5"])
        #expect(document.records[1].fields[2] == "")
        #expect(NumberText.parse(document.records[0].fields[2]) == 12.5)
    }

    @Test func windows1252AccentsAreDecoded() throws {
        // "Libellé;Région" then "Évreux;Normandie" in Windows-1252.
        let bytes: [UInt8] =
            Array("Libell".utf8) + [0xE9] + Array(";R".utf8) + [0xE9] + Array("gion\n".utf8)
            + [0xC9] + Array("vreux;Normandie\n".utf8)
        let document = try CSVDocument.parse(data: Data(bytes), file: "w.csv")
        #expect(document.encoding == .windows1252)
        #expect(document.header == ["Libellé", "Région"])
        #expect(document.records[0].fields == ["Évreux", "Normandie"])
    }

    @Test func quotedFieldsWithSeparatorsQuotesAndNewlines() throws {
        let text = "code,name,note\n44,\"Grand Est\",\"dit \"\"GE\"\", a; b\nsur deux lignes\"\n93,PACA,\n"
        let document = try CSVDocument.parse(text: text, file: "q.csv")
        #expect(document.separator == ",")
        #expect(document.records.count == 2)
        #expect(document.records[0].fields[2] == "dit \"GE\", a; b\nsur deux lignes")
        #expect(document.records[1].line == 4)
    }

    @Test func errorsNameFileLineAndColumn() {
        func message(_ text: String) -> String {
            do {
                _ = try CSVDocument.parse(text: text, file: "f.csv")
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(message("a;b\n1;2\n3\n") == "f.csv:3: 1 field where the header has 2 (separator \";\")")
        #expect(message("a;b\n1;\"2\n") == "f.csv:2 column 2: a quoted field is never closed")
        #expect(
            message("a;b\n1;2\"x\n")
                == "f.csv:2 column 2: stray double quote inside an unquoted field (quote the whole field and double the inner quotes)"
        )
        #expect(message("a;a\n1;2\n") == "f.csv:1 column a: column \"a\" appears twice in the header")
        #expect(message("") == "f.csv:1: the file is empty (a header line is expected)")
    }

    @Test func missingColumnIsNamed() throws {
        let document = try CSVDocument.parse(text: "territory;year\n44;2021\n", file: "long.csv")
        #expect(
            throws: InputError(
                file: "long.csv", line: 1, column: "value", message: "missing column \"value\" (header: territory;year)"
            )
        ) {
            try document.requireColumn("value")
        }
    }

    @Test func numbersInFrenchAndEnglishForms() {
        #expect(NumberText.parse("12.5") == 12.5)
        #expect(NumberText.parse("1 234,5") == 1234.5)
        #expect(NumberText.parse("1\u{202F}234") == 1234)
        #expect(NumberText.parse("-3") == -3)
        #expect(NumberText.parse("2e-3") == 0.002)
        #expect(NumberText.parse("") == nil)
        #expect(NumberText.parse("NA") == nil)
        #expect(NumberText.parse("12,5.3") == nil)
        #expect(NumberText.parse("inf") == nil)
        #expect(NumberText.parse("12 abc") == nil)
    }
}
