import ArgumentParser
import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareRender
import PhareStore

extension Normalisation: ExpressibleByArgument {}
extension Imputation: ExpressibleByArgument {}
extension PeerSet: ExpressibleByArgument {}
extension SensitivityDesign: ExpressibleByArgument {}

struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract:
            "Fragility diagnosis from the indicators: per indicator, domain and axis, against France and the peers.",
        discussion:
            "Formulas and references: docs/METHODOLOGY.md. `phare diagnose sensitivity` shows how much the ranks "
            + "depend on the method.",
        subcommands: [
            Run.self, SensitivityCommand.self, OutliersCommand.self, CoherenceCommand.self, ChangeCommand.self,
        ],
        defaultSubcommand: Run.self
    )

    /// Level, peers and method, shared by the diagnosis and the sensitivity analysis.
    struct Scope: ParsableArguments {
        @Option(help: "Level of the territories diagnosed: region, departement, epci or commune.")
        var level: TerritoryLevel = .region
        @Option(help: "Peers compared: metropolitan (default, the 13 regions or 96 départements), overseas or all.")
        var peers: PeerSet = .metropolitan
        @Option(help: "Only this territory (INSEE code at the level, e.g. 44 for Grand Est).")
        var territory: String?
        @Option(help: "Only this domain.")
        var domain: String?
        @Option(
            name: [.customLong("method"), .customLong("normalisation")],
            help: "Normalisation: zscore, minmax, distance (to the national value) or rank.")
        var normalisation: Normalisation = .zScore
        @Option(
            help: ArgumentHelp(
                "Aggregation of indicators into domains and domains into axes: arithmetic, geometric, "
                    + "shifted-geometric, harmonic, power:P or copeland.",
                valueName: "aggregation"),
            transform: DiagnoseCommand.aggregation)
        var aggregation: CompositeAggregation = .arithmetic
        @Option(help: "Missing values: none (composite over the indicators present), peer-mean or national.")
        var imputation: Imputation = .none
        @Option(help: "Weights file target;code;weight (target indicator or domain); default equal weights.")
        var weights: String?

        func load(_ store: any ObservatoryStore) throws -> (DiagnosisInput, DiagnosisMethod) {
            guard level != .pays else {
                throw ValidationError("France alone has no peers: choose region, departement, epci or commune")
            }
            let framework = try store.framework()
            let catalogue = try store.indicatorCatalogue()
            if let domain, framework.domain(domain) == nil {
                throw ValidationError(
                    "unknown domain \"\(domain)\" (known: \(framework.domains.map(\.code).joined(separator: ", ")))")
            }
            guard !catalogue.diagnosed().isEmpty else {
                throw StoreError(
                    "no indicator to diagnose: import a catalogue and values (`phare indicators …`) or start from "
                        + "`phare init --demo`"
                )
            }
            let tree = try store.territoryTree()
            let peerList = tree.territories(at: level).filter(peers.includes).sorted { $0.code < $1.code }
            if let territory {
                var code = territory
                if territory.contains(":") {
                    let resolved = try tree.resolve(territory)
                    guard resolved.level == level else {
                        throw ValidationError(
                            "\(resolved.id) is not at the level \(level.rawValue): add --level "
                                + "\(resolved.level.rawValue)"
                        )
                    }
                    code = resolved.code
                }
                guard tree[TerritoryID(level, code)] != nil else {
                    throw ValidationError("no \(level.rawValue) with the code \"\(territory)\"")
                }
                guard peerList.contains(where: { $0.code == code }) else {
                    throw ValidationError(
                        "\(level.rawValue) \(code) is not among the \(peers.rawValue) peers: add --peers all (or "
                            + "overseas)"
                    )
                }
            }
            let series = try store.indicatorSeries(level: level, indicators: nil)
            guard !series.isEmpty else {
                throw StoreError(
                    "no indicator value at the level \(level.rawValue): import values (`phare indicators import`)")
            }
            let method = DiagnosisMethod(
                normalisation: normalisation, aggregation: aggregation, imputation: imputation,
                weights: try weights.map { try WeightsFile.read(path: $0, framework: framework, catalogue: catalogue) }
                    ?? .equal
            )
            return (
                DiagnosisInput(
                    framework: framework, catalogue: catalogue, level: level, peerSet: peers, peers: peerList,
                    series: series), method
            )
        }

        var selectedCode: String? {
            territory.map { $0.contains(":") ? String($0.split(separator: ":").last ?? "") : $0 }
        }
    }

    /// `--aggregation`: a name or power:P, with the sentence of `AggregationError` when wrong.
    static func aggregation(_ text: String) throws -> CompositeAggregation {
        do { return try CompositeAggregation(parsing: text) } catch let error as AggregationError {
            throw ValidationError(error.message)
        }
    }

    static let illustrativeNotice =
        "ILLUSTRATIVE: computed partly from demo values, for the indicators without a real source (`phare indicators "
        + "sources --indicators`)"

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Diagnose every territory of a level (the default subcommand: `phare diagnose --level region`)."
        )

        @OptionGroup var database: DatabaseOption
        @OptionGroup var scope: Scope
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let (input, method) = try scope.load(try database.open())
                var diagnosis = AnalysisPipeline.diagnose(input, method: method)
                if let code = scope.selectedCode {
                    diagnosis.territories = diagnosis.territories.filter { $0.code == code }
                }
                if let domain = scope.domain {
                    let axis = input.framework.domain(domain)?.axis
                    for t in diagnosis.territories.indices {
                        diagnosis.territories[t].domains = diagnosis.territories[t].domains.filter { $0.code == domain }
                        diagnosis.territories[t].axes = diagnosis.territories[t].axes.filter { $0.code == axis }
                        diagnosis.territories[t].indicators = diagnosis.territories[t].indicators.filter {
                            $0.domain == domain
                        }
                    }
                }
                switch output.resolved {
                case .json:
                    let report = DiagnosisReport(
                        level: diagnosis.level, peers: diagnosis.peers, peerCount: input.peers.count,
                        method: diagnosis.method,
                        illustrative: diagnosis.illustrative,
                        notice: diagnosis.illustrative ? DiagnoseCommand.illustrativeNotice : nil,
                        territory: scope.selectedCode == nil ? nil : diagnosis.territories.first,
                        territories: scope.selectedCode == nil ? diagnosis.territories : nil
                    )
                    emit(String(decoding: try DiagnoseCommand.encoder().encode(report), as: UTF8.self) + "\n")
                case .csv, .table:
                    emit(DiagnosisTable.rows(diagnosis).render(output.resolved))
                }
                if diagnosis.illustrative { note(DiagnoseCommand.illustrativeNotice) }
            }
        }
    }

    /// The JSON document of `phare diagnose`: one territory (with --territory) or all of them.
    struct DiagnosisReport: Encodable {
        var level: TerritoryLevel
        var peers: PeerSet
        var peerCount: Int
        var method: DiagnosisMethod
        var illustrative: Bool
        var notice: String?
        var territory: TerritoryDiagnosis?
        var territories: [TerritoryDiagnosis]?
    }

    struct SensitivityCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sensitivity",
            abstract:
                "Monte-Carlo over the method choices: median rank and 5-95 % interval per territory and domain, and "
                + "which choice moves ranks most."
        )

        @OptionGroup var database: DatabaseOption
        @OptionGroup var scope: Scope
        @Option(help: "Design of the runs: random (independent draws) or sobol (Sobol indices with intervals).")
        var design: SensitivityDesign = .random
        @Option(help: "Number of Monte-Carlo runs; with --design sobol the base sample N, a power of two (N × 6 runs).")
        var runs = 1000
        @Option(help: "Seed of the random draws (same seed, same result).")
        var seed: UInt64 = 1
        @Option(help: "Relative noise on each indicator weight: weights are multiplied by U(1 - noise, 1 + noise).")
        var weightNoise = 0.25
        @Option(
            help: "What csv output holds: ranks, factors (indices of the rank shift) or drivers (axis ranks, sobol).")
        var show: SensitivityView = .ranks
        @OptionGroup var output: FormatOption

        enum SensitivityView: String, ExpressibleByArgument { case ranks, factors, drivers }

        func run() throws {
            try reportingErrors {
                guard runs >= 10 || design == .sobol else { throw ValidationError("--runs must be at least 10") }
                guard show != .drivers || design == .sobol else {
                    throw ValidationError(
                        "--show drivers needs --design sobol: the random design has no total-order indices")
                }
                guard (0..<1).contains(weightNoise) else { throw ValidationError("--weight-noise must be in [0, 1)") }
                let (input, method) = try scope.load(try database.open())
                var result = try AnalysisPipeline.sensitivity(
                    input, nominal: method, runs: runs, seed: seed, weightNoise: weightNoise, design: design)
                if let code = scope.selectedCode { result.territories = result.territories.filter { $0.code == code } }
                if let domain = scope.domain {
                    let axis = input.framework.domain(domain)?.axis
                    for t in result.territories.indices {
                        result.territories[t].domains = result.territories[t].domains.filter { $0.code == domain }
                        result.territories[t].axes = result.territories[t].axes.filter { $0.code == axis }
                    }
                }
                switch output.resolved {
                case .json:
                    emit(String(decoding: try DiagnoseCommand.encoder().encode(result), as: UTF8.self) + "\n")
                case .csv:
                    let table: DataTable
                    switch show {
                    case .ranks: table = DiagnosisTable.ranks(result)
                    case .factors: table = DiagnosisTable.factors(result)
                    case .drivers: table = DiagnosisTable.drivers(result)
                    }
                    emit(table.render(.csv))
                case .table:
                    emit(
                        DiagnosisTable.factors(result).render(.table) + "\n"
                            + DiagnosisTable.ranks(result).render(.table)
                            + (design == .sobol ? "\n" + DiagnosisTable.drivers(result).render(.table) : ""))
                }
                note(
                    (design == .sobol
                        ? "Sobol design, N = \(runs) (\(result.evaluations) runs), seed \(seed)"
                        : "\(runs) runs, seed \(seed)") + ": mean absolute rank shift "
                        + "\(String(format: "%.2f", result.meanRankShift)); "
                        + (design == .sobol
                            ? "largest total-order effect: "
                                + "\(result.factors.max { ($0.totalOrder ?? 0) < ($1.totalOrder ?? 0) }?.factor ?? "none")"
                            : "largest first-order effect: "
                                + "\(result.factors.max { $0.firstOrder < $1.firstOrder }?.factor ?? "none")")
                )
                if result.illustrative { note(DiagnoseCommand.illustrativeNotice) }
            }
        }
    }
}

