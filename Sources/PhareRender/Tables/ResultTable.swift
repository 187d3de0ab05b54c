import Foundation
import PhareAnalysis
import PhareCore

/// A column of a result table: its key (the CSV/JSON/XLSX header), its label for readers and
/// how its numbers are printed on a page.
public struct TableColumn: Sendable, Hashable {
    public var key: String
    public var label: LocalizedText
    /// Decimals shown on the page for numbers; downloads keep full precision.
    public var decimals: Int

    public init(_ key: String, _ label: LocalizedText, decimals: Int = 0) {
        self.key = key
        self.label = label
        self.decimals = decimals
    }
}

/// A table that a page shows and that is downloadable as it is: the same rows become the HTML
/// table, the CSV, the XLSX and the JSON, so the numbers cannot disagree.
public struct ResultTable: Sendable {
    /// File name of the downloads, without extension (`regions-population`).
    public var name: String
    public var title: LocalizedText
    public var columns: [TableColumn]
    public var rows: [[Cell]]
    /// Where the first cell of each row leads (nil: plain text). Same count as `rows`, or empty.
    public var links: [String?]

    public init(name: String, title: LocalizedText, columns: [TableColumn], rows: [[Cell]] = [], links: [String?] = [])
    {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
        self.links = links
    }

    public var dataTable: DataTable { DataTable(columns: columns.map(\.key), rows: rows) }

    /// The table as HTML, numbers formatted for `language`, with its download links below.
    /// `limit` shows only the first rows (the downloads always hold them all).
    public func html(
        language: Language, downloads: [(label: String, href: String)], limit: Int? = nil, moreRowsNote: String? = nil
    ) -> String {
        var html =
            "<div class=\"table-wrap\"><table "
            + "class=\"data\"><caption>\(HTML.escape(Typography.apply(title.text(language), language)))</caption><thead><tr>"
        for column in columns {
            html += "<th scope=\"col\">\(HTML.escape(Typography.apply(column.label.text(language), language)))</th>"
        }
        html += "</tr></thead><tbody>"
        let shown = limit.map { Array(rows.prefix($0)) } ?? rows
        for (offset, row) in shown.enumerated() {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                let decimals = index < columns.count ? columns[index].decimals : 0
                let text = Self.text(cell, decimals: decimals, language: language)
                let numeric: Bool =
                    switch cell {
                    case .integer, .number: true
                    default: false
                    }
                let content: String
                if index == 0, offset < links.count, let link = links[offset] {
                    content = "<a href=\"\(HTML.escape(link))\">\(HTML.escape(Typography.apply(text, language)))</a>"
                } else {
                    content = HTML.escape(Typography.apply(text, language))
                }
                html +=
                    index == 0
                    ? "<th scope=\"row\">\(content)</th>"
                    : (numeric ? "<td class=\"num\">\(content)</td>" : "<td>\(content)</td>")
            }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        if let moreRowsNote, shown.count < rows.count {
            html += "<p class=\"note\">\(HTML.escape(moreRowsNote))</p>"
        }
        if !downloads.isEmpty {
            html +=
                "<p class=\"downloads\">"
                + downloads.map { "<a href=\"\(HTML.escape($0.href))\" download>\(HTML.escape($0.label))</a>" }.joined(
                    separator: " · ") + "</p>"
        }
        return html
    }

    static func text(_ cell: Cell, decimals: Int, language: Language) -> String {
        switch cell {
        case .text(let value): value
        case .integer(let value): NumberFormatting.format(value, language: language)
        case .number(let value): NumberFormatting.format(value, decimals: decimals, language: language)
        case .bool(let value): value ? "✓" : "—"
        case .null: "—"
        }
    }
}
