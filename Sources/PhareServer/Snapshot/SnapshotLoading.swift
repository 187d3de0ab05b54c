import Foundation
import PhareAnalysis
import PhareCore
import PhareRender
import PhareStore

extension DashboardSnapshot {
    /// Builds the snapshot from an observatory store: the analysis pipeline runs once here.
    public static func load(from store: any ObservatoryStore, version: String, modified: Date) throws
        -> DashboardSnapshot
    {
        DashboardSnapshot(
            framework: try store.framework(), territories: try store.territoryTree(),
            geometry: try MapGeometry.bundled(),
            observatory: try store.description(), analysis: try AnalysisPipeline.run(store, settings: .dashboard),
            version: version, modified: modified
        )
    }
}
