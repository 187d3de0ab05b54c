import Foundation
import PhareCore

/// Options of the cross analysis of measures and perceptions.
public struct AnalysisOptions: Sendable, Hashable, Codable {
    public var minimumRespondents: Int
    public var reference: PerceptionReference
    public var relevance: RelevanceMethod
    /// Actors whose perception of fragilities is crossed with the measures; empty for the
    /// framework's default (`AnalysisPipeline.perceivingActors`: those who rate the domains and
    /// answer for themselves, so not the mayors, who are read for the co-construction part).
    public var perceivingActors: [ActorCode]

    public init(
        minimumRespondents: Int = 30, reference: PerceptionReference = .territoryAverage,
        relevance: RelevanceMethod = RelevanceMethod(), perceivingActors: [ActorCode] = []
    ) {
        self.minimumRespondents = minimumRespondents
        self.reference = reference
        self.relevance = relevance
        self.perceivingActors = perceivingActors
    }
}

/// Everything the cross analysis reads, already computed by the diagnostics and the surveys.
public struct AnalysisInput: Sendable {
    public var framework: Framework
    public var territories: TerritoryTree
    public var catalogue: IndicatorCatalogue?
    /// Region-level diagnoses, one per peer set (a region is read in the first that holds it).
    public var diagnoses: [Diagnosis]
    public var questionnaire: Questionnaire?
    /// The wave's published measures, national (`group` FR) and by region (`groupVariable` region).
    public var measures: [MeasureEstimate]
    public var wave: String?
    public var options: AnalysisOptions

    public init(
        framework: Framework, territories: TerritoryTree, catalogue: IndicatorCatalogue?, diagnoses: [Diagnosis],
        questionnaire: Questionnaire?, measures: [MeasureEstimate], wave: String?,
        options: AnalysisOptions = AnalysisOptions()
    ) {
        self.framework = framework
        self.territories = territories
        self.catalogue = catalogue
        self.diagnoses = diagnoses
        self.questionnaire = questionnaire
        self.measures = measures
        self.wave = wave
        self.options = options
    }
}

/// The cross analysis of the observatory: the cross view of each peer set and one profile per
/// region. Computed once (by the CLI or the dashboard snapshot) and read as is.
public struct ObservatoryAnalysis: Sendable, Codable {
    public var options: AnalysisOptions
    /// Keyed by peer set (`metropolitan`, `all`, or `without-indicators` for regions no diagnosis covers).
    public var crossViews: [String: CrossView]
    public var profiles: [RegionProfile]

    public func profile(_ territory: TerritoryID) -> RegionProfile? {
        profiles.first { $0.territory == territory }
    }

    /// The cross view a profile was built from.
    public func crossView(of profile: RegionProfile) -> CrossView? {
        crossViews[profile.provenance.peerSet]
    }
}

/// Survey estimates looked up by actor, measure, item and group: the one lookup of published
/// measures that the analysis, the dashboard and the reports share.
public struct MeasureIndex: Sendable {
    /// What identifies one published estimate.
    struct Key: Hashable {
        var actor: ActorCode
        var measure: MeasureCode
        var item: String
        /// The breakdown variable, nil for the national estimate.
        var variable: String?
        var group: String

        init(_ actor: ActorCode, _ measure: MeasureCode, _ item: String, _ variable: String?, _ group: String) {
            self.actor = actor
            self.measure = measure
            self.item = item
            self.variable = variable
            self.group = group
        }
    }

    private var byKey: [Key: MeasureEstimate] = [:]
    /// The by-region estimates of an actor × measure × item (key with no variable and no group).
    private var regional: [Key: [MeasureEstimate]] = [:]

    public init(_ measures: [MeasureEstimate]) {
        for measure in measures {
            byKey[Key(measure.actor, measure.measure, measure.item, measure.groupVariable, measure.group)] = measure
            if measure.groupVariable == "region" {
                regional[Key(measure.actor, measure.measure, measure.item, nil, ""), default: []].append(measure)
            }
        }
    }

    /// The estimate for a region (its INSEE code).
    public func regional(_ actor: ActorCode, _ measure: MeasureCode, _ item: String, _ region: String)
        -> SurveyEstimate?
    {
        byKey[Key(actor, measure, item, "region", region)]?.result
    }

