import ArgumentParser
import Foundation
import PhareAnalysis
import PhareCore
import PhareDemo
import PhareImport
import PhareRender
import PhareStore

/// `phare survey`: the perception surveys of the four actors.
struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Perception surveys: questionnaire, response import, weighting and published estimates.",
        subcommands: [
            Questionnaire.self, Import.self, Waves.self, Weight.self, Margins.self, Estimate.self, Measures.self,
            Export.self, Synthetic.self, Compare.self, ImportPublished.self,
        ]
    )

    /// Framework, territories and questionnaire of an observatory.
    struct Context {
        var store: any ObservatoryStore
        var framework: Framework
        var questionnaire: PhareCore.Questionnaire

        init(_ database: DatabaseOption) throws {
            store = try database.open()
            framework = try store.framework()
            questionnaire = try QuestionnaireLoader.bundled(framework: framework)
        }

        /// The actor named on the command line, checked against the framework.
        @discardableResult
        func checkActor(_ actor: String) throws -> ActorCode {
            guard let known = framework.actor(ActorCode(actor)) else {
                throw ValidationError(
                    "unknown actor \"\(actor)\" (known: "
                        + "\(framework.actors.map(\.code.rawValue).joined(separator: ", ")))"
                )
            }
            return known.code
        }

        /// The responses of a wave × actor with their stored weights (`weightedSample`), with notes
        /// on synthetic, unweighted or stale data.
        func weightedSample(wave: String, actor: ActorCode) throws -> WeightedSample {
            let sample = try store.weightedSample(wave: wave, actor: actor)
            if sample.responses.wave.synthetic {
                note("phare: note: wave \(wave) holds SYNTHETIC demo data (generated, not real answers)")
            }
            switch sample.weighting {
            case .calibrated: break
            case .designWeights:
                note(
                    "phare: warning: \(wave) \(actor) is not weighted: estimates use the design weights (run `phare "
                        + "survey weight`)"
                )
            case .stale(let reason):
                note(
                    "phare: warning: the weights of \(wave) \(actor) are stale (\(reason)): estimates use the design "
                        + "weights"
                )
            }
            return sample
        }
    }

    struct Questionnaire: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The common questionnaire: the columns of a response file, what each accepts, for which actor.")
        @OptionGroup var database: DatabaseOption
        @Option(help: "Only the columns of this actor's response file.")
        var actor: String?
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let context = try Context(database)
                let questionnaire = context.questionnaire
                var table = DataTable(columns: [
                    "actor", "column", "item", "accepts", "required", "question_fr", "question_en",
                ])
                let actors = try actor.map { [try context.checkActor($0)] } ?? context.framework.actors.map(\.code)
                for actor in actors {
                    table.rows.append([
                        .text(actor.rawValue), .text("respondent_id"), .null, .text("text, unique"), .bool(true), .null,
                        .null,
                    ])
                    for profile in questionnaire.profiles(for: actor) {
                        let accepts: String =
                            switch profile.kind {
                            case .region: "INSEE region code"
                            case .departement: "INSEE département code"
                            case .levels, .populationClass: profile.levels.map(\.code).joined(separator: " ")
                            }
                        table.rows.append([
                            .text(actor.rawValue), .text(profile.variable), .null, .text(accepts),
                            .bool(profile.requiredFor.contains(actor)), .text(profile.label.fr),
                            .text(profile.label.en),
                        ])
                    }
                    for column in questionnaire.columns(for: actor, framework: context.framework) {
                        let item = questionnaire.item(column.item)
                        let accepts: String =
                            switch column.accepts {
                            case .rating(let minimum, let maximum): "integer \(minimum) to \(maximum)"
                            case .level(let codes): codes.joined(separator: " ")
                            case .choices(let codes, let maximum):
                                "\(maximum.map { "up to \($0)" } ?? "any") of "
                                    + "\(codes.count > 6 ? "the \(codes.count) domain codes" : codes.joined(separator: " ")), separated by \(questionnaire.choiceSeparator)"
                            }
                        table.rows.append([
                            .text(actor.rawValue), .text(column.name), .text(column.item), .text(accepts), .bool(false),
                            Cell(item?.question.fr), Cell(item?.question.en),
                        ])
                    }
                }
                emit(table.render(output.resolved))
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a response file (CSV, one row per respondent) for a wave and an actor.",
            discussion:
                "Every value is checked against the questionnaire; all problems are listed with line and column and "
                + "nothing is written. The import is one transaction."
        )
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The response file (see `phare survey questionnaire --actor A` for its columns).")
        var file: String
        @Option(help: "Wave code (for instance 2025).")
        var wave: String
        @Option(help: "citoyens, associations, entreprises or maires.")
        var actor: String
        @Option(help: "Year of the wave (default: the wave code when it is a year).")
        var year: Int?
        @Option(help: "Label of a new wave.")
        var label: String?
        @Flag(help: "Replace the respondents this wave already holds for this actor (and drop their weighting).")
        var replace = false
        @Flag(name: .customLong("dry-run"), help: "Validate the file and report, without writing anything.")
        var dryRun = false

        func run() throws {
            try reportingErrors {
                let context = try Context(database)
                let actor = try context.checkActor(self.actor)
                guard let year = year ?? Int(wave) else {
                    throw ValidationError("wave \(wave) is not a year: give --year")
                }
                let document = try CSVDocument.read(path: file)
                let respondents = try ResponseFile.read(
                    document, actor: actor, questionnaire: context.questionnaire, framework: context.framework,
                    territories: try context.store.territoryTree())
                let surveyWave = SurveyWave(
                    code: wave, year: year, label: label ?? "Vague \(wave)", synthetic: false,
                    questionnaireID: context.questionnaire.id, questionnaireVersion: context.questionnaire.version
                )
                if dryRun {
                    let existing = try context.store.surveyWaves().first { $0.wave.code == wave }?.content.first {
                        $0.actor == actor
                    }
                    if let existing, !replace {
                        throw StoreError(
                            "wave \(wave) already holds \(existing.respondents) \(actor) respondents: use --replace "
                                + "to replace them"
                        )
                    }
                    note(
                        "\(file): \(respondents.count) valid \(actor) respondents for wave \(wave) (dry run: nothing "
                            + "written)"
                    )
                    return
                }
                try context.store.saveResponses(
                    SurveyResponses(wave: surveyWave, actor: actor, respondents: respondents), replace: replace)
                try recordAudit(
                    context.store, action: replace ? "survey.replace" : "survey.import", file: file,
                    counts: ["respondents": respondents.count], detail: "wave \(wave) \(actor)")
                note(
                    "imported \(respondents.count) \(actor) respondents into wave \(wave); weight them with `phare "
                        + "survey weight --wave \(wave) --actor \(actor)`"
                )
            }
        }
    }

    struct Waves: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The survey waves and the respondents they hold, then the waves of published figures (no "
                + "microdata).")
        @OptionGroup var database: DatabaseOption
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let store = try database.open()
                let waves = try store.surveyWaves()
                var table = DataTable(columns: [
                    "wave", "year", "label", "actor", "respondents", "weighted", "synthetic", "questionnaire",
                ])
                for summary in waves {
                    for content in summary.content {
                        table.rows.append([
                            .text(summary.wave.code), .integer(summary.wave.year), .text(summary.wave.label),
                            .text(content.actor.rawValue),
                            .integer(content.respondents), .bool(content.weighted), .bool(summary.wave.synthetic),
                            .text("\(summary.wave.questionnaireID) \(summary.wave.questionnaireVersion)"),
                        ])
                    }
                }
                for set in try store.publishedFigures() {
                    for wave in set.waves {
                        let figures = set.figures.filter { $0.wave == wave }
                        for actor in Set(figures.map(\.actor)).sorted(by: { $0.rawValue < $1.rawValue }) {
                            let count = figures.filter { $0.actor == actor }.count
                            table.rows.append([
                                .text(wave), .integer(figures[0].year),
                                .text("published figures (\(count)), no microdata"), .text(actor.rawValue),
                                .integer(0), .bool(false), .bool(false), .text("published: \(set.sourceFile)"),
                            ])
                        }
                    }
                }
                emit(table.render(output.resolved))
            }
        }
    }

    struct Weight: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Weight a wave × actor to population margins (raking or post-stratification) and record it.",
            discussion:
                "Prints the margins reached; convergence and weight diagnostics go to standard error (and into "
                + "--format json)."
        )
        @OptionGroup var database: DatabaseOption
        @Option(help: "Wave code.")
        var wave: String
        @Option(help: "Actor.")
        var actor: String
        @Option(help: "Margins file: variable (a profile variable, or a*b), category, population (or share).")
        var margins: String?
        @Flag(
            name: .customLong("from-territories"),
            help: "Mayors: margins from the territory tree (communes by region and by population class).")
        var fromTerritories = false
        @Flag(
            help: "With --from-territories: one crossed margin region × population class (for --method poststratify).")
        var crossed = false
        @Flag(name: .customLong("metropolitan"), help: "With --from-territories: only the 13 metropolitan regions.")
        var metropolitan = false
        @OptionGroup var calibration: CalibrationOptions
        @Option(name: .customLong("trim-lower"), help: "Trim calibrated weights below this value.")
        var trimLower: Double?
        @Option(name: .customLong("trim-upper"), help: "Trim calibrated weights above this value.")
        var trimUpper: Double?
        @Flag(name: .customLong("strict-trim"), help: "Repeat trimming until no weight is outside the bounds.")
        var strictTrim = false
        @Flag(name: .customLong("dry-run"), help: "Compute and report, without recording the weighting.")
        var dryRun = false
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let context = try Context(database)
                let actor = try context.checkActor(self.actor)
                guard (margins != nil) != fromTerritories else {
                    throw ValidationError("give either --margins FILE or --from-territories")
                }
                let responses = try context.store.responses(wave: wave, actor: actor)
                var populationMargins: [PopulationMargin]
                var source: String
                if let margins {
                    let file = try MarginsFile.read(path: margins)
                    try file.requireProfileVariables(of: context.questionnaire, actor: actor)
                    populationMargins = file.populationMargins(
                        total: responses.respondents.reduce(0) { $0 + $1.designWeight })
                    source = "margins file \(margins)"
                } else {
                    guard context.framework.actor(actor)?.isLocalAuthority == true else {
                        let mayors = context.framework.localAuthorityActors.map(\.code.rawValue).joined(separator: ", ")
                        throw ValidationError(
                            "--from-territories gives the universe of communes: it weights mayors (\(mayors)) only")
                    }
                    guard
                        let sizes = context.questionnaire.profiles(for: actor).first(where: {
                            $0.kind == .populationClass
                        })
                    else {
                        throw ValidationError("the questionnaire has no population-class profile variable for mayors")
                    }
                    let tree = try context.store.territoryTree()
                    let regions =
                        metropolitan ? Set(tree.territories(at: .region).filter { !$0.isOverseas }.map(\.code)) : nil
                    let result = SurveyWeighting.mayorMargins(
                        tree: tree, sizeClasses: sizes, regions: regions, crossed: crossed)
                    populationMargins = result.margins
                    source =
                        "territory tree: communes by region \(crossed ? "×" : "and by") "
                        + "\(sizes.variable)\(metropolitan ? ", metropolitan France" : "")"
                    if result.communesWithoutPopulation > 0 {
                        let count = result.communesWithoutPopulation
                        note(
                            "phare: note: \(count) commune\(count == 1 ? "" : "s") without a known population "
                                + "\(count == 1 ? "is" : "are") left out of the margins"
                        )
                    }
                }
                let plan = WeightingPlan(
                    method: calibration.method == .rake ? .rake : .poststratify, margins: populationMargins,
                    settings: RakingSettings(maxIterations: calibration.maxIterations, epsilon: calibration.epsilon),
                    trimLower: trimLower, trimUpper: trimUpper, strictTrim: strictTrim, source: source
                )
                let (weights, report) = try WaveWeighting.weight(responses, plan: plan)
                SurveyCommand.describe(report, plan: plan)
                if !dryRun {
                    try context.store.saveWeighting(
                        wave: wave, actor: actor, plan: plan, report: report, weights: weights)
                    try recordAudit(
                        context.store, action: "survey.weight", file: margins,
                        counts: ["respondents": responses.respondents.count], detail: "wave \(wave) \(actor)")
                    note("recorded the weighting of \(wave) \(actor) (\(responses.respondents.count) respondents)")
                } else {
                    note("dry run: nothing recorded")
                }
                let format = output.resolved
                if format == .json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    encoder.nonConformingFloatEncodingStrategy = .convertToString(
                        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
                    emit(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
                } else {
                    emit(SurveyTables.margins(report.margins, format: format).render(format))
                }
            }
        }
    }

    /// Convergence and weight diagnostics, on standard error.
    static func describe(_ report: WeightingReport, plan: WeightingPlan) {
        for line in SurveyTables.weightingNotes(report, plan: plan) { note(line) }
    }

    struct Estimate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "A published measure for a wave × actor, nationally or by region or segment, with CI, n and effective "
                + "n.",
            discussion: """
                Measures: mean_rating, share_top3, share_impact, partnership_rate and the others listed by \
                `phare survey measures`, or all. Shares are proportions from 0 to 1. \
                With --responses FILE the respondents are read from a response file (validated as on import, weighted \
                to --margins when given) instead of the observatory.
                """
        )
        @OptionGroup var database: DatabaseOption
        @Option(help: "Wave code; repeat it to compare waves (2015, 2025…).")
        var wave: [String] = []
        @Option(help: "Actor.")
        var actor: String
        @Option(help: "Measure code (see `phare survey measures`), or all.")
        var measure: String
        @Option(help: "Break down by a profile variable: region, or a segment (employeur, taille_entreprise, age…).")
        var by: String?
        @Option(help: "Estimate from this response file instead of the observatory.")
        var responses: String?
        @Option(help: "With --responses: margins file to weight the respondents to.")
        var margins: String?
        @OptionGroup var calibration: CalibrationOptions
        @Option(help: "Confidence level of the intervals.")
        var confidence = 0.95
        @Option(name: .customLong("min-n"), help: "Publication threshold: estimates on fewer respondents are flagged.")
        var minimumN = 30
        @OptionGroup var output: FormatOption

        func validate() throws {
            guard confidence > 0 && confidence < 1 else {
                throw ValidationError("--confidence must be between 0 and 1")
            }
            guard !wave.isEmpty || responses != nil else {
                throw ValidationError("give --wave (the observatory) or --responses FILE")
            }
            if responses != nil && wave.count > 1 {
                throw ValidationError("--responses reads one file: give at most one --wave to label it")
            }
            if margins != nil && responses == nil {
                throw ValidationError(
                    "--margins goes with --responses; a wave of the observatory is weighted by `phare survey weight`")
            }
        }

        func run() throws {
            try reportingErrors {
                let framework: Framework
                let questionnaire: PhareCore.Questionnaire
                var samples: [WeightedSample] = []
                let actor: ActorCode
                if let responses {
                    framework = try FrameworkLoader.bundled()
                    questionnaire = try QuestionnaireLoader.bundled(framework: framework)
                    guard let known = framework.actor(ActorCode(self.actor)) else {
                        throw ValidationError("unknown actor \"\(self.actor)\"")
                    }
                    actor = known.code
                    let document = try CSVDocument.read(path: responses)
                    let respondents = try ResponseFile.read(
                        document, actor: actor, questionnaire: questionnaire, framework: framework,
                        territories: try TerritoryTree.bundled())
                    let surveyWave = SurveyWave(
                        code: wave.first ?? responses, year: 0, label: responses, synthetic: false,
                        questionnaireID: questionnaire.id, questionnaireVersion: questionnaire.version)
                    let loaded = SurveyResponses(wave: surveyWave, actor: actor, respondents: respondents)
                    var sample = WeightedSample(
                        responses: loaded, design: try loaded.design(), weighting: .designWeights)
                    if let margins {
                        let file = try MarginsFile.read(path: margins)
                        let plan = WeightingPlan(
                            method: calibration.method == .rake ? .rake : .poststratify,
                            margins: file.populationMargins(total: respondents.reduce(0) { $0 + $1.designWeight }),
                            settings: RakingSettings(
                                maxIterations: calibration.maxIterations, epsilon: calibration.epsilon), source: margins
                        )
                        let (weights, report) = try WaveWeighting.weight(loaded, plan: plan)
                        SurveyCommand.describe(report, plan: plan)
                        sample = WeightedSample(
                            responses: loaded, design: try sample.design.restoring(weights), weighting: .calibrated)
                    }
                    samples.append(sample)
                } else {
                    let context = try Context(database)
                    actor = try context.checkActor(self.actor)
                    framework = context.framework
                    questionnaire = context.questionnaire
                    for code in wave { samples.append(try context.weightedSample(wave: code, actor: actor)) }
                }
                let available = MeasureCatalogue.available(
                    for: actor, questionnaire: questionnaire, framework: framework)
                let measures: [MeasureDefinition]
                if measure == "all" {
                    measures = available
                } else {
                    guard
                        let chosen = MeasureCatalogue.named(
                            MeasureCode(measure), questionnaire: questionnaire, framework: framework)
                    else {
                        throw ValidationError(
                            "unknown measure \"\(measure)\" (measures for \(actor): "
                                + "\(available.map(\.code.rawValue).joined(separator: ", ")))"
                        )
                    }
                    measures = [chosen]
                }
                if let by, questionnaire.profile(by)?.actors.contains(actor) != true {
                    throw ValidationError(
                        "\(by) is not a profile variable of \(actor) (known: "
                            + "\(questionnaire.profiles(for: actor).map(\.variable).joined(separator: ", ")))"
                    )
                }
                let options = EstimationOptions(confidenceLevel: confidence, minimumSampleSize: minimumN)
                var estimates: [MeasureEstimate] = []
                for sample in samples {
                    for measure in measures {
                        estimates += try AnalysisPipeline.estimate(
                            measure, sample: sample, questionnaire: questionnaire, framework: framework, by: by,
                            options: options
                        )
                    }
                }
                let format = output.resolved
                var table = DataTable(
                    columns: ["wave", "actor", "measure", "item", "item_label", by ?? "territory"]
                        + SurveyTables.estimateColumns + ["synthetic", "note"])
                table.rows.reserveCapacity(estimates.count)
                for estimate in estimates {
                    table.rows.append(
                        [
                            .text(estimate.wave), .text(estimate.actor.rawValue), .text(estimate.measure.rawValue),
                            .text(estimate.item),
                            .text(
                                SurveyCommand.label(
                                    of: estimate.item, framework: framework, questionnaire: questionnaire)),
                            .text(estimate.group),
                        ] + SurveyTables.cells(estimate.result, format: format, digits: 4)
                            + [.bool(estimate.synthetic), estimate.result.missingReason.map(Cell.text) ?? .null]
                    )
                }
                emit(table.render(format))
            }
        }
    }

    /// French label of a measure item (domain, option or answer code).
    static func label(of item: String, framework: Framework, questionnaire: PhareCore.Questionnaire) -> String {
        let parts = item.split(separator: "/").map(String.init)
        let labels = parts.map { code -> String in
            if let domain = framework.domain(code) { return domain.shortLabel.fr }
            for list in questionnaire.optionLists {
                if let option = list.options.first(where: { $0.code == code }) { return option.label.fr }
            }
            for scale in questionnaire.scales {
                if let level = scale.levels.first(where: { $0.code == code }) { return level.label.fr }
            }
            switch code {
            case "all": return "ensemble"
            case "positive": return "réponses positives"
            default: return code
            }
        }
        return labels.joined(separator: " / ")
    }

    struct Measures: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The published measures and the items they read.")
        @OptionGroup var database: DatabaseOption
        @Option(help: "Only the measures available for this actor.")
        var actor: String?
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let context = try Context(database)
                let measures =
                    try actor.map {
                        MeasureCatalogue.available(
                            for: try context.checkActor($0), questionnaire: context.questionnaire,
                            framework: context.framework)
                    } ?? MeasureCatalogue.published(questionnaire: context.questionnaire, framework: context.framework)
                var table = DataTable(columns: ["measure", "item", "unit", "actors", "label_fr", "label_en"])
                for measure in measures {
                    let actors =
                        context.questionnaire.item(measure.item)?.actors.map(\.rawValue).joined(separator: " ") ?? ""
                    table.rows.append([
                        .text(measure.code.rawValue),
                        .text(measure.item + (measure.target.map { "_" + $0.rawValue } ?? "")), .text(measure.unit),
                        .text(actors), .text(measure.label.fr), .text(measure.label.en),
                    ])
                }
                emit(table.render(output.resolved))
            }
        }
    }

    struct Margins: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The margins a wave × actor is weighted to, as a margins file (variable, category, population), with "
                + "how the weighting went."
        )
        @OptionGroup var database: DatabaseOption
        @Option(help: "Wave code.")
        var wave: String
        @Option(help: "Actor.")
        var actor: String
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let context = try Context(database)
                let actor = try context.checkActor(self.actor)
                guard let weighting = try context.store.weighting(wave: wave, actor: actor) else {
                    throw StoreError(
                        "\(wave) \(actor) is not weighted: run `phare survey weight --wave \(wave) --actor \(actor)`")
                }
                let plan = weighting.plan
                note(
                    "\(plan.method.rawValue) on \(plan.margins.count) margin\(plan.margins.count == 1 ? "" : "s") "
                        + "from \(plan.source); max \(plan.settings.maxIterations) sweeps, epsilon "
                        + "\(plan.settings.epsilon); recorded \(weighting.createdAt)"
                )
                SurveyCommand.describe(weighting.report, plan: plan)
                var table = DataTable(columns: ["variable", "category", "population"])
                for margin in plan.margins {
                    for (category, count) in zip(margin.categories, margin.counts) {
                        table.rows.append([.text(margin.variable), .text(category), .number(count)])
                    }
                }
                emit(table.render(output.resolved))
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the respondents of a wave × actor as a response file, with their calibrated weights.")
        @OptionGroup var database: DatabaseOption
        @Option(help: "Wave code.")
        var wave: String
        @Option(help: "Actor.")
        var actor: String
        @Option(help: "Output file (CSV).")
        var out: String

        func run() throws {
            try reportingErrors {
                let context = try Context(database)
                let actor = try context.checkActor(self.actor)
                let responses = try context.store.responses(wave: wave, actor: actor)
                let weights = try context.store.weighting(wave: wave, actor: actor)?.calibrated?.weights
                try AtomicFile.write(
                    ResponseFile.render(
                        responses.respondents, actor: actor, questionnaire: context.questionnaire,
                        framework: context.framework, calibratedWeights: weights), to: out)
                note(
                    "wrote \(out): \(responses.respondents.count) "
                        + "respondents\(weights == nil ? " (not weighted)" : " with calibrated_weight")\(responses.wave.synthetic ? "; SYNTHETIC demo data" : "")"
                )
            }
        }
    }
}

