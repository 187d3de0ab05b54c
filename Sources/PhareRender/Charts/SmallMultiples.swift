import Foundation

/// One panel of small multiples: an indicator's values over the years in a territory, with the
/// national value of each year.
public struct SeriesPanel: Sendable, Hashable {
    public var title: String
    /// (year, territory value, national value).
    public var points: [SeriesPoint]
    public var style: ValueStyle

    public init(title: String, points: [SeriesPoint], style: ValueStyle) {
        self.title = title
        self.points = points
        self.style = style
    }

    public static func == (a: SeriesPanel, b: SeriesPanel) -> Bool { a.title == b.title && a.points == b.points }
    public func hash(into hasher: inout Hasher) { hasher.combine(title) }
}

public struct SeriesPoint: Sendable, Hashable {
    public var year: Int
    public var value: Double?
    public var national: Double?

    public init(year: Int, value: Double?, national: Double?) {
        self.year = year
        self.value = value
        self.national = national
    }
}

/// Small multiples of indicator series: one panel per indicator, three per row, each on its own
/// scale; the territory as a solid dark line with dots, France as a dashed orange line (told apart
/// by dash and marker, not only colour). First and last years are written under each panel.
public enum SmallMultiples {
    public static func render(
        id: String, caption: ChartCaption, panels: [SeriesPanel], territoryName: String, nationalName: String
    ) -> String {
        let columns = 3
        let panelWidth = 200.0
        let panelHeight = 120.0
        let gap = 16.0
        let top = 40.0
        let rows = (panels.count + columns - 1) / columns
        let width = Double(columns) * panelWidth + Double(columns - 1) * gap
        let height = top + Double(rows) * (panelHeight + 40)
        var svg = SVG.open(id: id, width: width, height: height, caption: caption)
        svg += "<line x1=\"0\" y1=\"10\" x2=\"20\" y2=\"10\" stroke=\"#08519c\" stroke-width=\"2.5\"/>"
        svg += SVG.text(territoryName, x: 26, y: 14, className: "legend-label")
        svg +=
            "<line x1=\"220\" y1=\"10\" x2=\"240\" y2=\"10\" stroke=\"#d95f0e\" stroke-width=\"2\" "
            + "stroke-dasharray=\"5 3\"/>"
        svg += SVG.text(nationalName, x: 246, y: 14, className: "legend-label")
        for (offset, panel) in panels.enumerated() {
            let x0 = Double(offset % columns) * (panelWidth + gap)
            let y0 = top + Double(offset / columns) * (panelHeight + 40)
            let plotTop = y0 + 26
            let plotBottom = y0 + panelHeight
            let plotLeft = x0 + 8
            let plotRight = x0 + panelWidth - 8
            let years = panel.points.map(\.year)
            let values = panel.points.flatMap { [$0.value, $0.national].compactMap { $0 } }
            guard let first = years.min(), let last = years.max(), let low = values.min(), let high = values.max()
            else { continue }
            let pad = max((high - low) * 0.08, abs(high) * 0.01, 1e-9)
            func x(_ year: Int) -> Double {
                last == first
                    ? (plotLeft + plotRight) / 2
                    : plotLeft + (plotRight - plotLeft) * Double(year - first) / Double(last - first)
            }
            func y(_ value: Double) -> Double {
                plotBottom - (plotBottom - plotTop) * (value - (low - pad)) / (high - low + 2 * pad)
            }
            svg += "<g>"
            for (line, text) in wrapped(panel.title, width: 31).prefix(2).enumerated() {
                svg += SVG.text(text, x: x0, y: y0 + 2 + Double(line) * 12, className: "label")
            }
            svg +=
                "<rect x=\"\(SVG.number(x0))\" y=\"\(SVG.number(plotTop - 4))\" width=\"\(SVG.number(panelWidth))\" "
                + "height=\"\(SVG.number(plotBottom - plotTop + 8))\" fill=\"none\" stroke=\"#e0e0e0\"/>"
            func path(_ value: (SeriesPoint) -> Double?) -> String {
                panel.points.compactMap { point in value(point).map { (point.year, $0) } }.enumerated().map {
                    "\($0.offset == 0 ? "M" : "L")\(SVG.number(x($0.element.0))) \(SVG.number(y($0.element.1)))"
                }.joined(separator: " ")
            }
            let national = path(\.national)
            if !national.isEmpty {
                svg +=
                    "<path d=\"\(national)\" fill=\"none\" stroke=\"#d95f0e\" stroke-width=\"2\" "
                    + "stroke-dasharray=\"5 3\"/>"
            }
            let territory = path(\.value)
            if !territory.isEmpty {
                svg += "<path d=\"\(territory)\" fill=\"none\" stroke=\"#08519c\" stroke-width=\"2.5\"/>"
            }
            for point in panel.points {
                guard let value = point.value else { continue }
                let tip =
                    "\(panel.title) \(point.year) – \(territoryName) \(panel.style.text(value))"
                    + (point.national.map { " · \(nationalName) \(panel.style.text($0))" } ?? "")
                svg +=
                    "<circle cx=\"\(SVG.number(x(point.year)))\" cy=\"\(SVG.number(y(value)))\" r=\"2.5\" "
                    + "fill=\"#08519c\"><title>\(HTML.escape(tip))</title></circle>"
            }
            let firstValue = panel.points.first { $0.year == first }?.value
            let lastValue = panel.points.first { $0.year == last }?.value
            svg += SVG.text(
                "\(first)" + (firstValue.map { " : " + panel.style.text($0) } ?? ""), x: plotLeft,
                y: plotBottom + 18, className: "tick")
            svg += SVG.text(
                "\(last)" + (lastValue.map { " : " + panel.style.text($0) } ?? ""), x: plotRight,
                y: plotBottom + 30, anchor: "end", className: "tick")
            svg += "</g>"
        }
        return svg + "</svg>"
    }

    /// `text` cut into lines of at most `width` characters at spaces; the second line ends with … when cut.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        if lines.count > 2 { lines[1] = String(lines[1].prefix(width - 1)) + "…" }
        return lines
    }
}
