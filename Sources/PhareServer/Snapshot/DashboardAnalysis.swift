import Foundation
import PhareCore
import PhareRender
import PhareStore

/// The observatory's analysis as the dashboard serves it: the region profiles and cross views
/// (`ObservatoryAnalysis`), the region diagnoses, the Monte-Carlo rank intervals of the
/// metropolitan diagnosis, and the survey measures of the latest wave. Computed once per
/// database version when the snapshot is built; pages only look things up in it.
public struct DashboardAnalysis: Sendable {
    public let analysis: ObservatoryAnalysis
    /// Region diagnoses, metropolitan peers first, then all regions.
    public let diagnoses: [Diagnosis]
    /// Rank intervals of the metropolitan region diagnosis (nil without indicator values).
    public let sensitivity: SensitivityResult?
    /// The published measures of `wave`, nationally (group FR) and by region.
    public let measures: [MeasureEstimate]
    public let wave: String?
    /// The indicator catalogue (unit, source and vintage of each indicator), when one is loaded.
    public let catalogue: IndicatorCatalogue?
    /// Seconds taken to compute all of this (reported by the server at start and reload).
    public let buildSeconds: Double
    private let index: MeasureIndex
    private let profileIndex: [TerritoryID: Int]

    /// Runs and seed of the sensitivity analysis behind the weights page: fixed, so that a
    /// database gives the same intervals at every start.
    public static let sensitivityRuns = 500
    public static let sensitivitySeed: UInt64 = 2015

    public init(analysis: ObservatoryAnalysis, diagnoses: [Diagnosis], sensitivity: SensitivityResult?, measures: [MeasureEstimate], wave: String?, catalogue: IndicatorCatalogue? = nil, buildSeconds: Double) {
        self.analysis = analysis
        self.diagnoses = diagnoses
        self.sensitivity = sensitivity
        self.measures = measures
        self.wave = wave
        self.catalogue = catalogue
        self.buildSeconds = buildSeconds
        self.index = MeasureIndex(measures)
        var profileIndex: [TerritoryID: Int] = [:]
        for (offset, profile) in analysis.profiles.enumerated() { profileIndex[profile.territory] = offset }
        self.profileIndex = profileIndex
    }

    /// Loads the analysis input from the store and computes everything once.
    public static func build(from store: SQLiteObservatoryStore) throws -> DashboardAnalysis {
        let start = Date()
        let input = try store.analysisInput()
        let analysis = ObservatoryAnalysis.build(input)
        var sensitivity: SensitivityResult?
        if let diagnosisInput = try store.diagnosisInput(level: .region, peers: .metropolitan, framework: input.framework, territories: input.territories) {
            sensitivity = Sensitivity.analyse(diagnosisInput, runs: sensitivityRuns, seed: sensitivitySeed)
        }
        return DashboardAnalysis(
            analysis: analysis, diagnoses: input.diagnoses, sensitivity: sensitivity, measures: input.measures, wave: input.wave, catalogue: input.catalogue,
            buildSeconds: Date().timeIntervalSince(start)
        )
    }

    /// A survey estimate for a region (its INSEE code) or, when `region` is nil, for France.
    public func estimate(_ actor: String, _ measure: String, _ item: String, region: String? = nil) -> SurveyEstimate? {
        region.map { index.regional(actor, measure, item, $0) } ?? index.national(actor, measure, item)
    }

    public func profile(_ id: TerritoryID) -> RegionProfile? { profileIndex[id].map { analysis.profiles[$0] } }

    public var metropolitanDiagnosis: Diagnosis? { diagnoses.first { $0.peers == .metropolitan } }

    /// The diagnosis a region is read in: among metropolitan regions when it is one, else among all regions.
    public func diagnosis(for region: Territory) -> Diagnosis? {
        region.isOverseas ? diagnoses.first { $0.peers == .all } : metropolitanDiagnosis ?? diagnoses.first { $0.peers == .all }
    }

    public var hasIndicators: Bool { !diagnoses.isEmpty }
    public var hasSurveys: Bool { !measures.isEmpty }
    /// Indicator values include illustrative (demo) values.
    public var illustrative: Bool { diagnoses.contains { $0.illustrative } }
    /// Survey answers include synthetic (demo) respondents.
    public var synthetic: Bool { measures.contains { $0.synthetic } }

    /// Actors with at least one mean rating, in framework order.
    public func ratingActors(_ framework: Framework) -> [String] {
        let present = Set(measures.filter { $0.measure == "mean_rating" }.map(\.actor))
        return framework.actors.map(\.code).filter(present.contains)
    }

