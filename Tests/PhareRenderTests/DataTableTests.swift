import Foundation
import Testing

@testable import PhareRender

@Suite struct DataTableTests {
    let table = DataTable(
        columns: ["code", "name", "population", "share"],
        rows: [
            [.text("44"), .text("Grand Est"), .integer(5_549_586), .number(0.125)],
            [.text("93"), .text("Provence, \"PACA\""), .null, .number(1.0 / 3.0)],
        ]
    )

    @Test func csvQuotesWhatNeedsQuotingAndKeepsFullPrecision() {
        #expect(
            table.render(.csv) == #"""
                code,name,population,share
                44,Grand Est,5549586,0.125
                93,"Provence, ""PACA""",,0.3333333333333333

                """#)
    }

    @Test func jsonIsAnArrayOfObjectsThatParses() throws {
        let text = table.render(.json)
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 2)
        #expect(parsed[1]["name"] as? String == "Provence, \"PACA\"")
        #expect(parsed[1]["population"] is NSNull)
        #expect(parsed[0]["population"] as? Int == 5_549_586)
    }

    @Test func tableAlignsColumns() {
        let lines = table.render(.table).split(separator: "\n")
        #expect(lines[0] == "code  name              population  share")
        #expect(lines[2] == "44    Grand Est         5549586     0.125")
        #expect(lines[3] == "93    Provence, \"PACA\"              0.333333")
    }
}
