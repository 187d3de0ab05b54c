import Foundation
import PhareRender

/// A finished answer of the dashboard, ready to send (and to keep in the snapshot's cache).
public struct DashboardReply: Sendable {
    public var status: Int
    public var contentType: String
    public var body: Data
    /// Extra headers (Content-Disposition for downloads, Allow…).
    public var headers: [(String, String)]
    /// Whether it may be cached by clients and by the snapshot's page cache.
    public var cacheable: Bool

    public init(
        status: Int = 200, contentType: String, body: Data, headers: [(String, String)] = [], cacheable: Bool = true
    ) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
        self.cacheable = cacheable
    }

    /// Strong validator of the body: FNV-1a 64-bit hash (Fowler, Noll, Vo), hex.
    public var etag: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return "\"" + String(hash, radix: 16).leftPadded(16) + "\""
    }
}

extension String {
    func leftPadded(_ length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

/// Holds the current snapshot and the answers already rendered from it, within a byte budget
/// (least recently used evicted first, `AnswerCache`). Swapping the snapshot drops those answers
/// in the same step, so no request ever mixes two states of the data.
public final class SnapshotHolder: @unchecked Sendable {
    /// The answer cache's budget unless `phare serve --cache-mb` says otherwise: 256 MiB.
    public static let defaultCacheBytes = 256 << 20

    private let lock = NSLock()
    private var snapshot: DashboardSnapshot
    private var cache: AnswerCache
    private var generation = 0

    /// An answer with what sending it needs, computed once.
    public struct CachedReply: Sendable {
        public var reply: DashboardReply
        public var etag: String
        public var gzipped: Data?
    }

    public init(_ snapshot: DashboardSnapshot, cacheBytes: Int = SnapshotHolder.defaultCacheBytes) {
        self.snapshot = snapshot
        self.cache = AnswerCache(budget: cacheBytes)
    }

    public var current: DashboardSnapshot {
        lock.lock()
        defer { lock.unlock() }
        return snapshot
    }

    /// The snapshot with its generation (the generation changes at each swap).
    public func currentWithGeneration() -> (DashboardSnapshot, Int) {
        lock.lock()
        defer { lock.unlock() }
        return (snapshot, generation)
    }

    public func replace(with newSnapshot: DashboardSnapshot) {
        lock.lock()
        defer { lock.unlock() }
        snapshot = newSnapshot
        cache.removeAll()
        generation += 1
    }

    public func cached(_ key: String) -> CachedReply? {
        lock.lock()
        defer { lock.unlock() }
        return cache.value(for: key)
    }

    /// Keeps an answer rendered from the snapshot of `generation`, unless the snapshot changed since.
    public func store(_ reply: CachedReply, for key: String, generation: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard generation == self.generation else { return }
        cache.insert(reply, for: key)
    }

    public var cachedCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return cache.count
    }

    /// Bytes the cached answers hold (as `AnswerCache` counts them).
    public var cachedBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return cache.bytes
    }
}
