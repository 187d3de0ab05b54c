import Foundation

/// One row of a dot plot: two values of the same thing (measured and felt, region and France).
public struct DotPair: Sendable, Hashable {
    public var label: String
    public var first: Double?
    public var second: Double?

    public init(label: String, first: Double?, second: Double?) {
        self.label = label
        self.first = first
        self.second = second
    }
}

/// A dot plot comparing two series on one scale: a filled circle for the first, an open diamond
/// for the second (two shapes, so the series are told apart without colour), joined by a line.
public enum DotPlot {
    public static func render(
        id: String, caption: ChartCaption, rows: [DotPair], firstName: String, secondName: String,
        style: ValueStyle, minimum: Double = 0, maximum: Double? = nil
    ) -> String {
        let labelWidth = 190.0
        let width = 640.0
        let rowHeight = 24.0
        let top = 26.0
        let right = 20.0
        let plotWidth = width - labelWidth - right
        let highest = rows.flatMap { [$0.first, $0.second].compactMap { $0 } }.max() ?? 1
        let scaleMax = maximum ?? SVG.niceCeiling(highest)
        let span = max(scaleMax - minimum, .leastNonzeroMagnitude)
        func x(_ value: Double) -> Double {
            labelWidth + plotWidth * (max(minimum, min(value, scaleMax)) - minimum) / span
        }
        let bottom = top + Double(rows.count) * rowHeight
        var svg = SVG.open(id: id, width: width, height: bottom + 22, caption: caption)
        svg += "<circle cx=\"\(SVG.number(labelWidth + 6))\" cy=\"10\" r=\"5\" fill=\"#08519c\"/>"
        svg += SVG.text(firstName, x: labelWidth + 16, y: 14, className: "legend-label")
        svg +=
            "<path d=\"M\(SVG.number(labelWidth + 226)) 4l6 6-6 6-6-6z\" fill=\"#fff\" stroke=\"#d95f0e\" "
            + "stroke-width=\"2\"/>"
        svg += SVG.text(secondName, x: labelWidth + 238, y: 14, className: "legend-label")
        for tick in 0...4 {
            let value = minimum + span * Double(tick) / 4
            svg +=
                "<line x1=\"\(SVG.number(x(value)))\" y1=\"\(SVG.number(top))\" x2=\"\(SVG.number(x(value)))\" "
                + "y2=\"\(SVG.number(bottom))\" stroke=\"#e0e0e0\"/>"
            svg += SVG.text(style.number(value), x: x(value), y: bottom + 14, anchor: "middle", className: "tick")
        }
        for (offset, row) in rows.enumerated() {
            let y = top + Double(offset) * rowHeight + 12
            svg += SVG.text(row.label, x: labelWidth - 8, y: y + 4, anchor: "end")
            if let a = row.first, let b = row.second {
                svg +=
                    "<line x1=\"\(SVG.number(x(a)))\" y1=\"\(SVG.number(y))\" x2=\"\(SVG.number(x(b)))\" "
                    + "y2=\"\(SVG.number(y))\" stroke=\"#969696\" stroke-width=\"2\"/>"
            }
            if let a = row.first {
                svg +=
                    "<circle cx=\"\(SVG.number(x(a)))\" cy=\"\(SVG.number(y))\" r=\"5\" "
                    + "fill=\"#08519c\"><title>\(HTML.escape(row.label + " – " + firstName + " " + style.text(a)))</title></circle>"
            }
            if let b = row.second {
                svg +=
                    "<path d=\"M\(SVG.number(x(b))) \(SVG.number(y - 6))l6 6-6 6-6-6z\" fill=\"#fff\" "
                    + "stroke=\"#d95f0e\" "
                    + "stroke-width=\"2\"><title>\(HTML.escape(row.label + " – " + secondName + " " + style.text(b)))</title></path>"
            }
        }
        return svg + "</svg>"
    }
}
