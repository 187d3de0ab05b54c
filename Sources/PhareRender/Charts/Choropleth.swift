import Foundation
import PhareAnalysis
import PhareCore

/// One territory on a map: its outline, its name, its value (nil: no data) and where it leads.
public struct MapArea: Sendable {
    public var outline: MapOutline
    public var name: String
    public var value: Double?
    public var href: String?
    public var highlighted: Bool

    public init(outline: MapOutline, name: String, value: Double?, href: String? = nil, highlighted: Bool = false) {
        self.outline = outline
        self.name = name
        self.value = value
        self.href = href
        self.highlighted = highlighted
    }
}

/// The legend of a choropleth: one entry per class, from the lowest values up.
public struct MapLegendClass: Sendable, Hashable {
    public var colour: String
    public var lower: Double
    public var upper: Double
}

/// A choropleth map as SVG: territories coloured by quantile class (see `ClassBreaks`), a
/// hatched fill for territories without data, overseas regions drawn as insets on the left, and
/// a legend below. Every area carries its name and value as a tooltip and links where it leads.
public enum Choropleth {
    public static let width = 640.0

    /// The classes a map of `values` uses: quantile breaks into at most 5 classes.
    public static func legend(values: [Double], palette: Palette) -> [MapLegendClass] {
        let finite = values.filter(\.isFinite)
        guard let minimum = finite.min(), let maximum = finite.max() else { return [] }
        let breaks = ClassBreaks.quantileBreaks(finite, classes: 5)
        let bounds = [minimum] + breaks + [maximum]
        let count = breaks.count + 1
        return (0..<count).map { index in
            MapLegendClass(
                colour: palette.colour(classIndex: index, of: count), lower: bounds[index], upper: bounds[index + 1])
        }
    }

