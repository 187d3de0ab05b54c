import Foundation
import Testing

@testable import PhareCore
@testable import PhareRender

@Suite struct ToolkitTests {
    static let toolkit = try! Toolkit.bundled()

    @Test func everyPageExistsInBothLanguagesAndNoLinkIsBroken() {
        #expect(Self.toolkit.pages(.fr).count == 5 && Self.toolkit.pages(.en).count == 5)
        #expect(Self.toolkit.problems().isEmpty, "\(Self.toolkit.problems())")
    }

    @Test func aBrokenOrUnsafeLinkIsDetected() {
        let broken = Toolkit(pages: [
            .init(name: "a", language: .fr, title: "A", source: "# A\n\nVoir [b](b.md) et [x](javascript:alert(1)).\n"),
            .init(name: "a", language: .en, title: "A", source: "# A\n"),
        ])
        let problems = broken.problems().map(\.description)
        #expect(
            problems == ["fr/a.md:3: link to a missing page b.md", "fr/a.md:3: refused link target javascript:alert(1"])
    }

    @Test func theSearchFindsAPageByAWordOfItsBody() {
        // "espèces" is only in the body of the typology page; "biodiversité" only in the examples page.
        #expect(Self.toolkit.search("especes", language: .fr).map(\.name) == ["typologie"])
        #expect(Self.toolkit.search("Biodiversité", language: .fr).map(\.name) == ["exemples"])
        #expect(Self.toolkit.search("valley death", language: .en).map(\.name) == ["diagnostic-etape"])
        #expect(Self.toolkit.search("zzzz", language: .fr).isEmpty)
    }

    @Test func markdownEscapesRawHTMLAndRefusesScriptLinks() {
        let html = Markdown.html(
            "## Titre\n\n<script>alert(1)</script> **gras** *it* `code`\n\n- [ok](https://a.fr)\n- [ko](JavaScript:x)\n"
                + "- [page](autre.md)\n\n1. un\n2. deux\n"
        ) { "/toolkit/" + $0.dropLast(3) }
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<h3 id=\"titre\">Titre</h3>"))
        #expect(html.contains("<strong>gras</strong> <em>it</em> <code>code</code>"))
        #expect(
            html.contains(
                "<li><a href=\"https://a.fr\">ok</a></li><li>ko</li><li><a href=\"/toolkit/autre\">page</a></li>"))
        #expect(html.contains("<ol><li>un</li><li>deux</li></ol>"))
        #expect(!html.lowercased().contains("javascript"))
    }
}
