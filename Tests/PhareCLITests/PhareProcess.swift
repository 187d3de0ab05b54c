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
        for (key, value) in environment { env[key] = value }
        return try ProcessOutput.run(executable, arguments, in: folder, environment: env, input: input)
    }

    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phare-cli-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A folder holding an initialised observatory `phare.sqlite`.
    static func initialisedFolder() throws -> String {
        let folder = try temporaryFolder()
        let result = try run(["init", "--empty"], in: folder)
        precondition(result.status == 0, result.stderr)
        return folder
    }
}
