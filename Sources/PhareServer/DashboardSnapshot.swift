import PhareCore

/// The immutable, analysed state the dashboard serves; swapped whole when data changes.
/// The HTTP routes arrive with the dashboard issue; for now the snapshot holds the framework
/// and the territory tree.
public struct DashboardSnapshot: Sendable {
    public let framework: Framework
    public let territories: TerritoryTree

    public init(framework: Framework, territories: TerritoryTree) {
        self.framework = framework
        self.territories = territories
    }
}
