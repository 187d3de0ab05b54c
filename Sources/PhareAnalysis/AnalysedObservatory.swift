import Foundation
import PhareCore

/// The analysed observatory, as `AnalysisPipeline.run` computes it: the region profiles and cross
/// views (`ObservatoryAnalysis`), the region diagnoses, the Monte-Carlo rank intervals of the
/// metropolitan diagnosis, and the survey measures of the wave read. The command line, the
/// dashboard and the reports only look things up in it.
public struct AnalysedObservatory: Sendable {
    public let framework: Framework
    public let territories: TerritoryTree
    public let questionnaire: Questionnaire
    /// Where the real indicator values come from; nil without an open-data baseline.
    public let provenance: OpenDataProvenance?
    public let analysis: ObservatoryAnalysis
    /// Region diagnoses, metropolitan peers first, then all regions.
    public let diagnoses: [Diagnosis]
    /// Rank intervals of the metropolitan region diagnosis (nil without indicator values).
    public let sensitivity: SensitivityResult?
    /// Statistical coherence of every domain and axis over the metropolitan regions (`Coherence`);
    /// empty without indicator values.
    public let coherence: [GroupCoherence]
    /// The published measures of `wave`, nationally (group FR) and by region.
    public let measures: [MeasureEstimate]
    public let wave: String?
    /// The indicator catalogue (unit, source and vintage of each indicator), when one is loaded.
    public let catalogue: IndicatorCatalogue?
    /// Waves × actors whose stored weights no longer fit their responses (design weights used).
    public let staleWeightings: [StaleWeighting]
    /// The registry of alliances and innovation projects, as stored.
    public let alliances: [Alliance]
    /// How the measures changed up to `wave` (previous wave, published past figures); nil without a survey.
    public internal(set) var evolution: WaveEvolution?
    /// The indicators held for three years or more at region level (real values only): every year,
    /// on today's geography, for the time series.
    public internal(set) var indicatorHistory: [IndicatorSeries] = []
    /// Seconds taken to compute all of this (reported by the server at start and reload).
    public internal(set) var buildSeconds: Double
    private let index: MeasureIndex
    private let profileIndex: [TerritoryID: Int]

    public init(
        framework: Framework, territories: TerritoryTree, questionnaire: Questionnaire,
        provenance: OpenDataProvenance? = nil, analysis: ObservatoryAnalysis,
        diagnoses: [Diagnosis], sensitivity: SensitivityResult?, coherence: [GroupCoherence] = [],
        measures: [MeasureEstimate],
        wave: String?, catalogue: IndicatorCatalogue? = nil, staleWeightings: [StaleWeighting] = [],
        alliances: [Alliance] = [], buildSeconds: Double
    ) {
        self.framework = framework
        self.territories = territories
        self.questionnaire = questionnaire
        self.provenance = provenance
        self.analysis = analysis
        self.diagnoses = diagnoses
        self.sensitivity = sensitivity
        self.coherence = coherence
        self.measures = measures
        self.wave = wave
        self.catalogue = catalogue
        self.staleWeightings = staleWeightings
        self.alliances = alliances
        self.buildSeconds = buildSeconds
        self.index = MeasureIndex(measures)
        var profileIndex: [TerritoryID: Int] = [:]
        for (offset, profile) in analysis.profiles.enumerated() { profileIndex[profile.territory] = offset }
        self.profileIndex = profileIndex
    }

    /// A survey estimate for a region (its INSEE code) or, when `region` is nil, for France.
    public func estimate(_ actor: ActorCode, _ measure: MeasureCode, _ item: String, region: String? = nil)
        -> SurveyEstimate?
    {
        region.map { index.regional(actor, measure, item, $0) } ?? index.national(actor, measure, item)
    }

    public func profile(_ id: TerritoryID) -> RegionProfile? { profileIndex[id].map { analysis.profiles[$0] } }

    public var metropolitanDiagnosis: Diagnosis? { diagnoses.first { $0.peers == .metropolitan } }

    /// The diagnosis a region is read in: among metropolitan regions when it is one, else among all regions.
    public func diagnosis(for region: Territory) -> Diagnosis? {
        region.isOverseas
            ? diagnoses.first { $0.peers == .all } : metropolitanDiagnosis ?? diagnoses.first { $0.peers == .all }
    }

    public var hasIndicators: Bool { !diagnoses.isEmpty }
    public var hasSurveys: Bool { !measures.isEmpty }
    /// Indicator values include illustrative (demo) values.
    public var illustrative: Bool { diagnoses.contains { $0.illustrative } }
    /// Survey answers include synthetic (demo) respondents.
    public var synthetic: Bool { measures.contains { $0.synthetic } }

    /// Actors with at least one mean rating, in framework order.
    public func ratingActors(_ framework: Framework) -> [ActorCode] { index.actors(with: "mean_rating", framework) }

    /// Actors with a partnership rate (those asked about their practices), in framework order.
    public func practisingActors(_ framework: Framework) -> [ActorCode] {
        index.actors(with: "partnership_rate", framework)
    }
}
