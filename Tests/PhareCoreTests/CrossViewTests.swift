import Foundation
import Testing

@testable import PhareCore

@Suite struct RankCorrelationTests {
    @Test func spearmanMatchesSciPyWithTies() throws {
        // Reference: scipy.stats.spearmanr (scipy 1.17.1) on these series, and the Fisher-z interval
        // tanh(atanh(ρ) ∓ Φ⁻¹(0.975)·√(1.06/(n−3))) computed with numpy.
        let x: [Double?] = [3.1, 2.5, 4.0, 4.0, 1.2, 5.5, 2.5, 3.3, 0.7, 4.8, 2.2, 3.9, 1.1]
        let y: [Double?] = [6.2, 5.9, 6.8, 6.1, 5.5, 7.0, 6.0, 6.6, 5.4, 6.3, 6.4, 6.9, 5.8]
        let result = try #require(spearmanCorrelation(x, y))
        #expect(abs(result.rho - 0.7823721147371502) < 1e-12)
        #expect(abs(try #require(result.lower) - 0.3913039635619189) < 1e-9)
        #expect(abs(try #require(result.upper) - 0.9340930463817376) < 1e-9)
        #expect(result.n == 13)
        #expect(result.isSignificant)
    }

    @Test func missingPairsAreDroppedAndDegenerateCasesGiveNil() {
        #expect(spearmanCorrelation([1, 2, nil, 4], [1, 2, 3, nil]) == nil)
        #expect(spearmanCorrelation([1, 1, 1, 1], [1, 2, 3, 4]) == nil)
        let three = spearmanCorrelation([1, 2, 3], [3, 2, 1])
        #expect(three?.rho == -1)
        #expect(three?.lower == nil)
    }

    @Test func averageRanksLikeR() {
        // R: rank(c(10, 20, 10, 30, 20, 20)) = 1.5 4.0 1.5 6.0 4.0 4.0
        #expect(Ranking.average([10, 20, 10, 30, 20, 20]) == [1.5, 4, 1.5, 6, 4, 4])
        #expect(Ranking.competition([3, 1, 3, 2]) == [3, 1, 3, 2])
    }

    @Test func normalQuantileMatchesSciPy() {
        #expect(abs(StandardNormal.quantile(0.975) - 1.959963984540054) < 1e-13)
        #expect(abs(StandardNormal.quantile(0.001) - -3.090232306167813) < 1e-12)
        #expect(abs(StandardNormal.quantile(0.9) - 1.2815515655446004) < 1e-13)
        #expect(abs(StandardNormal.cdf(1.3) - 0.9031995154143897) < 1e-14)
    }

    @Test func quantileType7MatchesNumpyAndR() {
        // numpy.quantile([1, 2, 3, 4, 10], [0.05, 0.5, 0.95]) = [1.2, 3.0, 8.8]
        let sorted: [Double] = [1, 2, 3, 4, 10]
        #expect(abs((Quantile.type7(sorted, 0.05) ?? 0) - 1.2) < 1e-12)
        #expect(Quantile.type7(sorted, 0.5) == 3)
        #expect(abs((Quantile.type7(sorted, 0.95) ?? 0) - 8.8) < 1e-12)
    }
}

@Suite struct CrossViewTests {
    let a = TerritoryID(.region, "A"), b = TerritoryID(.region, "B"), c = TerritoryID(.region, "C")
    let d = TerritoryID(.region, "D"), e = TerritoryID(.region, "E"), f = TerritoryID(.region, "F")

    func perception(_ actor: ActorCode, _ mean: Double, halfWidth: Double = 0.3, n: Int = 200) -> PerceivedFragility {
        PerceivedFragility(
            actor: actor, mean: mean, lower: mean - halfWidth, upper: mean + halfWidth, n: n,
            effectiveN: Double(n) * 0.8)
    }

