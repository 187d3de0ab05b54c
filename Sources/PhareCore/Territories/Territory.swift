import Foundation

/// The levels of the INSEE Code officiel géographique that Phare knows, from the top down.
public enum TerritoryLevel: String, Sendable, CaseIterable, Codable, Comparable {
    case pays, region, departement, epci, commune

    /// Rank from the top (pays = 0).
    public var depth: Int {
        switch self {
        case .pays: 0
        case .region: 1
        case .departement: 2
        case .epci: 3
        case .commune: 4
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.depth < rhs.depth }

    public var label: LocalizedText {
        switch self {
        case .pays: LocalizedText(fr: "pays", en: "country")
        case .region: LocalizedText(fr: "région", en: "region")
        case .departement: LocalizedText(fr: "département", en: "département")
        case .epci: LocalizedText(fr: "EPCI", en: "inter-municipality (EPCI)")
        case .commune: LocalizedText(fr: "commune", en: "commune")
        }
    }
}

/// A territory is named by its level and its INSEE code: codes repeat across levels
/// (region 44 Grand Est, département 44 Loire-Atlantique).
public struct TerritoryID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var level: TerritoryLevel
    public var code: String

    public init(_ level: TerritoryLevel, _ code: String) {
        self.level = level
        self.code = code
    }

    /// `region:44`, the unambiguous written form.
    public var description: String { "\(level.rawValue):\(code)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.level.depth, lhs.code) < (rhs.level.depth, rhs.code)
    }
}

/// A territory of the tree. Aggregated figures (population, area) of regions, départements,
/// EPCI and France are sums over their communes, so they agree up the tree by construction.
public struct Territory: Sendable, Hashable, Codable {
    public var id: TerritoryID
    public var name: String
    public var parent: TerritoryID?
    /// For a commune, the EPCI it belongs to (nil for the few communes outside any EPCI).
    public var epci: String?
    /// Municipal population (INSEE), nil when unknown (no commune of the territory has one).
    public var population: Int?
    /// Area in km², nil when unknown.
    public var areaKm2: Double?
    /// Number of communes below (or 1 for a commune) whose population is unknown.
    public var communesWithoutPopulation: Int

    public init(
        id: TerritoryID, name: String, parent: TerritoryID?, epci: String? = nil,
        population: Int?, areaKm2: Double?, communesWithoutPopulation: Int = 0
    ) {
        self.id = id
        self.name = name
        self.parent = parent
        self.epci = epci
        self.population = population
        self.areaKm2 = areaKm2
        self.communesWithoutPopulation = communesWithoutPopulation
    }

    public var code: String { id.code }
    public var level: TerritoryLevel { id.level }

    /// Overseas territories (régions et départements d'outre-mer), by their INSEE codes.
    public var isOverseas: Bool {
        switch level {
        case .pays: false
        case .region: code.count == 2 && code < "10"
        case .departement, .commune: code.hasPrefix("97")
        case .epci: parent.map { $0.code.hasPrefix("97") } ?? false
        }
    }

    /// Inhabitants per km², nil when population or area is unknown.
    public var density: Double? {
        guard let population, let areaKm2, areaKm2 > 0 else { return nil }
        return Double(population) / areaKm2
    }
}

/// Dictionaries keyed by territory encode as JSON objects keyed `level:code`.
extension TerritoryID: CodingKeyRepresentable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public var codingKey: any CodingKey { Key(stringValue: description) }

    public init?<T: CodingKey>(codingKey: T) {
        let parts = codingKey.stringValue.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let level = TerritoryLevel(rawValue: String(parts[0])) else { return nil }
        self.init(level, String(parts[1]))
    }
}
