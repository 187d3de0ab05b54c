import Foundation
import PhareAnalysis
import PhareCore
import PhareDemo
import PhareImport
import PhareRender
import PhareStore

@testable import PhareServer

/// The demo observatory with what change over time needs, built with the library calls of
/// `phare init --demo`: the real open-data baseline (crime 2016–2024, unemployment 2016–2023 by
/// region), illustrative values for the other indicators, and both synthetic waves (2015, 2025).
enum EvolutionFixture {
    static let databasePath: String = {
        let path = ServerFixture.temporaryFolder() + "/evolution.sqlite"
        try! SQLiteObservatoryStore.initialise(
            path: path, framework: ServerFixture.framework, frameworkSource: "bundled", territories: ServerFixture.tree,
            force: false)
        let store = try! SQLiteObservatoryStore(path: path)
        let framework = try! store.framework()
        _ = try! store.saveCatalogue(try! IndicatorCatalogueFile.bundled(framework: framework))
        let catalogue = try! store.indicatorCatalogue()
        let tree = try! store.territoryTree()
        let index = TerritoryIndex(tree: tree)
        let aggregate = AnalysisPipeline.treeAggregator(catalogue: catalogue, index: index)
        let baseline = try! OpenDataBaseline.values(index: index, catalogue: catalogue)
        _ = try! store.importIndicatorValues(
            baseline.observations,
            dataset: NewIndicatorDataset(
                name: OpenDataBaseline.datasetName, sourceFile: OpenDataBaseline.sourceFile, format: "long",
                illustrative: false),
            index: index, catalogue: catalogue, aggregate: aggregate)
        try! store.saveOpenDataProvenance(try! OpenDataBaseline.provenanceData())
        let provenance = try! store.openDataProvenance()
        let real = Set(
            catalogue.indicators.filter { provenance?.isReal($0, in: catalogue) == true }.map(\.code)
                + (provenance?.indicators.keys.map { $0 } ?? []))
        _ = try! store.importIndicatorValues(
            try! DemoObservatory.illustrativeValues(
                catalogue: catalogue, framework: framework, index: index, tree: tree, real: real),
            dataset: NewIndicatorDataset(
                name: "illustrative demo values", sourceFile: "tests", format: "demo", illustrative: true),
            index: index, catalogue: catalogue, aggregate: aggregate)
        let questionnaire = try! QuestionnaireLoader.bundled(framework: framework)
        for wave in try! DemoWave.bundled() {
            for sample in try! DemoObservatory.surveySamples(
                framework: framework, questionnaire: questionnaire, territories: tree, wave: wave)
            {
                try! store.saveResponses(sample.responses, replace: false)
                let (weights, report) = try! WaveWeighting.weight(sample.responses, plan: sample.plan)
                try! store.saveWeighting(
                    wave: wave.code, actor: sample.responses.actor, plan: sample.plan, report: report,
                    weights: weights)
            }
        }
        return path
    }()

    static let snapshot: DashboardSnapshot = try! SnapshotLoader(path: databasePath).load().0
}

extension EvolutionFixture {
    /// The store the snapshot was built from, for independent look-ups in the tests.
    static var store: SQLiteObservatoryStore { try! SQLiteObservatoryStore(path: databasePath) }
}
