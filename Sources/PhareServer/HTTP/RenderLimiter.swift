import Foundation

/// Bounds the answers rendered at once (the work the cache cannot answer): at most `running`
/// renders, `waiting` more in line (first come, first served), and past that a request is refused
/// at once — the server answers 503 with `Retry-After` instead of queueing into timeouts.
/// Renders run on Dispatch's global queue, off the threads that read requests and send cached
/// answers, so those stay quick under overload.
public final class RenderLimiter: @unchecked Sendable {
    public let running: Int
    public let waiting: Int

    private let lock = NSLock()
    private var active = 0
    private var line: [CheckedContinuation<Bool, Never>] = []

    /// By default two renders per core and four more per core in line.
    public init(
        running: Int = 2 * ProcessInfo.processInfo.activeProcessorCount,
        waiting: Int = 4 * ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.running = max(1, running)
        self.waiting = max(0, waiting)
    }

    /// The result of `work`, or nil at once when every place to run and to wait is taken.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T? {
        guard await enter() else { return nil }
        let result = await withCheckedContinuation { (done: CheckedContinuation<T, Never>) in
            DispatchQueue.global(qos: .userInitiated).async { done.resume(returning: work()) }
        }
        leave()
        return result
    }

    /// Renders running and waiting now.
    public var load: (running: Int, waiting: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (active, line.count)
    }

    private func enter() async -> Bool {
        await withCheckedContinuation { (admitted: CheckedContinuation<Bool, Never>) in
            lock.lock()
            if active < running {
                active += 1
                lock.unlock()
                admitted.resume(returning: true)
            } else if line.count < waiting {
                line.append(admitted)
                lock.unlock()
            } else {
                lock.unlock()
                admitted.resume(returning: false)
            }
        }
    }

    /// Hands the place to the first in line, else frees it.
    private func leave() {
        lock.lock()
        if line.isEmpty {
            active -= 1
            lock.unlock()
        } else {
            let next = line.removeFirst()
            lock.unlock()
            next.resume(returning: true)
        }
    }
}