    /// Six regions, two domains. Region A is the worst on "emploi" both measured and felt; B feels
    /// "logement" strongly without being measured fragile; C is measured fragile on "logement" but
    /// its citizens rate it below their average; F has 12 respondents only.
    func input(reference: PerceptionReference = .territoryAverage) -> CrossViewInput {
        let peers = [a, b, c, d, e, f]
        let emploiScores: [TerritoryID: Double] = [a: 2.0, b: 0.5, c: 1.0, d: -0.5, e: -1.0, f: -2.0]
        let logementScores: [TerritoryID: Double] = [a: 0.0, b: -1.5, c: 1.8, d: 1.2, e: -0.4, f: 0.1]
        func ranked(_ scores: [TerritoryID: Double]) -> [TerritoryID: MeasuredFragility] {
            let ordered = peers.sorted { scores[$0]! > scores[$1]! }
            return Dictionary(
                uniqueKeysWithValues: ordered.enumerated().map {
                    ($1, MeasuredFragility(score: scores[$1]!, rank: $0 + 1, peerCount: 6))
                })
        }
        let emploi = ranked(emploiScores)
        let logement = ranked(logementScores)
        var measured: [TerritoryID: [String: MeasuredFragility]] = [:]
        for t in peers { measured[t] = ["emploi": emploi[t]!, "logement": logement[t]!] }
        let ratings: [TerritoryID: (Double, Double)] = [
            a: (8.2, 6.0), b: (6.0, 8.0), c: (7.0, 5.0), d: (6.5, 6.6), e: (6.1, 6.0), f: (5.0, 9.0),
        ]
        var perceived: [TerritoryID: [String: [PerceivedFragility]]] = [:]
        for t in peers {
            let n = t == f ? 12 : 200
            perceived[t] = [
                "emploi": [perception("citoyens", ratings[t]!.0, n: n)],
                "logement": [perception("citoyens", ratings[t]!.1, n: n)],
            ]
        }
        let national: [String: [ActorCode: PerceivedFragility]] = [
            "emploi": ["citoyens": perception("citoyens", 6.5, halfWidth: 0.1)],
            "logement": ["citoyens": perception("citoyens", 6.6, halfWidth: 0.1)],
        ]
        return CrossViewInput(
            peers: peers, domains: ["emploi", "logement"], actors: ["citoyens"], measured: measured,
            perceived: perceived, national: national, reference: reference)
    }

    @Test func classifiesTheKnownCases() throws {
        let view = CrossView.build(input())
        // A, emploi: rank 1/6 measured; 8.2 vs A's average (8.2 + 6.0)/2 = 7.1, lower bound 7.9 > 7.1.
        let aEmploi = try #require(view.cell(a, "emploi"))
        #expect(aEmploi.measuredVerdict == .fragile)
        #expect(aEmploi.feltVerdict == .felt)
        #expect(aEmploi.quadrant == .feltAndMeasured)
        #expect(aEmploi.perceptions.first?.rankAmongPeers == 1)
        #expect(aEmploi.perceptions.first?.peersRanked == 5)
        // B, logement: rank 6/6 measured (not fragile), felt 8.0 vs average 7.0.
        #expect(view.cell(b, "logement")?.quadrant == .feltNotMeasured)
        // C, logement: rank 1 measured, 5.0 vs average 6.0 → below.
        let cLogement = try #require(view.cell(c, "logement"))
        #expect(cLogement.quadrant == .measuredNotFelt)
        #expect(cLogement.perceptions.first?.verdict == .below)
        // E, emploi: rank 5 measured, 6.1 vs 6.05 → interval contains the reference.
        #expect(view.cell(e, "emploi")?.quadrant == .neither)
        #expect(view.cell(e, "emploi")?.perceptions.first?.verdict == .inline)
    }

    @Test func tooFewRespondentsSaysSoInsteadOfConcluding() throws {
        let view = CrossView.build(input())
        let fLogement = try #require(view.cell(f, "logement"))
        #expect(fLogement.feltVerdict == .tooFewRespondents)
        #expect(fLogement.quadrant == nil)
        #expect(fLogement.perceptions.first?.verdict == .tooFewRespondents)
        #expect(fLogement.perceptions.first?.rankAmongPeers == nil)
    }

    @Test func tiesInMeasuredRanksShareTheWorstThird() {
        // Ranks 1, 2, 2, 4… (competition ranks) among 6 peers: ⌈6/3⌉ = 2, both tied regions are fragile.
        let tied = MeasuredFragility(score: 1, rank: 2, peerCount: 6)
        var data = input()
        data.measured[d]!["emploi"] = tied
        data.measured[b]!["emploi"] = tied
        data.measured[c]!["emploi"] = MeasuredFragility(score: 0.9, rank: 4, peerCount: 6)
        let view = CrossView.build(data)
        #expect(view.cell(d, "emploi")?.measuredVerdict == .fragile)
        #expect(view.cell(b, "emploi")?.measuredVerdict == .fragile)
        #expect(view.cell(c, "emploi")?.measuredVerdict == .notFragile)
    }

    @Test func nationalReferenceChangesTheVerdict() {
        // D rates emploi 6.5 ± 0.3, France 6.5: inline against France; against its own average 6.55: inline too.
        // C rates emploi 7.0 ± 0.3: above France (6.7 > 6.5) and above its own average 6.0.
        let national = CrossView.build(input(reference: .national))
        #expect(national.cell(c, "emploi")?.perceptions.first?.verdict == .above)
        #expect(national.cell(d, "emploi")?.perceptions.first?.verdict == .inline)
        // B rates logement 8.0: above France's 6.6 as well.
        #expect(national.cell(b, "logement")?.feltVerdict == .felt)
    }

