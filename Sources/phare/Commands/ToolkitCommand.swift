import ArgumentParser
import Foundation
import PhareCore
import PhareRender
import PhareStore

struct ToolkitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toolkit",
        abstract: "The co-construction toolkit: search its pages, or export them as one HTML or PDF document.",
        subcommands: [ToolkitSearch.self, ToolkitExport.self]
    )
}

struct ToolkitSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "List the toolkit pages holding every word given.")
    @Argument(help: "Words to look for.")
    var words: [String]
    @Option(help: "Language: fr or en.")
    var lang: Language = .fr

    func run() throws {
        try reportingErrors {
            for page in try Toolkit.bundled().search(words.joined(separator: " "), language: lang) {
                emit("\(page.name)\t\(page.title)\n")
            }
        }
    }
}

struct ToolkitExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every toolkit page of a language as one document (.html or .pdf).")
    @Option(help: "Language: fr or en.")
    var lang: Language = .fr
    @Option(help: "The file to write; PDF (through WeasyPrint) when it ends in .pdf.")
    var out: String

    func run() throws {
        try reportingErrors {
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.locale = Locale(identifier: "en_US_POSIX")
            let html = ToolkitPages.document(
                try Toolkit.bundled(), language: lang, date: formatter.string(from: Date()))
            if out.lowercased().hasSuffix(".pdf") {
                try PDFExport.write(html: html, to: out)
            } else {
                try AtomicFile.write(html, to: out)
            }
            note("wrote \(out)")
        }
    }
}