    public static func render(
        id: String, caption: ChartCaption, areas: [MapArea], legendTitle: String, style: ValueStyle,
        palette: Palette, noDataLabel: String, insetNames: [String: String] = [:]
    ) -> String {
        let classes = legend(values: areas.compactMap(\.value), palette: palette)
        let breaks = classes.dropFirst().map(\.lower)
        let frames = Dictionary(grouping: areas, by: \.outline.frame)
        let metro = frames[MapGeometry.metropolitanFrame] ?? []
        let insetFrames = frames.keys.filter { $0 != MapGeometry.metropolitanFrame }.sorted()

        // Layout, in pixels of the view box: main map on the right, insets in a column on the left.
        let insetColumn = (!metro.isEmpty && !insetFrames.isEmpty) ? 118.0 : 0
        let gap = insetColumn > 0 ? 12.0 : 0
        let mainWidth = width - insetColumn - gap
        var placements:
            [(frame: String, areas: [MapArea], box: MapBox, x: Double, y: Double, w: Double, h: Double, label: String?)] =
                []
        var mapHeight = 0.0
        if !metro.isEmpty {
            let box = metro.map(\.outline.box).reduce(metro[0].outline.box) { $0.union($1) }.padded(0.01)
            let height = min(mainWidth * box.height / box.width, 560)
            placements.append((MapGeometry.metropolitanFrame, metro, box, insetColumn + gap, 0, mainWidth, height, nil))
            mapHeight = height
        }
        if !insetFrames.isEmpty {
            if metro.isEmpty {
                // No metropolitan area: the insets share the whole width side by side.
                let slot = width / Double(insetFrames.count)
                let height = min(360.0, slot * 1.1)
                for (offset, frame) in insetFrames.enumerated() {
                    let list = frames[frame] ?? []
                    let box = list.map(\.outline.box).reduce(list[0].outline.box) { $0.union($1) }.padded(0.03)
                    placements.append(
                        (
                            frame, list, box, slot * Double(offset), insetFrames.count > 1 ? 16 : 0, slot, height,
                            insetFrames.count > 1 ? insetNames[frame] : nil
                        ))
                }
                mapHeight = height + (insetFrames.count > 1 ? 16 : 0)
            } else {
                let slot = max(mapHeight, 300) / Double(insetFrames.count)
                for (offset, frame) in insetFrames.enumerated() {
                    let list = frames[frame] ?? []
                    let box = list.map(\.outline.box).reduce(list[0].outline.box) { $0.union($1) }.padded(0.04)
                    placements.append(
                        (frame, list, box, 0, slot * Double(offset) + 14, insetColumn, slot - 18, insetNames[frame]))
                }
                mapHeight = max(mapHeight, 300)
            }
        }

        let columns = 3
        let legendEntries = classes.count + (areas.contains { $0.value == nil } ? 1 : 0)
        let legendRows = (legendEntries + columns - 1) / columns
        let legendTop = mapHeight + 14
        let totalHeight = legendTop + 20 + Double(legendRows) * 20 + 4

        var svg = SVG.open(id: id, width: width, height: totalHeight, caption: caption, role: "group")
        svg += "<defs>"
        for placement in placements {
            let scale = min(placement.w / placement.box.width, placement.h / placement.box.height)
            let size = SVG.number(6 / scale)
            svg +=
                "<pattern id=\"\(HTML.escape(id))-nodata-\(HTML.escape(placement.frame))\" "
                + "patternUnits=\"userSpaceOnUse\" width=\"\(size)\" height=\"\(size)\" "
                + "patternTransform=\"rotate(45)\">"
            svg +=
                "<rect width=\"\(size)\" height=\"\(size)\" fill=\"#f2f2f2\"/><line x1=\"0\" y1=\"0\" x2=\"0\" "
                + "y2=\"\(size)\" stroke=\"#8c8c8c\" stroke-width=\"\(SVG.number(2 / scale))\"/></pattern>"
        }
        svg +=
            "<pattern id=\"\(HTML.escape(id))-nodata-legend\" patternUnits=\"userSpaceOnUse\" width=\"6\" "
            + "height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
            + "fill=\"#f2f2f2\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8c8c8c\" "
            + "stroke-width=\"2\"/></pattern>"
        svg += "</defs>"

        for placement in placements {
            if let label = placement.label {
                svg += SVG.text(
                    label, x: placement.x + placement.w / 2, y: placement.y - 3, anchor: "middle",
                    className: "inset-label")
            }
            if placement.frame != MapGeometry.metropolitanFrame && !metro.isEmpty {
                svg +=
                    "<rect x=\"\(SVG.number(placement.x))\" y=\"\(SVG.number(placement.y))\" "
                    + "width=\"\(SVG.number(placement.w))\" height=\"\(SVG.number(placement.h))\" fill=\"none\" "
                    + "stroke=\"#c8c8c8\"/>"
            }
            let box = placement.box
            svg +=
                "<svg x=\"\(SVG.number(placement.x))\" y=\"\(SVG.number(placement.y))\" "
                + "width=\"\(SVG.number(placement.w))\" height=\"\(SVG.number(placement.h))\" "
                + "viewBox=\"\(SVG.number(box.minX)) \(SVG.number(box.minY)) \(SVG.number(box.width)) "
                + "\(SVG.number(box.height))\" preserveAspectRatio=\"xMidYMid meet\">"
            // Highlighted areas last, so their outline is drawn over their neighbours'.
            for area in placement.areas.sorted(by: { !$0.highlighted && $1.highlighted }) {
                let fill: String
                if let value = area.value, !classes.isEmpty {
                    fill =
                        classes[min(ClassBreaks.classIndex(of: value, breaks: Array(breaks)), classes.count - 1)].colour
                } else {
                    fill = "url(#\(HTML.escape(id))-nodata-\(HTML.escape(placement.frame)))"
                }
                let valueText = area.value.map(style.text) ?? noDataLabel
                let separator = style.language == .fr ? "\u{00A0}: " : ": "
                let stroke =
                    area.highlighted
                    ? "stroke=\"#000\" stroke-width=\"2.5\"" : "stroke=\"#ffffff\" stroke-width=\"0.8\""
                let path =
                    "<path d=\"\(area.outline.path)\" fill=\"\(fill)\" \(stroke) vector-effect=\"non-scaling-stroke\" "
                    + "fill-rule=\"evenodd\" "
                    + "data-code=\"\(HTML.escape(area.outline.code))\"><title>\(HTML.escape(area.name + separator + valueText))</title></path>"
                if let href = area.href {
                    svg +=
                        "<a href=\"\(HTML.escape(href))\" class=\"map-link\" "
                        + "aria-label=\"\(HTML.escape(area.name + separator + valueText))\">\(path)</a>"
                } else {
                    svg += path
                }
            }
            svg += "</svg>"
        }

        svg += SVG.text(style.titled(legendTitle), x: 0, y: legendTop + 12, className: "legend-title")
        let columnWidth = width / Double(columns)
        var entries: [(fill: String, label: String)] = classes.map {
            ($0.colour, style.number($0.lower) + " – " + style.number($0.upper))
        }
        if areas.contains(where: { $0.value == nil }) {
            entries.append(("url(#\(HTML.escape(id))-nodata-legend)", noDataLabel))
        }
        for (offset, entry) in entries.enumerated() {
            let x = Double(offset % columns) * columnWidth
            let y = legendTop + 22 + Double(offset / columns) * 20
            svg +=
                "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"22\" height=\"14\" "
                + "fill=\"\(entry.fill)\" stroke=\"#666\" stroke-width=\"0.5\"/>"
            svg += SVG.text(entry.label, x: x + 28, y: y + 11, className: "legend-label")
        }
        return svg + "</svg>"
    }
}
