import Foundation

/// A file that could not be written, in one sentence naming it.
public struct FileWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}

/// Writing a file whole or not at all: the content goes into a temporary file beside the target,
/// which is then renamed into place (a rename within one folder is atomic on POSIX file systems).
/// The one way Phare writes its outputs (exports, reports, PDFs, response files).
public enum AtomicFile {
    /// A path beside `path` for a partial file, hidden and unique.
    public static func temporaryPath(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(UUID().uuidString)"
        ).path
    }

    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        let temporary = temporaryPath(beside: path)
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let reason =
                FileManager.default.fileExists(atPath: folder) ? "permission denied" : "the folder does not exist"
            throw FileWriteError(path: path, reason: "cannot write the file (\(reason))")
        }
        try moveIntoPlace(temporary, path)
    }

    /// Renames a finished `temporary` file onto `path`; on failure the temporary file is removed.
    public static func moveIntoPlace(_ temporary: String, _ path: String) throws(FileWriteError) {
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw FileWriteError(path: path, reason: "cannot move the new file into place: \(reason)")
        }
    }
}
