import Foundation
import Testing

@testable import PhareRender

@Suite struct PDFExportTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("phare-pdf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func missingWeasyPrintIsAClearErrorAndWritesNothing() throws {
        let out = try folder() + "/r.pdf"
        do {
            try PDFExport.write(html: "<p>x</p>", to: out, weasyPrint: nil)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("apt-get install weasyprint"))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(PDFExport.weasyPrintPath(environment: ["PATH": "/nonexistent"]) == nil)
    }

    @Test func htmlBecomesAPDFWhoseTextReadsBack() throws {
        let weasyPrint = try #require(
            PDFExport.weasyPrintPath(), "WeasyPrint must be installed (scripts/install-dependencies)")
        let dir = try folder()
        let out = dir + "/r.pdf"
        let html = """
            <!doctype html><html lang="fr"><head><meta charset="utf-8"><style>@page { size: A4; @bottom-center { content: counter(page) " / " counter(pages); } } section { page-break-after: always; }</style></head>
            <body><section><h1>Grand Est</h1><p>Taux de chômage : 7,5 %</p></section><section><h2>Deuxième page</h2></section></body></html>
            """
        let seconds = try PDFExport.write(html: html, to: out, weasyPrint: weasyPrint)
        #expect(seconds > 0)
        let text = Process()
        text.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        text.arguments = [out, "-"]
        let pipe = Pipe()
        text.standardOutput = pipe
        try text.run()
        let content = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        text.waitUntilExit()
        #expect(content.contains("Grand Est"))
        #expect(content.contains("Taux de chômage"))
        #expect(content.contains("1/2") && content.contains("2/2"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["r.pdf"])
    }

    @Test func aMissingFolderIsRefused() throws {
        #expect(throws: PDFExport.Failure.self) {
            try PDFExport.write(
                html: "<p>x</p>", to: "/nonexistent-\(UUID().uuidString)/r.pdf", weasyPrint: "/usr/bin/weasyprint")
        }
    }
}
