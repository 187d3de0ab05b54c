import Foundation

/// Where the real values of an observatory come from: one record per producer's file (the
/// attribution the Licence Ouverte asks for, the vintage, the licence, where the copy was
/// obtained and its checksum), and for each indicator the files behind it. The bundled baseline
/// has one (`open-data/provenance.json`); `phare init` stores it with the values.
public struct OpenDataProvenance: Sendable, Hashable, Codable {
    /// One producer's file.
    public struct Source: Sendable, Hashable, Codable {
        public var key: String
        public var producer: String
        public var dataset: String
        public var vintage: String
        public var licence: String
        public var repository: String?
        public var commit: String?
        public var path: String?
        public var url: String?
        public var sha256: String?
        public var size: Int?
        public var note: String?
        public var indicators: [String]?
    }

    /// The files behind one indicator's values, its years and levels, and whether the values are
    /// derived (a count divided by a population, say) rather than the producer's own.
    public struct IndicatorSources: Sendable, Hashable, Codable {
        public var sources: [String]
        public var years: [Int]
        public var levels: [String]
        public var derived: Bool
    }

    public var sources: [Source]
    public var indicators: [String: IndicatorSources]

    public init(sources: [Source], indicators: [String: IndicatorSources]) {
        self.sources = sources
        self.indicators = indicators
    }

    public static func decode(_ data: Data) throws -> OpenDataProvenance {
        try JSONDecoder().decode(OpenDataProvenance.self, from: data)
    }

    public func source(_ key: String) -> Source? { sources.first { $0.key == key } }

    /// The source files of an indicator, or of both counts of a ratio when the indicator itself has
    /// none (a rate Phare computes from real counts is real); empty when it has no real source.
    public func sources(of indicator: IndicatorDefinition, in catalogue: IndicatorCatalogue) -> [Source] {
        if let own = indicators[indicator.code] { return own.sources.compactMap(source) }
        guard indicator.aggregation == .ratio, let numerator = indicator.numerator,
            let denominator = indicator.denominator,
            let top = indicators[numerator], let bottom = indicators[denominator],
            !Set(top.years).isDisjoint(with: bottom.years)
        else { return [] }
        var keys: [String] = []
        for key in top.sources + bottom.sources where !keys.contains(key) { keys.append(key) }
        return keys.compactMap(source)
    }

    /// Whether an indicator has real values (its own, or both counts of its ratio).
    public func isReal(_ indicator: IndicatorDefinition, in catalogue: IndicatorCatalogue) -> Bool {
        !sources(of: indicator, in: catalogue).isEmpty
    }
}
