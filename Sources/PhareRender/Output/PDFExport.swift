import Foundation
import PhareAnalysis
import PhareCore

/// Turns a self-contained HTML document into a PDF with WeasyPrint (CSS paged media: page
/// numbers, running headers), called as a subprocess.
public enum PDFExport {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The path of WeasyPrint, or the error a user sees when it is not installed.
    public static func requireWeasyPrint(_ path: String? = weasyPrintPath()) throws -> String {
        guard let path else {
            throw Failure(
                message:
                    "WeasyPrint is not installed, so no PDF can be made: install it with `sudo apt-get install "
                    + "weasyprint` (or write HTML with --format html)"
            )
        }
        return path
    }

    /// Where WeasyPrint is, or nil when it is not installed.
    public static func weasyPrintPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["PHARE_WEASYPRINT"], FileManager.default.isExecutableFile(atPath: explicit) {
            return explicit
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for folder in folders {
            let candidate = "\(folder)/weasyprint"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Writes `html` as a PDF at `output`. The PDF is written beside the target under a
    /// temporary name and moved into place only when WeasyPrint succeeded.
    /// - Returns: the seconds spent in WeasyPrint.
    @discardableResult
    public static func write(
        html: String, to output: String, baseURL: String? = nil, weasyPrint: String? = weasyPrintPath()
    ) throws -> Double {
        let weasyPrint = try requireWeasyPrint(weasyPrint)
        let target = URL(fileURLWithPath: output)
        let folder = target.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(message: "cannot write \(output): the folder \(folder) does not exist")
        }
        let stamp = UUID().uuidString
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("phare-report-\(stamp).html").path
        let partial = AtomicFile.temporaryPath(beside: output)
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: partial)
        }
        try Data(html.utf8).write(to: URL(fileURLWithPath: source))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: weasyPrint)
        process.arguments =
            ["--quiet", "--encoding", "utf-8"] + (baseURL.map { ["--base-url", $0] } ?? []) + [source, partial]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: partial) else {
            let detail = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(
                message:
                    "WeasyPrint failed on \(output) (exit \(process.terminationStatus)): "
                    + "\(detail.isEmpty ? "no message" : String(detail.suffix(600)))"
            )
        }
        do {
            try AtomicFile.moveIntoPlace(partial, output)
        } catch {
            throw Failure(message: "cannot move the PDF into place at \(output): \(error.reason)")
        }
        return seconds
    }
}
