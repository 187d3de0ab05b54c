import ArgumentParser
import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareRender

/// How design weights are calibrated to a margins file.
enum CalibrationMethod: String, ExpressibleByArgument, CaseIterable {
    case rake, poststratify
}

extension ProportionIntervalMethod: ExpressibleByArgument {}
extension CalibrationFunction: ExpressibleByArgument {}
extension ReplicateWeights.Kind: ExpressibleByArgument {}

/// `phare stats`: design-based estimation on any survey file (one row per respondent).
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Design-based survey statistics on any CSV file: means, totals, proportions, raking.",
        discussion: """
            Standard errors by Taylor linearisation for stratified and one-stage cluster designs with \
            finite population correction, as R's survey package computes them. Empty or NA values are \
            treated as outside the domain (R's na.rm = TRUE).
            """,
        subcommands: [Mean.self, Total.self, Prop.self, Rake.self, Calibrate.self]
    )

    struct Mean: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Weighted mean of numeric columns, overall or by group (R svymean, svyby).")
        @OptionGroup var sample: SampleOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors { try sample.estimate(.mean, format: output.resolved) }
        }
    }

    struct Total: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Estimated population total of numeric columns, overall or by group (R svytotal).")
        @OptionGroup var sample: SampleOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors { try sample.estimate(.total, format: output.resolved) }
        }
    }

    struct Prop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Proportion of one category (--level) or distribution of a categorical column, with logit, xlogit, "
                + "beta, likelihood, asin, mean or Wilson intervals (R svyciprop; --ci)."
        )
        @OptionGroup var sample: SampleOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors { try sample.estimate(.proportion, format: output.resolved) }
        }
    }

    struct Rake: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Weight a sample to known margins (raking or post-stratification) and write the new weights.",
            discussion:
                "Prints the margins reached; weight diagnostics and convergence go to standard error (and into "
                + "--format json)."
        )

        @Option(help: "The survey file (CSV, one row per respondent).")
        var data: String
        @Option(help: "Column of design weights (default: 1 for every respondent).")
        var weight: String?
        @Option(help: "Margins file: variable, category, population (or share).")
        var margins: String
        @Option(help: "Where to write the data with the calibrated weights.")
        var out: String
        @Option(name: .customLong("new-weight"), help: "Name of the calibrated weight column.")
        var newWeight = "raked_weight"
        @OptionGroup var calibration: CalibrationOptions
        @Option(
            name: .customLong("trim-lower"),
            help: "Trim weights below this value (the difference is shared among the others).")
        var trimLower: Double?
        @Option(name: .customLong("trim-upper"), help: "Trim weights above this value.")
        var trimUpper: Double?
        @Flag(name: .customLong("strict-trim"), help: "Repeat trimming until no weight is outside the bounds.")
        var strictTrim = false
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let document = try CSVDocument.read(path: data)
                let design = try SurveyColumns.design(document, weight: weight, strata: nil, cluster: nil, fpc: nil)
                let marginsFile = try MarginsFile.read(path: margins)
                let margins = try marginsFile.margins(for: document, designWeights: design.weights)
                let calibrated = try calibration.apply(margins, to: design, source: self.margins)
                var final = calibrated.design
                var trimming: TrimmingResult?
                if trimLower != nil || trimUpper != nil {
                    let result = try Calibration.trim(
                        final, lower: trimLower ?? -.infinity, upper: trimUpper ?? .infinity, strict: strictTrim)
                    trimming = result
                    final = result.design
                }
                let values = final.weights.map { "\($0)" }
                try AtomicFile.write(document.rendered(settingColumn: newWeight, to: values), to: out)

                let format = output.resolved
                let checks = MarginCheck.check(margins, weights: final.weights)
                let before = WeightDiagnostics(weights: design.weights)
                let after = WeightDiagnostics(weights: final.weights)
                note(calibrated.summary)
                if let trimming {
                    note(
                        "trimming: \(trimming.trimmed) weight\(trimming.trimmed == 1 ? "" : "s") outside the bounds, "
                            + "\(trimming.passes) pass\(trimming.passes == 1 ? "" : "es")"
                    )
                }
                note(
                    "weights before: min \(short(before.minimum)), max \(short(before.maximum)), Kish deff "
                        + "\(short(before.kishDesignEffect)), effective n \(short(before.effectiveSampleSize))"
                )
                note(
                    "weights after:  min \(short(after.minimum)), max \(short(after.maximum)), ratio "
                        + "\(short(after.ratio)), Kish deff \(short(after.kishDesignEffect)), effective n "
                        + "\(short(after.effectiveSampleSize))"
                )
                note("wrote \(out): \(document.records.count) rows with the column \(newWeight)")
                if format == .json {
                    let weightsTable = SurveyTables.weights([("before", before), ("after", after)], format: .json)
                        .render(.json)
                    let marginsTable = SurveyTables.margins(checks, format: .json).render(.json)
                    emit(
                        """
                        {
                        "method": \(JSONText.string(calibration.method.rawValue)),
                        "converged": \(calibrated.converged),
                        "sweeps": \(calibrated.sweeps),
                        "changes": [\(calibrated.changes.map { "\($0)" }.joined(separator: ","))],
                        "trimmed": \(trimming?.trimmed ?? 0),
                        "weights": \(weightsTable.trimmingCharacters(in: .whitespacesAndNewlines)),
                        "margins": \(marginsTable.trimmingCharacters(in: .whitespacesAndNewlines))
                        }

                        """)
                } else {
                    emit(SurveyTables.margins(checks, format: format).render(format))
                }
            }
        }
    }
}

