import Foundation
import PhareCore

/// What the analysis reads from an observatory, in the observatory's own terms. A store implements
/// it (SQLite today); the analysis never sees how values are kept. Every read is a plain load: no
/// estimation, calibration, diagnosis or aggregation happens behind it.
public protocol ObservatoryReader: Sendable {
    /// The framework recorded at init.
    func framework() throws -> Framework
    /// The territory tree recorded at init.
    func territoryTree() throws -> TerritoryTree
    /// Facts about the observatory itself (schema version, framework source, dates).
    func description() throws -> ObservatoryDescription
    /// The questionnaire the surveys were collected with.
    func questionnaire() throws -> Questionnaire
    func indicatorCatalogue() throws -> IndicatorCatalogue
    func indicatorDatasets() throws -> [IndicatorDataset]
    /// Where the real indicator values come from (the bundled baseline's records), nil when the
    /// observatory holds no open-data baseline.
    func openDataProvenance() throws -> OpenDataProvenance?
    /// For each indicator with values at `level`: its latest year there, the values of that year
    /// (imported or aggregated at import) and the national value of the same year.
    func indicatorSeries(level: TerritoryLevel, indicators: [String]?) throws -> [IndicatorSeries]
    /// Every year held of each indicator at `level` (one `IndicatorSeries` per indicator × year, years
    /// in order), on today's geography (older codes are translated at import).
    func indicatorHistory(level: TerritoryLevel, indicators: [String]?) throws -> [IndicatorSeries]
    func surveyWaves() throws -> [SurveyWaveSummary]
    /// The respondents of a wave × actor, in the order they were imported.
    func responses(wave: String, actor: ActorCode) throws -> SurveyResponses
    /// The weighting recorded for a wave × actor, with its stored weights; nil when not weighted.
    func weighting(wave: String, actor: ActorCode) throws -> StoredWeighting?
    /// The registry of alliances and innovation projects, by id.
    func alliances() throws -> [Alliance]
    /// The figures published from past surveys without microdata, by the file they were imported from.
    func publishedFigures() throws -> [PublishedFigureSet]
}

/// Facts about an observatory database.
public struct ObservatoryDescription: Sendable, Hashable {
    public var location: String
    public var schemaVersion: Int
    public var migrations: [String]
    public var frameworkID: String
    public var frameworkVersion: String
    public var frameworkSource: String
    public var createdAt: String
    public var territoryCount: Int

    public init(
        location: String, schemaVersion: Int, migrations: [String], frameworkID: String, frameworkVersion: String,
        frameworkSource: String, createdAt: String, territoryCount: Int
    ) {
        self.location = location
        self.schemaVersion = schemaVersion
        self.migrations = migrations
        self.frameworkID = frameworkID
        self.frameworkVersion = frameworkVersion
        self.frameworkSource = frameworkSource
        self.createdAt = createdAt
        self.territoryCount = territoryCount
    }
}

/// How many respondents a wave holds for an actor, and whether they are weighted.
public struct SurveyWaveContent: Sendable, Hashable {
    public var actor: ActorCode
    public var respondents: Int
    public var weighted: Bool

    public init(actor: ActorCode, respondents: Int, weighted: Bool) {
        self.actor = actor
        self.respondents = respondents
        self.weighted = weighted
    }
}

/// A wave and what it holds.
public struct SurveyWaveSummary: Sendable, Hashable {
    public var wave: SurveyWave
    public var content: [SurveyWaveContent]

    public init(wave: SurveyWave, content: [SurveyWaveContent]) {
        self.wave = wave
        self.content = content
    }
}

/// A weighting recorded for a wave × actor.
public struct StoredWeighting: Sendable {
    public var plan: WeightingPlan
    public var report: WeightingReport
    public var createdAt: String
    /// The stored weights and calibration steps; nil for a weighting recorded before they were kept
    /// (such a weighting is stale: run `phare survey weight` again).
    public var calibrated: CalibratedWeights?

    public init(plan: WeightingPlan, report: WeightingReport, createdAt: String, calibrated: CalibratedWeights?) {
        self.plan = plan
        self.report = report
        self.createdAt = createdAt
        self.calibrated = calibrated
    }
}

/// An analysis that cannot run, in one sentence.
public enum AnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownWave(String, known: [String])
    case noDemoSample(ActorCode)

    public var description: String {
        switch self {
        case .unknownWave(let wave, let known):
            "unknown survey wave \"\(wave)\" (waves: \(known.joined(separator: ", ")))"
        case .noDemoSample(let actor):
            "no demo sample for the actor \(actor)"
        }
    }
}
