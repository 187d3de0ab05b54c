import Foundation
import Testing

@testable import PhareCore

/// The stage diagnostic against hand-made projects placed where the seed's description of the
/// five stages puts them (004, part 3-2), and its recommendations against the needs matrix as
/// read from the seed (the intensities below are typed from the seed, not from the JSON).
@Suite struct StageDiagnosticTests {
    static let diagnostic = try! StageDiagnostic.bundled()

    /// Seed matrix, lever → intensity for each big phase (docs/METHODOLOGY.md, "Needs matrix").
    static let seedMatrix: [InnovationPhase: [String: Int]] = [
        .research: ["financement": 2, "competences-reseau": 2, "conseil": 3, "valorisation": 1],
        .proofOfConcept: ["financement": 2, "competences-reseau": 2, "conseil": 2, "valorisation": 2],
        .deployment: ["financement": 3, "competences-reseau": 3, "conseil": 1, "valorisation": 2],
    ]

    func answers(_ values: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: values.enumerated().map { ("Q\($0.offset + 1)", $0.element) })
    }

    @Test func twelveQuestionsInBothLanguagesCoveringEveryStage() {
        #expect(Self.diagnostic.questions.count == 12)
        for question in Self.diagnostic.questions {
            #expect(!question.text.fr.isEmpty && !question.text.en.isEmpty && question.text.fr != question.text.en)
        }
        #expect(Set(Self.diagnostic.questions.map(\.stage)) == Set(InnovationStage.allCases))
        #expect(Self.diagnostic.matrix.count == 12)
    }

    /// R&D phase: needs analysed, an idea shared, a first trial on the ground, partly corrected,
    /// without the means to finish it — "les solutions imaginées sont testées": experimentation.
    @Test func aFieldTrialIsInExperimentationBeforeTheDesert() throws {
        let placement = try Self.diagnostic.place(
            answers(["oui", "oui", "oui", "en-partie", "non", "non", "non", "non", "non", "non", "non", "non"]))
        #expect(placement.stage == .experimentation)
        #expect(placement.stage.phase == .research)
        #expect(placement.passage == .desertCrossing)
        // Strategic advice (+++) first, then funding and skills (++), framing evaluation (+) last.
        #expect(
            placement.recommendations.map(\.lever) == ["conseil", "financement", "competences-reseau", "valorisation"])
        for need in placement.recommendations { #expect(need.intensity == Self.seedMatrix[.research]?[need.lever]) }
        #expect(placement.partnerKinds.contains(.academic) && placement.partnerKinds.contains(.localAuthority))
    }

    /// Proof of concept: the trial is over and written down, the deployment partly sized, no
    /// second site — "formaliser les résultats de l'expérimentation": modelling, the valley of death ahead.
    @Test func aWrittenUpTrialIsInModellingBeforeTheValleyOfDeath() throws {
        let placement = try Self.diagnostic.place(
            answers(["oui", "oui", "oui", "oui", "oui", "oui", "en-partie", "non", "non", "non", "non", "non"]))
        #expect(placement.stage == .modelling)
        #expect(placement.stage.phase == .proofOfConcept)
        #expect(placement.passage == .valleyOfDeath)
        #expect(placement.recommendations.allSatisfy { $0.intensity == 2 })
        #expect(placement.recommendations.first { $0.lever == "valorisation" }?.qualifier?.fr == "preuve de concept")
    }

    /// Deployment: the initial promoter runs other sites on earned income, governance partly
    /// adapted, nobody else deploys it yet — "développement porté par l'innovateur initial": spreading.
    @Test func aSecondSiteRunByThePromoterIsSpreadingBeforeTheGrowthCrisis() throws {
        let placement = try Self.diagnostic.place(
            answers(["oui", "oui", "oui", "oui", "oui", "oui", "oui", "oui", "oui", "en-partie", "non", "non"]))
        #expect(placement.stage == .spreading)
        #expect(placement.stage.phase == .deployment)
        #expect(placement.passage == .growthCrisis)
        #expect(Array(placement.recommendations.map(\.lever).prefix(2)) == ["financement", "competences-reseau"])
        #expect(placement.recommendations.last?.lever == "conseil")
        for need in placement.recommendations { #expect(need.intensity == Self.seedMatrix[.deployment]?[need.lever]) }
        #expect(placement.partnerKinds.first == .company)
    }

    /// A later milestone does not count while an earlier stage is not reached.
    @Test func stagesAreReachedInOrder() throws {
        let placement = try Self.diagnostic.place(
            answers(["oui", "oui", "oui", "oui", "oui", "non", "non", "non", "non", "non", "oui", "oui"]))
        #expect(placement.stage == .experimentation)
        let none = try Self.diagnostic.place(answers(Array(repeating: "non", count: 12)))
        #expect(none.stage == .conception && none.passage == .takingAction)
        let all = try Self.diagnostic.place(answers(Array(repeating: "yes", count: 12)))
        #expect(all.stage == .industrialisation && all.passage == .quantumLeap)
    }

    @Test func aMissingAnswerIsNamedInOneSentence() {
        var given = answers(Array(repeating: "oui", count: 12))
        given["Q7"] = nil
        given["Q9"] = "peut-être"
        #expect {
            try Self.diagnostic.place(given)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("Q7") && text.contains("Q9") && !text.contains("Q8")
                && text.contains("oui, en-partie, non")
        }
    }
}
