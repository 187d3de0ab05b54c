import ArgumentParser
import Foundation
import PhareAnalysis
import PhareCore
import PhareRender
import PhareStore

struct DeckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deck",
        abstract: "Write a 16:9 slide deck to put a region's results up for debate (HTML or PDF).",
        discussion: """
            HTML is one self-contained file: arrow keys move between slides, printing gives one slide a page. \
            PDF is made from it by WeasyPrint. Example: phare deck --territory 44 --format pdf --out grand-est-deck.pdf
            """
    )
    enum Format: String, ExpressibleByArgument, CaseIterable { case html, pdf }

    @OptionGroup var analysis: AnalysisArguments
    @Option(help: "The region (INSEE code, e.g. 44), or a territory inside it.")
    var territory: String
    @Option(help: "html or pdf.")
    var format: Format = .html
    @Option(help: "Language: fr or en.")
    var lang: Language = .fr
    @Option(help: "The file to write (default: deck-CODE.html or .pdf).")
    var out: String?

    func run() throws {
        try reportingErrors {
            if format == .pdf { _ = try PDFExport.requireWeasyPrint() }
            let result = try analysis.analyse()
            let profile = try analysis.profile(territory, in: result)
            let coverage = try result.allianceCoverage(profile)
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.locale = Locale(identifier: "en_US_POSIX")
            let deck = DebateDeck(framework: result.framework, language: lang, date: formatter.string(from: Date()))
            let html = deck.document(
                profile, coverage: coverage, illustrative: result.illustrative || result.synthetic)
            let path = out ?? "deck-\(profile.territory.code).\(format.rawValue)"
            switch format {
            case .pdf: try PDFExport.write(html: html, to: path)
            case .html:
                try AtomicFile.write(html, to: path)
            }
            note("wrote \(path) (\(deck.slides(profile, coverage: coverage, illustrative: false).count) slides)")
        }
    }
}
