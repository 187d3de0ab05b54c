import Foundation
import PhareCore

/// What the pipeline computes besides the profiles: which wave, which method, and the rank
/// intervals of the sensitivity analysis when wanted.
public struct AnalysisSettings: Sendable {
    /// The survey wave read; nil for the most recent wave holding answers.
    public var wave: String?
    public var method: DiagnosisMethod
    public var options: AnalysisOptions
    /// Design, runs and seed of the sensitivity of the metropolitan region diagnosis; nil for none.
    public var sensitivity: (design: SensitivityDesign, runs: Int, seed: UInt64)?

    public init(
        wave: String? = nil, method: DiagnosisMethod = DiagnosisMethod(), options: AnalysisOptions = AnalysisOptions(),
        sensitivity: (design: SensitivityDesign, runs: Int, seed: UInt64)? = nil
    ) {
        self.wave = wave
        self.method = method
        self.options = options
        self.sensitivity = sensitivity
    }

    /// What the dashboard serves: the latest wave, the default method, and a Sobol sensitivity
    /// (N = 256, 1,536 runs) with a fixed seed, so that a database gives the same intervals at every start.
    public static let dashboard = AnalysisSettings(sensitivity: (design: .sobol, runs: 256, seed: 2015))
}

/// The one analysis of the observatory: reads what a store holds (`ObservatoryReader`) and computes
/// the diagnoses, the sensitivity, the survey measures, the cross views and the region profiles.
/// The command line, the dashboard snapshot and the reports all call it; nothing else computes.
public enum AnalysisPipeline {
    /// The published measures the cross analysis and the region profiles read.
    static let profileMeasures: Set<MeasureCode> = [
        "mean_rating", "share_impact", "cocon_relevant", "dynamic", "role_agree",
        "partnership_rate", "partnership_type_share", "partnership_scope", "innovation_agree",
    ]

    /// Reads the observatory and analyses it whole.
    public static func run(_ reader: any ObservatoryReader, settings: AnalysisSettings = AnalysisSettings()) throws
        -> AnalysedObservatory
    {
        let start = Date()
        let framework = try reader.framework()
        let territories = try reader.territoryTree()
        let catalogue = try reader.indicatorCatalogue()
        let questionnaire = try reader.questionnaire()
        var diagnoses: [Diagnosis] = []
        var sensitivity: SensitivityResult?
        var coherence: [GroupCoherence] = []
        // The region values are read once for both peer sets.
        let regionSeries =
            catalogue.diagnosed().isEmpty ? [] : try reader.indicatorSeries(level: .region, indicators: nil)
        for peers in [PeerSet.metropolitan, .all] {
            guard
                let input = diagnosisInput(
                    level: .region, peers: peers, framework: framework, territories: territories, catalogue: catalogue,
                    series: regionSeries)
            else { continue }
            diagnoses.append(Diagnostics.diagnose(input, method: settings.method))
            if peers == .metropolitan { coherence = Coherence.analyse(input) }
            if peers == .metropolitan, let runs = settings.sensitivity {
                sensitivity = try Sensitivity.analyse(input, runs: runs.runs, seed: runs.seed, design: runs.design)
            }
        }
        let wave = try settings.wave ?? latestSurveyWave(reader)
        var measures: [MeasureEstimate] = []
        var staleWeightings: [StaleWeighting] = []
        if let wave {
            let waves = try reader.surveyWaves()
            guard let summary = waves.first(where: { $0.wave.code == wave }) else {
                throw AnalysisError.unknownWave(wave, known: waves.map(\.wave.code))
            }
            let estimation = EstimationOptions(minimumSampleSize: settings.options.minimumRespondents)
            for content in summary.content where content.respondents > 0 {
                let sample = try reader.weightedSample(wave: wave, actor: content.actor)
                if case .stale(let reason) = sample.weighting {
                    staleWeightings.append(StaleWeighting(wave: wave, actor: content.actor, reason: reason))
                }
                let available = MeasureCatalogue.available(
                    for: content.actor, questionnaire: questionnaire, framework: framework
                )
                for measure in available where profileMeasures.contains(measure.code) {
                    for by in [nil, "region"] as [String?] {
                        measures += try MeasureCatalogue.estimate(
                            measure, responses: sample.responses, design: sample.design, questionnaire: questionnaire,
                            framework: framework, by: by, options: estimation
                        )
                    }
                }
            }
        }
        var options = settings.options
        if options.perceivingActors.isEmpty {
            options.perceivingActors = perceivingActors(framework: framework, questionnaire: questionnaire)
        }
        let input = AnalysisInput(
            framework: framework, territories: territories, catalogue: catalogue, diagnoses: diagnoses,
            questionnaire: questionnaire, measures: measures, wave: wave, options: options
        )
        var analysed = AnalysedObservatory(
            framework: framework, territories: territories, questionnaire: questionnaire,
            provenance: try reader.openDataProvenance(), analysis: ObservatoryAnalysis.build(input),
            diagnoses: diagnoses, sensitivity: sensitivity, coherence: coherence,
            measures: measures, wave: wave, catalogue: catalogue, staleWeightings: staleWeightings,
            alliances: try reader.alliances(), buildSeconds: Date().timeIntervalSince(start)
        )
        if let wave {
            analysed.evolution = try WaveEvolution.compute(
                reader, wave: wave, options: EstimationOptions(minimumSampleSize: settings.options.minimumRespondents))
        }
        if !catalogue.diagnosed().isEmpty {
            let history = Dictionary(
                grouping: try reader.indicatorHistory(level: .region, indicators: nil), by: \.indicator)
            analysed.indicatorHistory = history.keys.sorted().flatMap { code -> [IndicatorSeries] in
                let years = history[code] ?? []
                let real = years.allSatisfy { $0.values.values.allSatisfy { !$0.flags.contains(.illustrative) } }
                return years.count >= 3 && real ? years : []
            }
        }
        analysed.buildSeconds = Date().timeIntervalSince(start)
        return analysed
    }

