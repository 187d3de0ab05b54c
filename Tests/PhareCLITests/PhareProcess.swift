import Foundation

/// Runs the built `phare` executable, as a user would, and captures what it prints.
struct PhareRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

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
    static func run(_ arguments: [String], in folder: String? = nil, environment: [String: String] = [:]) throws -> PhareRun {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PHARE_DB")
        for (key, value) in environment { env[key] = value }
        return try ProcessOutput.run(executable, arguments, in: folder, environment: env)
    }

    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phare-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A folder holding an initialised observatory `phare.sqlite`.
    static func initialisedFolder() throws -> String {
        let folder = try temporaryFolder()
        let result = try run(["init"], in: folder)
        precondition(result.status == 0, result.stderr)
        return folder
    }
}

/// Runs a program to completion and captures its exit status, stdout and stderr (read while it
/// runs, so a large output cannot block it).
enum ProcessOutput {
    static func run(_ executable: URL, _ arguments: [String], in folder: String? = nil, environment: [String: String]? = nil) throws -> PhareRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return PhareRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
