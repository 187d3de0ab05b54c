import Foundation

/// A territory's measured fragility on one domain, from the indicator diagnostics.
public struct MeasuredFragility: Sendable, Hashable, Codable {
    /// Composite fragility score (higher = more fragile), on the scale of the diagnostics method.
    public var score: Double
    /// Rank among the peers, 1 = most fragile.
    public var rank: Int
    public var peerCount: Int

    public init(score: Double, rank: Int, peerCount: Int) {
        self.score = score
        self.rank = rank
        self.peerCount = peerCount
    }

    /// Position among peers on a 0–1 scale, 1 = most fragile: (P − rank) / (P − 1).
    public var percentile: Double {
        peerCount > 1 ? Double(peerCount - rank) / Double(peerCount - 1) : 0.5
    }
}

/// One actor's weighted perception of a domain in a territory (mean rating on the 1–10 scale of
/// the FRAG item), with its confidence interval and base.
public struct PerceivedFragility: Sendable, Hashable, Codable {
    public var actor: ActorCode
    public var mean: Double
    public var lower: Double
    public var upper: Double
    public var n: Int
    public var effectiveN: Double

    public init(actor: ActorCode, mean: Double, lower: Double, upper: Double, n: Int, effectiveN: Double) {
        self.actor = actor
        self.mean = mean
        self.lower = lower
        self.upper = upper
        self.n = n
        self.effectiveN = effectiveN
    }

    /// The perception an actor's weighted mean rating gives; nil when the estimate or its interval is undefined.
    public init?(actor: ActorCode, estimate: SurveyEstimate) {
        guard let mean = estimate.estimate, let lower = estimate.lower, let upper = estimate.upper else { return nil }
        self.init(
            actor: actor, mean: mean, lower: lower, upper: upper, n: estimate.sampleSize,
            effectiveN: estimate.effectiveSampleSize)
    }

    /// Standard error recovered from a symmetric 95 % interval: (upper − lower) / (2 · 1.959964).
    public var standardError: Double { (upper - lower) / (2 * 1.959_963_984_540_054) }
}

/// What a domain's perception is compared with to decide whether it is felt.
public enum PerceptionReference: String, Sendable, Codable, CaseIterable {
    /// The same actor's mean rating over all domains in the same territory: a felt domain stands
    /// out among the territory's fragilities (default).
    case territoryAverage = "territory"
    /// The same actor's national mean rating of the domain: a felt domain weighs more here than in France.
    case national
}

/// The verdict on one actor's perception of a domain.
public enum ActorPerceptionVerdict: String, Sendable, Codable {
    /// The lower bound of the interval is above the reference.
    case above
    /// The upper bound of the interval is below the reference.
    case below
    /// The interval contains the reference.
    case inline
    /// Fewer respondents than the publication threshold: no conclusion.
    case tooFewRespondents = "too-few-respondents"
}

public enum MeasuredVerdict: String, Sendable, Codable {
    /// Among the most fragile third of the peers: rank ≤ ⌈P / 3⌉.
    case fragile
    case notFragile = "not-fragile"
    case noData = "no-data"
}

public enum FeltVerdict: String, Sendable, Codable {
    /// At least one actor's perception is above the reference and more actors are above than below.
    case felt
    case notFelt = "not-felt"
    /// No actor has enough respondents to conclude.
    case tooFewRespondents = "too-few-respondents"
    case noData = "no-data"
}

/// The four classes of the cross view.
public enum FragilityQuadrant: String, Sendable, Codable, CaseIterable {
    case feltAndMeasured = "felt-and-measured"
    case feltNotMeasured = "felt-not-measured"
    case measuredNotFelt = "measured-not-felt"
    case neither
}

/// One actor's perception in the cross view, with the reference it was judged against.
public struct ActorPerception: Sendable, Hashable, Codable {
    public var estimate: PerceivedFragility
    public var reference: Double
    public var verdict: ActorPerceptionVerdict
    /// Rank of the mean rating among the peers that have a conclusive sample, 1 = most fragile.
    public var rankAmongPeers: Int?
    public var peersRanked: Int
}

