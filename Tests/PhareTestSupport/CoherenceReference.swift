import Foundation
import PhareCore

/// Runs Tests/Reference/coherence_reference.py (numpy and scipy, installed by
/// scripts/install-dependencies) and compares `GroupCoherence` values with what it prints.
public enum CoherenceReference {
    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Reference/coherence_reference.py").path

    public static let missing = "python3 with numpy and scipy is needed (scripts/install-dependencies installs them)"

    public static let available: Bool = {
        (try? ProcessOutput.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import numpy, scipy.stats"]
        ).status) == 0
    }()

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The reference of each group, `groups[g][k]` the oriented values of indicator k (NaN = missing).
    public static func run(_ groups: [[[Double]]]) throws -> [[String: Any]] {
        let payload: [String: Any] = [
            "groups": groups.map { $0.map { $0.map { $0.isNaN ? NSNull() as Any : $0 as Any } } }
        ]
        let result = try ProcessOutput.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", script],
            input: String(decoding: try JSONSerialization.data(withJSONObject: payload), as: UTF8.self))
        guard result.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        else { throw Failure(description: "coherence_reference.py failed: \(result.stderr)") }
        return object
    }

    /// What differs by more than `tolerance` between ours and the reference (empty when equal).
    public static func differences(_ ours: GroupCoherence, _ reference: [String: Any], tolerance: Double = 1e-9)
        -> [String]
    {
        var found: [String] = []
        func compare(_ label: String, _ a: Double?, _ b: Double?) {
            guard let a, let b, abs(a - b) <= tolerance else {
                found.append("\(ours.code) \(label): \(String(describing: a)) vs \(String(describing: b))")
                return
            }
        }
        if ours.territories != reference["territories"] as? Int {
            found.append(
                "\(ours.code) territories: \(ours.territories) vs \(String(describing: reference["territories"]))")
        }
        for (name, matrix) in [("pearson", ours.pearson), ("spearman", ours.spearman)] {
            let expected = reference[name] as? [[Double]] ?? []
            guard expected.count == matrix.count else {
                found.append("\(ours.code) \(name): \(matrix.count) rows vs \(expected.count)")
                continue
            }
            for i in matrix.indices {
                for j in matrix[i].indices { compare("\(name)[\(i)][\(j)]", matrix[i][j], expected[i][j]) }
            }
        }
        compare("alpha", ours.cronbachAlpha, reference["alpha"] as? Double)
        compare("share", ours.firstComponentShare, reference["share"] as? Double)
        let eigenvalues = reference["eigenvalues"] as? [Double] ?? []
        if eigenvalues.count != ours.eigenvalues.count { found.append("\(ours.code) eigenvalue count") }
        for (i, (a, b)) in zip(ours.eigenvalues, eigenvalues).enumerated() { compare("eigenvalue \(i)", a, b) }
        return found
    }
}
