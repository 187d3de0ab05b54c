import Foundation
import PhareAnalysis
import PhareCore
import PhareDemo
import PhareImport
import PhareStore

/// Writes the demo observatory's data (`PhareDemo`) into a new observatory: the bundled catalogue
/// with ILLUSTRATIVE values, and the SYNTHETIC survey wave weighted as `phare survey weight` does.
enum DemoInstall {
    static func install(at path: String) throws {
        let store = try SQLiteObservatoryStore(path: path)
        try installIndicators(store)
        try installSurveys(store)
    }

    static func installIndicators(_ store: SQLiteObservatoryStore) throws {
        let framework = try store.framework()
        _ = try store.saveCatalogue(try IndicatorCatalogueFile.bundled(framework: framework))
        let catalogue = try store.indicatorCatalogue()
        let tree = try store.territoryTree()
        let index = TerritoryIndex(tree: tree)
        let observations = try DemoObservatory.illustrativeValues(
            catalogue: catalogue, framework: framework, index: index, tree: tree)
        let summary = try store.importIndicatorValues(
            observations,
            dataset: NewIndicatorDataset(
                name: DemoObservatory.illustrativeDataset.name,
                sourceFile: DemoObservatory.illustrativeDataset.sourceFile,
                format: "demo", illustrative: true
            ),
            index: index, catalogue: catalogue,
            aggregate: AnalysisPipeline.treeAggregator(catalogue: catalogue, index: index)
        )
        let departements = tree.territories(at: .departement).count
        note(
            "demo: \(catalogue.count) indicators in the catalogue; \(summary.values) ILLUSTRATIVE values for the "
                + "\(departements) départements (not real statistics), \(summary.aggregates) values aggregated up the tree "
                + "(regions, France)"
        )
    }

    /// Loads the SYNTHETIC demo surveys (one sample per actor) and weights them; does nothing when
    /// the demo wave is already there.
    static func installSurveys(_ store: SQLiteObservatoryStore) throws {
        if try store.surveyWaves().contains(where: { $0.wave.code == SurveyDemo.waveCode }) {
            note("the demo survey wave \(SurveyDemo.waveCode) is already loaded")
            return
        }
        let framework = try store.framework()
        let samples = try DemoObservatory.surveySamples(
            framework: framework, questionnaire: try store.questionnaire(), territories: try store.territoryTree()
        )
        for sample in samples {
            let actor = sample.responses.actor
            try store.saveResponses(sample.responses, replace: false)
            let (weights, report) = try WaveWeighting.weight(sample.responses, plan: sample.plan)
            try store.saveWeighting(
                wave: SurveyDemo.waveCode, actor: actor, plan: sample.plan, report: report, weights: weights)
            let margins = sample.plan.margins.map(\.variable).joined(separator: ", ")
            note(
                "loaded \(sample.responses.respondents.count) SYNTHETIC \(actor) respondents (wave \(SurveyDemo.waveCode)), "
                    + "raked on \(margins): Kish deff \(short(report.after.kishDesignEffect))"
            )
        }
    }
}