extension DiagnoseCommand {
    struct ChangeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "change",
            abstract:
                "Diagnosis of change: the territories whose fragility worsened most between two years, with rank "
                + "shifts against the sensitivity's rank intervals.",
            discussion:
                "Only the diagnosed indicators held at both years enter. A shift counts (worsened, improved) when "
                + "the 5-95 % rank intervals of the two years do not overlap (docs/METHODOLOGY.md)."
        )

        @OptionGroup var database: DatabaseOption
        @OptionGroup var scope: Scope
        @Option(help: "The earlier year.")
        var from: Int
        @Option(help: "The later year.")
        var to: Int
        @Option(help: "Monte-Carlo runs of the sensitivity analysis at each year.")
        var runs = 1000
        @Option(help: "Seed of the random draws (same seed, same result).")
        var seed: UInt64 = 1
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                guard runs >= 10 else { throw ValidationError("--runs must be at least 10") }
                let store = try database.open()
                let (input, method) = try scope.load(store)
                var change = try AnalysisPipeline.fragilityChange(
                    input, history: try store.indicatorHistory(level: scope.level, indicators: nil), from: from,
                    to: to, method: method, runs: runs, seed: seed)
                let composite = scope.domain ?? "overall"
                guard composite == "overall" || change.domains.contains(composite) else {
                    throw ValidationError(
                        "the domain \(composite) has no indicator held in both \(from) and \(to) (domains: "
                            + "\(change.domains.joined(separator: ", ")))")
                }
                change.shifts = change.shifts(of: composite).filter {
                    scope.selectedCode == nil || $0.territory == scope.selectedCode
                }
                switch output.resolved {
                case .json:
                    emit(String(decoding: try DiagnoseCommand.encoder().encode(change), as: UTF8.self) + "\n")
                case .csv, .table:
                    emit(ChangeTables.fragilityChange(change, composite: composite).dataTable.render(output.resolved))
                }
                let counts = ChangeVerdict.allCases.map { verdict in
                    "\(change.shifts.filter { $0.verdict == verdict }.count) \(verdict.rawValue)"
                }
                note(
                    "indicators held in both \(from) and \(to): \(change.indicators.joined(separator: ", ")) "
                        + "(domains: \(change.domains.joined(separator: ", "))); \(counts.joined(separator: ", ")) "
                        + "(\(runs) runs, seed \(seed))")
                if change.illustrative { note(DiagnoseCommand.illustrativeNotice) }
            }
        }
    }

    struct OutliersCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outliers",
            abstract:
                "COINr's outlier rule per indicator: skewness, kurtosis, winsorised points or log transform, and the "
                + "treated values."
        )

        @OptionGroup var database: DatabaseOption
        @OptionGroup var scope: Scope
        @Option(help: "Only this indicator.")
        var indicator: String?
        @Option(help: "What csv output holds: summary (one row per indicator) or values (one row per territory).")
        var show: OutliersView = .summary
        @OptionGroup var output: FormatOption

        enum OutliersView: String, ExpressibleByArgument { case summary, values }

        func run() throws {
            try reportingErrors {
                let (input, _) = try scope.load(try database.open())
                if let indicator, input.catalogue.diagnosed().first(where: { $0.code == indicator }) == nil {
                    throw ValidationError("unknown or undiagnosed indicator \"\(indicator)\"")
                }
                var treated = try OutlierTreatment.treat(input, only: indicator)
                if let domain = scope.domain { treated = treated.filter { $0.domain == domain } }
                let names = Dictionary(uniqueKeysWithValues: input.peers.map { ($0.code, $0.name) })
                switch output.resolved {
                case .json:
                    emit(String(decoding: try DiagnoseCommand.encoder().encode(treated), as: UTF8.self) + "\n")
                case .csv, .table:
                    let table =
                        show == .summary
                        ? DiagnosisTable.outliers(treated) : DiagnosisTable.treatedValues(treated, names)
                    emit(table.render(output.resolved))
                }
                let changed = treated.filter { $0.result.treatment != .none }
                note(
                    "\(treated.count) indicators: \(changed.filter { $0.result.treatment == .winsorised }.count) "
                        + "winsorised, \(changed.filter { $0.result.treatment == .logTransformed }.count) "
                        + "log-transformed (COINr: |skewness| ≥ 2 and kurtosis ≥ 3.5, at most 5 points)")
            }
        }
    }
}

