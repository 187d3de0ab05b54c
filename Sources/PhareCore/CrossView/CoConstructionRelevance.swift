import Foundation

/// What the relevance of partnerships on one domain of one territory is computed from.
public struct RelevanceEvidence: Sendable, Hashable, Codable {
    public var domain: String
    /// From the cross view.
    public var measured: MeasuredFragility?
    public var perceptions: [PerceivedFragility]
    /// Share answering "strong impact" (IMPACT item), per actor.
    public var strongImpact: [ActorCode: SurveyEstimate]
    /// Share of mayors answering that partnerships are relevant on the domain (COCON item).
    public var mayorsSeeRelevance: SurveyEstimate?

    public init(
        domain: String, measured: MeasuredFragility?, perceptions: [PerceivedFragility],
        strongImpact: [ActorCode: SurveyEstimate], mayorsSeeRelevance: SurveyEstimate?
    ) {
        self.domain = domain
        self.measured = measured
        self.perceptions = perceptions
        self.strongImpact = strongImpact
        self.mayorsSeeRelevance = mayorsSeeRelevance
    }
}

/// The four components of the relevance score, each on a 0–1 scale.
public enum RelevanceComponent: String, Sendable, Codable, CaseIterable {
    /// Measured fragility: position among peers, (P − rank) / (P − 1).
    case measured
    /// Felt fragility: mean over actors of (mean rating − 1) / 9.
    case felt
    /// Mean over actors of the share expecting a strong impact of partnerships.
    case impact
    /// Share of mayors who find partnerships relevant on the domain.
    case mayors
}

/// How the actors' perceptions of a domain relate to each other, each actor's rating centred on
/// its own average over the territory's domains.
public struct ActorAgreement: Sendable, Hashable, Codable {
    /// max − min of the actors' centred ratings (rating points).
    public var range: Double
    public var mostConcerned: ActorCode?
    public var leastConcerned: ActorCode?
    /// Some pair of actors differs significantly: |c_a − c_b| > 1.96 √(se_a² + se_b²) on centred ratings.
    public var diverge: Bool
}

/// Why a domain is recommended for partnerships: the components that stand out.
public enum RelevanceReason: Sendable, Hashable, Codable {
    case measuredAmongMostFragile(rank: Int, peers: Int)
    case feltAboveAverage(actors: [ActorCode])
    case strongImpactExpected(share: Double)
    case mayorsSeeRelevance(share: Double)
}

/// The relevance of partnerships on one domain of one territory.
public struct DomainRelevance: Sendable, Hashable, Codable {
    public var domain: String
    /// 0–100.
    public var score: Double
    public var components: [RelevanceComponent: Double]
    /// Components that had no data; the weights of the others were rescaled to sum to 1.
    public var missing: [RelevanceComponent]
    public var agreement: ActorAgreement?
    /// Rank of the domain within the territory, 1 = most relevant.
    public var rank: Int
    /// Median rank and 5–95 % interval over the Monte-Carlo runs (weights and estimates perturbed).
    public var medianRank: Double
    public var rankLow: Double
    public var rankHigh: Double
    public var reasons: [RelevanceReason]
}

/// Options of the relevance computation.
public struct RelevanceMethod: Sendable, Hashable, Codable {
    public var weights: [RelevanceComponent: Double]
    public var runs: Int
    public var seed: UInt64
    /// Each weight is multiplied by U(1 − spread, 1 + spread) in a run, then all are rescaled.
    public var weightSpread: Double

    public init(
        weights: [RelevanceComponent: Double] = [.measured: 0.25, .felt: 0.25, .impact: 0.25, .mayors: 0.25],
        runs: Int = 1000, seed: UInt64 = 20_250_101, weightSpread: Double = 0.5
    ) {
        self.weights = weights
        self.runs = runs
        self.seed = seed
        self.weightSpread = weightSpread
    }
}

