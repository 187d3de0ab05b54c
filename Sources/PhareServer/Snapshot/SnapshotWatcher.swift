import Foundation
import Logging
import PhareRender
import PhareStore
import ServiceLifecycle

/// What identifies one state of an observatory's data: the data version every data write bumps and
/// the time of that write, for both stores; for an SQLite file also its inode (`phare init --force`
/// renames a new file into place). Sign-ins, sessions and the audit log do not move it, so they never
/// make a server rebuild its analysis.
public struct DatabaseFileState: Sendable, Hashable {
    public var parts: [Int64]

    public init(parts: [Int64]) { self.parts = parts }

    init(version: Int64, changedAt: String, inode: Int64 = 0) {
        let seconds = ISO8601DateFormatter().date(from: changedAt)?.timeIntervalSince1970 ?? 0
        self.init(parts: [version, inode, Int64(seconds), 0, 0, 0, 0, 0])
    }

    /// The state of the SQLite observatory at `path`; a file that cannot be read throws (the watcher
    /// keeps its snapshot and retries).
    public static func read(path: String) throws -> DatabaseFileState {
        var info = stat()
        guard stat(path, &info) == 0 else { throw StoreError("the observatory \(path) cannot be found") }
        let (version, changedAt) = try SQLiteObservatoryStore.dataState(path: path)
        return DatabaseFileState(version: version, changedAt: changedAt, inode: Int64(info.st_ino))
    }

    /// A short text naming the state (hex hash of the parts).
    public var version: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash ^= UInt64(truncatingIfNeeded: part >> Int64(shift)) & 0xFF
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return String(hash, radix: 16)
    }

    public var modified: Date { Date(timeIntervalSince1970: TimeInterval(parts[2])) }
}

/// Loads snapshots of the observatory at `location` (an SQLite path or a PostgreSQL URL) and tells
/// its state: the file's inode, size and times for SQLite; the data version every write bumps for
/// PostgreSQL (so that a change made through any server, or any `phare` command, is seen by all).
public final class SnapshotLoader: @unchecked Sendable {
    public let location: ObservatoryLocation
    private let lock = NSLock()
    /// The PostgreSQL store, kept open between polls; reopened after a failure.
    private var postgres: PostgresObservatoryStore?

    public init(location: ObservatoryLocation) { self.location = location }

    public convenience init(path: String) throws { self.init(location: try ObservatoryLocation(path)) }

    /// The state of the observatory now.
    public func state() throws -> DatabaseFileState {
        switch location {
        case .sqlite(let path):
            return try DatabaseFileState.read(path: path)
        case .postgres:
            let (version, changedAt) = try withPostgres { try $0.dataState() }
            return DatabaseFileState(version: version, changedAt: changedAt)
        }
    }

    /// Builds a new snapshot aside (the one served is not touched) from one state of the data.
    public func load() throws -> (DashboardSnapshot, DatabaseFileState) {
        switch location {
        case .sqlite(let path):
            let store = try SQLiteObservatoryStore(path: path)
            let state = try DatabaseFileState.read(path: path)
            let snapshot = try DashboardSnapshot.load(from: store, version: state.version, modified: state.modified)
            return (snapshot, state)
        case .postgres:
            return try withPostgres { store in
                try store.refresh()
                let state = try self.state(of: store)
                let snapshot = try DashboardSnapshot.load(from: store, version: state.version, modified: state.modified)
                return (snapshot, state)
            }
        }
    }

    private func state(of store: PostgresObservatoryStore) throws -> DatabaseFileState {
        DatabaseFileState(version: store.loadedVersion ?? -1, changedAt: store.loadedChangedAt)
    }

    private func withPostgres<T>(_ body: (PostgresObservatoryStore) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard case .postgres(let url) = location else { preconditionFailure("not a PostgreSQL observatory") }
        do {
            let store = try postgres ?? PostgresObservatoryStore(url: url)
            postgres = store
            return try body(store)
        } catch {
            postgres = nil
            throw error
        }
    }
}

/// Watches the observatory (every `interval`) and swaps in a new snapshot when it changes. A database that
/// cannot be read (being replaced, say) leaves the current snapshot in place and is retried.
public struct SnapshotWatcher: Service {
    let loader: SnapshotLoader
    let holder: SnapshotHolder
    let interval: Duration
    let logger: Logger
    let initialState: DatabaseFileState
    let metrics: DashboardMetrics

    public init(
        loader: SnapshotLoader, holder: SnapshotHolder, initialState: DatabaseFileState,
        interval: Duration = .seconds(2),
        metrics: DashboardMetrics, logger: Logger
    ) {
        self.loader = loader
        self.holder = holder
        self.metrics = metrics
        self.initialState = initialState
        self.interval = interval
        self.logger = logger
    }

    /// Polls until the service group shuts down gracefully (or the task is cancelled), then returns.
    public func run() async throws {
        do {
            try await watch()
        } catch is CancellationError {
            return
        }
    }

    func watch() async throws {
        try await cancelWhenGracefulShutdown {
            var known = initialState
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                guard let state = try? loader.state(), state != known else { continue }
                do {
                    let (snapshot, loaded) = try loader.load()
                    holder.replace(with: snapshot)
                    metrics.recordReload()
                    // The state the snapshot was built from: a change made during the load is seen next time.
                    known = loaded
                    logger.info("reloaded the observatory \(loader.location): data version \(snapshot.version)")
                } catch {
                    logger.warning("the observatory \(loader.location) changed but cannot be read yet: \(error)")
                }
            }
        }
    }
}
