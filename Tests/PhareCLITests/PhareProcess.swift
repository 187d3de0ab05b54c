import Foundation
import PhareTestSupport

enum PhareProcess {
    static var executable: URL {
        // swift test runs the test bundle from the products folder, next to the `phare` binary.
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("phare"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("phare"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("phare"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    @discardableResult
    static func run(
        _ arguments: [String], in folder: String? = nil, environment: [String: String] = [:], input: String? = nil
    ) throws -> PhareRun {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PHARE_DB")
        // A folder made for PostgreSQL names its database: every command run in it uses that store.
        if let folder, let url = try? String(contentsOfFile: folder + "/" + databaseMarker, encoding: .utf8) {
            env["PHARE_DB"] = url
        }
        for (key, value) in environment { env[key] = value }
        return try ProcessOutput.run(executable, arguments, in: folder, environment: env, input: input)
    }

    /// The file of a test folder that names its PostgreSQL observatory (absent: `phare.sqlite`).
    static let databaseMarker = ".phare-db"

    /// A new folder whose commands use `store`: `phare.sqlite` in it, or a new PostgreSQL database
    /// (set as PHARE_DB for every command run in the folder).
    static func temporaryFolder(_ store: StoreKind = .sqlite) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phare-cli-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if store == .postgres {
            try store.newLocation(in: folder).write(
                toFile: folder + "/" + databaseMarker, atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// The observatory a folder's commands use: its PostgreSQL URL, or `phare.sqlite` in it.
    static func database(of folder: String) -> String {
        (try? String(contentsOfFile: folder + "/" + databaseMarker, encoding: .utf8)) ?? folder + "/phare.sqlite"
    }

    private static let demoLock = NSLock()
    nonisolated(unsafe) private static var demoFolders: [StoreKind: String] = [:]

    /// A folder holding the demo observatory (`phare init --demo`) on `store`, made once per run and
    /// shared by the suites that only read it.
    static func demoFolder(_ store: StoreKind) throws -> String {
        demoLock.lock()
        defer { demoLock.unlock() }
        if let folder = demoFolders[store] { return folder }
        let folder = try temporaryFolder(store)
        let result = try run(["init", "--demo"], in: folder)
        guard result.status == 0 else { throw DemoFailure(description: "phare init --demo failed: \(result.stderr)") }
        demoFolders[store] = folder
        return folder
    }

    struct DemoFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// A folder holding an initialised observatory (`phare.sqlite`, or a PostgreSQL database).
    static func initialisedFolder(_ store: StoreKind = .sqlite) throws -> String {
        let folder = try temporaryFolder(store)
        let result = try run(["init", "--empty"], in: folder)
        guard result.status == 0 else { throw DemoFailure(description: "phare init --empty failed: \(result.stderr)") }
        return folder
    }
}