public enum CoConstructionRelevance {
    /// Component values of one domain, nil where no data.
    static func components(_ evidence: RelevanceEvidence, minimumRespondents: Int) -> [RelevanceComponent: Double] {
        var values: [RelevanceComponent: Double] = [:]
        if let measured = evidence.measured { values[.measured] = measured.percentile }
        let perceptions = evidence.perceptions.filter { $0.n >= minimumRespondents }
        if !perceptions.isEmpty {
            values[.felt] =
                perceptions.map { min(max(($0.mean - 1) / 9, 0), 1) }.reduce(0, +) / Double(perceptions.count)
        }
        let impacts = evidence.strongImpact.sorted { $0.key < $1.key }.compactMap {
            $0.value.usableShare(minimumRespondents)
        }
        if !impacts.isEmpty { values[.impact] = impacts.map(\.share).reduce(0, +) / Double(impacts.count) }
        if let mayors = evidence.mayorsSeeRelevance?.usableShare(minimumRespondents) { values[.mayors] = mayors.share }
        return values
    }

    /// score = 100 · Σ wᵢ cᵢ / Σ wᵢ over the components with data (weights rescaled when one is missing).
    static func score(_ components: [RelevanceComponent: Double], weights: [RelevanceComponent: Double]) -> Double {
        var total = 0.0
        var weightSum = 0.0
        for component in RelevanceComponent.allCases {
            guard let value = components[component] else { continue }
            let weight = weights[component] ?? 0
            total += weight * value
            weightSum += weight
        }
        return weightSum > 0 ? 100 * total / weightSum : 0
    }

