import Foundation
import PhareAnalysis
import PhareCore

/// What the observatory holds, in its own terms: what the analysis reads (`ObservatoryReader`),
/// the writes of the indicator and survey stores, and accounts, sessions, publication and audit
/// (`AccessStore`). Commands and the server go through these
/// interfaces only, so that a PostgreSQL store can stand beside the SQLite one. A store stores and
/// loads; it computes no statistic.
public protocol ObservatoryStore: ObservatoryReader, IndicatorStore, SurveyStore, AccessStore, AllianceStore {
    /// Records the provenance of the real values (`OpenDataProvenance` as JSON), replacing any earlier one.
    func saveOpenDataProvenance(_ data: Data) throws
}

/// A store problem explained in one sentence (where, what, how to fix).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What `phare init` did.
public enum InitOutcome: Sendable, Equatable {
    case created
    case rebuilt
    /// The database existed: pending migrations (if any) were applied, nothing else changed.
    case alreadyInitialised(appliedMigrations: [String])
}
