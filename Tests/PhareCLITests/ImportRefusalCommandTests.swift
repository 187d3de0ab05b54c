import Foundation
import PhareTestSupport
import Testing

/// Refusals as a user meets them: nothing written, a sentence with file, line and column.
@Suite struct ImportRefusalCommandTests {
    @Test func aHeaderOnlyFileAndOverflowingWeightsAreRefusedAndNothingIsWritten() throws {
        let folder = try PhareProcess.initialisedFolder()
        try (SurveyImportTests.header + "\n").write(toFile: folder + "/empty.csv", atomically: true, encoding: .utf8)
        let empty = try PhareProcess.run(
            ["survey", "import", "empty.csv", "--wave", "2025", "--actor", "citoyens"], in: folder)
        #expect(empty.status == 1)
        #expect(
            empty.stderr.contains("empty.csv:2: the file has a header line but no data line: no respondent to import"),
            "\(empty.stderr)")

        var lines = SurveyImportTests.validCitizens(40).split(separator: "\n").map(String.init)
        lines[5] = lines[5].replacingOccurrences(of: "c4;1;", with: "c4;1e308;")
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: folder + "/huge.csv", atomically: true, encoding: .utf8)
        let huge = try PhareProcess.run(
            ["survey", "import", "huge.csv", "--wave", "2025", "--actor", "citoyens"], in: folder)
        #expect(huge.status == 1)
        #expect(
            huge.stderr.contains("huge.csv:6 column weight: weight 1e+308: with it the sum of the weights"),
            "\(huge.stderr)")
        let waves = try PhareProcess.run(["survey", "waves", "--format", "csv"], in: folder)
        #expect(waves.stdout.split(separator: "\n").count == 1, "nothing may be written: \(waves.stdout)")
    }

    /// Every citizen answers `sante` in PRIO: the share is 1 and its logit interval does not exist;
    /// the note column says so instead of leaving the bounds empty.
    @Test func anEstimateWithEmptyCellsSaysWhy() throws {
        let folder = try PhareProcess.initialisedFolder()
        try SurveyImportTests.validCitizens(40).write(toFile: folder + "/c.csv", atomically: true, encoding: .utf8)
        let run = try PhareProcess.run(
            [
                "survey", "estimate", "--responses", "c.csv", "--actor", "citoyens", "--measure", "share_top3",
                "--format", "csv",
            ], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = RReference.rows(run.stdout)
        let sante = try #require(rows.first { $0["item"] == "sante" })
        #expect(sante["estimate"] == "1" && sante["ci_lower"] == "")
        #expect(sante["note"] == "no interval: the proportion is 1 (its log-odds are infinite, as in R's svyciprop)")
        // Every empty bound has its note, and only those.
        for row in rows { #expect((row["ci_lower"] == "") == (row["note"] != ""), "\(row)") }
    }
}