    // MARK: Map layers

    /// The layers of the analysis: measured fragility (overall, axes, domains) for the
    /// metropolitan regions from the metropolitan diagnosis (composite scores are relative to
    /// their peers, so overseas regions, diagnosed among other peers, show no data on these maps),
    /// then perceived fragility per actor × domain (mean rating by region, France = national).
    func layers(_ framework: Framework, territories: TerritoryTree) -> [MapLayer] {
        var layers: [MapLayer] = []
        if let diagnosis = metropolitanDiagnosis {
            let demo = diagnosis.illustrative ? LocalizedText(fr: " — valeurs ILLUSTRATIVES (démo), pas des statistiques réelles", en: " — ILLUSTRATIVE (demo) values, not real statistics") : LocalizedText(fr: "", en: "")
            let source = LocalizedText(
                fr: "Diagnostic des indicateurs parmi les \(diagnosis.territories.count) régions métropolitaines (score composite, plus élevé = plus fragile)" + demo.fr,
                en: "Indicator diagnosis among the \(diagnosis.territories.count) metropolitan regions (composite score, higher = more fragile)" + demo.en
            )
            func layer(_ id: String, _ group: MapLayer.Group, _ label: LocalizedText, _ read: (TerritoryDiagnosis) -> Double?) -> MapLayer {
                var values: [TerritoryID: Double] = [:]
                for territory in diagnosis.territories { if let value = read(territory) { values[TerritoryID(.region, territory.code)] = value } }
                return MapLayer(
                    id: id, group: group, label: label, unit: LocalizedText(fr: "", en: ""), decimals: 2, palette: .yellowOrangeBrown,
                    rankHighestFirst: true, source: source, values: values
                )
            }
            let equal = Dictionary(uniqueKeysWithValues: framework.domains.map { ($0.code, 1.0) })
            layers.append(layer("overall", .overall, LocalizedText(fr: "Fragilité mesurée : ensemble des domaines", en: "Measured fragility: all domains")) {
                $0.weightedScore(weights: equal)
            })
            for axis in framework.axes {
                layers.append(layer("axis-" + axis.code, .axis(axis.code), LocalizedText(fr: "Fragilité mesurée : axe \(axis.label.fr.lowercased())", en: "Measured fragility: \(axis.label.en.lowercased()) axis")) { territory in
                    territory.axes.first { $0.code == axis.code }?.score
                })
            }
            for domain in framework.domains {
                layers.append(layer("domain-" + domain.code, .domain(domain.code), LocalizedText(fr: "Fragilité mesurée : \(domain.label.fr)", en: "Measured fragility: \(domain.label.en)")) { territory in
                    territory.domains.first { $0.code == domain.code }?.score
                })
            }
        }
        let synthetic = self.synthetic
        let regions = territories.territories(at: .region)
        for actor in ratingActors(framework) {
            let actorLabel = framework.actor(actor)?.label ?? LocalizedText(fr: actor, en: actor)
            let source = LocalizedText(
                fr: "Enquête \(wave ?? "") auprès des \(actorLabel.fr.lowercased()), note moyenne pondérée de 1 à 10" + (synthetic ? " — répondants SYNTHÉTIQUES (démo)" : ""),
                en: "Survey \(wave ?? "") of \(actorLabel.en.lowercased()), weighted mean rating from 1 to 10" + (synthetic ? " — SYNTHETIC respondents (demo)" : "")
            )
            for domain in framework.domains {
                var values: [TerritoryID: Double] = [:]
                for region in regions {
                    if let value = estimate(actor, "mean_rating", domain.code, region: region.code)?.estimate { values[region.id] = value }
                }
                if let france = territories.france, let value = estimate(actor, "mean_rating", domain.code)?.estimate { values[france.id] = value }
                guard !values.isEmpty else { continue }
                layers.append(MapLayer(
                    id: "perception-\(actor)-\(domain.code)", group: .perception(actor: actor, domain: domain.code),
                    label: LocalizedText(fr: "Fragilité ressentie par les \(actorLabel.fr.lowercased()) : \(domain.label.fr)", en: "Fragility felt by \(actorLabel.en.lowercased()): \(domain.label.en)"),
                    unit: LocalizedText(fr: " /10", en: " /10"), decimals: 1, palette: .yellowOrangeBrown, rankHighestFirst: true, source: source, values: values
                ))
            }
        }
        return layers
    }
}