    /// Agreement of the actors on a domain's fragility. Actors use the rating scale differently
    /// (companies rate every domain lower than citizens), so each actor's rating is centred on
    /// its own average over the territory's domains: c = m − m̄. Range = max c − min c; the
    /// actors diverge when a pair differs significantly, |c_a − c_b| > 1.96 √(SE_a² + SE_b²)
    /// (the averages, over 16 domains, are treated as fixed).
    static func agreement(_ perceptions: [PerceivedFragility], averages: [ActorCode: Double], minimumRespondents: Int)
        -> ActorAgreement?
    {
        let usable = perceptions.filter { $0.n >= minimumRespondents && averages[$0.actor] != nil }
        func centred(_ p: PerceivedFragility) -> Double { p.mean - (averages[p.actor] ?? 0) }
        guard usable.count >= 2, let high = usable.max(by: { centred($0) < centred($1) }),
            let low = usable.min(by: { centred($0) < centred($1) })
        else { return nil }
        var diverge = false
        for (i, a) in usable.enumerated() {
            for b in usable[(i + 1)...] {
                let se = (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot()
                if abs(centred(a) - centred(b)) > 1.959_963_984_540_054 * se { diverge = true }
            }
        }
        return ActorAgreement(
            range: centred(high) - centred(low), mostConcerned: high.actor, leastConcerned: low.actor, diverge: diverge)
    }

    /// Each actor's mean rating over the domains where its sample is conclusive.
    static func actorAverages(_ evidence: [RelevanceEvidence], minimumRespondents: Int) -> [ActorCode: Double] {
        var sums: [ActorCode: (total: Double, count: Int)] = [:]
        for item in evidence {
            for p in item.perceptions where p.n >= minimumRespondents {
                sums[p.actor, default: (0, 0)].total += p.mean
                sums[p.actor, default: (0, 0)].count += 1
            }
        }
        return sums.mapValues { $0.total / Double($0.count) }
    }

    /// Scores and ranks the domains of one territory, with Monte-Carlo rank intervals.
    ///
    /// Each run multiplies every weight by U(1 − s, 1 + s) and draws each survey component from
    /// a normal distribution centred on its estimate with its standard error (clamped to [0, 1]);
    /// the measured component stays as the diagnostics gave it. Ranks are competition ranks
    /// (1 = most relevant); the interval is the 5th–95th percentile of the runs' ranks
    /// (type-7 quantiles, as R's default).
    public static func rank(
        _ evidence: [RelevanceEvidence], method: RelevanceMethod = RelevanceMethod(), minimumRespondents: Int = 30,
        feltDomains: [String: [ActorCode]] = [:]
    ) -> [DomainRelevance] {
        let base = evidence.map { components($0, minimumRespondents: minimumRespondents) }
        let averages = actorAverages(evidence, minimumRespondents: minimumRespondents)
        let scores = base.map { score($0, weights: method.weights) }
        let ranks = Ranking.competition(scores.map { -$0 }).map { $0 ?? 0 }

        var random = SeededRandom(seed: method.seed)
        var runRanks = [[Double]](repeating: [], count: evidence.count)
        for _ in 0..<max(method.runs, 0) {
            var weights: [RelevanceComponent: Double] = [:]
            for component in RelevanceComponent.allCases {
                guard let weight = method.weights[component] else { continue }
                weights[component] = weight * (1 - method.weightSpread + 2 * method.weightSpread * random.nextUniform())
            }
            var runScores: [Double] = []
            for (offset, item) in evidence.enumerated() {
                var drawn = base[offset]
                let perceptions = item.perceptions.filter { $0.n >= minimumRespondents }
                if !perceptions.isEmpty {
                    drawn[.felt] =
                        perceptions.map { p in
                            min(max((p.mean + p.standardError * random.nextNormal() - 1) / 9, 0), 1)
                        }.reduce(0, +) / Double(perceptions.count)
                }
                let impacts = item.strongImpact.sorted { $0.key < $1.key }.compactMap {
                    $0.value.usableShare(minimumRespondents)
                }
                if !impacts.isEmpty {
                    drawn[.impact] =
                        impacts.map { min(max($0.share + $0.standardError * random.nextNormal(), 0), 1) }.reduce(0, +)
                        / Double(impacts.count)
                }
                if let mayors = item.mayorsSeeRelevance?.usableShare(minimumRespondents) {
                    drawn[.mayors] = min(max(mayors.share + mayors.standardError * random.nextNormal(), 0), 1)
                }
                runScores.append(score(drawn, weights: weights))
            }
            for (offset, rank) in Ranking.competition(runScores.map { -$0 }).enumerated() {
                runRanks[offset].append(Double(rank ?? 0))
            }
        }

        // Median of each component across domains: a reason is a component above it.
        func median(_ component: RelevanceComponent) -> Double? {
            let values = base.compactMap { $0[component] }.sorted()
            return Quantile.type7(values, 0.5)
        }
        let medians = Dictionary(
            uniqueKeysWithValues: RelevanceComponent.allCases.compactMap { c in median(c).map { (c, $0) } })

        return evidence.enumerated().map { offset, item in
            let values = base[offset]
            var reasons: [RelevanceReason] = []
            if let measured = item.measured, measured.rank <= Int((Double(measured.peerCount) / 3).rounded(.up)) {
                reasons.append(.measuredAmongMostFragile(rank: measured.rank, peers: measured.peerCount))
            }
            if let actors = feltDomains[item.domain], !actors.isEmpty {
                reasons.append(.feltAboveAverage(actors: actors))
            }
            if let impact = values[.impact], let middle = medians[.impact], impact > middle {
                reasons.append(.strongImpactExpected(share: impact))
            }
            if let mayors = values[.mayors], let middle = medians[.mayors], mayors > middle {
                reasons.append(.mayorsSeeRelevance(share: mayors))
            }
            let sorted = runRanks[offset].sorted()
            let rank = Double(ranks[offset])
            return DomainRelevance(
                domain: item.domain, score: scores[offset], components: values,
                missing: RelevanceComponent.allCases.filter { values[$0] == nil },
                agreement: agreement(item.perceptions, averages: averages, minimumRespondents: minimumRespondents),
                rank: ranks[offset],
                medianRank: Quantile.type7(sorted, 0.5) ?? rank,
                rankLow: Quantile.type7(sorted, 0.05) ?? rank,
                rankHigh: Quantile.type7(sorted, 0.95) ?? rank,
                reasons: reasons
            )
        }
    }
}

extension RelevanceComponent: CodingKeyRepresentable {}

extension SurveyEstimate {
    /// The share and its standard error when the estimate can be used to conclude: defined, and
    /// with at least `minimumRespondents` respondents.
    func usableShare(_ minimumRespondents: Int) -> (share: Double, standardError: Double)? {
        guard let share = estimate, sampleSize >= minimumRespondents else { return nil }
        return (share, standardError ?? 0)
    }
}
