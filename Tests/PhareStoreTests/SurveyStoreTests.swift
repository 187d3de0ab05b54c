import Foundation
import PhareAnalysis
import PhareTestSupport
import Testing

@testable import PhareCore
@testable import PhareStore

@Suite struct SurveyStoreTests {
    static let framework = try! FrameworkLoader.bundled()
    static let tree = try! TerritoryTree.bundled()

    func store(_ kind: StoreKind) throws -> any ObservatoryStore {
        try StoreFixture.initialised(kind).store
    }

    static let wave = SurveyWave(
        code: "2025", year: 2025, label: "Vague 2025", synthetic: false, questionnaireID: "phare-commun",
        questionnaireVersion: "2025.1")

    static let respondents = [
        SurveyRespondent(
            id: "m2", line: 2, designWeight: 3, stratum: "44", cluster: nil,
            profile: ["region": "44", "taille_commune": "moins-500"],
            answers: ["PRIO": ["emploi", "sante", "culture"], "DYNAMIC": ["ancree"], "FRAG_emploi": ["7"]]),
        SurveyRespondent(
            id: "m1", line: 3, designWeight: 1.5, stratum: "44", cluster: nil,
            profile: ["region": "44", "taille_commune": "10000-plus"],
            answers: ["WHO_emploi": ["entreprises", "collectivites"]]),
    ]

    @Test(arguments: StoreKind.allCases) func responsesRoundTripInImportOrder(_ kind: StoreKind) throws {
        let store = try store(kind)
        try store.saveResponses(
            SurveyResponses(wave: Self.wave, actor: "maires", respondents: Self.respondents), replace: false)
        let read = try store.responses(wave: "2025", actor: "maires")
        #expect(read.wave == Self.wave)
        #expect(read.respondents == Self.respondents)
        let waves = try store.surveyWaves()
        #expect(
            waves.count == 1
                && waves.first?.content == [SurveyWaveContent(actor: "maires", respondents: 2, weighted: false)])
        #expect(throws: StoreError.self) {
            try store.saveResponses(
                SurveyResponses(wave: Self.wave, actor: "maires", respondents: Self.respondents), replace: false)
        }
        #expect(throws: StoreError.self) { try store.responses(wave: "1999", actor: "maires") }
    }

    @Test(arguments: StoreKind.allCases) func weightingIsRecordedAndDroppedWhenResponsesAreReplaced(_ kind: StoreKind)
        throws
    {
        let store = try store(kind)
        let responses = SurveyResponses(wave: Self.wave, actor: "maires", respondents: Self.respondents)
        try store.saveResponses(responses, replace: false)
        let plan = WeightingPlan(
            method: .poststratify,
            margins: [
                PopulationMargin(
                    variable: "taille_commune", categories: ["moins-500", "10000-plus"], counts: [60, 40])
            ], source: "test")
        let (weights, report) = try WaveWeighting.weight(responses, plan: plan)
        #expect(weights.weights == [60, 40])
        try store.saveWeighting(wave: "2025", actor: "maires", plan: plan, report: report, weights: weights)
        #expect(try store.weighting(wave: "2025", actor: "maires")?.plan == plan)
        #expect(try store.weighting(wave: "2025", actor: "maires")?.report == report)
        #expect(try store.weighting(wave: "2025", actor: "maires")?.calibrated?.weights == [60, 40])
        #expect(try store.weightedSample(wave: "2025", actor: "maires").weighting == .calibrated)
        try store.saveResponses(responses, replace: true)
        #expect(try store.weighting(wave: "2025", actor: "maires") == nil)
        #expect(try store.weightedSample(wave: "2025", actor: "maires").weighting == .designWeights)
    }

    /// The analysis reads the stored weights and calibration steps: the design it rebuilds gives
    /// the same variances, to the bit, as the design the raking produced; a weighting whose
    /// fingerprint no longer fits is reported stale and not re-raked.
    @Test(arguments: StoreKind.allCases)
    func storedWeightsGiveTheCalibratedDesignBackAndStaleOnesAreReported(_ kind: StoreKind) throws {
        let (store, location) = try StoreFixture.initialised(kind)
        let respondents: [SurveyRespondent] = (0..<40).map { (row: Int) -> SurveyRespondent in
            let region = row % 2 == 0 ? "44" : "52"
            let size = row % 4 < 2 ? "moins-500" : "10000-plus"
            return SurveyRespondent(
                id: "m\(row)", line: row + 2, designWeight: 1 + Double(row % 3), stratum: nil, cluster: nil,
                profile: ["region": region, "taille_commune": size], answers: [:]
            )
        }
        let responses = SurveyResponses(wave: Self.wave, actor: "maires", respondents: respondents)
        try store.saveResponses(responses, replace: false)
        let plan = WeightingPlan(
            method: .rake,
            margins: [
                PopulationMargin(variable: "region", categories: ["44", "52"], counts: [300, 200]),
                PopulationMargin(
                    variable: "taille_commune", categories: ["moins-500", "10000-plus"], counts: [350, 150]),
            ],
            trimUpper: 20, source: "test"
        )
        let calibrated = try SurveyWeighting.apply(plan, to: responses).design
        let (weights, report) = try WaveWeighting.weight(responses, plan: plan)
        try store.saveWeighting(wave: "2025", actor: "maires", plan: plan, report: report, weights: weights)
        let sample = try store.weightedSample(wave: "2025", actor: "maires")
        #expect(sample.weighting == .calibrated)
        #expect(sample.design.weights == calibrated.weights)
        let values: [Double] = (0..<40).map { (row: Int) -> Double in Double((row * 7) % 11) }
        #expect(sample.design.linearizedVariance(dense: values) == calibrated.linearizedVariance(dense: values))
        #expect(
            sample.design.linearizedVariance(rows: [1, 5, 9], values: [2, 3, 4])
                == calibrated.linearizedVariance(rows: [1, 5, 9], values: [2, 3, 4]))

        try StoreFixture.execute("UPDATE survey_weighting SET responses_fingerprint = 'other'", at: location)
        guard
            case .stale = try ObservatoryLocation(location).open().weightedSample(wave: "2025", actor: "maires")
                .weighting
        else {
            Issue.record("a weighting of other responses must be reported stale")
            return
        }
    }

    @Test(arguments: StoreKind.allCases) func syntheticAndRealResponsesDoNotMix(_ kind: StoreKind) throws {
        let store = try store(kind)
        var synthetic = Self.wave
        synthetic.synthetic = true
        try store.saveResponses(
            SurveyResponses(wave: synthetic, actor: "maires", respondents: Self.respondents), replace: false)
        do {
            try store.saveResponses(
                SurveyResponses(wave: Self.wave, actor: "citoyens", respondents: Self.respondents), replace: false)
            Issue.record("expected a refusal")
        } catch {
            #expect("\(error)".contains("holds synthetic demo data"))
        }
    }
}
