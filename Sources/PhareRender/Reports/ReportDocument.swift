import Foundation
import PhareAnalysis
import PhareCore

/// A self-contained HTML publication (inline CSS and SVG, no external resource) laid out for
/// print with CSS paged media: WeasyPrint turns it into a PDF with page numbers, running headers
/// and a table of contents with page references.
public struct ReportDocument: Sendable {
    public struct Section: Sendable {
        public var id: String
        public var title: String
        public var html: String
    }

    public var language: Language
    public var title: String
    /// Written at the top of every page after the cover.
    public var runningTitle: String
    public var coverHTML: String
    public var sections: [Section]
    public var withContents: Bool

    public init(
        language: Language, title: String, runningTitle: String, coverHTML: String, sections: [Section],
        withContents: Bool
    ) {
        self.language = language
        self.title = title
        self.runningTitle = runningTitle
        self.coverHTML = coverHTML
        self.sections = sections
        self.withContents = withContents
    }

    /// Text for the reader: French typography in French, then HTML escaping.
    public static func text(_ text: String, _ language: Language) -> String {
        HTML.escape(Typography.apply(text, language))
    }

    /// The chart and table rules of the dashboard's stylesheet, so that charts look the same.
    static let chartStyles: String = {
        guard let data = try? DashboardAssets.stylesheet() else { return "" }
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("svg.chart") || $0.hasPrefix("table.data") }
            .joined(separator: "\n")
    }()

    static let printStyles = """
        @page { size: A4; margin: 22mm 18mm 20mm 18mm;
          @top-left { content: string(running); font-size: 8.5pt; color: #555; }
          @top-right { content: string(part); font-size: 8.5pt; color: #555; }
          @bottom-center { content: counter(page) " / " counter(pages); font-size: 8.5pt; color: #555; } }
        @page cover { margin: 0; @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }
        html { font-family: "DejaVu Sans", system-ui, sans-serif; font-size: 10pt; color: #1b1b1b; line-height: 1.4; }
        body { margin: 0; }
        .cover { page: cover; height: 297mm; box-sizing: border-box; padding: 60mm 22mm 20mm; background: #0b2f5b; color: #fff; page-break-after: always; }
        .cover .kicker { font-size: 12pt; letter-spacing: .08em; text-transform: uppercase; opacity: .85; }
        .cover h1 { font-size: 30pt; margin: 8mm 0 4mm; line-height: 1.15; }
        .cover .subtitle { font-size: 15pt; }
        .cover .meta { margin-top: 40mm; font-size: 10pt; opacity: .9; }
        .cover .warning { margin-top: 10mm; border: 1px solid #ffbf47; padding: 3mm 4mm; color: #fff; }
        .callout, .warning-box { page-break-inside: avoid; }
        .chart-title { font-weight: 700; font-size: 9.5pt; margin: 0 0 1mm; page-break-after: avoid; }
        h2 { string-set: part content(); font-size: 16pt; color: #0b2f5b; border-bottom: 2px solid #0b2f5b; padding-bottom: 1mm; margin: 0 0 4mm; }
        section.part { page-break-before: always; }
        section.part.flow { page-break-before: auto; }
        h1.document-title { font-size: 20pt; color: #0b2f5b; margin: 0 0 2mm; }
        h3 { font-size: 12pt; color: #0b2f5b; margin: 6mm 0 2mm; page-break-after: avoid; }
        p, li { orphans: 3; widows: 3; }
        nav.contents ol { list-style: none; padding: 0; }
        nav.contents li { margin: 2mm 0; }
        nav.contents a { color: inherit; text-decoration: none; }
        nav.contents a::after { content: leader('.') target-counter(attr(href), page); }
        figure.chart-figure { margin: 3mm 0 5mm; page-break-inside: avoid; }
        figure.chart-figure figcaption { font-size: 8.5pt; color: #555; margin-top: 1mm; }
        table.data { page-break-inside: auto; font-size: 8.5pt; }
        table.data tr { page-break-inside: avoid; }
        dl.facts { display: flex; flex-wrap: wrap; gap: 2mm; margin: 3mm 0; }
        dl.facts div { width: 52mm; border: 1px solid #d0d0d0; padding: 2mm 3mm; border-radius: 2mm; }
        dl.facts dt { font-size: 8pt; color: #555; }
        dl.facts dd { margin: 0; font-size: 12pt; font-weight: 700; }
        .callout { border-left: 3px solid #08519c; background: #f3f6fa; padding: 2mm 4mm; margin: 3mm 0; }
        .warning-box { border: 1px solid #b3200e; background: #fdf1ef; padding: 2mm 4mm; margin: 3mm 0; }
        .note, .source { color: #555; font-size: 8.5pt; }
        ol.synthesis li, ul.reasons li { margin: 1.5mm 0; }
        """

    /// Text inside a CSS string: backslash, quote, newline and `<` escaped (`<` so that no
    /// `</style>` can close the style element).
    static func cssString(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "<": out += "\\3c "
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public func html() -> String {
        let lang = language.rawValue
        var body = coverHTML
        if withContents {
            body +=
                "<section class=\"part\(withContents ? "" : " flow")\" "
                + "id=\"contents\"><h2>\(language == .fr ? "Sommaire" : "Contents")</h2><nav class=\"contents\" "
                + "aria-label=\"\(language == .fr ? "Sommaire" : "Contents")\"><ol>"
            for section in sections {
                body += "<li><a href=\"#\(HTML.escape(section.id))\">\(Self.text(section.title, language))</a></li>"
            }
            body += "</ol></nav></section>"
        }
        for section in sections {
            body +=
                "<section class=\"part\(withContents ? "" : " flow")\" "
                + "id=\"\(HTML.escape(section.id))\"><h2>\(Self.text(section.title, language))</h2>\(section.html)</section>"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(lang)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Phare">
            <title>\(Self.text(title, language))</title>
            <style>
            body { string-set: running "\(Self.cssString(Typography.apply(runningTitle, language)))"; }
            \(Self.printStyles)
            \(Self.chartStyles)
            </style>
            </head>
            <body>
            \(body)
            </body>
            </html>

            """
    }
}
