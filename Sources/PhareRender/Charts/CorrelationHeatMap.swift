import Foundation

/// A correlation matrix as a grid of squares: colour from a diverging palette (ColorBrewer RdBu,
/// blue for r > 0, red for r < 0) and the coefficient written in each square, so the values are
/// read without colour. Rows are labelled with the names, columns with their numbers.
public enum CorrelationHeatMap {
    /// RdBu, 7 classes, from r = −1 (red) to r = 1 (blue).
    static let colours = ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"]

    /// The class of r among 7 equal bins of [−1, 1].
    static func colour(_ r: Double) -> String {
        colours[min(colours.count - 1, max(0, Int(((r + 1) / 2 * Double(colours.count)).rounded(.down))))]
    }

    public static func render(
        id: String, caption: ChartCaption, labels: [String], matrix: [[Double]], style: ValueStyle
    ) -> String {
        let labelWidth = 230.0
        let cell = 44.0
        let top = 24.0
        let count = Double(labels.count)
        let width = labelWidth + cell * count + 10
        let height = top + cell * count + 40
        var svg = SVG.open(id: id, width: width, height: height, caption: caption)
        for (j, _) in labels.enumerated() {
            svg += SVG.text(
                String(j + 1), x: labelWidth + cell * (Double(j) + 0.5), y: top - 8, anchor: "middle", className: "tick"
            )
        }
        for (i, label) in labels.enumerated() {
            let y = top + cell * Double(i)
            // Long names are cut to what the label column holds; the full name is in each cell's title
            // and in the pairs table under the chart.
            let shown = label.count > 29 ? label.prefix(28).trimmingCharacters(in: .whitespaces) + "…" : label
            svg += SVG.text("\(i + 1). \(shown)", x: labelWidth - 8, y: y + cell / 2 + 4, anchor: "end")
            for (j, r) in matrix[i].enumerated() {
                let x = labelWidth + cell * Double(j)
                let fill = colour(r)
                let dark = r <= -0.43 || r >= 0.43
                svg +=
                    "<rect class=\"heat-cell\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(cell))\" "
                    + "height=\"\(SVG.number(cell))\" fill=\"\(fill)\" stroke=\"#fff\"><title>"
                    + HTML.escape("\(label) – \(labels[j]) : r = \(style.number(r))") + "</title></rect>"
                svg +=
                    "<text x=\"\(SVG.number(x + cell / 2))\" y=\"\(SVG.number(y + cell / 2 + 4))\" text-anchor=\"middle\" "
                    + "class=\"heat-value\" fill=\"\(dark ? "#fff" : "#222")\">\(HTML.escape(style.number(r)))</text>"
            }
        }
        // Legend: the seven classes from −1 to 1.
        let legendY = top + cell * count + 14
        for (k, colour) in colours.enumerated() {
            svg +=
                "<rect x=\"\(SVG.number(labelWidth + 22 * Double(k)))\" y=\"\(SVG.number(legendY))\" width=\"22\" "
                + "height=\"10\" fill=\"\(colour)\" stroke=\"#bdbdbd\"/>"
        }
        svg += SVG.text(
            style.number(-1, decimals: 0), x: labelWidth, y: legendY + 24, anchor: "start", className: "tick")
        svg += SVG.text(
            style.number(1, decimals: 0), x: labelWidth + 22 * Double(colours.count), y: legendY + 24, anchor: "end",
            className: "tick")
        return svg + "</svg>"
    }
}
