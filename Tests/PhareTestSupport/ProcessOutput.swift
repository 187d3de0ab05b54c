import Foundation

/// What a program printed and how it ended.
public struct PhareRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs a program to completion and captures its exit status, stdout and stderr (read while it
/// runs, so a large output cannot block it).
public enum ProcessOutput {
    public static func run(
        _ executable: URL, _ arguments: [String], in folder: String? = nil, environment: [String: String]? = nil,
        input: String? = nil
    ) throws -> PhareRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = input.map { _ in Pipe() }
        if let inputPipe { process.standardInput = inputPipe }
        try process.run()
        if let inputPipe, let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
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
        return PhareRun(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension ProcessOutput {
    /// Runs a program found on the PATH (`python3`, `Rscript`, `pdftotext`…).
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], in folder: String? = nil) throws -> PhareRun {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [program] + arguments, in: folder)
    }
}
