import Foundation
import PhareCore

/// What the observatory holds, in its own terms. Commands and the server go through this
/// interface only, so that a PostgreSQL store can stand beside the SQLite one.
public protocol ObservatoryStore: Sendable {
    /// The framework recorded at init.
    func framework() throws -> Framework
    /// The territory tree recorded at init.
    func territoryTree() throws -> TerritoryTree
    /// Facts about the observatory itself (schema version, framework source, dates).
    func description() throws -> ObservatoryDescription
}

/// Facts about an observatory database.
public struct ObservatoryDescription: Sendable, Hashable {
    public var location: String
    public var schemaVersion: Int
    public var migrations: [String]
    public var frameworkID: String
    public var frameworkVersion: String
    public var frameworkSource: String
    public var createdAt: String
    public var territoryCount: Int
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
