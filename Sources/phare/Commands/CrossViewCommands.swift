import ArgumentParser
import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareRender
import PhareStore

extension PerceptionReference: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

/// Options shared by the cross-analysis commands.
struct AnalysisArguments: ParsableArguments {
    @OptionGroup var database: DatabaseOption
    @Option(help: "Survey wave (default: the latest wave holding answers).")
    var wave: String?
    @Option(
        help: ArgumentHelp(
            "What a domain's perception is compared with to call it felt: territory (the actor's average over all "
                + "domains there) or national (the actor's national rating of the domain).")
    )
    var reference: PerceptionReference = .territoryAverage
    @Option(
        name: .customLong("min-n"), help: "Publication threshold: an estimate on fewer respondents decides nothing.")
    var minimumRespondents: Int = 30
    @Option(help: "Monte-Carlo runs for the rank intervals of the relevance of partnerships.")
    var runs: Int = 1000
    @Option(help: "Seed of the Monte-Carlo runs (same seed, same intervals).")
    var seed: UInt64 = 20_250_101

    func validate() throws {
        guard minimumRespondents >= 1 else { throw ValidationError("--min-n must be at least 1") }
        guard (0...100_000).contains(runs) else { throw ValidationError("--runs must be between 0 and 100000") }
    }

    /// Analyses the observatory `store` (opened from `--db` when not given).
    func analyse(_ opened: (any ObservatoryStore)? = nil) throws -> AnalysedObservatory {
        let store = try opened ?? database.open()
        let options = AnalysisOptions(
            minimumRespondents: minimumRespondents, reference: reference,
            relevance: RelevanceMethod(runs: runs, seed: seed)
        )
        let analysed = try AnalysisPipeline.run(store, settings: AnalysisSettings(wave: wave, options: options))
        for stale in analysed.staleWeightings {
            note(
                "phare: warning: the weights of \(stale.wave) \(stale.actor) are stale (\(stale.reason)): design "
                    + "weights used"
            )
        }
        return analysed
    }

    /// The profile of the region named by `reference` (a region code, or any territory inside one).
    func profile(_ reference: String, in result: AnalysedObservatory) throws -> RegionProfile {
        let tree = result.territories
        let territory = try tree.resolve(reference)
        let region =
            territory.level == .region
            ? territory : tree.ancestors(of: territory.id).compactMap { tree[$0] }.first { $0.level == .region }
        guard let region else {
            throw ValidationError(
                "\(territory.id) (\(territory.name)) is not in a region: the cross view is computed for regions")
        }
        if region.id != territory.id {
            note(
                "phare: note: the cross view is computed for regions; showing \(region.name), which holds "
                    + "\(territory.name)"
            )
        }
        guard let profile = result.analysis.profile(region.id) else {
            throw StoreError("no profile for \(region.name)")
        }
        return profile
    }
}

func encodeJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}