    /// The national estimate (group FR).
    public func national(_ actor: ActorCode, _ measure: MeasureCode, _ item: String) -> SurveyEstimate? {
        byKey[Key(actor, measure, item, nil, "FR")]?.result
    }

    /// The actors with at least one estimate of `measure`, in framework order (the actors asked
    /// about partnership practices have a `partnership_rate`, say).
    public func actors(with measure: MeasureCode, _ framework: Framework) -> [ActorCode] {
        let present = Set(byKey.keys.filter { $0.measure == measure }.map(\.actor))
        return framework.actors.map(\.code).filter(present.contains)
    }

    public var isSynthetic: Bool { byKey.values.contains { $0.synthetic } }
    public var isEmpty: Bool { byKey.isEmpty }

    /// A region against France through the rest of the country (regions as independent samples):
    /// W_s = Σw_s / Σw, rest = Σ_{s≠r} W_s·x_s / (1 − W_r), SE_rest = √(Σ_{s≠r} W_s²·SE_s²) / (1 − W_r).
    func comparison(_ actor: ActorCode, _ measure: MeasureCode, _ item: String, _ region: String) -> NationalComparison?
    {
        let all = (regional[Key(actor, measure, item, nil, "")] ?? []).filter {
            $0.result.estimate != nil && $0.result.standardError != nil
        }
        let total = all.map(\.result.weightSum).reduce(0, +)
        guard total > 0, let own = all.first(where: { $0.group == region }), let value = own.result.estimate,
            let se = own.result.standardError
        else { return nil }
        let share = own.result.weightSum / total
        guard share < 1 else { return nil }
        var rest = 0.0
        var restVariance = 0.0
        for other in all where other.group != region {
            let w = other.result.weightSum / total
            rest += w * (other.result.estimate ?? 0)
            restVariance += w * w * pow(other.result.standardError ?? 0, 2)
        }
        return compareWithNational(
            regional: value, regionalSE: se, rest: rest / (1 - share), restSE: restVariance.squareRoot() / (1 - share),
            regionShare: share)
    }
}

extension ObservatoryAnalysis {
    public static func build(_ input: AnalysisInput) -> ObservatoryAnalysis {
        let options = input.options
        let index = MeasureIndex(input.measures)
        let domains = input.framework.domains.map(\.code)
        let regions = input.territories.territories(at: .region).sorted { $0.code < $1.code }

        // Peer groups: one per diagnosis, then the regions no diagnosis covers.
        var groups: [(key: String, diagnosis: Diagnosis?, peers: [TerritoryID])] = []
        var covered: Set<TerritoryID> = []
        for diagnosis in input.diagnoses where diagnosis.level == .region {
            let peers = diagnosis.territories.map { TerritoryID(.region, $0.code) }
            groups.append((diagnosis.peers.rawValue, diagnosis, peers))
            covered.formUnion(peers)
        }
        let uncovered = regions.map(\.id).filter { !covered.contains($0) }
        if !uncovered.isEmpty { groups.append(("without-indicators", nil, uncovered)) }

        var crossViews: [String: CrossView] = [:]
        var profiles: [TerritoryID: RegionProfile] = [:]
        for group in groups {
            var measured: [TerritoryID: [String: MeasuredFragility]] = [:]
            if let diagnosis = group.diagnosis {
                for territory in diagnosis.territories {
                    var scores: [String: MeasuredFragility] = [:]
                    for domain in territory.domains {
                        if let score = domain.score, let rank = domain.rank {
                            scores[domain.code] = MeasuredFragility(
                                score: score, rank: rank, peerCount: domain.peerCount)
                        }
                    }
                    measured[TerritoryID(.region, territory.code)] = scores
                }
            }
            var perceived: [TerritoryID: [String: [PerceivedFragility]]] = [:]
            for territory in group.peers {
                for domain in domains {
                    perceived[territory, default: [:]][domain] = options.perceivingActors.compactMap { actor in
                        index.regional(actor, "mean_rating", domain, territory.code).flatMap {
                            PerceivedFragility(actor: actor, estimate: $0)
                        }
                    }
                }
            }
            var national: [String: [ActorCode: PerceivedFragility]] = [:]
            for domain in domains {
                for actor in options.perceivingActors {
                    if let estimate = index.national(actor, "mean_rating", domain).flatMap({
                        PerceivedFragility(actor: actor, estimate: $0)
                    }) {
                        national[domain, default: [:]][actor] = estimate
                    }
                }
            }
            let crossView = CrossView.build(
                CrossViewInput(
                    peers: group.peers, domains: domains, actors: options.perceivingActors, measured: measured,
                    perceived: perceived, national: national, reference: options.reference,
                    minimumRespondents: options.minimumRespondents
                ))
            crossViews[group.key] = crossView
            for territory in group.peers where profiles[territory] == nil {
                guard let region = input.territories[territory] else { continue }
                profiles[territory] = profile(
                    of: region, peerSet: group.key, crossView: crossView, diagnosis: group.diagnosis, index: index,
                    input: input
                )
            }
        }
        return ObservatoryAnalysis(
            options: options, crossViews: crossViews,
            profiles: regions.compactMap { profiles[$0.id] }
        )
    }