extension DiagnoseCommand {
    struct CoherenceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "coherence",
            abstract:
                "Statistical coherence per domain and axis: Pearson and Spearman correlations, Cronbach's alpha, "
                + "first principal component's share, negative and collinear pairs."
        )

        @OptionGroup var database: DatabaseOption
        @OptionGroup var scope: Scope
        @Option(help: "What csv output holds: summary (one row per domain or axis) or pairs (one row per pair).")
        var show: CoherenceView = .summary
        @OptionGroup var output: FormatOption

        enum CoherenceView: String, ExpressibleByArgument { case summary, pairs }

        func run() throws {
            try reportingErrors {
                let (input, _) = try scope.load(try database.open())
                var groups = AnalysisPipeline.coherence(input)
                if let domain = scope.domain { groups = groups.filter { $0.kind == .domain && $0.code == domain } }
                switch output.resolved {
                case .json:
                    emit(String(decoding: try DiagnoseCommand.encoder().encode(groups), as: UTF8.self) + "\n")
                case .csv:
                    emit(
                        (show == .summary ? DiagnosisTable.coherence(groups) : DiagnosisTable.pairs(groups)).render(
                            .csv))
                case .table:
                    emit(
                        DiagnosisTable.coherence(groups).render(.table) + "\n"
                            + DiagnosisTable.pairs(groups).render(.table))
                }
                for group in groups { if let problem = group.problem { note(problem) } }
                let flagged = groups.filter { !$0.negativePairs.isEmpty || !$0.collinearPairs.isEmpty }
                note(
                    "\(groups.count) groups over \(input.peers.count) \(input.level.rawValue) territories: "
                        + "\(flagged.count) with a negative (r < 0) or collinear (|r| > 0.9) pair")
            }
        }
    }
}

