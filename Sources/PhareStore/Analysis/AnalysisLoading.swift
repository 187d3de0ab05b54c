import Foundation
import PhareCore

/// A wave × actor's respondents with the design their estimates use.
public struct WeightedSample: Sendable {
    public var responses: SurveyResponses
    public var design: SurveyDesign
    /// False when no weighting is recorded: the design weights of the response file are used.
    public var calibrated: Bool
}

extension SQLiteObservatoryStore {
    /// The published measures the cross analysis and the region profiles read.
    static let profileMeasures: Set<String> = [
        "mean_rating", "share_impact", "cocon_relevant", "dynamic", "role_agree",
        "partnership_rate", "partnership_type_share", "partnership_scope", "innovation_agree",
    ]

    /// The respondents of a wave × actor and their design, calibrated by the recorded weighting
    /// (the plan is applied again to the respondents, which gives the recorded weights back).
    public func weightedSample(wave: String, actor: String) throws -> WeightedSample {
        let responses = try responses(wave: wave, actor: actor)
        guard let weighting = try weighting(wave: wave, actor: actor) else {
            return WeightedSample(responses: responses, design: try responses.design(), calibrated: false)
        }
        return WeightedSample(responses: responses, design: try SurveyWeighting.apply(weighting.plan, to: responses).design, calibrated: true)
    }

    /// The input of a diagnosis of `level` among `peers`, with the values the observatory holds;
    /// nil when no indicator value exists at that level.
    public func diagnosisInput(level: TerritoryLevel, peers: PeerSet, framework: Framework, territories: TerritoryTree) throws -> DiagnosisInput? {
        let catalogue = try indicatorCatalogue()
        guard !catalogue.diagnosed().isEmpty else { return nil }
        let series = try indicatorSeries(level: level, indicators: nil)
        guard !series.isEmpty else { return nil }
        let peerList = territories.territories(at: level).filter(peers.includes).sorted { $0.code < $1.code }
        return DiagnosisInput(framework: framework, catalogue: catalogue, level: level, peerSet: peers, peers: peerList, series: series)
    }

    /// The most recent wave holding answers, or nil when there is no survey.
    public func latestSurveyWave() throws -> String? {
        try surveyWaves().last { summary in summary.content.contains { $0.respondents > 0 } }?.wave.code
    }

    /// Everything the cross analysis needs: region diagnoses (metropolitan peers, then all
    /// regions, with `method`), and the published measures the profiles read (`profileMeasures`) of `wave` for every actor, nationally
    /// and by region.
    public func analysisInput(wave requested: String? = nil, method: DiagnosisMethod = DiagnosisMethod(), options: AnalysisOptions = AnalysisOptions()) throws -> AnalysisInput {
        let framework = try framework()
        let territories = try territoryTree()
        var diagnoses: [Diagnosis] = []
        for peers in [PeerSet.metropolitan, .all] {
            if let input = try diagnosisInput(level: .region, peers: peers, framework: framework, territories: territories) {
                diagnoses.append(Diagnostics.diagnose(input, method: method))
            }
        }
        let catalogue = try indicatorCatalogue()
        let questionnaire = try QuestionnaireLoader.bundled(framework: framework)
        let wave = try requested ?? latestSurveyWave()
        var measures: [MeasureEstimate] = []
        if let wave {
            let waves = try surveyWaves()
            guard let summary = waves.first(where: { $0.wave.code == wave }) else {
                throw StoreError("unknown survey wave \"\(wave)\" (waves: \(waves.map(\.wave.code).joined(separator: ", ")))")
            }
            let estimation = EstimationOptions(minimumSampleSize: options.minimumRespondents)
            for content in summary.content where content.respondents > 0 {
                let sample = try weightedSample(wave: wave, actor: content.actor)
                for measure in PhareMeasures.available(for: content.actor, questionnaire: questionnaire) where Self.profileMeasures.contains(measure.code) {
                    for by in [nil, "region"] as [String?] {
                        measures += try PhareMeasures.estimate(
                            measure, responses: sample.responses, design: sample.design, questionnaire: questionnaire,
                            framework: framework, by: by, options: estimation
                        )
                    }
                }
            }
        }
        return AnalysisInput(
            framework: framework, territories: territories, catalogue: catalogue, diagnoses: diagnoses,
            questionnaire: questionnaire, measures: measures, wave: wave, options: options
        )
    }
}
