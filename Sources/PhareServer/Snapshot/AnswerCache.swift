import Foundation

/// Answers kept within a byte budget, the least recently used evicted first. Not thread-safe:
/// `SnapshotHolder` guards it with its lock.
///
/// The bytes counted for an entry are its key, body, gzipped body, content type, ETag and extra
/// headers, plus `entryOverhead` for the bookkeeping (dictionary slot, list links, the structs):
/// what the entry holds in memory, to within a few dozen bytes.
struct AnswerCache {
    /// Bytes counted for each entry on top of its strings and bodies.
    static let entryOverhead = 256

    /// The byte budget; an answer larger than it is not kept.
    let budget: Int
    private(set) var bytes = 0

    private struct Slot {
        var key: String
        var value: SnapshotHolder.CachedReply
        var bytes: Int
        /// Neighbours in the recency list (slot indices, -1 for none).
        var older: Int
        var newer: Int
    }

    private var slots: [Slot] = []
    private var freeSlots: [Int] = []
    private var index: [String: Int] = [:]
    private var newest = -1
    private var oldest = -1

    init(budget: Int) {
        self.budget = budget
    }

    var count: Int { index.count }

    static func size(of value: SnapshotHolder.CachedReply, key: String) -> Int {
        let reply = value.reply
        let headers = reply.headers.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count }
        return entryOverhead + key.utf8.count + reply.body.count + (value.gzipped?.count ?? 0)
            + reply.contentType.utf8.count + value.etag.utf8.count + headers
    }

    /// The answer kept for `key`, which becomes the most recently used.
    mutating func value(for key: String) -> SnapshotHolder.CachedReply? {
        guard let slot = index[key] else { return nil }
        unlink(slot)
        pushNewest(slot)
        return slots[slot].value
    }

    /// Keeps `value` for `key` as the most recently used, evicting the least recently used answers
    /// until the budget holds it.
    mutating func insert(_ value: SnapshotHolder.CachedReply, for key: String) {
        let size = Self.size(of: value, key: key)
        remove(key)
        guard size <= budget else { return }
        while bytes + size > budget, oldest >= 0 { remove(slots[oldest].key) }
        let entry = Slot(key: key, value: value, bytes: size, older: -1, newer: -1)
        let slot: Int
        if let free = freeSlots.popLast() {
            slots[free] = entry
            slot = free
        } else {
            slots.append(entry)
            slot = slots.count - 1
        }
        index[key] = slot
        bytes += size
        pushNewest(slot)
    }

    mutating func removeAll() {
        self = AnswerCache(budget: budget)
    }

    /// Keys from the least to the most recently used.
    var keysByRecency: [String] {
        var keys: [String] = []
        var slot = oldest
        while slot >= 0 {
            keys.append(slots[slot].key)
            slot = slots[slot].newer
        }
        return keys
    }

    private mutating func remove(_ key: String) {
        guard let slot = index.removeValue(forKey: key) else { return }
        unlink(slot)
        bytes -= slots[slot].bytes
        // Drop the answer now (its memory), keep the slot for reuse.
        slots[slot].value.reply.body = Data()
        slots[slot].value.gzipped = nil
        slots[slot].key = ""
        freeSlots.append(slot)
    }

    private mutating func unlink(_ slot: Int) {
        let older = slots[slot].older
        let newer = slots[slot].newer
        if older >= 0 { slots[older].newer = newer } else if oldest == slot { oldest = newer }
        if newer >= 0 { slots[newer].older = older } else if newest == slot { newest = older }
        slots[slot].older = -1
        slots[slot].newer = -1
    }

    private mutating func pushNewest(_ slot: Int) {
        slots[slot].older = newest
        slots[slot].newer = -1
        if newest >= 0 { slots[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