extension StatsCommand {
    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Calibrate weights to known margins with a linear, raking or logit distance and bounds on the weight "
                + "ratios (R calibrate), and write the new weights.",
            discussion:
                "Prints the margins reached; the convergence report (iterations, largest gap, range of the weight "
                + "ratios g = new/old) goes to standard error and into --format json. Fails, writing nothing, when "
                + "the margins cannot be reached within the bounds."
        )

        @Option(help: "The survey file (CSV, one row per respondent).")
        var data: String
        @Option(help: "Column of design weights (default: 1 for every respondent).")
        var weight: String?
        @Option(help: "Margins file: variable, category, population (or share).")
        var margins: String
        @Option(help: "Distance function: linear (GREG), raking or logit (logit needs --bounds).")
        var calfun: CalibrationFunction = .linear
        @Option(help: ArgumentHelp("Bounds LO,HI on the weight ratios new/old; LO < 1 < HI.", valueName: "LO,HI"))
        var bounds: String?
        @Option(name: .customLong("max-iterations"), help: "Maximum Newton iterations (R's default 50).")
        var maxIterations = 50
        @Option(help: "Convergence: every total within epsilon · (1 + |total|) (R's default 1e-7).")
        var epsilon = 1e-7
        @Option(help: "Where to write the data with the calibrated weights.")
        var out: String
        @Option(name: .customLong("new-weight"), help: "Name of the calibrated weight column.")
        var newWeight = "calibrated_weight"
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let limits = try Self.parseBounds(bounds)
                guard maxIterations > 0 else { throw ValidationError("--max-iterations must be at least 1") }
                let document = try CSVDocument.read(path: data)
                let design = try SurveyColumns.design(document, weight: weight, strata: nil, cluster: nil, fpc: nil)
                let marginsFile = try MarginsFile.read(path: margins)
                let margins = try marginsFile.margins(for: document, designWeights: design.weights)
                let result = try Calibration.calibrate(
                    design, margins: margins, function: calfun, bounds: limits,
                    settings: CalibrationSettings(maxIterations: maxIterations, epsilon: epsilon))
                try AtomicFile.write(
                    document.rendered(settingColumn: newWeight, to: result.weights.map { "\($0)" }), to: out)

                let checks = MarginCheck.check(margins, weights: result.weights)
                let largestGap = checks.map { abs($0.difference) }.max() ?? 0
                let range = result.ratioRange
                let after = WeightDiagnostics(weights: result.weights)
                let boundsText =
                    limits.isBounded ? "bounds [\(short(limits.lower)), \(short(limits.upper))]" : "no bounds"
                note(
                    "\(calfun.rawValue) calibration converged in \(result.iterations) iteration"
                        + "\(result.iterations == 1 ? "" : "s") on \(margins.count) margin\(margins.count == 1 ? "" : "s") "
                        + "(\(boundsText)): largest gap \(short(largestGap)) (relative \(short(result.relativeGap)))"
                )
                note("weight ratios g = new/old: from \(short(range.minimum)) to \(short(range.maximum))")
                note(
                    "weights after: min \(short(after.minimum)), max \(short(after.maximum)), Kish deff "
                        + "\(short(after.kishDesignEffect)), effective n \(short(after.effectiveSampleSize))")
                note("wrote \(out): \(document.records.count) rows with the column \(newWeight)")
                let format = output.resolved
                if format == .json {
                    let marginsTable = SurveyTables.margins(checks, format: .json).render(.json)
                    emit(
                        """
                        {
                        "calfun": \(JSONText.string(calfun.rawValue)),
                        "bounds": \(limits.isBounded ? "[\(limits.lower),\(limits.upper)]" : "null"),
                        "converged": true,
                        "iterations": \(result.iterations),
                        "relative_gap": \(result.relativeGap),
                        "largest_gap": \(largestGap),
                        "ratio_min": \(range.minimum),
                        "ratio_max": \(range.maximum),
                        "margins": \(marginsTable.trimmingCharacters(in: .whitespacesAndNewlines))
                        }

                        """)
                } else {
                    emit(SurveyTables.margins(checks, format: format).render(format))
                }
            }
        }

        /// `LO,HI` as bounds, none when not given.
        static func parseBounds(_ text: String?) throws -> CalibrationBounds {
            guard let text else { return .none }
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
                Double($0.trimmingCharacters(in: .whitespaces))
            }
            guard parts.count == 2, let lower = parts[0], let upper = parts[1] else {
                throw ValidationError("--bounds takes two numbers LO,HI (e.g. 0.5,2); found \(text)")
            }
            return try CalibrationBounds(lower: lower, upper: upper)
        }
    }
}