    @Test func correlationsAcrossRegionsUseOnlyConclusiveSamples() throws {
        let view = CrossView.build(input())
        // emploi over A–E (F has 12 respondents): scores 2, .5, 1, −.5, −1 vs ratings 8.2, 6, 7, 6.5, 6.1.
        // scipy.stats.spearmanr([2, .5, 1, -.5, -1], [8.2, 6, 7, 6.5, 6.1]).statistic = 0.7
        let emploi = try #require(view.correlationByDomain["emploi"])
        #expect(abs(emploi.rho - 0.7) < 1e-12)
        #expect(emploi.n == 5)
        #expect(view.correlationByTerritory[a] == nil)  // two domains only: too few pairs
    }
}

@Suite struct CoConstructionRelevanceTests {
    func share(_ value: Double, standardError: Double, n: Int) -> SurveyEstimate {
        SurveyEstimate(
            estimate: value, standardError: standardError, lower: value - 1.96 * standardError,
            upper: value + 1.96 * standardError,
            sampleSize: n, effectiveSampleSize: Double(n), weightSum: Double(n), degreesOfFreedom: nil,
            belowThreshold: n < 30
        )
    }

    func evidence(_ domain: String, rank: Int, rating: Double, impact: Double, mayors: Double) -> RelevanceEvidence {
        RelevanceEvidence(
            domain: domain, measured: MeasuredFragility(score: 0, rank: rank, peerCount: 13),
            perceptions: [
                PerceivedFragility(
                    actor: "citoyens", mean: rating, lower: rating - 0.2, upper: rating + 0.2, n: 300, effectiveN: 250)
            ],
            strongImpact: ["citoyens": share(impact, standardError: 0.02, n: 300)],
            mayorsSeeRelevance: share(mayors, standardError: 0.03, n: 80)
        )
    }

    @Test func scoreIsTheWeightedMeanOfItsComponents() throws {
        // emploi: measured (13 − 1)/12 = 1; felt (7.3 − 1)/9 = 0.7; impact 0.5; mayors 0.8.
        // score = 100 × (1 + 0.7 + 0.5 + 0.8) / 4 = 75.
        let result = CoConstructionRelevance.rank(
            [
                evidence("emploi", rank: 1, rating: 7.3, impact: 0.5, mayors: 0.8),
                evidence("culture", rank: 13, rating: 4.6, impact: 0.2, mayors: 0.3),
                evidence("sante", rank: 7, rating: 6.4, impact: 0.35, mayors: 0.6),
            ], method: RelevanceMethod(runs: 200))
        let emploi = try #require(result.first { $0.domain == "emploi" })
        #expect(abs(emploi.score - 75) < 1e-9)
        #expect(emploi.rank == 1)
        #expect(emploi.medianRank == 1 && emploi.rankHigh == 1)
        #expect(emploi.reasons.contains(.measuredAmongMostFragile(rank: 1, peers: 13)))
        #expect(emploi.reasons.contains(.strongImpactExpected(share: 0.5)))
        // culture: 100 × (0 + 0.4 + 0.2 + 0.3) / 4 = 22.5, last.
        let culture = try #require(result.first { $0.domain == "culture" })
        #expect(abs(culture.score - 22.5) < 1e-9)
        #expect(culture.rank == 3)
        #expect(culture.reasons.isEmpty)
    }

    @Test func missingComponentsRescaleTheWeights() throws {
        var item = evidence("numerique", rank: 4, rating: 5.5, impact: 0.3, mayors: 0.4)
        item.mayorsSeeRelevance = share(0.9, standardError: 0.1, n: 8)  // too few mayors
        item.measured = nil
        let result = CoConstructionRelevance.rank([item], method: RelevanceMethod(runs: 10))
        // felt (5.5 − 1)/9 = 0.5, impact 0.3: 100 × 0.8 / 2 = 40.
        #expect(abs(result[0].score - 40) < 1e-9)
        #expect(result[0].missing == [.measured, .mayors])
    }

    @Test func closeDomainsGetWideRankIntervalsAndTheSeedReproducesThem() {
        let items = [
            evidence("emploi", rank: 3, rating: 6.6, impact: 0.40, mayors: 0.55),
            evidence("sante", rank: 3, rating: 6.6, impact: 0.41, mayors: 0.54),
            evidence("culture", rank: 13, rating: 3.0, impact: 0.05, mayors: 0.05),
        ]
        let first = CoConstructionRelevance.rank(items, method: RelevanceMethod(runs: 500, seed: 7))
        let again = CoConstructionRelevance.rank(items, method: RelevanceMethod(runs: 500, seed: 7))
        #expect(first == again)
        #expect(first[0].rankLow == 1 && first[0].rankHigh == 2)
        #expect(first[1].rankLow == 1 && first[1].rankHigh == 2)
        #expect(first[2].rankLow == 3 && first[2].rankHigh == 3)
    }

