import Foundation
import PhareTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct ServeCommandTests {
    @Test func refusesAMissingDatabaseAndABadPort() throws {
        let folder = try PhareProcess.temporaryFolder()
        let missing = try PhareProcess.run(["serve", "--db", folder + "/none.sqlite", "--port", "18999"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no observatory database at \(folder)/none.sqlite"))
        let initialised = try PhareProcess.initialisedFolder()
        let badPort = try PhareProcess.run(["serve", "--port", "70000"], in: initialised)
        #expect(badPort.status == 1)
        #expect(badPort.stderr.contains("--port must be from 1 to 65535"))
    }

    /// The real binary serves, prints its URL, answers, logs the request and stops cleanly on SIGTERM.
    @Test func servesAndStopsGracefully() async throws {
        let folder = try PhareProcess.initialisedFolder()
        let port = Int.random(in: 20000...40000)
        let process = Process()
        process.executableURL = PhareProcess.executable
        process.arguments = ["serve", "--db", folder + "/phare.sqlite", "--port", String(port)]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let collected = OutputCollector()
        errors.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        defer { if process.isRunning { process.terminate() } }

        var started = false
        for _ in 0..<200 where !started {
            try await Task.sleep(for: .milliseconds(50))
            started = collected.text.contains("Phare dashboard: http://127.0.0.1:\(port)/")
        }
        #expect(started, "no banner: \(collected.text)")
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("\"status\":\"ok\""))
        let (page, pageResponse) = try await URLSession.shared.data(
            from: URL(string: "http://127.0.0.1:\(port)/region/44")!)
        #expect((pageResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: page, as: UTF8.self).contains("<h1>Grand Est</h1>"))

        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<200 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
        try await Task.sleep(for: .milliseconds(100))
        #expect(collected.text.contains(" GET /region/44 200 "))
        #expect(collected.text.contains("phare: server stopped"))
    }
}

final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
