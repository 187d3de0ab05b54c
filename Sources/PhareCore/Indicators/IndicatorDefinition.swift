import Foundation

/// Which way an indicator points: whether a higher value means a more fragile territory.
public enum Polarity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Higher value = more fragile (unemployment rate, poverty rate).
    case higherIsFragile = "higher-is-fragile"
    /// Higher value = less fragile (median income, GP density).
    case higherIsRobust = "higher-is-robust"

    /// +1 or −1, the factor that turns a value into a "more fragile is higher" value.
    public var sign: Double { self == .higherIsFragile ? 1 : -1 }
}

/// How values of an indicator combine from smaller territories into larger ones.
public enum IndicatorAggregation: String, Sendable, Hashable, Codable, CaseIterable {
    /// A count: the value of a territory is the sum over its parts.
    case sum
    /// A rate with a numerator and a denominator in the catalogue: recomputed as
    /// scale × Σ numerator / Σ denominator.
    case ratio
    /// A rate, median or average with no counts behind it: population-weighted mean of the
    /// parts, flagged as an approximation.
    case mean
}

/// One statistical indicator of the catalogue: what it measures, which domain of fragility it
/// informs, which way it points, where it comes from and how it aggregates.
public struct IndicatorDefinition: Sendable, Hashable, Codable {
    public var code: String
    public var label: LocalizedText
    /// Domain of the framework; nil only for a count that is not diagnosed itself (a numerator
    /// or denominator of rates).
    public var domain: String?
    public var unit: String
    public var polarity: Polarity
    public var aggregation: IndicatorAggregation
    /// For a ratio: codes of the count indicators above and below the fraction bar.
    public var numerator: String?
    public var denominator: String?
    /// For a ratio: the multiplier (100 for a percentage, 1 000 for a rate per thousand).
    public var scale: Double
    public var source: String
    public var vintage: String
    /// Levels at which the producer publishes it.
    public var levels: [TerritoryLevel]
    /// Whether the indicator enters the diagnosis (false for raw counts used as components).
    public var diagnosed: Bool

    public init(
        code: String, label: LocalizedText, domain: String?, unit: String, polarity: Polarity,
        aggregation: IndicatorAggregation, numerator: String? = nil, denominator: String? = nil, scale: Double = 1,
        source: String, vintage: String, levels: [TerritoryLevel], diagnosed: Bool = true
    ) {
        self.code = code
        self.label = label
        self.domain = domain
        self.unit = unit
        self.polarity = polarity
        self.aggregation = aggregation
        self.numerator = numerator
        self.denominator = denominator
        self.scale = scale
        self.source = source
        self.vintage = vintage
        self.levels = levels
        self.diagnosed = diagnosed
    }
}

/// The indicators an observatory knows, in catalogue order, with lookup by code.
public struct IndicatorCatalogue: Sendable, Hashable, Codable {
    public private(set) var indicators: [IndicatorDefinition]
    private var positions: [String: Int]

    public init(_ indicators: [IndicatorDefinition]) {
        self.indicators = indicators
        var positions: [String: Int] = [:]
        for (offset, indicator) in indicators.enumerated() where positions[indicator.code] == nil {
            positions[indicator.code] = offset
        }
        self.positions = positions
    }

    public subscript(code: String) -> IndicatorDefinition? {
        positions[code].map { indicators[$0] }
    }

    public func contains(_ code: String) -> Bool { positions[code] != nil }

    public var count: Int { indicators.count }

    /// Indicators that enter the diagnosis, optionally of one domain only.
    public func diagnosed(domain: String? = nil) -> [IndicatorDefinition] {
        indicators.filter { $0.diagnosed && $0.domain != nil && (domain == nil || $0.domain == domain) }
    }

    /// The catalogue with `other`'s definitions added, or replacing those with the same code.
    public func merged(with other: [IndicatorDefinition]) -> IndicatorCatalogue {
        var list = indicators
        var index = positions
        for definition in other {
            if let offset = index[definition.code] {
                list[offset] = definition
            } else {
                index[definition.code] = list.count
                list.append(definition)
            }
        }
        return IndicatorCatalogue(list)
    }

    /// The bundled PHARE catalogue as file bytes (parse it with PhareImport's `IndicatorCatalogueFile`).
    public static func bundledData() throws -> Data {
        guard let url = Bundle.module.url(forResource: "indicators", withExtension: "csv") else {
            throw CatalogueResourceError(resource: "indicators.csv")
        }
        return try Data(contentsOf: url)
    }
}

/// A resource missing from the build (a packaging defect, not a user error).
public struct CatalogueResourceError: Error, Sendable, CustomStringConvertible {
    public var resource: String
    public var description: String { "the bundled resource \(resource) is missing from this build" }
}
