import Foundation

/// One bar: a value with, when known, its confidence interval.
public struct BarDatum: Sendable, Hashable {
    public var label: String
    public var value: Double
    public var low: Double?
    public var high: Double?
    public var highlighted: Bool

    public init(label: String, value: Double, low: Double? = nil, high: Double? = nil, highlighted: Bool = false) {
        self.label = label
        self.value = value
        self.low = low
        self.high = high
        self.highlighted = highlighted
    }
}

/// Horizontal bars from zero, with confidence-interval whiskers where given, the value printed
/// at the end of each bar, and an optional reference line (the national value, say).
public enum BarChart {
    public static func render(
        id: String, caption: ChartCaption, bars: [BarDatum], style: ValueStyle,
        reference: (label: String, value: Double)? = nil, maximum: Double? = nil
    ) -> String {
        // Room for the longest label (≈ 6.5 px a character at 12 px), from 190 to 380 px; the
        // plot keeps its 320 px and the drawing widens (the SVG scales to the page).
        let longest = Double(bars.map(\.label.count).max() ?? 0)
        let labelWidth = min(380, max(190, 6.5 * longest + 16))
        let valueWidth = 130.0
        let plotWidth = 320.0
        let rowHeight = 24.0
        let top = 8.0
        let width = labelWidth + plotWidth + valueWidth
        let highest = bars.map { max($0.value, $0.high ?? $0.value) }.max() ?? 0
        let scaleMax = maximum ?? SVG.niceCeiling(max(highest, reference?.value ?? 0))
        let bottom = top + Double(bars.count) * rowHeight
        let height = bottom + 26 + (reference == nil ? 0 : 16)
        func x(_ value: Double) -> Double { labelWidth + plotWidth * max(0, min(value, scaleMax)) / scaleMax }

        var svg = SVG.open(id: id, width: width, height: height, caption: caption)
        for tick in 0...4 {
            let value = scaleMax * Double(tick) / 4
            svg +=
                "<line x1=\"\(SVG.number(x(value)))\" y1=\"\(SVG.number(top))\" x2=\"\(SVG.number(x(value)))\" "
                + "y2=\"\(SVG.number(bottom))\" stroke=\"#d9d9d9\"/>"
            svg += SVG.text(
                style.number(value, decimals: (scaleMax / 4).rounded() == scaleMax / 4 ? 0 : max(style.decimals, 1)),
                x: x(value), y: bottom + 14, anchor: "middle", className: "tick")
        }
        for (offset, bar) in bars.enumerated() {
            let y = top + Double(offset) * rowHeight
            svg += SVG.text(
                bar.label, x: labelWidth - 8, y: y + 16, anchor: "end",
                className: bar.highlighted ? "label strong" : "label")
            svg +=
                "<rect x=\"\(SVG.number(labelWidth))\" y=\"\(SVG.number(y + 5))\" "
                + "width=\"\(SVG.number(x(bar.value) - labelWidth))\" height=\"14\" "
                + "fill=\"\(bar.highlighted ? "#08519c" : "#6baed6")\"/>"
            if let low = bar.low, let high = bar.high {
                let mid = y + 12
                svg +=
                    "<path d=\"M\(SVG.number(x(low))) \(SVG.number(mid))H\(SVG.number(x(high)))M\(SVG.number(x(low))) "
                    + "\(SVG.number(mid - 5))v10M\(SVG.number(x(high))) \(SVG.number(mid - 5))v10\" "
                    + "stroke=\"#000\" stroke-width=\"1.2\" fill=\"none\"/>"
            }
            svg += SVG.text(style.text(bar.value), x: width - valueWidth + 8, y: y + 16, className: "value")
        }
        if let reference {
            let rx = x(reference.value)
            svg +=
                "<line x1=\"\(SVG.number(rx))\" y1=\"\(SVG.number(top - 4))\" x2=\"\(SVG.number(rx))\" "
                + "y2=\"\(SVG.number(bottom + 2))\" stroke=\"#d7301f\" stroke-width=\"1.5\" stroke-dasharray=\"4 "
                + "3\"/>"
            svg += SVG.text(
                reference.label + " " + style.text(reference.value), x: rx, y: bottom + 30, anchor: "middle",
                className: "reference")
        }
        return svg + "</svg>"
    }
}
