import Foundation

/// Runs R (with the survey package) for real and reads back what it prints as CSV.
public enum RReference {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Folder of the committed fixtures (R's `api` data sets, reference.R), read in place.
    public static var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }

    /// Runs `script` with Rscript in `folder` (after sourcing reference.R) and returns its standard output.
    public static func run(_ script: String, in folder: String) throws -> String {
        let path = folder + "/reference-\(UUID().uuidString).R"
        let text = "source(\"\(fixtures)/reference.R\")\n" + script
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ProcessOutput.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["Rscript", "--vanilla", path], in: folder)
        guard result.status == 0 else {
            throw Failure(
                description: "Rscript failed (is r-cran-survey installed? scripts/install-dependencies installs it):\n"
                    + result.stderr)
        }
        return result.stdout
    }

    /// Rows of a CSV text as dictionaries keyed by the header (RFC 4180 quotes, comma separator).
    public static func rows(_ csv: String) -> [[String: String]] {
        var records: [[String]] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var iterator = Array(csv).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            inQuotes = false
                            pending = next
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" {
                fields.append(field)
                field = ""
                records.append(fields)
                fields = []
            } else if c != "\r" {
                field.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(fields)
        }
        guard let header = records.first else { return [] }
        return records.dropFirst().filter { $0.count == header.count }.map {
            Dictionary(uniqueKeysWithValues: zip(header, $0))
        }
    }

    /// True when a and b agree to `tolerance` relative (absolute below 1e-12, for zeros); two undefined
    /// values (NaN, or an empty cell read as NaN) agree.
    public static func close(_ a: Double, _ b: Double, tolerance: Double = 1e-6) -> Bool {
        if a == b || (a.isNaN && b.isNaN) { return true }
        return abs(a - b) <= tolerance * max(abs(a), abs(b)) || abs(a - b) < 1e-12
    }
}
