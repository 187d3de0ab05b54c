import Foundation
import Testing
@testable import PhareCore
@testable import PhareStore

@Suite struct SurveyStoreTests {
    static let framework = try! FrameworkLoader.bundled()
    static let tree = try! TerritoryTree.bundled()

    func store() throws -> SQLiteObservatoryStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phare-survey-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try SQLiteObservatoryStore.initialise(path: folder + "/obs.sqlite", framework: Self.framework, frameworkSource: "bundled", territories: Self.tree, force: false)
        return try SQLiteObservatoryStore(path: folder + "/obs.sqlite")
    }

    static let wave = SurveyWave(code: "2025", year: 2025, label: "Vague 2025", synthetic: false, questionnaireID: "phare-commun", questionnaireVersion: "2025.1")

    static let respondents = [
        SurveyRespondent(id: "m2", line: 2, designWeight: 3, stratum: "44", cluster: nil, profile: ["region": "44", "taille_commune": "moins-500"],
                         answers: ["PRIO": ["emploi", "sante", "culture"], "DYNAMIC": ["ancree"], "FRAG_emploi": ["7"]]),
        SurveyRespondent(id: "m1", line: 3, designWeight: 1.5, stratum: "44", cluster: nil, profile: ["region": "44", "taille_commune": "10000-plus"],
                         answers: ["WHO_emploi": ["entreprises", "collectivites"]]),
    ]

    @Test func responsesRoundTripInImportOrder() throws {
        let store = try store()
        try store.saveResponses(SurveyResponses(wave: Self.wave, actor: "maires", respondents: Self.respondents), replace: false)
        let read = try store.responses(wave: "2025", actor: "maires")
        #expect(read.wave == Self.wave)
        #expect(read.respondents == Self.respondents)
        let waves = try store.surveyWaves()
        #expect(waves.count == 1 && waves.first?.content == [SurveyWaveContent(actor: "maires", respondents: 2, weighted: false)])
        #expect(throws: StoreError.self) { try store.saveResponses(SurveyResponses(wave: Self.wave, actor: "maires", respondents: Self.respondents), replace: false) }
        #expect(throws: StoreError.self) { try store.responses(wave: "1999", actor: "maires") }
    }

    @Test func weightingIsRecordedAndDroppedWhenResponsesAreReplaced() throws {
        let store = try store()
        let responses = SurveyResponses(wave: Self.wave, actor: "maires", respondents: Self.respondents)
        try store.saveResponses(responses, replace: false)
        let plan = WeightingPlan(method: .poststratify, margins: [PopulationMargin(variable: "taille_commune", categories: ["moins-500", "10000-plus"], counts: [60, 40])], source: "test")
        let (design, report) = try SurveyWeighting.apply(plan, to: responses)
        #expect(design.weights == [60, 40])
        try store.saveWeighting(wave: "2025", actor: "maires", plan: plan, report: report, weights: design.weights)
        #expect(try store.weighting(wave: "2025", actor: "maires")?.plan == plan)
        #expect(try store.weighting(wave: "2025", actor: "maires")?.report == report)
        #expect(try store.calibratedWeights(wave: "2025", actor: "maires") == [60, 40])
        try store.saveResponses(responses, replace: true)
        #expect(try store.weighting(wave: "2025", actor: "maires") == nil)
        #expect(try store.calibratedWeights(wave: "2025", actor: "maires") == nil)
    }

    @Test func syntheticAndRealResponsesDoNotMix() throws {
        let store = try store()
        var synthetic = Self.wave
        synthetic.synthetic = true
        try store.saveResponses(SurveyResponses(wave: synthetic, actor: "maires", respondents: Self.respondents), replace: false)
        do {
            try store.saveResponses(SurveyResponses(wave: Self.wave, actor: "citoyens", respondents: Self.respondents), replace: false)
            Issue.record("expected a refusal")
        } catch {
            #expect("\(error)".contains("holds synthetic demo data"))
        }
    }
}
