import Foundation
import PhareCore
import Testing

@testable import PhareRender

/// Strings a territory name, an indicator label or a query parameter could hold.
let hostileStrings = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'; DROP TABLE territory; --",
    "</title><svg onload=alert(1)>",
    "javascript:alert(1)",
    "&lt;already&gt; &amp; escaped",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "\u{0}\u{1}\u{1b}[31mred\u{7f}",
    "Île-de-France — « guillemets » 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩🏽‍🌾",
    String(repeating: "A", count: 5000),
]

@Suite struct HTMLTests {
    @Test func escapingNeutralisesMarkup() {
        #expect(
            HTML.escape("<a href=\"x\">R&D 'ok'</a>") == "&lt;a href=&quot;x&quot;&gt;R&amp;D &#39;ok&#39;&lt;/a&gt;")
        #expect(HTML.escape("a\u{0}b\u{1b}c\u{7f}d\te\nf") == "abcd\te\nf")
        for hostile in hostileStrings {
            let escaped = HTML.escape(hostile)
            #expect(!escaped.contains("<"))
            #expect(!escaped.contains(">"))
            #expect(!escaped.contains("\""))
            #expect(!escaped.contains("'"))
            #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        }
    }

    @Test func queryComponentsArePercentEncoded() {
        #expect(HTML.queryComponent("region:44") == "region%3A44")
        #expect(HTML.queryComponent("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9")
        #expect(HTML.link("/", [("layer", "density"), ("lang", ""), ("x", "<y>")]) == "/?layer=density&x=%3Cy%3E")
    }

    @Test func everyPhraseHasBothLanguages() {
        for phrase in Phrase.allCases {
            #expect(!phrase.text.fr.isEmpty, "\(phrase) has no French text")
            #expect(!phrase.text.en.isEmpty, "\(phrase) has no English text")
        }
        #expect(Phrase.navCompare.in(.fr) == "Comparer")
        #expect(Phrase.navCompare.in(.en) == "Compare")
    }
}

@Suite struct ChartTests {
    static let geometry = try! MapGeometry.bundled()

