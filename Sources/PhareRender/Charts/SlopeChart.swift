import Foundation

/// One line of a slope chart: a value at two waves, each with its 95 % interval (nil when unknown).
public struct SlopeLine: Sendable, Hashable {
    public var label: String
    public var first: Double?
    public var firstInterval: (Double, Double)?
    public var second: Double?
    public var secondInterval: (Double, Double)?
    /// Whether the change is beyond the uncertainty (interval of the difference excludes 0).
    public var significant: Bool

    public init(
        label: String, first: Double?, firstInterval: (Double, Double)?, second: Double?,
        secondInterval: (Double, Double)?, significant: Bool
    ) {
        self.label = label
        self.first = first
        self.firstInterval = firstInterval
        self.second = second
        self.secondInterval = secondInterval
        self.significant = significant
    }

    public static func == (a: SlopeLine, b: SlopeLine) -> Bool {
        a.label == b.label && a.first == b.first && a.second == b.second && a.significant == b.significant
            && a.firstInterval?.0 == b.firstInterval?.0 && a.firstInterval?.1 == b.firstInterval?.1
            && a.secondInterval?.0 == b.secondInterval?.0 && a.secondInterval?.1 == b.secondInterval?.1
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(label)
        hasher.combine(first)
        hasher.combine(second)
    }
}

/// A slope chart of two waves: each item a line from its value at the first wave (left) to its
/// value at the second (right), with the 95 % interval of each as a vertical bar. Significant changes
/// are drawn dark and solid, the others grey and dashed (told apart without colour); labels sit at
/// the right, pushed apart so that they never overlap.
public enum SlopeChart {
    public static func render(
        id: String, caption: ChartCaption, lines: [SlopeLine], firstName: String, secondName: String,
        style: ValueStyle, significantName: String, notSignificantName: String
    ) -> String {
        let width = 640.0
        let left = 70.0
        let right = 400.0
        let top = 52.0
        let plotHeight = max(200.0, Double(lines.count) * 16)
        let bottom = top + plotHeight
        let values = lines.flatMap { line -> [Double] in
            [
                line.first, line.second, line.firstInterval?.0, line.firstInterval?.1, line.secondInterval?.0,
                line.secondInterval?.1,
            ].compactMap { $0 }
        }
        let low = values.min() ?? 0
        let high = values.max() ?? 1
        let pad = max((high - low) * 0.05, 1e-9)
        let minimum = low - pad
        let maximum = high + pad
        func y(_ value: Double) -> Double { bottom - plotHeight * (value - minimum) / (maximum - minimum) }
        // Labels at the right, in value order, at least 13 px apart.
        var placed: [(index: Int, y: Double)] = lines.enumerated().compactMap { offset, line in
            line.second.map { (offset, y($0)) }
        }.sorted { $0.y < $1.y }
        for position in placed.indices.dropFirst() where placed[position].y < placed[position - 1].y + 13 {
            placed[position].y = placed[position - 1].y + 13
        }
        let labelY = Dictionary(uniqueKeysWithValues: placed.map { ($0.index, $0.y) })
        let height = max(bottom + 30, (placed.last?.y ?? 0) + 16)
        var svg = SVG.open(id: id, width: width, height: height, caption: caption)
        svg += SVG.text(firstName, x: left, y: top - 14, anchor: "middle", className: "legend-label")
        svg += SVG.text(secondName, x: right, y: top - 14, anchor: "middle", className: "legend-label")
        svg += "<line x1=\"0\" y1=\"8\" x2=\"20\" y2=\"8\" stroke=\"#08519c\" stroke-width=\"2.5\"/>"
        svg += SVG.text(significantName, x: 26, y: 12, className: "legend-label")
        svg +=
            "<line x1=\"240\" y1=\"8\" x2=\"260\" y2=\"8\" stroke=\"#969696\" stroke-width=\"1.5\" "
            + "stroke-dasharray=\"4 3\"/>"
        svg += SVG.text(notSignificantName, x: 266, y: 12, className: "legend-label")
        for x in [left, right] {
            svg +=
                "<line x1=\"\(SVG.number(x))\" y1=\"\(SVG.number(top))\" x2=\"\(SVG.number(x))\" "
                + "y2=\"\(SVG.number(bottom))\" stroke=\"#e0e0e0\"/>"
        }
        for tick in 0...4 {
            let value = minimum + (maximum - minimum) * Double(tick) / 4
            svg += SVG.text(style.number(value), x: left - 14, y: y(value) + 4, anchor: "end", className: "tick")
        }
        for (offset, line) in lines.enumerated() {
            let stroke = line.significant ? "#08519c" : "#969696"
            let dash = line.significant ? "" : " stroke-dasharray=\"4 3\""
            let widthText = line.significant ? "2.5" : "1.5"
            func whisker(_ x: Double, _ interval: (Double, Double)?) -> String {
                guard let interval else { return "" }
                return "<line x1=\"\(SVG.number(x))\" y1=\"\(SVG.number(y(interval.0)))\" x2=\"\(SVG.number(x))\" "
                    + "y2=\"\(SVG.number(y(interval.1)))\" stroke=\"\(stroke)\" stroke-width=\"6\" "
                    + "stroke-opacity=\"0.25\"/>"
            }
            svg += "<g>"
            svg += whisker(left, line.firstInterval) + whisker(right, line.secondInterval)
            if let a = line.first, let b = line.second {
                svg +=
                    "<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(y(a)))\" x2=\"\(SVG.number(right))\" "
                    + "y2=\"\(SVG.number(y(b)))\" stroke=\"\(stroke)\" stroke-width=\"\(widthText)\"\(dash)/>"
            }
            let title = HTML.escape(
                line.label + " – " + firstName + " " + (line.first.map(style.text) ?? "–") + " → " + secondName + " "
                    + (line.second.map(style.text) ?? "–"))
            for (x, value) in [(left, line.first), (right, line.second)] {
                guard let value else { continue }
                svg +=
                    "<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y(value)))\" r=\"3.5\" fill=\"\(stroke)\">"
                    + "<title>\(title)</title></circle>"
            }
            if let labelPosition = labelY[offset], let b = line.second {
                svg += SVG.text(
                    line.label + " " + style.text(b), x: right + 10, y: labelPosition + 4, className: "label")
            }
            svg += "</g>"
        }
        return svg + "</svg>"
    }
}