struct CrossViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossview",
        abstract: "Measured against felt fragility, domain by domain, for one region.",
        discussion:
            "Each domain is classed felt and measured, felt but not measured, measured but not felt, or neither "
            + "(rules in docs/METHODOLOGY.md); no class when the data cannot conclude."
    )

    @OptionGroup var analysis: AnalysisArguments
    @Option(help: "The region (INSEE code, e.g. 44), or a territory inside it.")
    var territory: String
    @OptionGroup var output: FormatOption

    func run() throws {
        try reportingErrors {
            let result = try analysis.analyse()
            let profile = try analysis.profile(territory, in: result)
            let cells = profile.fragilities.cells
            let correlations = result.analysis.crossView(of: profile)?.correlationByDomain ?? [:]
            if output.resolved == .json {
                struct Document: Encodable {
                    var territory: TerritoryID
                    var name: String
                    var reference: PerceptionReference
                    var minimumRespondents: Int
                    var cells: [CrossViewCell]
                    var correlationAcrossDomains: RankCorrelation?
                    var correlationAcrossRegionsByDomain: [String: RankCorrelation]
                    var provenance: ProfileProvenance
                }
                emit(
                    try encodeJSON(
                        Document(
                            territory: profile.territory, name: profile.name, reference: analysis.reference,
                            minimumRespondents: analysis.minimumRespondents, cells: cells,
                            correlationAcrossDomains: profile.fragilities.correlation,
                            correlationAcrossRegionsByDomain: correlations,
                            provenance: profile.provenance
                        )))
                return
            }
            let actors = result.analysis.options.perceivingActors
            var columns = ["domain", "axis", "measured_score", "measured_rank", "peers", "measured"]
            for actor in actors {
                columns += ["\(actor)_mean", "\(actor)_lower", "\(actor)_upper", "\(actor)_n", "\(actor)_verdict"]
            }
            columns += ["felt", "class", "rho_across_regions"]
            var table = DataTable(columns: columns)
            for cell in cells {
                var row: [Cell] = [
                    .text(cell.domain), Cell(result.framework.domain(cell.domain)?.axis),
                    Cell(cell.measured?.score), Cell(cell.measured?.rank), Cell(cell.measured?.peerCount),
                    .text(cell.measuredVerdict.rawValue),
                ]
                for actor in actors {
                    let perception = cell.perceptions.first { $0.estimate.actor == actor }
                    row += [
                        Cell(perception?.estimate.mean), Cell(perception?.estimate.lower),
                        Cell(perception?.estimate.upper), Cell(perception?.estimate.n),
                        Cell(perception?.verdict.rawValue),
                    ]
                }
                row += [
                    .text(cell.feltVerdict.rawValue), Cell(cell.quadrant?.rawValue),
                    Cell(correlations[cell.domain]?.rho),
                ]
                table.rows.append(row)
            }
            emit(table.render(output.resolved))
            if let rho = profile.fragilities.correlation {
                note(
                    "Spearman ρ across the domains of \(profile.name): \(String(format: "%.2f", rho.rho)) "
                        + "[\(rho.lower.map { String(format: "%.2f", $0) } ?? "–"), "
                        + "\(rho.upper.map { String(format: "%.2f", $0) } ?? "–")], n = \(rho.n)"
                )
            }
            if profile.provenance.illustrativeIndicators || profile.provenance.syntheticSurveys {
                note(
                    "phare: note: demo data (illustrative indicators / synthetic survey answers): not the territory's "
                        + "real situation"
                )
            }
        }
    }
}

struct CoConstructionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coconstruction",
        abstract: "Where partnerships are relevant in a region: a score per domain, its rank interval and its reasons."
    )

    @OptionGroup var analysis: AnalysisArguments
    @Option(help: "The region (INSEE code, e.g. 44), or a territory inside it.")
    var territory: String
    @Option(help: "Language of the reasons: fr or en.")
    var lang: Language = .fr
    @OptionGroup var output: FormatOption

    func run() throws {
        try reportingErrors {
            let result = try analysis.analyse()
            let profile = try analysis.profile(territory, in: result)
            let relevance = profile.coConstruction.relevance.sorted { ($0.rank, $0.domain) < ($1.rank, $1.domain) }
            if output.resolved == .json {
                struct Document: Encodable {
                    var territory: TerritoryID
                    var name: String
                    var method: RelevanceMethod
                    var mayorsRespondents: Int
                    var dynamic: [LabelledFigure]
                    var roles: [LabelledFigure]
                    var relevance: [DomainRelevance]
                    var recommendedDomains: [String]
                }
                emit(
                    try encodeJSON(
                        Document(
                            territory: profile.territory, name: profile.name, method: result.analysis.options.relevance,
                            mayorsRespondents: profile.coConstruction.mayorsRespondents,
                            dynamic: profile.coConstruction.dynamic,
                            roles: profile.coConstruction.roles, relevance: relevance,
                            recommendedDomains: profile.synthesis.recommendedDomains
                        )))
                return
            }
            let writer = SynthesisWriter(
                framework: result.framework, name: profile.name, minimumRespondents: analysis.minimumRespondents)
            var table = DataTable(columns: [
                "rank", "domain", "score", "measured", "felt", "impact", "mayors", "median_rank", "rank_low",
                "rank_high", "actors", "reasons",
            ])
            for item in relevance {
                let agreement = item.agreement.map {
                    $0.diverge ? "diverge (\(String(format: "%.1f", $0.range)))" : "agree"
                }
                table.rows.append([
                    .integer(item.rank), .text(item.domain), .number((item.score * 10).rounded() / 10),
                    Cell(item.components[.measured]), Cell(item.components[.felt]), Cell(item.components[.impact]),
                    Cell(item.components[.mayors]),
                    .number(item.medianRank), .number(item.rankLow), .number(item.rankHigh), Cell(agreement),
                    .text(item.reasons.map { writer.reason(for: $0, lang) }.joined(separator: "; ")),
                ])
            }
            emit(table.render(output.resolved))
        }
    }
}