enum DiagnosisTable {
    static func coherence(_ groups: [GroupCoherence]) -> DataTable {
        var table = DataTable(columns: [
            "kind", "code", "indicators", "territories", "cronbach_alpha", "first_component_share",
            "negative_pairs", "collinear_pairs", "constant", "problem",
        ])
        table.rows = groups.map { group in
            [
                .text(group.kind.rawValue), .text(group.code), .integer(group.indicators.count),
                .integer(group.territories), Cell(group.cronbachAlpha), Cell(group.firstComponentShare),
                .integer(group.negativePairs.count), .integer(group.collinearPairs.count),
                .text(group.constant.joined(separator: " ")), Cell(group.problem),
            ]
        }
        return table
    }

    /// Every pair of indicators of every group with its coefficients and flags.
    static func pairs(_ groups: [GroupCoherence]) -> DataTable {
        var table = DataTable(columns: ["kind", "code", "first", "second", "pearson", "spearman", "flag"])
        for group in groups {
            for i in group.pearson.indices {
                for j in (i + 1)..<group.pearson.count {
                    let r = group.pearson[i][j]
                    let flag = [r < 0 ? "negative" : nil, abs(r) > Coherence.collinearThreshold ? "collinear" : nil]
                    table.rows.append([
                        .text(group.kind.rawValue), .text(group.code), .text(group.indicators[i]),
                        .text(group.indicators[j]), .number(r), .number(group.spearman[i][j]),
                        .text(flag.compactMap { $0 }.joined(separator: " ")),
                    ])
                }
            }
        }
        return table
    }

