// The indicator pipeline of Phare in one process, stage by stage, for Benchmarks/indicators/run:
// read and check a wide file → store it (one transaction, aggregates recomputed) → aggregate in
// memory → diagnose the regions → 1,000-run sensitivity. Prints one line per stage.
import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareStore

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

func report(_ name: String, _ value: Double) {
    print("swift " + name.padding(toLength: 38, withPad: " ", startingAt: 0) + String(format: "%9.3f s", value))
}

func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now()
    let result = try body()
    report(name, seconds(since: start))
    return result
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: phare-bench-indicators DATA_DIR WORK_DIR [RUNS]\n".utf8))
    exit(2)
}
let data = arguments[1]
let work = arguments[2]
let runs = arguments.count > 3 ? Int(arguments[3]) ?? 1000 : 1000
do {
    let total = DispatchTime.now()
    let framework = try FrameworkLoader.bundled()
    let tree = try TerritoryTree.bundled()
    let index = TerritoryIndex(tree: tree)
    let database = work + "/bench-swift.sqlite"
    try? FileManager.default.removeItem(atPath: database)
    try SQLiteObservatoryStore.initialise(
        path: database, framework: framework, frameworkSource: "bundled", territories: tree, force: true)
    let store = try SQLiteObservatoryStore(path: database)
    let catalogue = try stage("catalogue (read, check, store)") {
        _ = try store.saveCatalogue(IndicatorCatalogueFile.read(path: data + "/catalogue.csv", framework: framework))
        return try store.indicatorCatalogue()
    }
    let pipeline = DispatchTime.now()
    let contents = try stage("read + check wide file") {
        let mapping = try IndicatorValueFile.readMapping(path: data + "/mapping.csv", catalogue: catalogue)
        return try IndicatorValueFile.readWide(
            path: data + "/wide.csv", mapping: mapping, level: .commune, index: index, catalogue: catalogue)
    }
    let summary = try stage("store (1 transaction + aggregates)") {
        try store.importIndicatorValues(
            contents.observations,
            dataset: NewIndicatorDataset(name: "bench", sourceFile: "wide.csv", format: "wide", illustrative: false),
            index: index, catalogue: catalogue,
            aggregate: AnalysisPipeline.treeAggregator(catalogue: catalogue, index: index))
    }
    let aggregated = stage("aggregate up the tree (in memory)") {
        var grid = IndicatorGrid(indicators: contents.observations.indicators, territoryCount: index.count)
        let observations = contents.observations
        for row in 0..<observations.count {
            let cell = Int(observations.indicator[row]) * index.count + Int(observations.territory[row])
            grid.values[cell] = observations.value[row]
            grid.flags[cell] = .observed
        }
        return TreeAggregation.aggregate(grid, catalogue: catalogue, index: index)
    }
    let diagnosisStart = DispatchTime.now()
    let input = try stage("diagnosis: load region values") {
        let peers = tree.territories(at: .region).filter(PeerSet.metropolitan.includes).sorted { $0.code < $1.code }
        return DiagnosisInput(
            framework: framework, catalogue: catalogue, level: .region, peerSet: .metropolitan, peers: peers,
            series: try store.indicatorSeries(level: .region, indicators: nil))
    }
    let diagnosis = stage("diagnosis: compute") { Diagnostics.diagnose(input, method: DiagnosisMethod()) }
    let diagnosisTime = seconds(since: diagnosisStart)
    let sensitivity = stage("sensitivity (\(runs) runs)") { Sensitivity.analyse(input, runs: runs, seed: 1) }
    report("diagnosis total (load + compute)", diagnosisTime)
    report("pipeline total (file to sensitivity)", seconds(since: pipeline))
    let grandEst = diagnosis.territory("44")
    print(
        "swift check: \(contents.observations.count) values, \(contents.emptyCells) empty cells, \(summary.aggregates) aggregates stored, \(aggregated.indicators.count) columns aggregated"
    )
    print(
        "swift check: region 44 emploi score \(grandEst?.domains.first?.score.map { String(format: "%.6f", $0) } ?? "-") rank \(grandEst?.domains.first?.rank.map(String.init) ?? "-"); mean rank shift \(String(format: "%.4f", sensitivity.meanRankShift))"
    )
    _ = total
} catch {
    FileHandle.standardError.write(Data("phare-bench-indicators: \(error)\n".utf8))
    exit(1)
}