struct PracticesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practices",
        abstract: "Partnership practices of associations and companies by region, against France.",
        discussion:
            "Partnership rates, types, scopes and the 'source of innovation' agreement, each with the difference from "
            + "France, its 95 % interval and a significance flag; nationally by segment."
    )

    @OptionGroup var analysis: AnalysisArguments
    @Option(help: "Only this region (INSEE code); default every region.")
    var territory: String?
    @OptionGroup var output: FormatOption

    func run() throws {
        try reportingErrors {
            let store = try analysis.database.open()
            let result = try analysis.analyse(store)
            let profiles = try territory.map { [try analysis.profile($0, in: result)] } ?? result.analysis.profiles
            var table = DataTable(columns: [
                "region", "name", "part", "code", "label", "value", "lower", "upper", "n", "n_effective",
                "below_threshold", "france", "difference", "difference_lower", "difference_upper", "significant",
            ])
            for profile in profiles {
                let parts: [(String, [LabelledFigure])] = [
                    ("partnership_rate", profile.practices.partnershipRates), ("type", profile.practices.types),
                    ("scope", profile.practices.scopes), ("innovation_agree", profile.practices.innovationAgreement),
                ]
                for (part, items) in parts {
                    for item in items {
                        table.rows.append([
                            .text(profile.territory.code), .text(profile.name), .text(part), .text(item.code),
                            .text(item.label.fr),
                            .number(item.figure.value), Cell(item.figure.lower), Cell(item.figure.upper),
                            Cell(item.figure.n), Cell(item.figure.effectiveN),
                            .bool(item.figure.belowThreshold), Cell(item.national?.value ?? item.comparison?.national),
                            Cell(item.comparison?.difference), Cell(item.comparison?.lower),
                            Cell(item.comparison?.upper),
                            item.comparison.map { .bool($0.isSignificant) } ?? .null,
                        ])
                    }
                }
            }
            if territory == nil {
                // National rates by segment: employer or not (associations), size class (companies).
                for (actor, variable, estimates) in try AnalysisPipeline.partnershipRatesBySegment(store, result) {
                    for estimate in estimates {
                        let r = estimate.result
                        table.rows.append([
                            .text("FR"), .text("France"), .text("partnership_rate_by_segment"),
                            .text("\(actor):\(variable)=\(estimate.group)"), .text(actor.rawValue), Cell(r.estimate),
                            Cell(r.lower),
                            Cell(r.upper), .integer(r.sampleSize), .number(r.effectiveSampleSize),
                            .bool(r.belowThreshold),
                            .null, .null, .null, .null, .null,
                        ])
                    }
                }
            }
            emit(table.render(output.resolved))
        }
    }
}

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract:
            "A region's profile: identity card, fragilities measured and felt, co-construction, practices, synthesis.",
        discussion: "JSON for machines (every figure with its interval and base), Markdown for people (--lang fr|en)."
    )

    enum ProfileFormat: String, ExpressibleByArgument, CaseIterable { case json, markdown }

    @OptionGroup var analysis: AnalysisArguments
    @Option(help: "The region (INSEE code, e.g. 93), or a territory inside it; default every region.")
    var territory: String?
    @Option(help: "json or markdown.")
    var format: ProfileFormat = .markdown
    @Option(help: "Language of the Markdown: fr or en.")
    var lang: Language = .fr

    func run() throws {
        try reportingErrors {
            let result = try analysis.analyse()
            let profiles = try territory.map { [try analysis.profile($0, in: result)] } ?? result.analysis.profiles
            switch format {
            case .json:
                emit(territory == nil ? try encodeJSON(profiles) : try encodeJSON(profiles[0]))
            case .markdown:
                let writer = ProfileMarkdown(framework: result.framework, language: lang)
                emit(profiles.map(writer.render).joined(separator: "\n"))
            }
        }
    }
}