    @Test func actorsAgreementOnRatingsCentredOnEachActorsAverage() throws {
        // Companies rate every domain 1.5 points lower than citizens: same relative concern, agreement.
        let averages: [ActorCode: Double] = ["citoyens": 6.3, "entreprises": 4.8, "associations": 6.0]
        let close = [
            PerceivedFragility(actor: "citoyens", mean: 6.5, lower: 6.3, upper: 6.7, n: 300, effectiveN: 250),
            PerceivedFragility(actor: "entreprises", mean: 5.2, lower: 4.9, upper: 5.5, n: 200, effectiveN: 150),
        ]
        let agreement = try #require(
            CoConstructionRelevance.agreement(close, averages: averages, minimumRespondents: 30))
        #expect(!agreement.diverge)
        // centred: citoyens +0.2, entreprises +0.4 → range 0.2, entreprises most concerned.
        #expect(abs(agreement.range - 0.2) < 1e-12)
        #expect(agreement.mostConcerned == "entreprises")
        // Associations +2.0 above their own average: a significant divergence.
        let apart =
            close + [
                PerceivedFragility(actor: "associations", mean: 8.0, lower: 7.7, upper: 8.3, n: 150, effectiveN: 120)
            ]
        let divergent = try #require(
            CoConstructionRelevance.agreement(apart, averages: averages, minimumRespondents: 30))
        #expect(divergent.diverge)
        #expect(divergent.mostConcerned == "associations" && divergent.leastConcerned == "citoyens")
        #expect(abs(divergent.range - 1.8) < 1e-12)
    }

    @Test func actorAveragesUseConclusiveSamplesOnly() {
        let items = [
            RelevanceEvidence(
                domain: "a", measured: nil,
                perceptions: [
                    PerceivedFragility(actor: "citoyens", mean: 6, lower: 5.8, upper: 6.2, n: 100, effectiveN: 90)
                ], strongImpact: [:], mayorsSeeRelevance: nil),
            RelevanceEvidence(
                domain: "b", measured: nil,
                perceptions: [
                    PerceivedFragility(actor: "citoyens", mean: 8, lower: 7.8, upper: 8.2, n: 100, effectiveN: 90),
                    PerceivedFragility(actor: "maires", mean: 9, lower: 8, upper: 10, n: 10, effectiveN: 9),
                ], strongImpact: [:], mayorsSeeRelevance: nil),
        ]
        #expect(CoConstructionRelevance.actorAverages(items, minimumRespondents: 30) == ["citoyens": 7])
    }
}

@Suite struct NationalComparisonTests {
    @Test func differenceOfARegionFromTheNationThatContainsIt() {
        // Hand-worked: region 0.40 (SE 0.03), rest 0.30 (SE 0.01), region weighs 10 %.
        // national = 0.1·0.40 + 0.9·0.30 = 0.31; difference = 0.9 × 0.10 = 0.09;
        // SE = 0.9 × √(0.0009 + 0.0001) = 0.028460498941515415.
        let comparison = compareWithNational(
            regional: 0.40, regionalSE: 0.03, rest: 0.30, restSE: 0.01, regionShare: 0.1)
        #expect(abs(comparison.national - 0.31) < 1e-12)
        #expect(abs(comparison.difference - 0.09) < 1e-12)
        #expect(abs(comparison.standardError - 0.028460498941515415) < 1e-12)
        #expect(comparison.isSignificant)
        let small = compareWithNational(regional: 0.32, regionalSE: 0.03, rest: 0.30, restSE: 0.01, regionShare: 0.1)
        #expect(!small.isSignificant)
    }
}

@Suite struct CrossViewEncodingTests {
    @Test func dictionariesEncodeAsJSONObjects() throws {
        let correlation = RankCorrelation(rho: 0.5, n: 10, lower: 0.1, upper: 0.8, level: 0.95)
        let data = try JSONEncoder().encode([TerritoryID(.region, "44"): correlation])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\"region:44\":"))
        let back = try JSONDecoder().decode([TerritoryID: RankCorrelation].self, from: data)
        #expect(back[TerritoryID(.region, "44")] == correlation)
        let weights = try JSONEncoder().encode(RelevanceMethod().weights)
        #expect(String(decoding: weights, as: UTF8.self).contains("\"measured\":0.25"))
    }
}
