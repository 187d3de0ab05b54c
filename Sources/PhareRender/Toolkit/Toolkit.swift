import Foundation
import PhareCore

/// The co-construction toolkit: Markdown pages bundled in `Resources/toolkit/{fr,en}/NAME.md`,
/// the same names in both languages, with a full-text index over their words.
public struct Toolkit: Sendable {
    public struct Page: Sendable, Hashable {
        /// The file name without `.md` (the same in both languages).
        public var name: String
        public var language: Language
        /// The first `#` heading.
        public var title: String
        public var source: String
    }

    /// A problem in a toolkit page (a link to a missing page, an unsafe link target).
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// The order in which the pages are listed.
    public static let order = ["typologie", "dynamiques", "methodes", "diagnostic-etape", "exemples"]

    public var pages: [Page]
    /// word → (language, page name) of the pages holding it.
    private var index: [String: Set<String>] = [:]

    public init(pages: [Page]) {
        self.pages = pages.sorted {
            (Self.order.firstIndex(of: $0.name) ?? Self.order.count, $0.name) < (
                Self.order.firstIndex(of: $1.name) ?? Self.order.count, $1.name
            )
        }
        for page in pages {
            for word in Self.words(page.source) {
                index[word, default: []].insert(page.language.rawValue + "/" + page.name)
            }
        }
    }

    /// The bundled pages.
    public static func bundled() throws -> Toolkit {
        guard let root = Bundle.module.url(forResource: "toolkit", withExtension: nil) else {
            throw InputError(file: "toolkit", message: "the bundled toolkit pages are missing from this build")
        }
        return try load(folder: root.path)
    }

    /// Reads `folder/fr/*.md` and `folder/en/*.md`.
    public static func load(folder: String) throws -> Toolkit {
        var pages: [Page] = []
        for language in Language.allCases {
            let path = folder + "/" + language.rawValue
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for file in names.sorted() where file.hasSuffix(".md") {
                let source = try String(contentsOfFile: path + "/" + file, encoding: .utf8)
                let title =
                    source.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) }
                    ?? String(file.dropLast(3))
                pages.append(Page(name: String(file.dropLast(3)), language: language, title: title, source: source))
            }
        }
        return Toolkit(pages: pages)
    }

    public func page(_ name: String, _ language: Language) -> Page? {
        pages.first { $0.name == name && $0.language == language }
    }

    public func pages(_ language: Language) -> [Page] { pages.filter { $0.language == language } }

    /// Lower-cased words of a text, accents kept, at least two letters.
    static func words(_ text: String) -> Set<String> {
        var words: Set<String> = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else {
                if current.count >= 2 { words.insert(current) }
                current = ""
            }
        }
        if current.count >= 2 { words.insert(current) }
        return words
    }

    /// Pages of `language` holding every word of `query` (an accent-insensitive match on words
    /// that start with each query word), in toolkit order.
    public func search(_ query: String, language: Language) -> [Page] {
        let terms = Self.words(query).map(Self.fold)
        guard !terms.isEmpty else { return [] }
        var hits: Set<String>?
        for term in terms {
            var found: Set<String> = []
            for (word, names) in index where Self.fold(word).hasPrefix(term) { found.formUnion(names) }
            hits = hits.map { $0.intersection(found) } ?? found
        }
        return pages(language).filter { hits?.contains(language.rawValue + "/" + $0.name) ?? false }
    }

    static func fold(_ word: String) -> String {
        word.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }

    /// Links to missing pages and refused link targets, in every page.
    public func problems() -> [Problem] {
        var problems: [Problem] = []
        for page in pages {
            let file = "\(page.language.rawValue)/\(page.name).md"
            for link in Markdown.links(page.source) {
                if !Markdown.isSafe(link.target) {
                    problems.append(Problem(file: file, line: link.line, message: "refused link target \(link.target)"))
                } else if link.target.hasSuffix(".md"),
                    self.page(String(link.target.dropLast(3)), page.language) == nil
                {
                    problems.append(
                        Problem(file: file, line: link.line, message: "link to a missing page \(link.target)"))
                }
            }
        }
        for name in Set(pages.map(\.name)) {
            for language in Language.allCases where page(name, language) == nil {
                problems.append(
                    Problem(
                        file: "\(language.rawValue)/\(name).md", line: 0,
                        message: "the page has no \(language.rawValue) version"))
            }
        }
        return problems
    }
}