func short(_ value: Double) -> String {
    value.isFinite ? "\(SurveyTables.significant(value, digits: 5))" : "∞"
}

/// `--calibration`, `--max-iterations`, `--epsilon`.
struct CalibrationOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "rake (iterative proportional fitting over every margin) or poststratify (one margin, possibly crossed: "
                + "a*b).")
    )
    var method: CalibrationMethod = .rake
    @Option(name: .customLong("max-iterations"), help: "Raking: maximum sweeps over the margins (R's default 10).")
    var maxIterations = 10
    @Option(
        help: ArgumentHelp(
            "Raking: stop when no cell of the crossed margins moves by more than this (below 1: a fraction of the "
                + "total weight). R's default 1.")
    )
    var epsilon = 1.0

    /// The outcome of a calibration, whichever the method.
    struct Outcome {
        var design: SurveyDesign
        var converged: Bool
        var sweeps: Int
        var changes: [Double]
        var summary: String
    }

    func apply(_ margins: [CalibrationMargin], to design: SurveyDesign, source: String) throws -> Outcome {
        switch method {
        case .poststratify:
            guard margins.count == 1, let margin = margins.first else {
                throw ValidationError(
                    "post-stratification takes one margin variable (cross variables as a*b); \(source) has "
                        + "\(margins.count)"
                )
            }
            let calibrated = try Calibration.postStratify(design, margin: margin)
            return Outcome(
                design: calibrated, converged: true, sweeps: 1, changes: [],
                summary: "post-stratified on \(margin.variable) (\(margin.categories.count) cells)")
        case .rake:
            guard maxIterations > 0 else { throw ValidationError("--max-iterations must be at least 1") }
            let result = try Calibration.rake(
                design, margins: margins, settings: RakingSettings(maxIterations: maxIterations, epsilon: epsilon))
            let last = result.changes.last.map(short) ?? "-"
            let summary =
                result.converged
                ? "raking converged after \(result.sweeps) sweep\(result.sweeps == 1 ? "" : "s") on \(margins.count) "
                    + "margin\(margins.count == 1 ? "" : "s") (last change \(last) < \(short(result.threshold)))"
                : "phare: warning: raking did not converge after \(result.sweeps) sweeps (last change \(last), "
                    + "threshold \(short(result.threshold))): raise --max-iterations or check the margins"
            return Outcome(
                design: result.design, converged: result.converged, sweeps: result.sweeps, changes: result.changes,
                summary: summary)
        }
    }
}