    @Test func bundledGeometryHasEveryRegionAndDepartement() throws {
        let tree = try TerritoryTree.bundled()
        let regions = Self.geometry.outlines(at: .region)
        let departements = Self.geometry.outlines(at: .departement)
        #expect(regions.count == 18)
        #expect(departements.count == 101)
        for region in tree.territories(at: .region) {
            let outline = try #require(Self.geometry[region.id], "no outline for \(region.name)")
            #expect(outline.isMetropolitan == !region.isOverseas)
            // An overseas region and its only département share one inset frame.
            if region.isOverseas { #expect(outline.frame == region.code) }
        }
        for departement in tree.territories(at: .departement) {
            #expect(Self.geometry[departement.id] != nil, "no outline for \(departement.name)")
        }
        // Lambert-93 puts Brest (Finistère) west of Strasbourg (Bas-Rhin), and Lille (Nord) north of Marseille.
        let finistere = try #require(Self.geometry[TerritoryID(.departement, "29")])
        let basRhin = try #require(Self.geometry[TerritoryID(.departement, "67")])
        let nord = try #require(Self.geometry[TerritoryID(.departement, "59")])
        let bouches = try #require(Self.geometry[TerritoryID(.departement, "13")])
        #expect(finistere.box.maxX < basRhin.box.minX)
        #expect(nord.box.maxY < bouches.box.minY)
        // Metropolitan France is about 1,000 km wide: 10,000 units of 100 m (Corse included).
        let metro = regions.filter(\.isMetropolitan).map(\.box).reduce(regions[5].box) { $0.union($1) }
        #expect(metro.width > 9_000 && metro.width < 12_000)
    }

    @Test func choroplethColoursByQuantileClassAndHatchesMissingValues() throws {
        let outlines = Self.geometry.outlines(at: .departement).filter {
            ["54", "55", "57", "88", "67"].contains($0.code)
        }.sorted { $0.code < $1.code }
        // Values 10, 20, 30, 40 and one missing: type-7 quintile breaks 16, 22, 28, 34.
        let values: [String: Double] = ["54": 10, "55": 20, "57": 30, "67": 40]
        let areas = outlines.map {
            MapArea(outline: $0, name: "Dép. \($0.code)", value: values[$0.code], href: "/departement/\($0.code)")
        }
        let legend = Choropleth.legend(values: Array(values.values), palette: .yellowGreenBlue)
        #expect(legend.map(\.lower) == [10, 16, 22, 28, 34])
        #expect(legend.map(\.upper) == [16, 22, 28, 34, 40])
        let svg = Choropleth.render(
            id: "t", caption: ChartCaption(title: "Titre <b>", description: "Desc"), areas: areas,
            legendTitle: "Légende",
            style: ValueStyle(decimals: 0, unit: " u", language: .fr), palette: .yellowGreenBlue,
            noDataLabel: "pas de donnée"
        )
        #expect(svg.contains(">Légende (u)</text>"))
        #expect(svg.contains(">16 – 22</text>"))
        #expect(svg.contains("<title id=\"t-title\">Titre &lt;b&gt;</title>"))
        #expect(svg.contains("<desc id=\"t-desc\">Desc</desc>"))
        #expect(svg.contains("aria-labelledby=\"t-title t-desc\""))
        func fill(_ code: String) -> String? {
            guard let range = svg.range(of: "data-code=\"\(code)\"") else { return nil }
            let before = svg[..<range.lowerBound]
            guard let fillRange = before.range(of: "fill=\"", options: .backwards) else { return nil }
            return String(before[fillRange.upperBound...].prefix { $0 != "\"" })
        }
        // 10 → class 0, 20 → class 1 (≥ 16), 30 → class 3 (≥ 28), 40 → class 4.
        #expect(fill("54") == "#ffffcc")
        #expect(fill("55") == "#a1dab4")
        #expect(fill("57") == "#2c7fb8")
        #expect(fill("67") == "#253494")
        #expect(fill("88") == "url(#t-nodata-metro)")
        #expect(svg.contains("<title>Dép. 88\u{00A0}: pas de donnée</title>"))
        #expect(svg.contains("<title>Dép. 57\u{00A0}: 30 u</title>"))
        #expect(svg.contains("href=\"/departement/57\""))
    }

    @Test func franceMapPutsOverseasRegionsInInsets() throws {
        let areas = Self.geometry.outlines(at: .region).map {
            MapArea(outline: $0, name: $0.code, value: Double($0.code) ?? 0)
        }
        let svg = Choropleth.render(
            id: "fr", caption: ChartCaption(title: "France", description: "d"), areas: areas, legendTitle: "x",
            style: ValueStyle(decimals: 0, language: .en), palette: .yellowOrangeBrown, noDataLabel: "no data",
            insetNames: ["01": "Guadeloupe", "02": "Martinique", "03": "Guyane", "04": "La Réunion", "06": "Mayotte"]
        )
        // One nested map per frame: metropolitan France plus the 5 overseas insets.
        #expect(svg.components(separatedBy: "<svg x=").count - 1 == 6)
        for name in ["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"] {
            #expect(svg.contains(">\(name)</text>"))
        }
        #expect(!svg.contains("no data"))
    }

    @Test func barLengthsAreProportionalWithWhiskers() {
        // Plot from x = 190 to 510 (640 − 190 − 130, width 320); nice ceiling of 80 is 100.
        let svg = BarChart.render(
            id: "b", caption: ChartCaption(title: "t", description: "d"),
            bars: [BarDatum(label: "A", value: 50, low: 40, high: 60), BarDatum(label: "B", value: 80)],
            style: ValueStyle(decimals: 1, unit: " %", language: .fr), reference: (label: "France", value: 25)
        )
        #expect(svg.contains("<rect x=\"190\" y=\"13\" width=\"160\" height=\"14\""))  // 50/100 × 320
        #expect(svg.contains("<rect x=\"190\" y=\"37\" width=\"256\" height=\"14\""))  // 80/100 × 320
        #expect(svg.contains("M318 20H382"))  // whisker 40 → 60 at row centre 8 + 12
        #expect(svg.contains("x1=\"270\""))  // reference 25
        #expect(svg.contains(">100</text>"))  // ticks without unit
        #expect(svg.contains(">50,0\u{202F}%</text>"))
        #expect(svg.contains(">France 25,0\u{202F}%</text>"))
    }

    @Test func dotPlotAndRankIntervals() {
        let dots = DotPlot.render(
            id: "d", caption: ChartCaption(title: "t", description: "d"),
            rows: [DotPair(label: "Emploi", first: 5, second: 7.5)],
            firstName: "mesuré", secondName: "ressenti", style: ValueStyle(decimals: 1, language: .fr), minimum: 0,
            maximum: 10
        )
        // Plot from 190 to 620 (width 430): 5 → 405, 7.5 → 512.5.
        #expect(dots.contains("<circle cx=\"405\" cy=\"38\""))
        #expect(dots.contains("M512.5 32l6 6-6 6-6-6z"))
        let ranks = RankIntervalChart.render(
            id: "r", caption: ChartCaption(title: "t", description: "d"),
            rows: [RankIntervalRow(label: "Grand Est", rank: 3, low: 2, high: 6)], count: 13
        )
        // Plot from 190 to 620 over ranks 1…13: rank r at 190 + 430 (r − 1) / 12.
        #expect(ranks.contains("x1=\"225.83\" y1=\"19\" x2=\"369.17\""))
        #expect(ranks.contains("<circle cx=\"261.67\""))
    }

    @Test func hostileStringsStayTextInEveryChart() {
        for hostile in hostileStrings {
            let caption = ChartCaption(title: hostile, description: hostile)
            let outputs = [
                BarChart.render(
                    id: hostile, caption: caption, bars: [BarDatum(label: hostile, value: 1)],
                    style: ValueStyle(decimals: 0, unit: hostile, language: .fr)),
                DotPlot.render(
                    id: "d", caption: caption, rows: [DotPair(label: hostile, first: 1, second: 2)], firstName: hostile,
                    secondName: hostile, style: ValueStyle(decimals: 0, language: .en)),
                RankIntervalChart.render(
                    id: "r", caption: caption, rows: [RankIntervalRow(label: hostile, rank: 1, low: 1, high: 2)],
                    count: 3),
                Choropleth.render(
                    id: "c", caption: caption,
                    areas: [MapArea(outline: Self.geometry.outlines[0], name: hostile, value: nil, href: hostile)],
                    legendTitle: hostile, style: ValueStyle(decimals: 0, language: .fr), palette: .yellowGreenBlue,
                    noDataLabel: hostile
                ),
            ]
            for svg in outputs {
                #expect(!svg.contains("<script"))
                #expect(!svg.contains("<img"))
                #expect(!svg.contains("<svg onload"))
                if hostile.contains("<") || hostile.contains("\"") { #expect(!svg.contains(hostile)) }
                #expect(!svg.unicodeScalars.contains { $0.value == 0 || $0.value == 0x1b })
            }
        }
    }
}
