import Foundation

/// Where a value comes from and how far it can be trusted.
public struct ValueFlags: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Imported as such for this territory.
    public static let observed = ValueFlags(rawValue: 1)
    /// Computed by Phare from the territory's parts (sum, ratio of sums, weighted mean).
    public static let aggregated = ValueFlags(rawValue: 2)
    /// A population-weighted mean of rates or medians: close to, but not equal to, the true value.
    public static let approximate = ValueFlags(rawValue: 4)
    /// Some parts of the territory had no value: the aggregate covers only the others.
    public static let partial = ValueFlags(rawValue: 8)
    /// Comes (at least partly) from an illustrative dataset, not from real statistics.
    public static let illustrative = ValueFlags(rawValue: 16)

    /// Short words for tables: `observed`, `aggregated approximate partial illustrative`…
    public var words: [String] {
        var words: [String] = []
        if contains(.observed) { words.append("observed") }
        if contains(.aggregated) { words.append("aggregated") }
        if contains(.approximate) { words.append("approximate") }
        if contains(.partial) { words.append("partial") }
        if contains(.illustrative) { words.append("illustrative") }
        return words
    }

    /// The flags an aggregate inherits from the values it is computed from.
    public static let inherited: ValueFlags = [.approximate, .partial, .illustrative]
}

/// The territories of a tree numbered 0..<n, with what aggregation needs: the parts of every
/// territory above the commune, and populations as weights. Built once per tree.
public struct TerritoryIndex: Sendable {
    public let ids: [TerritoryID]
    public let positions: [TerritoryID: Int]
    /// Population as a weight (NaN when unknown).
    public let population: [Double]
    /// Upper territories in the order their aggregates can be computed: départements and EPCI
    /// (from communes), then regions (from départements), then France (from regions).
    public let aggregationOrder: [Int]
    /// `parts[partStart[t]..<partStart[t + 1]]` are the parts of territory `t`.
    public let partStart: [Int]
    public let parts: [Int32]

    public init(tree: TerritoryTree) {
        let territories = tree.territories
        let ids = territories.map(\.id)
        var positions: [TerritoryID: Int] = [:]
        positions.reserveCapacity(ids.count)
        for (offset, id) in ids.enumerated() { positions[id] = offset }
        var partLists = [[Int32]](repeating: [], count: ids.count)
        for (offset, territory) in territories.enumerated() {
            switch territory.level {
            case .commune:
                if let parent = territory.parent, let target = positions[parent] {
                    partLists[target].append(Int32(offset))
                }
                if let epci = territory.epci, let target = positions[TerritoryID(.epci, epci)] {
                    partLists[target].append(Int32(offset))
                }
            case .departement, .region:
                if let parent = territory.parent, let target = positions[parent] {
                    partLists[target].append(Int32(offset))
                }
            case .epci, .pays:
                break
            }
        }
        var partStart = [0]
        var parts: [Int32] = []
        for list in partLists {
            parts += list
            partStart.append(parts.count)
        }
        let order: [TerritoryLevel] = [.departement, .epci, .region, .pays]
        self.ids = ids
        self.positions = positions
        self.population = territories.map { $0.population.map(Double.init) ?? .nan }
        self.aggregationOrder = order.flatMap { level in territories.indices.filter { territories[$0].level == level } }
        self.partStart = partStart
        self.parts = parts
    }

    public var count: Int { ids.count }
}

/// Values of several indicators for one year over every territory of a `TerritoryIndex`,
/// stored column by column (one indicator after the other). NaN marks a missing value.
public struct IndicatorGrid: Sendable {
    public let indicators: [String]
    public let territoryCount: Int
    public var values: [Double]
    public var flags: [ValueFlags]

    public init(indicators: [String], territoryCount: Int) {
        self.indicators = indicators
        self.territoryCount = territoryCount
        values = [Double](repeating: .nan, count: indicators.count * territoryCount)
        flags = [ValueFlags](repeating: [], count: indicators.count * territoryCount)
    }

    public func column(of code: String) -> Int? { indicators.firstIndex(of: code) }

    public subscript(indicator: Int, territory: Int) -> Double {
        get { values[indicator * territoryCount + territory] }
        set { values[indicator * territoryCount + territory] = newValue }
    }
}

/// Imported values, held column-wise: one entry per (territory, indicator, year, value).
/// Territories are positions in a `TerritoryIndex`; indicators are positions in `indicators`.
public struct IndicatorObservations: Sendable {
    public var indicators: [String]
    public var territory: [Int32] = []
    public var indicator: [Int32] = []
    public var year: [Int32] = []
    public var value: [Double] = []

    public init(indicators: [String]) { self.indicators = indicators }

    public var count: Int { value.count }

    public mutating func reserve(_ capacity: Int) {
        territory.reserveCapacity(capacity)
        indicator.reserveCapacity(capacity)
        year.reserveCapacity(capacity)
        value.reserveCapacity(capacity)
    }

    public mutating func append(territory t: Int, indicator i: Int, year y: Int, value v: Double) {
        territory.append(Int32(t))
        indicator.append(Int32(i))
        year.append(Int32(y))
        value.append(v)
    }
}
