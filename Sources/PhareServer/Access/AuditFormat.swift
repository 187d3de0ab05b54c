import Foundation
import PhareCore
import PhareRender
import PhareStore

/// The audit log as a page table, JSON (API and `phare audit --format json`), CSV and a text table.
public enum AuditFormat {
    /// An instant as ISO 8601 UTC, to the second.
    public static func instant(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// A day `YYYY-MM-DD` (midnight UTC) or a full ISO 8601 instant.
    public static func parseDay(_ text: String) -> Date? {
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }

    static func counts(_ entry: AuditEntry) -> String {
        entry.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    public static let columns = ["id", "at", "actor", "action", "file_name", "sha256", "counts", "detail"]

    static func fields(_ entry: AuditEntry) -> [String] {
        [
            entry.id.map(String.init) ?? "", instant(entry.at), entry.actor, entry.action, entry.fileName ?? "",
            entry.sha256 ?? "", counts(entry), entry.detail,
        ]
    }

    /// One JSON array of objects, keys in `columns` order (`counts` an object).
    public static func json(_ entries: [AuditEntry]) -> String {
        func string(_ text: String) -> String {
            String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        }
        let items = entries.map { entry in
            let counts = entry.counts.sorted { $0.key < $1.key }.map { "\(string($0.key)):\($0.value)" }
                .joined(separator: ",")
            return "{\"id\":\(entry.id.map(String.init) ?? "null"),\"at\":\(string(instant(entry.at))),"
                + "\"actor\":\(string(entry.actor)),\"action\":\(string(entry.action)),"
                + "\"file_name\":\(entry.fileName.map(string) ?? "null"),\"sha256\":\(entry.sha256.map(string) ?? "null"),"
                + "\"counts\":{\(counts)},\"detail\":\(string(entry.detail))}"
        }
        return "[" + items.joined(separator: ",\n") + "]\n"
    }

    /// RFC 4180 CSV with a header line; a cell starting with `= + - @` is prefixed with `'` so that
    /// a spreadsheet does not run it as a formula.
    public static func csv(_ entries: [AuditEntry]) -> String {
        func cell(_ text: String) -> String {
            var text = text
            if let first = text.first, "=+-@".contains(first) { text = "'" + text }
            if text.contains(where: { ",\"\n\r".contains($0) }) {
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return text
        }
        return ([columns.joined(separator: ",")] + entries.map { fields($0).map(cell).joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    /// A plain text table for the terminal.
    public static func text(_ entries: [AuditEntry]) -> String {
        let rows =
            [["at", "actor", "action", "file", "sha256", "counts", "detail"]]
            + entries.map { entry in
                [
                    instant(entry.at), entry.actor, entry.action, entry.fileName ?? "",
                    entry.sha256.map { String($0.prefix(12)) } ?? "", counts(entry), entry.detail,
                ]
            }
        let widths = (0..<7).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    static func table(_ entries: [AuditEntry], language: Language) -> String {
        guard !entries.isEmpty else {
            return PageLayout.emptyState(language == .fr ? "Le journal est vide." : "The log is empty.")
        }
        let headers =
            language == .fr
            ? ["Quand", "Qui", "Action", "Fichier", "SHA-256", "Décomptes", "Détail"]
            : ["When", "Who", "Action", "File", "SHA-256", "Counts", "Detail"]
        var html =
            "<div class=\"table-wrap\"><table class=\"data audit\"><thead><tr>"
            + headers.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for entry in entries {
            let cells = [
                instant(entry.at), entry.actor, entry.action, entry.fileName ?? "",
                entry.sha256.map { String($0.prefix(16)) + "…" } ?? "", counts(entry), entry.detail,
            ]
            html += "<tr>" + cells.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table></div>"
    }
}
