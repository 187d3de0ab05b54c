import Foundation

/// A territory's rank and the interval its rank moves in under the sensitivity analysis.
public struct RankIntervalRow: Sendable, Hashable {
    public var label: String
    public var rank: Int
    public var low: Int
    public var high: Int
    public var highlighted: Bool

    public init(label: String, rank: Int, low: Int, high: Int, highlighted: Bool = false) {
        self.label = label
        self.rank = rank
        self.low = low
        self.high = high
        self.highlighted = highlighted
    }
}

/// Ranks with their intervals: rank 1 on the left, a bar from the best to the worst rank seen,
/// a dot at the rank itself.
public enum RankIntervalChart {
    public static func render(id: String, caption: ChartCaption, rows: [RankIntervalRow], count: Int) -> String {
        let labelWidth = 190.0
        let width = 640.0
        let rowHeight = 22.0
        let top = 8.0
        let right = 20.0
        let plotWidth = width - labelWidth - right
        let n = max(count, 2)
        func x(_ rank: Int) -> Double { labelWidth + plotWidth * Double(max(1, min(rank, n)) - 1) / Double(n - 1) }
        let bottom = top + Double(rows.count) * rowHeight
        var svg = SVG.open(id: id, width: width, height: bottom + 22, caption: caption)
        for rank in 1...n where rank == 1 || rank == n || (n <= 20) || rank % 5 == 0 {
            svg +=
                "<line x1=\"\(SVG.number(x(rank)))\" y1=\"\(SVG.number(top))\" x2=\"\(SVG.number(x(rank)))\" "
                + "y2=\"\(SVG.number(bottom))\" stroke=\"#eeeeee\"/>"
            svg += SVG.text(String(rank), x: x(rank), y: bottom + 14, anchor: "middle", className: "tick")
        }
        for (offset, row) in rows.enumerated() {
            let y = top + Double(offset) * rowHeight + 11
            svg += SVG.text(
                row.label, x: labelWidth - 8, y: y + 4, anchor: "end",
                className: row.highlighted ? "label strong" : "label")
            svg +=
                "<line x1=\"\(SVG.number(x(row.low)))\" y1=\"\(SVG.number(y))\" x2=\"\(SVG.number(x(row.high)))\" "
                + "y2=\"\(SVG.number(y))\" stroke=\"\(row.highlighted ? "#08519c" : "#9ecae1")\" "
                + "stroke-width=\"8\" stroke-linecap=\"round\"/>"
            svg +=
                "<circle cx=\"\(SVG.number(x(row.rank)))\" cy=\"\(SVG.number(y))\" r=\"4.5\" "
                + "fill=\"#000\"><title>\(HTML.escape("\(row.label): \(row.rank) [\(row.low)–\(row.high)]"))</title></circle>"
        }
        return svg + "</svg>"
    }
}