    /// The actors whose perception of fragilities is crossed with the measures: those asked to rate
    /// the domains (FRAG) who answer for themselves (mayors, who answer for their commune, are read
    /// for the co-construction part).
    public static func perceivingActors(framework: Framework, questionnaire: Questionnaire) -> [ActorCode] {
        let raters = Set(questionnaire.actors(answering: "FRAG"))
        return framework.perceivingActors.filter(raters.contains)
    }

    /// The input of a diagnosis of `level` among `peers`, with the values the observatory holds;
    /// nil when no indicator value exists at that level.
    public static func diagnosisInput(_ reader: any ObservatoryReader, level: TerritoryLevel, peers: PeerSet) throws
        -> DiagnosisInput?
    {
        let catalogue = try reader.indicatorCatalogue()
        guard !catalogue.diagnosed().isEmpty else { return nil }
        return diagnosisInput(
            level: level, peers: peers, framework: try reader.framework(), territories: try reader.territoryTree(),
            catalogue: catalogue, series: try reader.indicatorSeries(level: level, indicators: nil)
        )
    }

    /// The input of a diagnosis from what is already read; nil without a diagnosed indicator or a value.
    static func diagnosisInput(
        level: TerritoryLevel, peers: PeerSet, framework: Framework, territories: TerritoryTree,
        catalogue: IndicatorCatalogue, series: [IndicatorSeries]
    ) -> DiagnosisInput? {
        guard !catalogue.diagnosed().isEmpty, !series.isEmpty else { return nil }
        let peerList = territories.territories(at: level).filter(peers.includes).sorted { $0.code < $1.code }
        return DiagnosisInput(
            framework: framework, catalogue: catalogue, level: level, peerSet: peers, peers: peerList, series: series
        )
    }

    /// The statistical coherence of every domain and axis of `input` (see `Coherence.analyse`).
    public static func coherence(_ input: DiagnosisInput) -> [GroupCoherence] { Coherence.analyse(input) }

