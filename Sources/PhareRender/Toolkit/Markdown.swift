import Foundation

/// A small, safe Markdown subset for the toolkit pages: `#`–`###` headings, paragraphs, `-`/`*`
/// and `1.` lists, `**strong**`, `*emphasis*`, `` `code` `` and `[text](target)` links. Every
/// character of the source is HTML-escaped, so raw HTML shows as text and never runs. Link
/// targets are kept only when they are `https:`, `http:`, `mailto:`, a site path (`/…`), an
/// anchor (`#…`) or another page (`name.md`); any other scheme (`javascript:`, `data:`…) is refused
/// and the link text is shown alone.
public enum Markdown {
    /// One link found in a page, as written.
    public struct Link: Sendable, Hashable {
        public var text: String
        public var target: String
        public var line: Int
    }

    /// Whether a link target may be rendered.
    public static func isSafe(_ target: String) -> Bool {
        let lower = target.trimmingCharacters(in: .whitespaces).lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") { return true }
        if lower.hasPrefix("/") && !lower.hasPrefix("//") { return true }
        if lower.hasPrefix("#") { return true }
        // A relative page: no scheme (nothing before a colon).
        return !lower.contains(":") && !lower.isEmpty
    }

    /// The links of a source, with their line numbers.
    public static func links(_ source: String) -> [Link] {
        var found: [Link] = []
        for (offset, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]"),
                rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
                let end = rest[close...].firstIndex(of: ")")
            {
                let text = String(rest[rest.index(after: open)..<close])
                let target = String(rest[rest.index(close, offsetBy: 2)..<end])
                found.append(Link(text: text, target: target, line: offset + 1))
                rest = rest[rest.index(after: end)...]
            }
        }
        return found
    }

    /// The page as HTML; `resolve` turns a relative page target (`name.md`) into its address.
    public static func html(_ source: String, resolve: (String) -> String) -> String {
        var html = ""
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        func flushParagraph() {
            if !paragraph.isEmpty {
                html += "<p>" + inline(paragraph.joined(separator: " "), resolve: resolve) + "</p>\n"
                paragraph = []
            }
        }
        func flushList() {
            if let current = list {
                let tag = current.ordered ? "ol" : "ul"
                html +=
                    "<\(tag)>" + current.items.map { "<li>\(inline($0, resolve: resolve))</li>" }.joined()
                    + "</\(tag)>\n"
                list = nil
            }
        }
        for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flushParagraph()
                flushList()
                continue
            }
            if let level = headingLevel(line) {
                flushParagraph()
                flushList()
                let text = String(line.dropFirst(level + 1))
                html += "<h\(level + 1) id=\"\(anchor(text))\">" + inline(text, resolve: resolve) + "</h\(level + 1)>\n"
                continue
            }
            if line.hasPrefix("- ") || line.hasPrefix("* ") {
                flushParagraph()
                if list?.ordered == true { flushList() }
                if list == nil { list = (false, []) }
                list?.items.append(String(line.dropFirst(2)))
                continue
            }
            if let dot = line.firstIndex(of: "."), line[..<dot].allSatisfy(\.isNumber), !line[..<dot].isEmpty,
                line[line.index(after: dot)...].hasPrefix(" ")
            {
                flushParagraph()
                if list?.ordered == false { flushList() }
                if list == nil { list = (true, []) }
                list?.items.append(String(line[line.index(dot, offsetBy: 2)...]))
                continue
            }
            flushList()
            paragraph.append(line)
        }
        flushParagraph()
        flushList()
        return html
    }

    /// `#` → 1, `##` → 2, `###` → 3; nil for any other line. Page headings are shifted down one
    /// level in HTML (the page title is the layout's `h1`).
    static func headingLevel(_ line: String) -> Int? {
        for level in [3, 2, 1] where line.hasPrefix(String(repeating: "#", count: level) + " ") { return level }
        return nil
    }

    /// The id of a heading: lower-case letters and digits, other characters as hyphens.
    public static func anchor(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var slug = ""
        for character in folded {
            if character.isLetter || character.isNumber, character.isASCII {
                slug.append(character)
            } else if !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        return slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// Inline markup of one escaped line.
    static func inline(_ text: String, resolve: (String) -> String) -> String {
        var out = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("`"), let end = rest.dropFirst().firstIndex(of: "`") {
                out += "<code>" + HTML.escape(String(rest[rest.index(after: rest.startIndex)..<end])) + "</code>"
                rest = rest[rest.index(after: end)...]
            } else if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**") {
                out +=
                    "<strong>"
                    + inline(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]), resolve: resolve)
                    + "</strong>"
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("*"), let end = rest.dropFirst().firstIndex(of: "*") {
                out +=
                    "<em>" + inline(String(rest[rest.index(after: rest.startIndex)..<end]), resolve: resolve) + "</em>"
                rest = rest[rest.index(after: end)...]
            } else if rest.hasPrefix("["), let close = rest.firstIndex(of: "]"),
                rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
                let end = rest[close...].firstIndex(of: ")")
            {
                let label = String(rest[rest.index(after: rest.startIndex)..<close])
                let target = String(rest[rest.index(close, offsetBy: 2)..<end])
                if isSafe(target) {
                    let href = target.hasSuffix(".md") && !target.contains("/") ? resolve(target) : target
                    out += "<a href=\"\(HTML.escape(href))\">" + inline(label, resolve: resolve) + "</a>"
                } else {
                    out += inline(label, resolve: resolve)
                }
                rest = rest[rest.index(after: end)...]
            } else {
                out += HTML.escape(String(rest.first!))
                rest = rest.dropFirst()
            }
        }
        return out
    }
}