    static func outliers(_ treated: [IndicatorTreatment]) -> DataTable {
        var table = DataTable(columns: [
            "indicator", "domain", "values", "skewness", "kurtosis", "treatment", "winsorised_high",
            "winsorised_low", "skewness_after", "kurtosis_after", "passes",
        ])
        table.rows = treated.map { entry in
            let result = entry.result
            return [
                .text(entry.indicator), Cell(entry.domain), .integer(entry.raw.filter { !$0.isNaN }.count),
                Cell(result.skewness), Cell(result.kurtosis), .text(result.treatment.rawValue),
                .text(result.winsorisedHigh.map { entry.territories[$0] }.joined(separator: " ")),
                .text(result.winsorisedLow.map { entry.territories[$0] }.joined(separator: " ")),
                Cell(result.skewnessAfter), Cell(result.kurtosisAfter), .text(result.passes ? "yes" : "no"),
            ]
        }
        return table
    }

    static func treatedValues(_ treated: [IndicatorTreatment], _ names: [String: String]) -> DataTable {
        var table = DataTable(columns: ["indicator", "territory", "name", "value", "treated_value", "treated"])
        for entry in treated {
            let result = entry.result
            for (p, code) in entry.territories.enumerated() where !entry.raw[p].isNaN {
                let mark =
                    result.winsorisedHigh.contains(p)
                    ? "winsorised-high"
                    : result.winsorisedLow.contains(p)
                        ? "winsorised-low" : result.treatment == .logTransformed ? "log" : ""
                table.rows.append([
                    .text(entry.indicator), .text(code), .text(names[code] ?? ""), .number(entry.raw[p]),
                    .number(result.values[p]), .text(mark),
                ])
            }
        }
        return table
    }

