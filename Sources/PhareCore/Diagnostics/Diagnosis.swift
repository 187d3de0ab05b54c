import Foundation

/// A territory's position on one indicator among its peers.
public struct IndicatorPosition: Sendable, Hashable, Codable {
    public var indicator: String
    public var domain: String
    public var unit: String
    public var polarity: Polarity
    public var year: Int
    public var value: Double?
    public var national: Double?
    /// value − national, in the indicator's unit.
    public var gap: Double?
    /// 100·(value − national)/|national|.
    public var gapPercent: Double?
    /// Rank among the peers that have a value, 1 = most fragile (ties share the best rank).
    public var rank: Int?
    public var peersWithValue: Int
    /// Standardised score s·(x − mean)/sd over the peers (whatever the normalisation chosen).
    public var zScore: Double?
    /// The score entering the composite, after imputation and normalisation.
    public var normalised: Double?
    public var imputed: Bool
    /// Provenance of the value: observed, aggregated, approximate, partial, illustrative.
    public var flags: [String]
}

/// A composite fragility score of a domain or an axis for one territory.
public struct CompositeScore: Sendable, Hashable, Codable {
    public var code: String
    /// For a domain, its axis.
    public var axis: String?
    /// Higher = more fragile; nil when no indicator (or domain) has a value.
    public var score: Double?
    /// Rank among the peers, 1 = most fragile.
    public var rank: Int?
    public var peerCount: Int
    /// Indicators (domains for an axis) with a value of their own, imputed, and in total.
    public var used: Int
    public var imputed: Int
    public var total: Int
    /// Share of the components with a value of their own: used / total.
    public var coverage: Double
}

/// The diagnosis of one territory.
public struct TerritoryDiagnosis: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var axes: [CompositeScore]
    public var domains: [CompositeScore]
    public var indicators: [IndicatorPosition]
}

/// Where every peer territory stands, indicator by indicator, domain by domain and axis by axis.
/// A plain value: computed once by `Diagnostics.diagnose`, read by the CLI, the dashboard and
/// the reports without recomputation.
public struct Diagnosis: Sendable, Hashable, Codable {
    public var level: TerritoryLevel
    public var peers: PeerSet
    public var method: DiagnosisMethod
    /// True when any value used comes from an illustrative (demo) dataset.
    public var illustrative: Bool
    public var territories: [TerritoryDiagnosis]

    public func territory(_ code: String) -> TerritoryDiagnosis? { territories.first { $0.code == code } }
}

/// What a diagnosis reads: the framework, the catalogue, the peers and the values at their level.
public struct DiagnosisInput: Sendable {
    public var framework: Framework
    public var catalogue: IndicatorCatalogue
    public var level: TerritoryLevel
    public var peerSet: PeerSet
    public var peers: [Territory]
    public var series: [IndicatorSeries]

    public init(
        framework: Framework, catalogue: IndicatorCatalogue, level: TerritoryLevel, peerSet: PeerSet,
        peers: [Territory], series: [IndicatorSeries]
    ) {
        self.framework = framework
        self.catalogue = catalogue
        self.level = level
        self.peerSet = peerSet
        self.peers = peers
        self.series = series
    }
}

extension TerritoryDiagnosis {
    /// Weighted mean of a territory's domain scores: Σ wᵢ·sᵢ / Σ wᵢ over the domains with a score
    /// and a positive weight (OECD/JRC Handbook on Constructing Composite Indicators, 2008, §6,
    /// linear aggregation); nil when none has both.
    public func weightedScore(weights: [String: Double]) -> Double? {
        var total = 0.0
        var weightSum = 0.0
        for domain in domains {
            guard let score = domain.score, let weight = weights[domain.code], weight > 0 else { continue }
            total += weight * score
            weightSum += weight
        }
        return weightSum > 0 ? total / weightSum : nil
    }
}