extension SurveyCommand {
    struct Synthetic: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a SYNTHETIC response file (and its margins) of any size, for trials and benchmarks.",
            discussion:
                "The respondents are generated as the demo ones (see docs/METHODOLOGY.md); they are not survey answers."
        )
        @Option(help: "Actor.")
        var actor: String
        @Option(help: "Number of respondents.")
        var size: Int
        @Option(help: "Seed of the generator.")
        var seed: UInt64 = 2015
        @Option(name: .customLong("item-nonresponse"), help: "Share of per-domain answers left blank.")
        var itemNonresponse = 0.01
        @Option(help: "Response file to write (CSV).")
        var out: String
        @Option(name: .customLong("margins-out"), help: "Margins file to write (variable, category, population).")
        var marginsOut: String?

        func run() throws {
            try reportingErrors {
                guard size >= 200 else {
                    throw ValidationError("--size must be at least 200 (8 respondents per region at least)")
                }
                let framework = try FrameworkLoader.bundled()
                let questionnaire = try QuestionnaireLoader.bundled(framework: framework)
                let actor = ActorCode(self.actor)
                guard framework.actor(actor) != nil else { throw ValidationError("unknown actor \"\(self.actor)\"") }
                let sample = try SurveyDemo.generate(
                    actor: actor, size: size, seed: seed, itemNonresponse: itemNonresponse,
                    framework: framework, questionnaire: questionnaire, territories: try TerritoryTree.bundled()
                )
                try AtomicFile.write(
                    ResponseFile.render(
                        sample.responses.respondents, actor: actor, questionnaire: questionnaire, framework: framework),
                    to: out)
                if let marginsOut {
                    var table = DataTable(columns: ["variable", "category", "population"])
                    for margin in sample.plan.margins {
                        for (category, count) in zip(margin.categories, margin.counts) {
                            table.rows.append([.text(margin.variable), .text(category), .number(count)])
                        }
                    }
                    try AtomicFile.write(table.render(.csv), to: marginsOut)
                }
                note(
                    "wrote \(out): \(size) SYNTHETIC \(actor) respondents (seed "
                        + "\(seed))\(marginsOut.map { " and the margins \($0)" } ?? "")"
                )
            }
        }
    }
}
