import Foundation
import PhareAnalysis
import PhareCore

/// What every chart needs: a title, a text alternative, and how to print its numbers.
public struct ChartCaption: Sendable {
    /// A short title, read first by screen readers (`<title>`).
    public var title: String
    /// The text alternative: what the chart shows, in one or two sentences (`<desc>`).
    public var description: String

    public init(title: String, description: String) {
        self.title = title
        self.description = description
    }
}

extension ChartCaption {
    /// A caption with the typographic conventions of `language` applied (French spaces before `:` `;` `%`).
    public static func typeset(_ language: Language, title: String, description: String) -> ChartCaption {
        ChartCaption(title: Typography.apply(title, language), description: Typography.apply(description, language))
    }
}

/// How a chart prints the numbers it draws.
public struct ValueStyle: Sendable {
    public var decimals: Int
    /// Written after the number, e.g. " %" or " hab./km²"; empty for none.
    public var unit: String
    public var language: Language

    public init(decimals: Int, unit: String = "", language: Language) {
        self.decimals = decimals
        self.unit = unit
        self.language = language
    }

    public func text(_ value: Double) -> String {
        Typography.apply(NumberFormatting.format(value, decimals: decimals, language: language) + unit, language)
    }

    /// The number alone (axis ticks, legend entries: the unit is written once, in the title).
    public func number(_ value: Double, decimals: Int? = nil) -> String {
        NumberFormatting.format(value, decimals: decimals ?? self.decimals, language: language)
    }

    /// `title (unit)`, or the title alone when there is no unit.
    public func titled(_ title: String) -> String {
        let trimmed = unit.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? title : "\(title) (\(trimmed))"
    }
}

enum SVG {
    /// Opening of a chart: `<svg>` sized by its view box, labelled by its title and description.
    static func open(id: String, width: Double, height: Double, caption: ChartCaption, role: String = "img") -> String {
        let safe = HTML.escape(id)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" id="\(safe)" class="chart" viewBox="0 0 \(number(width)) \(number(height))" \
            role="\(role)" aria-labelledby="\(safe)-title \(safe)-desc">\
            <title id="\(safe)-title">\(HTML.escape(caption.title))</title>\
            <desc id="\(safe)-desc">\(HTML.escape(caption.description))</desc>
            """
    }

    /// Coordinates with at most two decimals and no trailing zeros.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", className: String = "label")
        -> String
    {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" "
            + "class=\"\(className)\">\(HTML.escape(content))</text>"
    }

    /// A "nice" upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `value`.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let power = pow(10, (log10(value)).rounded(.down))
        for step in [1.0, 2.0, 2.5, 5.0, 10.0] where step * power >= value * 0.999_999 {
            return step * power
        }
        return 10 * power
    }
}
