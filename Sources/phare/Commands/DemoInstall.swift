import Foundation
import PhareAnalysis
import PhareCore
import PhareDemo
import PhareImport
import PhareStore

/// What `phare init` writes into a new observatory besides the framework and the territories: the
/// bundled catalogue and the real open-data baseline with its provenance; with `--demo`, the
/// SYNTHETIC survey wave (weighted as `phare survey weight` does) and ILLUSTRATIVE values for the
/// indicators that have no real source.
enum DemoInstall {
    static func installBaseline(_ store: any ObservatoryStore) throws {
        let framework = try store.framework()
        _ = try store.saveCatalogue(try IndicatorCatalogueFile.bundled(framework: framework))
        let catalogue = try store.indicatorCatalogue()
        let index = TerritoryIndex(tree: try store.territoryTree())
        let contents = try OpenDataBaseline.values(index: index, catalogue: catalogue)
        let summary = try store.importIndicatorValues(
            contents.observations,
            dataset: NewIndicatorDataset(
                name: OpenDataBaseline.datasetName, sourceFile: OpenDataBaseline.sourceFile, format: "long",
                illustrative: false
            ),
            index: index, catalogue: catalogue,
            aggregate: AnalysisPipeline.treeAggregator(catalogue: catalogue, index: index)
        )
        try store.saveOpenDataProvenance(try OpenDataBaseline.provenanceData())
        let provenance = try store.openDataProvenance()
        let real = catalogue.diagnosed().filter { provenance?.isReal($0, in: catalogue) ?? false }
        note(
            "open data: \(summary.values) real values of \(Set(contents.observations.indicators).count) indicators "
                + "(\(real.count) of the \(catalogue.diagnosed().count) diagnosed ones), \(summary.aggregates) "
                + "aggregated "
                + "up the tree; sources and licences: `phare indicators sources`"
        )
    }

    static func installDemo(_ store: any ObservatoryStore) throws {
        try installIndicators(store)
        try installSurveys(store)
        try installAlliances(store)
    }

    /// Registers the alliances the programme's documents cite, flagged as examples.
    static func installAlliances(_ store: SQLiteObservatoryStore) throws {
        let examples = try DemoAlliances.examples(framework: store.framework(), territories: store.territoryTree())
        try store.saveAlliances(examples)
        note("demo: \(examples.count) EXAMPLE alliances in the registry (cited by the programme's documents)")
    }

    static func installIndicators(_ store: any ObservatoryStore) throws {
        let framework = try store.framework()
        let catalogue = try store.indicatorCatalogue()
        let tree = try store.territoryTree()
        let index = TerritoryIndex(tree: tree)
        let provenance = try store.openDataProvenance()
        var real = Set(provenance?.indicators.keys.map { $0 } ?? [])
        for definition in catalogue.indicators where provenance?.isReal(definition, in: catalogue) == true {
            real.insert(definition.code)
        }
        let observations = try DemoObservatory.illustrativeValues(
            catalogue: catalogue, framework: framework, index: index, tree: tree, real: real)
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
            "demo: \(summary.values) ILLUSTRATIVE values (indicators without a real source) for the "
                + "\(departements) départements (not real statistics), \(summary.aggregates) values aggregated up the "
                + "tree "
                + "(regions, France)"
        )
    }

    /// Loads the SYNTHETIC demo surveys (one sample per actor) and weights them; does nothing when
    /// the demo wave is already there.
    static func installSurveys(_ store: any ObservatoryStore) throws {
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
                "loaded \(sample.responses.respondents.count) SYNTHETIC \(actor) respondents (wave "
                    + "\(SurveyDemo.waveCode)), "
                    + "raked on \(margins): Kish deff \(short(report.after.kishDesignEffect))"
            )
        }
    }
}
