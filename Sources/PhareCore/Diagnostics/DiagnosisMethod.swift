import Foundation

/// How indicator values are put on a common scale before they are combined (JRC/OECD Handbook
/// on Constructing Composite Indicators, 2008, section 1.5; COINr `Normalise`). Every normalised
/// score is oriented so that higher = more fragile and is positive, so that geometric aggregation
/// is defined for each of them.
public enum Normalisation: String, Sendable, Hashable, Codable, CaseIterable {
    /// 100 + 10·s·(x − mean)/sd over the peers (sample sd), s = +1 or −1 by polarity.
    case zScore = "zscore"
    /// 1 + 99·(x − min)/(max − min) over the peers, reversed for higher-is-robust indicators.
    case minMax = "minmax"
    /// 100·x/x_ref (higher-is-fragile) or 100·x_ref/x (higher-is-robust), x_ref the national value.
    case distanceToReference = "distance"
    /// Rank among the peers, 1 = least fragile, n = most fragile (ties share their mean rank).
    case rank
}

/// What stands in for a missing value before normalisation.
public enum Imputation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing: the composite is computed over the indicators present, weights renormalised.
    case none
    /// The mean of the peers that have a value.
    case peerMean = "peer-mean"
    /// The national value of the indicator.
    case national
}

/// Weights of indicators within their domain and of domains within their axis; 1 when not given.
public struct DiagnosisWeights: Sendable, Hashable, Codable {
    public var indicators: [String: Double]
    public var domains: [String: Double]

    public init(indicators: [String: Double] = [:], domains: [String: Double] = [:]) {
        self.indicators = indicators
        self.domains = domains
    }

    public static let equal = DiagnosisWeights()

    public var isEqual: Bool { indicators.isEmpty && domains.isEmpty }
}

/// The method choices of one diagnosis.
public struct DiagnosisMethod: Sendable, Hashable, Codable {
    public var normalisation: Normalisation
    public var aggregation: CompositeAggregation
    public var imputation: Imputation
    public var weights: DiagnosisWeights

    public init(
        normalisation: Normalisation = .zScore, aggregation: CompositeAggregation = .arithmetic,
        imputation: Imputation = .none, weights: DiagnosisWeights = .equal
    ) {
        self.normalisation = normalisation
        self.aggregation = aggregation
        self.imputation = imputation
        self.weights = weights
    }
}

/// Which territories a territory is compared with.
public enum PeerSet: String, Sendable, Hashable, Codable, CaseIterable {
    /// Metropolitan France only (the 13 regions, the 96 départements): the PHARE default.
    case metropolitan
    /// Overseas territories only.
    case overseas
    /// Every territory of the level.
    case all

    public func includes(_ territory: Territory) -> Bool {
        switch self {
        case .metropolitan: !territory.isOverseas
        case .overseas: territory.isOverseas
        case .all: true
        }
    }
}
