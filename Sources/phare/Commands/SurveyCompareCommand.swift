import ArgumentParser
import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareRender
import PhareStore

extension SurveyCommand {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare a measure between two waves of an actor: both estimates, the difference, its SE and "
                + "interval.",
            discussion:
                "The waves are independent samples: SE = sqrt(SE1² + SE2²), 95 % normal interval, significant when it "
                + "excludes 0 (docs/METHODOLOGY.md). A wave of published figures (`phare survey import-published`) "
                + "uses the approximate SE sqrt(p(1-p)/n) of its base and is flagged approximate. With --by region, "
                + "rows where either wave has fewer than --minimum-n respondents are flagged below_threshold."
        )
        @OptionGroup var database: DatabaseOption
        @Option(help: "Actor.")
        var actor: String
        @Option(help: "Measure (see `phare survey measures --actor A`).")
        var measure: String
        @Option(help: "The two waves, earlier first: for instance 2015,2025.")
        var waves: String
        @Option(help: "region: compare by region as well as nationally.")
        var by: String?
        @Option(name: .customLong("minimum-n"), help: "Flag rows where either wave has fewer respondents.")
        var minimumN = 30
        @Option(help: "Confidence level of the intervals.")
        var confidence = 0.95
        @OptionGroup var output: FormatOption

        func validate() throws {
            guard waves.split(separator: ",").count == 2 else {
                throw ValidationError("--waves takes two wave codes separated by a comma (for instance 2015,2025)")
            }
            if let by, by != "region" { throw ValidationError("--by takes region only") }
            guard confidence > 0 && confidence < 1 else {
                throw ValidationError("--confidence must be between 0 and 1")
            }
        }

        func run() throws {
            try reportingErrors {
                let context = try Context(database)
                let actor = try context.checkActor(self.actor)
                let available = MeasureCatalogue.available(
                    for: actor, questionnaire: context.questionnaire, framework: context.framework)
                guard let chosen = available.first(where: { $0.code.rawValue == measure }) else {
                    throw ValidationError(
                        "unknown measure \"\(measure)\" for \(actor) (measures: "
                            + "\(available.map(\.code.rawValue).joined(separator: ", ")))")
                }
                let codes = waves.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                for code in codes where try context.store.surveyWaves().contains(where: { $0.wave.code == code }) {
                    _ = try context.weightedSample(wave: code, actor: actor)
                }
                let options = EstimationOptions(confidenceLevel: confidence, minimumSampleSize: minimumN)
                let samples = WeightedSampleCache()
                var rows = try context.store.compareWaves(
                    actor: actor, measure: chosen, earlier: codes[0], later: codes[1], byRegion: false,
                    options: options, samples: samples)
                if by != nil {
                    do {
                        rows += try context.store.compareWaves(
                            actor: actor, measure: chosen, earlier: codes[0], later: codes[1], byRegion: true,
                            options: options, samples: samples)
                    } catch let error as WaveComparisonError {
                        note("phare: note: no comparison by region: \(error.message)")
                    }
                }
                if rows.contains(where: \.approximate) {
                    note(
                        "phare: note: rows flagged approximate use a published figure: its SE is sqrt(p(1-p)/n) from "
                            + "the published base, without design effect")
                }
                emit(SurveyTables.differences(rows, format: output.resolved).render(output.resolved))
            }
        }
    }

    struct ImportPublished: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-published",
            abstract: "Import figures published from past surveys without microdata, as waves to compare with.",
            discussion:
                "Columns wave, year, actor, measure, item, territory, value (percent for shares), n (the published "
                + "base), source (docs/DATA-FORMATS.md). Every problem is listed with line and column; nothing is "
                + "written then."
        )
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The published-figures file (CSV).")
        var file: String
        @Flag(help: "Replace the figures the file's waves already hold.")
        var replace = false

        func run() throws {
            try reportingErrors {
                let context = try Context(database)
                let figures = try PublishedFiguresFile.read(
                    try CSVDocument.read(path: file), questionnaire: context.questionnaire,
                    framework: context.framework, territories: try context.store.territoryTree(),
                    microdataWaves: Set(try context.store.surveyWaves().map(\.wave.code)))
                let set = PublishedFigureSet(figures: figures, sourceFile: file)
                try context.store.savePublishedFigures(set, replace: replace)
                note(
                    "imported \(figures.count) published figures of the waves \(set.waves.joined(separator: ", ")) "
                        + "from \(file)")
            }
        }
    }
}