/// The options every estimation command shares: the file, the variables and the design.
struct SampleOptions: ParsableArguments {
    enum Statistic { case mean, total, proportion }

    @Option(help: "The survey file (CSV, one row per respondent).")
    var data: String
    @Option(name: .customLong("var"), help: "Column to estimate (repeat for several).")
    var variables: [String]
    @Option(help: "prop: the category whose proportion is estimated (default: every category, the distribution).")
    var level: String?
    @Option(help: "Column of sampling weights (default: from --fpc, else 1).")
    var weight: String?
    @Option(help: "Column of strata.")
    var strata: String?
    @Option(help: "Column of primary sampling units (clusters), nested in strata.")
    var cluster: String?
    @Option(help: "Column of finite population corrections: population PSU count of the stratum, or sampling fraction.")
    var fpc: String?
    @Option(help: "Column to estimate by (one estimate per value).")
    var by: String?
    @Option(
        help: "Margins file to calibrate the weights to before estimating (variances then account for the calibration)."
    )
    var margins: String?
    @OptionGroup var calibration: CalibrationOptions
    @Option(help: "Confidence level of the intervals.")
    var confidence = 0.95
    @Option(
        name: .customLong("ci"),
        help: ArgumentHelp(
            "prop: interval method, logit (default), xlogit, beta, likelihood, asin, mean (R svyciprop) or wilson "
                + "(with the effective sample size).")
    )
    var intervalMethod: ProportionIntervalMethod?
    @Option(
        help: "Replicate-weight standard errors from jackknife replicates of the design: jk1 (unstratified) or jkn.")
    var replicates: ReplicateWeights.Kind?
    @Option(
        name: .customLong("replicate-weights"),
        help: ArgumentHelp(
            "Columns of full replicate weights for the standard errors: names separated by commas, or PREFIX* for "
                + "every column starting with PREFIX.", valueName: "COLS"))
    var replicateWeights: String?
    @Option(
        name: .customLong("replicate-type"),
        help: "With --replicate-weights: jk1, brr, fay (with --rho) or bootstrap (R svrepdesign type).")
    var replicateType: ReplicateWeights.Kind?
    @Option(help: "Fay's ρ, with --replicate-type fay.")
    var rho: Double?
    @Flag(
        help: "Replicate variances centred on the full-sample estimate instead of the replicates' mean (R mse = TRUE).")
    var mse = false
    @Option(name: .customLong("min-n"), help: "Publication threshold: estimates on fewer respondents are flagged.")
    var minimumN = 30

    func validate() throws {
        guard !variables.isEmpty else { throw ValidationError("give at least one --var") }
        guard confidence > 0 && confidence < 1 else {
            throw ValidationError("--confidence must be between 0 and 1 (e.g. 0.95)")
        }
    }

