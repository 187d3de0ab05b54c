import Foundation
import PhareTestSupport
import Testing

/// Reports on the demo observatory: every region in both languages as HTML, and PDFs read back.
@Suite(.serialized) struct ReportCommandTests {
    static let folder: String = {
        let folder = try! PhareProcess.temporaryFolder()
        let result = try! PhareProcess.run(["init", "--demo"], in: folder)
        precondition(result.status == 0, result.stderr)
        return folder
    }()

    func phare(_ arguments: String..., environment: [String: String] = [:]) throws -> PhareRun {
        try PhareProcess.run(arguments, in: Self.folder, environment: environment)
    }

    /// Text a reader sees: styles, scripts and tags removed.
    static func visibleText(_ html: String) -> String {
        html.replacingOccurrences(of: "<style[^>]*>[\\s\\S]*?</style>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
    }

    /// Problems that make a report HTML unfit: external resources, broken internal links,
    /// headings out of order, charts without a text alternative.
    static func problems(_ html: String) -> [String] {
        var problems: [String] = []
        for pattern in [
            "src=\"http", "href=\"http", "href=\"//", "url(http", "url(//", "url(\"", "url('", "@import", "<script",
            "<link ",
        ] where html.contains(pattern) {
            problems.append("external resource or script: \(pattern)")
        }
        let ids = Set(matches(html, "id=\"([^\"]+)\""))
        for target in matches(html, "href=\"#([^\"]+)\"") where !ids.contains(target) {
            problems.append("broken internal link #\(target)")
        }
        let levels = matches(html, "<h([1-6])[ >]").compactMap(Int.init)
        if levels.first != 1 { problems.append("the first heading is not h1") }
        for (previous, next) in zip(levels, levels.dropFirst()) where next > previous + 1 {
            problems.append("heading h\(previous) followed by h\(next)")
        }
        let charts = html.components(separatedBy: "<svg xmlns").dropFirst()
        for chart in charts where !(chart.contains("<title") && chart.contains("<desc")) {
            problems.append("a chart without <title> and <desc>")
        }
        return problems
    }

    static func matches(_ text: String, _ pattern: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test(arguments: ["fr", "en"]) func everyReportInHTMLIsSelfContainedAndAccessible(language: String) throws {
        let out = Self.folder + "/html-\(language)"
        let result = try phare("report", "--all", "--format", "html", "--lang", language, "--out", out)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote 53 reports"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files.count == 53)
        #expect(files.filter { $0.hasPrefix("region-") }.count == 36)
        #expect(files.contains("national.html"))
        for file in files {
            let html = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            #expect(Self.problems(html).isEmpty, "\(file): \(Self.problems(html))")
            #expect(html.contains("<html lang=\"\(language)\">"))
            let text = Self.visibleText(html)
            if language == "fr" {
                // French typography: no ordinary space before % ; : in what a reader sees.
                for mark in [" %", " ;", " :"] {
                    #expect(!text.contains(mark), "\(file) has an ordinary space before \(mark.dropFirst())")
                }
            }
        }
        let grandEst = try String(contentsOfFile: out + "/region-44-grand-est.html", encoding: .utf8)
        #expect(grandEst.contains("Grand Est"))
        #expect(grandEst.contains(language == "fr" ? "Carte d&#39;identité" : "Identity card"))
        #expect(grandEst.contains(language == "fr" ? "5\u{202F}561\u{202F}287" : "5,561,287"))
        #expect(grandEst.contains(language == "fr" ? "illustratives" : "illustrative"))
    }

    func pdf(_ arguments: [String], name: String) throws -> (pages: Int, text: String) {
        let path = Self.folder + "/" + name
        let result = try PhareProcess.run(["report"] + arguments + ["--format", "pdf", "--out", path], in: Self.folder)
        #expect(result.status == 0, "\(result.stderr)")
        func run(_ tool: String, _ arguments: [String]) throws -> String {
            try ProcessOutput.run(URL(fileURLWithPath: tool), arguments).stdout
        }
        let info = try run("/usr/bin/pdfinfo", [path])
        let pages = Int(Self.matches(info, "Pages:\\s+(\\d+)").first ?? "") ?? 0
        return (pages, try run("/usr/bin/pdftotext", [path, "-"]))
    }

    @Test func grandEstPDFHasItsPartsFiguresAndPageNumbers() throws {
        let (pages, text) = try pdf(["--territory", "44"], name: "grand-est.pdf")
        #expect((15...40).contains(pages), "\(pages) pages")
        #expect(text.contains("Grand Est"))
        for part in [
            "1. Carte d'identité", "2. Fragilités mesurées et ressenties", "3. État de la co-construction",
            "4. Pratiques partenariales", "5. Synthèse", "Annexe",
        ] {
            #expect(text.contains(part), "missing \(part)")
        }
        #expect(!Self.matches(text, "(5.561.287)").isEmpty, "population of Grand Est")
        #expect(text.contains("Rapport régional — Grand Est"))
        #expect(!Self.matches(text, "(\\d+ ?/ ?\(pages))").isEmpty, "page numbers n / \(pages)")
        let english = try pdf(["--territory", "44", "--lang", "en"], name: "grand-est-en.pdf")
        #expect(english.text.contains("Identity card"))
        #expect(!Self.matches(english.text, "(5,561,287)").isEmpty)
    }

    @Test func synthesisFitsOnTwoPages() throws {
        for region in ["44", "93", "11"] {
            let (pages, text) = try pdf(["--territory", region, "--kind", "synthesis"], name: "synthese-\(region).pdf")
            #expect((1...2).contains(pages), "\(region): \(pages) pages")
            #expect(text.contains("Domaines recommandés pour des alliances"))
        }
    }

    @Test func domainAndNationalReports() throws {
        let domain = try pdf(["--kind", "domain", "--domain", "emploi"], name: "emploi.pdf")
        #expect(domain.pages >= 4)
        #expect(domain.text.contains("Emploi"))
        #expect(domain.text.contains("Provence-Alpes-Côte d'Azur"))
        let national = try pdf(["--kind", "national"], name: "france.pdf")
        #expect(national.pages >= 4)
        #expect(national.text.contains("Rapport national"))
        let unknown = try phare(
            "report", "--kind", "domain", "--domain", "chomage", "--format", "html", "--out", Self.folder + "/x.html")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown domain \"chomage\""))
    }

    @Test func missingWeasyPrintIsAClearErrorAndWritesNothing() throws {
        let out = Self.folder + "/none.pdf"
        let result = try phare(
            "report", "--territory", "44", "--format", "pdf", "--out", out,
            environment: ["PATH": "/nonexistent", "PHARE_WEASYPRINT": ""])
        #expect(result.status == 1)
        #expect(result.stderr.contains("apt-get install weasyprint"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aTerritoryWithoutDataGetsAReportThatSaysSo() throws {
        let empty = try PhareProcess.initialisedFolder()
        let result = try PhareProcess.run(
            ["report", "--territory", "44", "--format", "html", "--out", "r.html"], in: empty)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: empty + "/r.html", encoding: .utf8)
        #expect(
            html.contains("Aucun indicateur statistique n&#39;est chargé pour ce territoire")
                || html.contains("Aucun indicateur statistique n'est chargé"))
        #expect(
            html.contains("Aucune réponse d&#39;enquête n&#39;est disponible")
                || html.contains("Aucune réponse d'enquête n'est disponible"))
        #expect(!html.contains("<svg") || Self.problems(html).isEmpty)
        #expect(Self.problems(html).isEmpty, "\(Self.problems(html))")
    }
}