/// Measured against felt fragility for one territory and one domain.
public struct CrossViewCell: Sendable, Hashable, Codable {
    public var territory: TerritoryID
    public var domain: String
    public var measured: MeasuredFragility?
    public var measuredVerdict: MeasuredVerdict
    public var perceptions: [ActorPerception]
    public var feltVerdict: FeltVerdict
    /// Nil when either side is inconclusive (no data, too few respondents).
    public var quadrant: FragilityQuadrant?
}

/// The data the cross view needs, gathered from the diagnostics and the surveys.
public struct CrossViewInput: Sendable {
    public var peers: [TerritoryID]
    public var domains: [String]
    /// Actors whose perception is compared (citizens, associations, companies by default).
    public var actors: [ActorCode]
    public var measured: [TerritoryID: [String: MeasuredFragility]]
    /// territory → domain → one estimate per actor.
    public var perceived: [TerritoryID: [String: [PerceivedFragility]]]
    /// domain → actor → national estimate (for `PerceptionReference.national`).
    public var national: [String: [ActorCode: PerceivedFragility]]
    public var reference: PerceptionReference
    /// Publication threshold: fewer respondents than this and an estimate decides nothing.
    public var minimumRespondents: Int

    public init(
        peers: [TerritoryID], domains: [String], actors: [ActorCode],
        measured: [TerritoryID: [String: MeasuredFragility]],
        perceived: [TerritoryID: [String: [PerceivedFragility]]],
        national: [String: [ActorCode: PerceivedFragility]],
        reference: PerceptionReference = .territoryAverage, minimumRespondents: Int = 30
    ) {
        self.peers = peers
        self.domains = domains
        self.actors = actors
        self.measured = measured
        self.perceived = perceived
        self.national = national
        self.reference = reference
        self.minimumRespondents = minimumRespondents
    }
}

/// The cross view of every peer territory × domain, with rank correlations between measure and perception.
public struct CrossView: Sendable, Codable {
    public var reference: PerceptionReference
    public var minimumRespondents: Int
    public var cells: [CrossViewCell]
    /// For each domain, Spearman's ρ across territories between the measured score and the mean
    /// perceived rating (all actors pooled by simple average of the actors with a conclusive sample).
    public var correlationByDomain: [String: RankCorrelation]
    /// For each territory, Spearman's ρ across domains between the measured score and the mean perceived rating.
    public var correlationByTerritory: [TerritoryID: RankCorrelation]

    public func cells(for territory: TerritoryID) -> [CrossViewCell] {
        cells.filter { $0.territory == territory }
    }

    public func cell(_ territory: TerritoryID, _ domain: String) -> CrossViewCell? {
        cells.first { $0.territory == territory && $0.domain == domain }
    }
}