    static func profile(
        of region: Territory, peerSet: String, crossView: CrossView, diagnosis: Diagnosis?, index: MeasureIndex,
        input: AnalysisInput
    ) -> RegionProfile {
        let framework = input.framework
        let tree = input.territories
        let options = input.options
        let code = region.code
        let territoryDiagnosis = diagnosis?.territory(code)

        // 1. Identity card.
        let france = tree.france?.population
        var keyIndicators: [IdentityCard.KeyIndicator] = []
        if let territoryDiagnosis, let catalogue = input.catalogue {
            for domain in framework.domains {
                guard
                    let position = territoryDiagnosis.indicators.first(where: {
                        $0.domain == domain.code && $0.value != nil
                    }),
                    let definition = catalogue.indicators.first(where: { $0.code == position.indicator }),
                    let value = position.value
                else { continue }
                keyIndicators.append(
                    IdentityCard.KeyIndicator(
                        code: position.indicator, label: definition.label, domain: domain.code, unit: definition.unit,
                        value: value,
                        national: position.national, rank: position.rank, peers: position.peersWithValue,
                        source: definition.source,
                        year: position.year, illustrative: position.flags.contains("illustrative")
                    ))
            }
        }
        let identity = IdentityCard(
            population: region.population, areaKm2: region.areaKm2, density: region.density,
            shareOfFrance: region.population.flatMap { population in france.map { Double(population) / Double($0) } },
            subdivisions: tree.children(of: region.id).filter { $0.level == .departement }.sorted { $0.code < $1.code }
                .map { IdentityCard.Subdivision(code: $0.code, name: $0.name, population: $0.population) },
            communeCount: tree.descendants(of: region.id, at: .commune).count,
            keyIndicators: keyIndicators
        )

        // 2. Fragilities.
        let cells = crossView.cells(for: region.id)
        let axisScores: [LabelledFigure] = (territoryDiagnosis?.axes ?? []).compactMap { axis in
            guard let score = axis.score, let label = framework.axis(axis.code)?.label else { return nil }
            return LabelledFigure(code: axis.code, label: label, figure: ProfileFigure(value: score))
        }
        let fragilities = FragilitiesPart(
            axisScores: axisScores, cells: cells, correlation: crossView.correlationByTerritory[region.id])

        // 3. Co-construction.
        func figure(
            _ actor: ActorCode, _ measure: MeasureCode, _ item: String, code: String, label: LocalizedText,
            shortLabel: LocalizedText? = nil
        ) -> LabelledFigure? {
            guard let estimate = index.regional(actor, measure, item, region.code).flatMap(ProfileFigure.init) else {
                return nil
            }
            return LabelledFigure(
                code: code, label: label, shortLabel: shortLabel, figure: estimate,
                national: index.national(actor, measure, item).flatMap(ProfileFigure.init),
                comparison: index.comparison(actor, measure, item, region.code)
            )
        }
        // The mayors: the actor answering for the communes, asked the co-construction dynamic.
        let mayors = framework.localAuthorityActors.map(\.code).first {
            input.questionnaire?.actors(answering: "DYNAMIC").contains($0) ?? true
        }
        let dynamic = framework.coConstructionDynamic.compactMap { level in
            mayors.flatMap {
                figure($0, "dynamic", level.code, code: level.code, label: level.label, shortLabel: level.shortLabel)
            }
        }
        let roleOptions =
            input.questionnaire.flatMap { q in q.item("ROLE")?.options.flatMap { q.optionList($0) } }?.options ?? []
        let roles = roleOptions.compactMap { option in
            mayors.flatMap { figure($0, "role_agree", option.code, code: option.code, label: option.label) }
        }
        let mayorsRespondents =
            dynamic.compactMap(\.figure.n).max()
            ?? mayors.flatMap {
                index.regional($0, "mean_rating", framework.domains.first?.code ?? "", region.code)?.sampleSize
            } ?? 0

        var feltBy: [String: [ActorCode]] = [:]
        for cell in cells where cell.feltVerdict == .felt {
            feltBy[cell.domain] = cell.perceptions.filter { $0.verdict == .above }.map(\.estimate.actor)
        }
        let evidence = framework.domains.map { domain -> RelevanceEvidence in
            let cell = cells.first { $0.domain == domain.code }
            var impact: [ActorCode: SurveyEstimate] = [:]
            for actor in options.perceivingActors {
                impact[actor] = index.regional(actor, "share_impact", domain.code, region.code)
            }
            return RelevanceEvidence(
                domain: domain.code, measured: cell?.measured, perceptions: cell?.perceptions.map(\.estimate) ?? [],
                strongImpact: impact,
                mayorsSeeRelevance: mayors.flatMap { index.regional($0, "cocon_relevant", domain.code, region.code) }
            )
        }
        let relevance = CoConstructionRelevance.rank(
            evidence, method: options.relevance, minimumRespondents: options.minimumRespondents, feltDomains: feltBy)
        let coConstruction = CoConstructionPart(
            mayorsRespondents: mayorsRespondents, dynamic: dynamic, roles: roles, relevance: relevance)

        // 4. Practices.
        func actorLabel(_ actor: ActorCode) -> LocalizedText {
            framework.actor(actor)?.label ?? LocalizedText(fr: actor.rawValue, en: actor.rawValue)
        }
        func prefixed(_ actor: ActorCode, _ entry: FrameworkEntry) -> LocalizedText {
            LocalizedText(
                fr: "\(actorLabel(actor).fr) — \(entry.label.fr)", en: "\(actorLabel(actor).en) — \(entry.label.en)")
        }
        // The actors asked about their partnership practices (associations and companies in PHARE).
        let practising = input.questionnaire?.actors(answering: "PRACTICE") ?? []
        let practices = PracticesPart(
            partnershipRates: practising.compactMap {
                figure($0, "partnership_rate", "all", code: $0.rawValue, label: actorLabel($0))
            },
            types: practising.flatMap { actor in
                framework.partnershipTypes.compactMap { type in
                    figure(
                        actor, "partnership_type_share", type.code, code: "\(actor):\(type.code)",
                        label: prefixed(actor, type))
                }
            },
            scopes: practising.flatMap { actor in
                framework.partnershipScopes.compactMap { scope in
                    figure(
                        actor, "partnership_scope", scope.code, code: "\(actor):\(scope.code)",
                        label: prefixed(actor, scope))
                }
            },
            innovationAgreement: framework.actors.compactMap { actor in
                figure(actor.code, "innovation_agree", "all", code: actor.code.rawValue, label: actor.label)
            }
        )

        // 5. Synthesis and provenance.
        var respondents: [String: Int] = [:]
        for actor in framework.actors.map(\.code) {
            let sizes = framework.domains.compactMap {
                index.regional(actor, "mean_rating", $0.code, region.code)?.sampleSize
            }
            if let largest = sizes.max() { respondents[actor.rawValue] = largest }
        }
        let provenance = ProfileProvenance(
            illustrativeIndicators: diagnosis?.illustrative ?? false, syntheticSurveys: index.isSynthetic,
            surveyWave: index.isEmpty ? nil : input.wave, respondents: respondents,
            minimumRespondents: options.minimumRespondents, peerSet: peerSet,
            peers: crossView.cells.map(\.territory).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        )
        let synthesis = SynthesisWriter(
            framework: framework, name: region.name, minimumRespondents: options.minimumRespondents
        )
        .write(fragilities: fragilities, coConstruction: coConstruction, practices: practices, provenance: provenance)
        return RegionProfile(
            territory: region.id, name: region.name, identity: identity, fragilities: fragilities,
            coConstruction: coConstruction, practices: practices, synthesis: synthesis, provenance: provenance
        )
    }
}
