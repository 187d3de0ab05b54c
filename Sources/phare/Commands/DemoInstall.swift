import Foundation
import PhareAnalysis
import PhareCore
import PhareDemo
import PhareImport
import PhareStore

/// What `phare init` writes into a new observatory besides the framework and the territories: the
/// bundled catalogue and the real open-data baseline with its provenance; with `--demo`, the
/// SYNTHETIC survey waves 2015 and 2025 (weighted as `phare survey weight` does), the published ARPEA/PHARE
/// figures as past waves and ILLUSTRATIVE values for the
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
    static func installAlliances(_ store: any ObservatoryStore) throws {
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

    /// Loads the SYNTHETIC demo survey waves (one sample per actor and wave) and weights them, then
    /// the published ARPEA and PHARE figures as past waves without microdata; skips what is already
    /// there.
    static func installSurveys(_ store: any ObservatoryStore) throws {
        let framework = try store.framework()
        let questionnaire = try store.questionnaire()
        let tree = try store.territoryTree()
        let held = Set(try store.surveyWaves().map(\.wave.code))
        for wave in try DemoWave.bundled() {
            if held.contains(wave.code) {
                note("the demo survey wave \(wave.code) is already loaded")
                continue
            }
            let samples = try DemoObservatory.surveySamples(
                framework: framework, questionnaire: questionnaire, territories: tree, wave: wave)
            for sample in samples {
                let actor = sample.responses.actor
                try store.saveResponses(sample.responses, replace: false)
                let (weights, report) = try WaveWeighting.weight(sample.responses, plan: sample.plan)
                try store.saveWeighting(
                    wave: wave.code, actor: actor, plan: sample.plan, report: report, weights: weights)
                let margins = sample.plan.margins.map(\.variable).joined(separator: ", ")
                note(
                    "loaded \(sample.responses.respondents.count) SYNTHETIC \(actor) respondents (wave "
                        + "\(wave.code)), raked on \(margins): Kish deff \(short(report.after.kishDesignEffect))"
                )
            }
        }
        let published = try DemoObservatory.publishedFigures()
        let figures = try PublishedFiguresFile.read(
            try CSVDocument.parse(data: published.data, file: published.file), questionnaire: questionnaire,
            framework: framework, territories: tree, microdataWaves: Set(try store.surveyWaves().map(\.wave.code)))
        let set = PublishedFigureSet(figures: figures, sourceFile: published.file)
        if try store.publishedFigures().contains(where: { !Set($0.waves).isDisjoint(with: set.waves) }) {
            note("the published figures \(set.waves.joined(separator: ", ")) are already loaded")
            return
        }
        try store.savePublishedFigures(set, replace: false)
        note(
            "loaded \(figures.count) published figures of the ARPEA and PHARE reports as the waves "
                + "\(set.waves.joined(separator: ", ")) (no microdata: approximate SE from their bases)")
    }
}