extension CrossView {
    /// Builds the cross view. Rules (docs/METHODOLOGY.md, "Cross view"):
    /// - measured fragile ⇔ rank ≤ ⌈P/3⌉ among the P peers;
    /// - an actor's perception is *above* its reference when the lower bound of its 95 % interval
    ///   exceeds it, *below* when the upper bound is under it; with fewer than `minimumRespondents`
    ///   respondents it decides nothing;
    /// - felt ⇔ at least one actor is above and more actors are above than below;
    /// - the quadrant is given only when both verdicts are conclusive.
    public static func build(_ input: CrossViewInput) -> CrossView {
        let conclusive = { (estimate: PerceivedFragility) in estimate.n >= input.minimumRespondents }

        // Reference value per territory × actor × domain.
        func reference(_ territory: TerritoryID, _ estimate: PerceivedFragility, _ domain: String) -> Double? {
            switch input.reference {
            case .national:
                return input.national[domain]?[estimate.actor]?.mean
            case .territoryAverage:
                let means = input.domains.compactMap { d in
                    input.perceived[territory]?[d]?.first { $0.actor == estimate.actor }?.mean
                }
                return means.isEmpty ? nil : means.reduce(0, +) / Double(means.count)
            }
        }

        // Ranks of each actor's mean rating among the peers with a conclusive sample.
        var perceivedRanks: [String: [ActorCode: [TerritoryID: Int]]] = [:]
        var rankedCounts: [String: [ActorCode: Int]] = [:]
        for domain in input.domains {
            for actor in input.actors {
                let values: [(TerritoryID, Double)] = input.peers.compactMap { territory in
                    guard let estimate = input.perceived[territory]?[domain]?.first(where: { $0.actor == actor }),
                        conclusive(estimate)
                    else { return nil }
                    return (territory, estimate.mean)
                }
                let ranks = Ranking.competition(values.map { -$0.1 }).map { $0 ?? 0 }
                perceivedRanks[domain, default: [:]][actor] = Dictionary(
                    uniqueKeysWithValues: zip(values.map(\.0), ranks))
                rankedCounts[domain, default: [:]][actor] = values.count
            }
        }

        var cells: [CrossViewCell] = []
        for territory in input.peers {
            for domain in input.domains {
                let measured = input.measured[territory]?[domain]
                let measuredVerdict: MeasuredVerdict =
                    measured.map { m in
                        m.rank <= Int((Double(m.peerCount) / 3).rounded(.up)) ? .fragile : .notFragile
                    } ?? .noData
                var perceptions: [ActorPerception] = []
                for actor in input.actors {
                    guard let estimate = input.perceived[territory]?[domain]?.first(where: { $0.actor == actor }),
                        let referenceValue = reference(territory, estimate, domain)
                    else { continue }
                    let verdict: ActorPerceptionVerdict
                    if !conclusive(estimate) {
                        verdict = .tooFewRespondents
                    } else if estimate.lower > referenceValue {
                        verdict = .above
                    } else if estimate.upper < referenceValue {
                        verdict = .below
                    } else {
                        verdict = .inline
                    }
                    perceptions.append(
                        ActorPerception(
                            estimate: estimate, reference: referenceValue, verdict: verdict,
                            rankAmongPeers: perceivedRanks[domain]?[actor]?[territory],
                            peersRanked: rankedCounts[domain]?[actor] ?? 0
                        ))
                }
                let above = perceptions.filter { $0.verdict == .above }.count
                let below = perceptions.filter { $0.verdict == .below }.count
                let feltVerdict: FeltVerdict
                if perceptions.isEmpty {
                    feltVerdict = .noData
                } else if perceptions.allSatisfy({ $0.verdict == .tooFewRespondents }) {
                    feltVerdict = .tooFewRespondents
                } else {
                    feltVerdict = above >= 1 && above > below ? .felt : .notFelt
                }
                var quadrant: FragilityQuadrant?
                switch (measuredVerdict, feltVerdict) {
                case (.fragile, .felt): quadrant = .feltAndMeasured
                case (.notFragile, .felt): quadrant = .feltNotMeasured
                case (.fragile, .notFelt): quadrant = .measuredNotFelt
                case (.notFragile, .notFelt): quadrant = .neither
                default: quadrant = nil
                }
                cells.append(
                    CrossViewCell(
                        territory: territory, domain: domain, measured: measured, measuredVerdict: measuredVerdict,
                        perceptions: perceptions, feltVerdict: feltVerdict, quadrant: quadrant
                    ))
            }
        }

        /// Mean of the actors' mean ratings, over actors with a conclusive sample.
        func pooledPerception(_ territory: TerritoryID, _ domain: String) -> Double? {
            let means = (input.perceived[territory]?[domain] ?? []).filter {
                input.actors.contains($0.actor) && conclusive($0)
            }.map(\.mean)
            return means.isEmpty ? nil : means.reduce(0, +) / Double(means.count)
        }
        var byDomain: [String: RankCorrelation] = [:]
        for domain in input.domains {
            let measured = input.peers.map { input.measured[$0]?[domain]?.score }
            let perceived = input.peers.map { pooledPerception($0, domain) }
            byDomain[domain] = spearmanCorrelation(measured, perceived)
        }
        var byTerritory: [TerritoryID: RankCorrelation] = [:]
        for territory in input.peers {
            let measured = input.domains.map { input.measured[territory]?[$0]?.score }
            let perceived = input.domains.map { pooledPerception(territory, $0) }
            byTerritory[territory] = spearmanCorrelation(measured, perceived)
        }
        return CrossView(
            reference: input.reference, minimumRespondents: input.minimumRespondents, cells: cells,
            correlationByDomain: byDomain, correlationByTerritory: byTerritory
        )
    }
}
