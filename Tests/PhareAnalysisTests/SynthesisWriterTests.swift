import Testing

@testable import PhareAnalysis
@testable import PhareCore

@Suite struct SynthesisWriterTests {
    static let framework = try! FrameworkLoader.bundled()
    let region = TerritoryID(.region, "44")

    func perception(_ actor: ActorCode, _ mean: Double, _ verdict: ActorPerceptionVerdict, n: Int = 200)
        -> ActorPerception
    {
        ActorPerception(
            estimate: PerceivedFragility(
                actor: actor, mean: mean, lower: mean - 0.3, upper: mean + 0.3, n: n, effectiveN: Double(n)),
            reference: 6, verdict: verdict, rankAmongPeers: nil, peersRanked: 13
        )
    }

    func cell(
        _ domain: String, rank: Int?, felt: FeltVerdict, quadrant: FragilityQuadrant?, perceptions: [ActorPerception]
    ) -> CrossViewCell {
        CrossViewCell(
            territory: region, domain: domain,
            measured: rank.map { MeasuredFragility(score: 1, rank: $0, peerCount: 13) },
            measuredVerdict: rank.map { $0 <= 5 ? .fragile : .notFragile } ?? .noData,
            perceptions: perceptions, feltVerdict: felt, quadrant: quadrant
        )
    }

    func relevance(
        _ domain: String, rank: Int, low: Double, high: Double, reasons: [RelevanceReason] = [],
        agreement: ActorAgreement? = nil
    ) -> DomainRelevance {
        DomainRelevance(
            domain: domain, score: Double(80 - rank * 5), components: [:], missing: [], agreement: agreement,
            rank: rank, medianRank: Double(rank), rankLow: low, rankHigh: high, reasons: reasons)
    }

    var provenance: ProfileProvenance {
        ProfileProvenance(
            illustrativeIndicators: true, syntheticSurveys: true, surveyWave: "2025", respondents: [:],
            minimumRespondents: 30, peerSet: "metropolitan", peers: [])
    }