    func estimate(_ statistic: Statistic, format: OutputFormat) throws {
        if level != nil && statistic != .proportion { throw ValidationError("--level only applies to prop") }
        if let intervalMethod, statistic != .proportion {
            throw ValidationError(
                "--ci \(intervalMethod.rawValue) is an interval method for proportions: a \(statistic == .mean ? "mean" : "total") "
                    + "has the normal interval (use phare stats prop for a share)"
            )
        }
        let document = try CSVDocument.read(path: data)
        var design = try SurveyColumns.design(document, weight: weight, strata: strata, cluster: cluster, fpc: fpc)
        if let margins {
            let file = try MarginsFile.read(path: margins)
            let outcome = try calibration.apply(
                try file.margins(for: document, designWeights: design.weights), to: design, source: margins)
            note(outcome.summary)
            design = outcome.design
        }
        let replicateDesign = try replicateSet(of: document, design: design)
        let estimator = SurveyEstimator(
            design: design, replicates: replicateDesign,
            options: EstimationOptions(
                confidenceLevel: confidence, minimumSampleSize: minimumN, proportionInterval: intervalMethod ?? .logit))
        let grouping =
            try by.map { SurveyGrouping(try SurveyColumns.texts(document, column: $0)) }
            ?? SurveyGrouping.whole(count: design.count)

        var columns = (by.map { [$0] } ?? []) + ["variable"]
        if statistic == .proportion { columns.append("level") }
        var table = DataTable(columns: columns + SurveyTables.estimateColumns)
        for variable in variables {
            switch statistic {
            case .mean, .total:
                let values = try SurveyColumns.numbers(document, column: variable)
                for (group, rows) in grouping.rows.enumerated() {
                    let domain = by == nil ? nil : rows
                    let result =
                        statistic == .mean
                        ? estimator.mean(values, rows: domain) : estimator.total(values, rows: domain)
                    table.rows.append(
                        (by == nil ? [] : [.text(grouping.labels[group])]) + [.text(variable)]
                            + SurveyTables.cells(result, format: format))
                }
            case .proportion:
                let texts = try SurveyColumns.texts(document, column: variable)
                let categories =
                    level.map { [$0] } ?? Array(Set(texts.compactMap { $0 })).sorted(by: SurveyDesign.labelOrder)
                if let level, !texts.contains(level) {
                    note("phare: warning: no respondent has \(variable) = \(level)")
                }
                for category in categories {
                    let indicator = texts.map { $0 == nil ? Double.nan : ($0 == category ? 1.0 : 0.0) }
                    for (group, rows) in grouping.rows.enumerated() {
                        let result = estimator.proportion(indicator, rows: by == nil ? nil : rows)
                        table.rows.append(
                            (by == nil ? [] : [.text(grouping.labels[group])]) + [.text(variable), .text(category)]
                                + SurveyTables.cells(result, format: format))
                    }
                }
            }
        }
        emit(table.render(format))
    }

    /// The replicate weights asked for: made from the design (`--replicates`) or read from columns
    /// (`--replicate-weights`); nil for linearisation.
    func replicateSet(of document: CSVDocument, design: SurveyDesign) throws -> ReplicateWeights? {
        if replicates != nil && replicateWeights != nil {
            throw ValidationError("give either --replicates (made from the design) or --replicate-weights (read)")
        }
        if let kind = replicates {
            guard kind == .jk1 || kind == .jkn else {
                throw ValidationError("--replicates makes jk1 or jkn replicates; read others with --replicate-weights")
            }
            if margins != nil { throw ValidationError("--replicates does not combine with --margins") }
            return try ReplicateWeights.jackknife(design, kind: kind, mse: mse)
        }
        guard let replicateWeights else {
            if replicateType != nil || rho != nil || mse {
                throw ValidationError("--replicate-type, --rho and --mse go with --replicate-weights or --replicates")
            }
            return nil
        }
        guard let kind = replicateType else {
            throw ValidationError("--replicate-weights needs --replicate-type jk1|brr|fay|bootstrap")
        }
        if kind == .jkn {
            throw ValidationError("JKn replicate weights need their rscales: make them with --replicates jkn")
        }
        var names: [String] = []
        for part in replicateWeights.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if part.hasSuffix("*") {
                let prefix = String(part.dropLast())
                let matching = document.header.filter { $0.hasPrefix(prefix) }
                guard !matching.isEmpty else {
                    throw InputError(
                        file: document.file, message: "no column starts with \(prefix) (--replicate-weights)")
                }
                names += matching
            } else {
                names.append(part)
            }
        }
        let columns = try names.map { try SurveyColumns.numbers(document, column: $0) }
        for (offset, record) in document.records.enumerated() {
            let given = columns.filter { !$0[offset].isNaN }.count
            if given != columns.count, let empty = names.indices.first(where: { columns[$0][offset].isNaN }) {
                throw InputError(
                    file: document.file, line: record.line, column: names[empty],
                    message:
                        "this row has \(given) replicate weights where every row needs \(columns.count): the number of "
                        + "replicate weights differs between rows")
            }
        }
        return try ReplicateWeights(kind: kind, weights: columns, rho: rho, mse: mse)
    }
}
