import Foundation
import PhareAnalysis
import PhareCore
import PhareDemo
import PhareImport
import PhareRender
import PhareStore

@testable import PhareServer

/// The demo observatory (`phare init --demo`: illustrative indicator values and synthetic
/// surveys of wave 2015), built once for the analysis tests with the same library calls.
enum DemoFixture {
    static let databasePath: String = {
        let path = ServerFixture.temporaryFolder() + "/demo.sqlite"
        try! SQLiteObservatoryStore.initialise(
            path: path, framework: ServerFixture.framework, frameworkSource: "bundled", territories: ServerFixture.tree,
            force: false)
        let store = try! SQLiteObservatoryStore(path: path)
        let framework = try! store.framework()
        _ = try! store.saveCatalogue(try! IndicatorCatalogueFile.bundled(framework: framework))
        let catalogue = try! store.indicatorCatalogue()
        let tree = try! store.territoryTree()
        let index = TerritoryIndex(tree: tree)
        let observations = try! DemoObservatory.illustrativeValues(
            catalogue: catalogue, framework: framework, index: index, tree: tree)
        _ = try! store.importIndicatorValues(
            observations,
            dataset: NewIndicatorDataset(
                name: "illustrative demo values", sourceFile: "tests", format: "demo", illustrative: true),
            index: index, catalogue: catalogue,
            aggregate: AnalysisPipeline.treeAggregator(catalogue: catalogue, index: index)
        )
        let questionnaire = try! QuestionnaireLoader.bundled(framework: framework)
        for sample in try! DemoObservatory.surveySamples(
            framework: framework, questionnaire: questionnaire, territories: tree)
        {
            try! store.saveResponses(sample.responses, replace: false)
            let (weights, report) = try! WaveWeighting.weight(sample.responses, plan: sample.plan)
            try! store.saveWeighting(
                wave: SurveyDemo.waveCode, actor: sample.responses.actor, plan: sample.plan, report: report,
                weights: weights
            )
        }
        try! store.saveAlliances(DemoAlliances.examples(framework: framework, territories: tree))
        return path
    }()

    static let snapshot: DashboardSnapshot = try! SnapshotLoader(path: databasePath).load().0
    /// The store the snapshot was built from, for independent look-ups in the tests.
    static var store: SQLiteObservatoryStore { try! SQLiteObservatoryStore(path: databasePath) }
}