    @Test func worstOnBothFeltButNotMeasuredAndRecommendations() {
        let cells = [
            cell(
                "emploi", rank: 1, felt: .felt, quadrant: .feltAndMeasured,
                perceptions: [perception("citoyens", 7.8, .above), perception("entreprises", 7.5, .above)]),
            cell(
                "logement", rank: 11, felt: .felt, quadrant: .feltNotMeasured,
                perceptions: [perception("citoyens", 7.0, .above)]),
            cell(
                "sante", rank: 3, felt: .notFelt, quadrant: .measuredNotFelt,
                perceptions: [perception("citoyens", 5.9, .inline)]),
            cell(
                "culture", rank: 12, felt: .notFelt, quadrant: .neither,
                perceptions: [perception("citoyens", 4.9, .below)]),
        ]
        let fragilities = FragilitiesPart(
            axisScores: [], cells: cells,
            correlation: RankCorrelation(rho: 0.62, n: 16, lower: 0.18, upper: 0.86, level: 0.95))
        let coConstruction = CoConstructionPart(
            mayorsRespondents: 40,
            dynamic: [
                LabelledFigure(
                    code: "ancree", label: LocalizedText(fr: "Ancrée", en: "Anchored"),
                    figure: ProfileFigure(value: 0.12, n: 40)),
                LabelledFigure(
                    code: "croissante", label: LocalizedText(fr: "Croissante", en: "Growing"),
                    figure: ProfileFigure(value: 0.30, n: 40)),
            ],
            roles: [],
            relevance: [
                relevance(
                    "emploi", rank: 1, low: 1, high: 1,
                    reasons: [.measuredAmongMostFragile(rank: 1, peers: 13), .strongImpactExpected(share: 0.49)],
                    agreement: ActorAgreement(
                        range: 1.4, mostConcerned: "entreprises", leastConcerned: "citoyens", diverge: true)),
                relevance("sante", rank: 2, low: 2, high: 4),
                relevance("logement", rank: 3, low: 2, high: 4),
                relevance("culture", rank: 4, low: 3, high: 4),
            ]
        )
        let practices = PracticesPart(
            partnershipRates: [
                LabelledFigure(
                    code: "associations", label: LocalizedText(fr: "Associations", en: "Associations"),
                    figure: ProfileFigure(value: 0.45, lower: 0.39, upper: 0.51, n: 120),
                    comparison: compareWithNational(
                        regional: 0.45, regionalSE: 0.03, rest: 0.36, restSE: 0.01, regionShare: 0.08)
                )
            ],
            types: [], scopes: [], innovationAgreement: []
        )
        let writer = SynthesisWriter(framework: Self.framework, name: "Grand Est", minimumRespondents: 30)
        let synthesis = writer.write(
            fragilities: fragilities, coConstruction: coConstruction, practices: practices, provenance: provenance)
        let french = synthesis.sentences.map(\.fr)
        let english = synthesis.sentences.map(\.en)
        #expect(
            french[0]
                == "Selon les indicateurs, les fragilités les plus marquées de Grand Est sont : emploi (rang 1 sur 13) et santé (rang 3 sur 13)."
        )
        #expect(
            english[1]
                == "The actors feel these fragilities first: employment (citizens and companies) and poor housing (citizens)."
        )
        #expect(french.contains("Mesure et ressenti concordent sur : emploi."))
        #expect(
            french.contains("Les indicateurs signalent une fragilité que les acteurs ne placent pas en tête : santé."))
        #expect(french.contains("Ressenti sans être parmi les plus marqués selon les indicateurs : mal-logement."))
        #expect(
            english.contains(
                "Across domains, the felt hierarchy follows the measured one (Spearman's ρ = 0.62, 95% CI [0.18, 0.86], 16 domains)."
            ))
        #expect(
            french.contains(
                "Sur emploi, les entreprises s'inquiètent nettement plus que les citoyens (écart de 1,4 point sur 10).")
        )
        #expect(synthesis.recommendedDomains == ["emploi", "sante", "logement"])
        #expect(
            english.contains {
                $0.hasPrefix(
                    "Domains where alliances between associations, companies and local authorities would help most: employment (score 75/100; measured among the most fragile, ranked 1 of 13; strong impact expected by 49% of actors)"
                )
            })
        #expect(english.contains("The order of poor housing and culture is uncertain: their rank intervals overlap."))
        #expect(
            french.contains(
                "42 % des maires interrogés (n = 40) jugent la co-construction engagée sur leur territoire."))
        #expect(french.contains("Les associations y pratiquent plus le partenariat qu'en France : 45 % contre 37 %."))
        #expect(
            english.last?.hasPrefix(
                "Caution: these results rest on illustrative indicator values and synthetic survey answers") == true)
    }

    @Test func tooFewRespondentsIsSaidInsteadOfConcluding() {
        let cells = [
            cell(
                "emploi", rank: 2, felt: .tooFewRespondents, quadrant: nil,
                perceptions: [perception("citoyens", 8, .tooFewRespondents, n: 12)]),
            cell(
                "sante", rank: 9, felt: .tooFewRespondents, quadrant: nil,
                perceptions: [perception("citoyens", 5, .tooFewRespondents, n: 12)]),
        ]
        let writer = SynthesisWriter(framework: Self.framework, name: "Corse", minimumRespondents: 30)
        let synthesis = writer.write(
            fragilities: FragilitiesPart(axisScores: [], cells: cells, correlation: nil),
            coConstruction: CoConstructionPart(mayorsRespondents: 9, dynamic: [], roles: [], relevance: []),
            practices: PracticesPart(partnershipRates: [], types: [], scopes: [], innovationAgreement: []),
            provenance: ProfileProvenance(
                illustrativeIndicators: false, syntheticSurveys: false, surveyWave: nil, respondents: [:],
                minimumRespondents: 30, peerSet: "metropolitan", peers: [])
        )
        let french = synthesis.sentences.map(\.fr)
        #expect(
            french.contains(
                "Trop peu de personnes ont répondu à l'enquête dans Corse (moins de 30 par acteur) pour dire quelles fragilités y sont ressenties."
            ))
        #expect(
            french.contains(
                "Trop peu de maires ont répondu (9, moins de 30) pour décrire la dynamique de co-construction."))
        #expect(!french.contains { $0.contains("concordent") })
        #expect(!french.contains { $0.hasPrefix("Attention") })
    }

    @Test func noSurveyAndNoIndicatorAreSaid() {
        let cells = [cell("emploi", rank: nil, felt: .noData, quadrant: nil, perceptions: [])]
        let synthesis = SynthesisWriter(framework: Self.framework, name: "Mayotte", minimumRespondents: 30).write(
            fragilities: FragilitiesPart(axisScores: [], cells: cells, correlation: nil),
            coConstruction: CoConstructionPart(mayorsRespondents: 0, dynamic: [], roles: [], relevance: []),
            practices: PracticesPart(partnershipRates: [], types: [], scopes: [], innovationAgreement: []),
            provenance: provenance
        )
        #expect(
            synthesis.sentences[0].en
                == "No indicator is loaded for Mayotte: its measured fragility cannot be established.")
        #expect(
            synthesis.sentences[1].en == "No survey is available for Mayotte: felt fragilities cannot be described.")
        #expect(synthesis.recommendedDomains.isEmpty)
    }
}
