import Foundation
import PhareAnalysis
import PhareCore

/// The immutable, analysed state the dashboard pages read. The server builds it once from the
/// store and swaps it whole when the database changes (`SnapshotHolder`); a page only looks things
/// up in it.
public struct DashboardSnapshot: Sendable {
    public let framework: Framework
    public let territories: TerritoryTree
    public let geometry: MapGeometry
    public let observatory: ObservatoryDescription
    /// The analysis (profiles, cross views, diagnoses, rank intervals, survey measures).
    public let analysis: AnalysedObservatory?
    /// Everything a map can show, in selector order. Layers of the analyses join the territory
    /// figures here when their data is loaded.
    public let layers: [MapLayer]
    /// Identifies this state of the data (ETag base, `/healthz`).
    public let version: String
    /// When the data last changed (Last-Modified).
    public let modified: Date

    /// Metropolitan regions first then overseas, each group by code.
    public let regions: [Territory]
    private let counts: [TerritoryID: [TerritoryLevel: Int]]
    private let layerIndex: [String: Int]

    public init(
        framework: Framework, territories: TerritoryTree, geometry: MapGeometry, observatory: ObservatoryDescription,
        analysis: AnalysedObservatory? = nil, extraLayers: [MapLayer] = [], version: String, modified: Date
    ) {
        self.framework = framework
        self.territories = territories
        self.geometry = geometry
        self.observatory = observatory
        self.analysis = analysis
        self.layers =
            MapLayer.territoryLayers(territories) + (analysis?.layers(framework, territories: territories) ?? [])
            + extraLayers
        self.version = version
        self.modified = modified
        self.regions = territories.territories(at: .region).sorted {
            ($0.isOverseas ? 1 : 0, $0.code) < ($1.isOverseas ? 1 : 0, $1.code)
        }
        var counts: [TerritoryID: [TerritoryLevel: Int]] = [:]
        for territory in territories.territories
        where territory.level == .commune || territory.level == .epci || territory.level == .departement {
            for ancestor in territories.ancestors(of: territory.id) {
                counts[ancestor, default: [:]][territory.level, default: 0] += 1
            }
        }
        self.counts = counts
        var layerIndex: [String: Int] = [:]
        for (offset, layer) in layers.enumerated() { layerIndex[layer.id] = offset }
        self.layerIndex = layerIndex
    }

    public func layer(_ id: String) -> MapLayer? { layerIndex[id].map { layers[$0] } }

    /// How many territories of `level` lie below `id` (EPCI are counted under the département
    /// holding most of their population).
    public func count(_ level: TerritoryLevel, below id: TerritoryID) -> Int { counts[id]?[level] ?? 0 }

    public func departements(of region: TerritoryID) -> [Territory] {
        territories.children(of: region).filter { $0.level == .departement }.sorted { $0.code < $1.code }
    }

    /// Whether any layer of the indicator diagnostics (domain, axis or overall scores) is loaded.
    public var hasIndicatorResults: Bool {
        layers.contains { layer in
            switch layer.group {
            case .overall, .axis, .domain: true
            case .territory, .perception: false
            }
        }
    }

    /// Whether any perception layer (survey results) is loaded.
    public var hasSurveyResults: Bool {
        layers.contains { if case .perception = $0.group { true } else { false } }
    }
}
