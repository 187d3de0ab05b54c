import Foundation
import PhareCore

/// A published figure: a value with, when it comes from a survey, its interval and base.
public struct ProfileFigure: Sendable, Hashable, Codable {
    public var value: Double
    public var lower: Double?
    public var upper: Double?
    /// Respondents behind the figure (nil for statistics that are not survey estimates).
    public var n: Int?
    public var effectiveN: Double?
    /// Below the publication threshold: shown, but flagged and never used to conclude.
    public var belowThreshold: Bool

    public init(
        value: Double, lower: Double? = nil, upper: Double? = nil, n: Int? = nil, effectiveN: Double? = nil,
        belowThreshold: Bool = false
    ) {
        self.value = value
        self.lower = lower
        self.upper = upper
        self.n = n
        self.effectiveN = effectiveN
        self.belowThreshold = belowThreshold
    }
}

extension ProfileFigure {
    /// A survey estimate as published; nil when the estimate is undefined (nobody answered).
    public init?(_ estimate: SurveyEstimate) {
        guard let value = estimate.estimate else { return nil }
        self.init(
            value: value, lower: estimate.lower, upper: estimate.upper, n: estimate.sampleSize,
            effectiveN: estimate.effectiveSampleSize, belowThreshold: estimate.belowThreshold)
    }
}

/// A labelled figure (a level of a scale, a partnership type, a role…).
public struct LabelledFigure: Sendable, Hashable, Codable {
    public var code: String
    public var label: LocalizedText
    /// A short form for charts (nil: the label).
    public var shortLabel: LocalizedText?
    public var figure: ProfileFigure
    /// The national figure for the same item, when there is one.
    public var national: ProfileFigure?
    /// Region − France, with its interval, when both come from the surveys.
    public var comparison: NationalComparison?

    public init(
        code: String, label: LocalizedText, shortLabel: LocalizedText? = nil, figure: ProfileFigure,
        national: ProfileFigure? = nil, comparison: NationalComparison? = nil
    ) {
        self.code = code
        self.label = label
        self.shortLabel = shortLabel
        self.figure = figure
        self.national = national
        self.comparison = comparison
    }
}

/// Part 1: who the territory is.
public struct IdentityCard: Sendable, Hashable, Codable {
    public struct Subdivision: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var population: Int?
    }

    public struct KeyIndicator: Sendable, Hashable, Codable {
        public var code: String
        public var label: LocalizedText
        public var domain: String
        public var unit: String
        public var value: Double
        public var national: Double?
        /// Rank among peers, 1 = most fragile.
        public var rank: Int?
        public var peers: Int?
        public var source: String
        public var year: Int?
        public var illustrative: Bool
    }

    public var population: Int?
    public var areaKm2: Double?
    public var density: Double?
    public var shareOfFrance: Double?
    public var subdivisions: [Subdivision]
    public var communeCount: Int
    public var keyIndicators: [KeyIndicator]
}

/// Part 2: fragilities, measured and felt.
public struct FragilitiesPart: Sendable, Hashable, Codable {
    public var axisScores: [LabelledFigure]
    public var cells: [CrossViewCell]
    /// Spearman's ρ across domains between measured scores and perceived ratings in this territory.
    public var correlation: RankCorrelation?
}

/// Part 3: the state of co-construction, as the mayors see it.
public struct CoConstructionPart: Sendable, Hashable, Codable {
    public var mayorsRespondents: Int
    /// Share of mayors per level of the co-construction dynamic scale.
    public var dynamic: [LabelledFigure]
    /// Share of mayors agreeing with each role of the local authority.
    public var roles: [LabelledFigure]
    /// Relevance of partnerships per domain, most relevant first.
    public var relevance: [DomainRelevance]
}

/// Part 4: partnership practices of associations and companies, against France.
public struct PracticesPart: Sendable, Hashable, Codable {
    /// Partnership rate by actor and segment (code `associations`, `associations:employeuses`…).
    public var partnershipRates: [LabelledFigure]
    public var types: [LabelledFigure]
    public var scopes: [LabelledFigure]
    /// Share agreeing that alliances are a source of innovation, by actor.
    public var innovationAgreement: [LabelledFigure]
}

/// Part 5: what a reader should take away, written from the numbers by explicit rules.
public struct ProfileSynthesis: Sendable, Hashable, Codable {
    public var sentences: [LocalizedText]
    /// Domains recommended for alliances, most relevant first.
    public var recommendedDomains: [String]
}

/// Where the figures come from, and how far they can be trusted.
public struct ProfileProvenance: Sendable, Hashable, Codable {
    /// Indicator values include illustrative (demo) values.
    public var illustrativeIndicators: Bool
    /// Survey answers include synthetic (demo) respondents.
    public var syntheticSurveys: Bool
    public var surveyWave: String?
    public var respondents: [String: Int]
    public var minimumRespondents: Int
    /// The peer set the region is compared within (`metropolitan`, `all`, `without-indicators`),
    /// the key of its cross view in `ObservatoryAnalysis.crossViews`.
    public var peerSet: String
    public var peers: [TerritoryID]
}

/// Everything a regional report says about one territory, gathered once; the dashboard and the
/// reports render it and recompute nothing.
public struct RegionProfile: Sendable, Hashable, Codable {
    public var territory: TerritoryID
    public var name: String
    public var identity: IdentityCard
    public var fragilities: FragilitiesPart
    public var coConstruction: CoConstructionPart
    public var practices: PracticesPart
    public var synthesis: ProfileSynthesis
    public var provenance: ProfileProvenance
}