    /// The composite fragility scores of `input` (see `Diagnostics.diagnose`).
    public static func diagnose(_ input: DiagnosisInput, method: DiagnosisMethod) -> Diagnosis {
        Diagnostics.diagnose(input, method: method)
    }

    /// The Monte-Carlo rank intervals of `input` around `nominal` (see `Sensitivity.analyse`).
    public static func sensitivity(
        _ input: DiagnosisInput, nominal: DiagnosisMethod, runs: Int, seed: UInt64, weightNoise: Double,
        design: SensitivityDesign = .random
    ) throws(SensitivityError) -> SensitivityResult {
        try Sensitivity.analyse(
            input, nominal: nominal, runs: runs, seed: seed, weightNoise: weightNoise, design: design)
    }

    /// The diagnosis of change of the peers of `input` between two years, on the indicators of `history`
    /// held at both (see `FragilityChange.compute`).
    public static func fragilityChange(
        _ input: DiagnosisInput, history: [IndicatorSeries], from: Int, to: Int, method: DiagnosisMethod, runs: Int,
        seed: UInt64
    ) throws(FragilityChangeError) -> FragilityChange {
        var input = input
        input.series = history
        return try FragilityChange.compute(input, from: from, to: to, method: method, runs: runs, seed: seed)
    }

    /// The estimates of `measure` on a weighted sample, nationally or by a profile variable.
    public static func estimate(
        _ measure: MeasureDefinition, sample: WeightedSample, questionnaire: Questionnaire, framework: Framework,
        by: String?, options: EstimationOptions
    ) throws -> [MeasureEstimate] {
        try MeasureCatalogue.estimate(
            measure, responses: sample.responses, design: sample.design, questionnaire: questionnaire,
            framework: framework, by: by, options: options
        )
    }

    /// National partnership rates of each actor asked about its practices, by the levels of its
    /// first categorical profile variable (employer or not for associations, size class for companies).
    public static func partnershipRatesBySegment(
        _ reader: any ObservatoryReader, _ analysed: AnalysedObservatory
    ) throws -> [(actor: ActorCode, variable: String, estimates: [MeasureEstimate])] {
        guard let wave = analysed.wave else { return [] }
        let questionnaire = analysed.questionnaire
        guard
            let measure = MeasureCatalogue.named(
                "partnership_rate", questionnaire: questionnaire, framework: analysed.framework)
        else { return [] }
        var result: [(actor: ActorCode, variable: String, estimates: [MeasureEstimate])] = []
        for actor in analysed.practisingActors(analysed.framework) {
            guard let variable = questionnaire.profiles(for: actor).first(where: { $0.kind == .levels })?.variable
            else { continue }
            let sample = try reader.weightedSample(wave: wave, actor: actor)
            let options = EstimationOptions(minimumSampleSize: analysed.analysis.options.minimumRespondents)
            let estimates = try estimate(
                measure, sample: sample, questionnaire: questionnaire, framework: analysed.framework, by: variable,
                options: options
            )
            result.append((actor, variable, estimates))
        }
        return result
    }

    /// The most recent wave holding answers, or nil when there is no survey.
    public static func latestSurveyWave(_ reader: any ObservatoryReader) throws -> String? {
        try reader.surveyWaves().last { summary in summary.content.contains { $0.respondents > 0 } }?.wave.code
    }
}

/// How an import aggregates a year's grid of observed values up the territory tree; the store
/// calls it inside the import transaction and stores what it returns.
public typealias TreeAggregator = @Sendable (IndicatorGrid) -> IndicatorGrid

extension AnalysisPipeline {
    /// The aggregation of imported values up the tree (`TreeAggregation`: counts summed, ratios
    /// of summed counts, population-weighted means flagged approximate).
    public static func treeAggregator(catalogue: IndicatorCatalogue, index: TerritoryIndex) -> TreeAggregator {
        { TreeAggregation.aggregate($0, catalogue: catalogue, index: index) }
    }
}

/// A wave × actor whose stored weights no longer fit its responses.
public struct StaleWeighting: Sendable, Hashable {
    public var wave: String
    public var actor: ActorCode
    public var reason: String
}
