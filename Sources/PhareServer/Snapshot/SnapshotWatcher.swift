import Foundation
import Logging
import PhareRender
import PhareStore
import ServiceLifecycle

/// What identifies one state of an SQLite database on disk: inode, size and modification time of
/// the file and of its write-ahead log. `phare init --force` renames a new file into place (new
/// inode); an import commits into the file or its WAL (new size or time).
public struct DatabaseFileState: Sendable, Hashable {
    public var parts: [Int64]

    public static func read(path: String) -> DatabaseFileState {
        var parts: [Int64] = []
        for suffix in ["", "-wal"] {
            var info = stat()
            if stat(path + suffix, &info) == 0 {
                parts += [
                    Int64(info.st_ino), Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec),
                ]
            } else {
                parts += [0, 0, 0, 0]
            }
        }
        return DatabaseFileState(parts: parts)
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

    public var modified: Date {
        Date(timeIntervalSince1970: TimeInterval(max(parts[2], parts[6])))
    }
}

/// Loads snapshots of the observatory at `path`.
public struct SnapshotLoader: Sendable {
    public var path: String

    public init(path: String) { self.path = path }

    public func load() throws -> (DashboardSnapshot, DatabaseFileState) {
        let state = DatabaseFileState.read(path: path)
        let store = try SQLiteObservatoryStore(path: path)
        let snapshot = try DashboardSnapshot.load(from: store, version: state.version, modified: state.modified)
        return (snapshot, state)
    }
}

/// Watches the database file and swaps in a new snapshot when it changes. A database that
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
                let state = DatabaseFileState.read(path: loader.path)
                guard state != known else { continue }
                do {
                    let (snapshot, _) = try loader.load()
                    holder.replace(with: snapshot)
                    metrics.recordReload()
                    // The state seen before loading: a change made during the load is seen next time.
                    known = state
                    logger.info("reloaded the observatory \(loader.path): data version \(snapshot.version)")
                } catch {
                    logger.warning("the observatory \(loader.path) changed but cannot be read yet: \(error)")
                }
            }
        }
    }
}