    static func rows(_ diagnosis: Diagnosis) -> DataTable {
        var table = DataTable(columns: [
            "territory", "name", "kind", "code", "parent", "score", "rank", "peers", "coverage", "value", "national",
            "gap", "gap_percent", "z_score", "year", "unit", "flags",
        ])
        for territory in diagnosis.territories {
            func composite(_ kind: String, _ score: CompositeScore) -> [Cell] {
                [
                    .text(territory.code), .text(territory.name), .text(kind), .text(score.code), Cell(score.axis),
                    Cell(score.score),
                    Cell(score.rank), .integer(score.peerCount), .number(score.coverage), .null, .null, .null, .null,
                    .null, .null, .null, .null,
                ]
            }
            table.rows += territory.axes.map { composite("axis", $0) }
            table.rows += territory.domains.map { composite("domain", $0) }
            table.rows += territory.indicators.map { position in
                [
                    .text(territory.code), .text(territory.name), .text("indicator"), .text(position.indicator),
                    .text(position.domain),
                    Cell(position.normalised), Cell(position.rank), .integer(position.peersWithValue), .null,
                    Cell(position.value),
                    Cell(position.national), Cell(position.gap), Cell(position.gapPercent), Cell(position.zScore),
                    .integer(position.year),
                    .text(position.unit),
                    .text((position.flags + (position.imputed ? ["imputed"] : [])).joined(separator: " ")),
                ]
            }
        }
        return table
    }

    static func ranks(_ result: SensitivityResult) -> DataTable {
        var columns = ["territory", "name", "kind", "code", "nominal_rank", "median_rank", "rank_p05", "rank_p95"]
        if result.design == .sobol { columns += ["main_driver", "main_driver_total_order"] }
        var table = DataTable(columns: columns)
        for territory in result.territories {
            for (kind, intervals) in [("axis", territory.axes), ("domain", territory.domains)] {
                for interval in intervals {
                    var row: [Cell] = [
                        .text(territory.code), .text(territory.name), .text(kind), .text(interval.code),
                        Cell(interval.nominalRank),
                        Cell(interval.medianRank), Cell(interval.low), Cell(interval.high),
                    ]
                    if result.design == .sobol {
                        let driver = interval.mainDriver
                        row += [driver.map { .text($0.factor) } ?? .null, Cell(driver?.totalOrder)]
                    }
                    table.rows.append(row)
                }
            }
        }
        return table
    }

    /// Sobol design: the first- and total-order indices of every territory's axis ranks, with the
    /// bounds of their 95 % bootstrap intervals.
    static func drivers(_ result: SensitivityResult) -> DataTable {
        var table = DataTable(columns: [
            "territory", "name", "axis", "factor", "first_order", "first_order_low", "first_order_high",
            "total_order", "total_order_low", "total_order_high",
        ])
        for territory in result.territories {
            for interval in territory.axes {
                for index in interval.drivers ?? [] {
                    table.rows.append([
                        .text(territory.code), .text(territory.name), .text(interval.code), .text(index.factor),
                        .number(index.firstOrder), .number(index.firstOrder - index.firstOrderConfidence),
                        .number(index.firstOrder + index.firstOrderConfidence), .number(index.totalOrder),
                        .number(index.totalOrder - index.totalOrderConfidence),
                        .number(index.totalOrder + index.totalOrderConfidence),
                    ])
                }
            }
        }
        return table
    }

    static func factors(_ result: SensitivityResult) -> DataTable {
        var columns = ["factor", "first_order_index"]
        if result.design == .sobol {
            columns += [
                "first_order_low", "first_order_high", "total_order_index", "total_order_low", "total_order_high",
            ]
        }
        var table = DataTable(columns: columns + ["levels", "mean_rank_shift_by_level"])
        table.rows = result.factors.sorted { $0.firstOrder > $1.firstOrder }.map { factor in
            var sobol: [Cell] = []
            if result.design == .sobol {
                let first = factor.firstOrderConfidence ?? .nan
                let total = factor.totalOrder ?? .nan
                let totalHalf = factor.totalOrderConfidence ?? .nan
                sobol = [
                    .number(factor.firstOrder - first), .number(factor.firstOrder + first), .number(total),
                    .number(total - totalHalf), .number(total + totalHalf),
                ]
            }
            return [
                .text(factor.factor), .number(factor.firstOrder),
            ] + sobol + [
                .text(
                    factor.levels.count > 4
                        ? "\(factor.levels.count) weight sets" : factor.levels.joined(separator: " ")),
                .text(
                    factor.meanShiftByLevel.prefix(4).map { String(format: "%.3f", $0) }.joined(separator: " ")
                        + (factor.levels.count > 4 ? " …" : "")),
            ]
        }
        return table
    }
}
