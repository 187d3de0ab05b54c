import Foundation
import PhareCore
import Testing

@Suite struct SobolTests {
    /// Gray-code order of Antonov & Saleev: dimension 1 is 0, 1/2, 3/4, 1/4, 3/8, 7/8, 5/8, 1/8;
    /// dimension 2 (m₁ = 1, x + 1) is 0, 1/2, 1/4, 3/4, 3/8, 7/8, 1/8, 5/8 (Joe & Kuo's sobol.cc).
    @Test func firstPointsByHand() {
        let points = SobolSequence(dimensions: 2).points(8)
        #expect(points.map { $0[0] } == [0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125])
        #expect(points.map { $0[1] } == [0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625])
    }

    @Test(.enabled(if: SobolReference.available, SobolReference.missing))
    func sequenceEqualsScipy() throws {
        let dimensions = SobolSequence.maximumDimensions
        let ours = SobolSequence(dimensions: dimensions).points(4096)
        let reference = try SobolReference.run(["mode": "sequence", "dimensions": dimensions, "count": 4096])
        let points = try #require(reference["points"] as? [[Double]])
        #expect(points.count == ours.count)
        #expect(zip(points, ours).allSatisfy { $0 == $1 })
    }

    @Test func sampleSizeMustBeAPowerOfTwo() {
        #expect {
            try SobolIndices.design(factors: 4, baseSize: 1000)
        } throws: { error in
            "\(error)".contains("power of two") && "\(error)".contains("1000")
        }
        #expect(throws: SensitivityError.self) { try SobolIndices.design(factors: 11, baseSize: 1024) }
    }

    @Test func designRowsFollowSaltelli() throws {
        let rows = try SobolIndices.design(factors: 3, baseSize: 4)
        let points = SobolSequence(dimensions: 6).points(4)
        #expect(rows.count == 4 * 5)
        for j in 0..<4 {
            let a = Array(points[j][0..<3])
            let b = Array(points[j][3..<6])
            #expect(rows[j * 5] == a && rows[j * 5 + 4] == b)
            #expect(rows[j * 5 + 2] == [a[0], b[1], a[2]])
        }
    }

    /// Ishigami function, a = 7, b = 0.1, x ∈ [−π, π]³ (Ishigami & Homma 1990). Analytic indices:
    /// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V₁ = (1 + bπ⁴/5)²/2, V₂ = a²/8, V₁₃ = b²π⁸(1/18 − 1/50),
    /// S₁ = V₁/V, S₂ = V₂/V, S₃ = 0, S_T1 = (V₁ + V₁₃)/V, S_T2 = S₂, S_T3 = V₁₃/V.
    @Test func ishigamiIndicesAreAnalytic() throws {
        let (a, b) = (7.0, 0.1)
        let pi4 = pow(Double.pi, 4)
        let pi8 = pow(Double.pi, 8)
        let v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5
        let v1 = 0.5 * pow(1 + b * pi4 / 5, 2)
        let v2 = a * a / 8
        let v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50)
        let first = [v1 / v, v2 / v, 0]
        let total = [(v1 + v13) / v, v2 / v, v13 / v]
        let n = 1 << 14
        let y = try SobolIndices.design(factors: 3, baseSize: n).map(Self.ishigami)
        let indices = try #require(
            SobolIndices.estimate(
                y, names: ["x1", "x2", "x3"], resamples: SobolIndices.resamples(baseSize: n, count: 100, seed: 3)))
        for i in 0..<3 {
            #expect(abs(indices[i].firstOrder - first[i]) < 0.01, "S\(i + 1) = \(indices[i].firstOrder) vs \(first[i])")
            #expect(
                abs(indices[i].totalOrder - total[i]) < 0.01, "ST\(i + 1) = \(indices[i].totalOrder) vs \(total[i])")
            #expect(indices[i].firstOrderConfidence > 0 && indices[i].firstOrderConfidence < 0.05)
        }
    }

    /// SALib evaluates the Ishigami function itself on the design matrix written by the test, and
    /// `sobol.analyze` gives the indices; the interval half-widths are SALib's estimators on the
    /// resamples drawn here.
    @Test(.enabled(if: SobolReference.available, SobolReference.missing))
    func ishigamiEqualsSALib() throws {
        let n = 1024
        let design = try SobolIndices.design(factors: 3, baseSize: n)
        let resamples = SobolIndices.resamples(baseSize: n, count: 100, seed: 11)
        let reference = try SobolReference.run([
            "mode": "indices", "names": ["x1", "x2", "x3"], "matrix": design, "resamples": resamples,
        ])
        let y = try #require(reference["y"] as? [Double])
        let ours = try #require(SobolIndices.estimate(y, names: ["x1", "x2", "x3"], resamples: resamples))
        try SobolReference.expectEqual(ours, reference)
    }

    /// A model of discrete choices like the composite's (levels ⌊u·L⌋ with L = 4, 2, 2, 20) whose
    /// output is an integer, as a rank is: the indices and intervals equal SALib's.
    @Test(.enabled(if: SobolReference.available, SobolReference.missing))
    func discreteChoicesEqualSALib() throws {
        let n = 512
        let counts = [4, 2, 2, 20]
        let y = try SobolIndices.design(factors: 4, baseSize: n).map { row -> Double in
            let l = zip(row, counts).map { SobolIndices.level($0, count: $1) }
            return Double((3 * l[0] + l[1] * l[0] + 2 * l[2] + l[3] / 5) % 7 + 1)
        }
        let names = ["normalisation", "aggregation", "imputation", "weights"]
        let resamples = SobolIndices.resamples(baseSize: n, count: 100, seed: 5)
        let reference = try SobolReference.run(["mode": "indices", "names": names, "y": y, "resamples": resamples])
        let ours = try #require(SobolIndices.estimate(y, names: names, resamples: resamples))
        try SobolReference.expectEqual(ours, reference)
    }

    @Test func constantOutputHasNoIndices() {
        #expect(SobolIndices.estimate([Double](repeating: 3, count: 24), names: ["a", "b"], resamples: []) == nil)
    }

    static func ishigami(_ u: [Double]) -> Double {
        let x = u.map { -Double.pi + 2 * Double.pi * $0 }
        return sin(x[0]) + 7 * pow(sin(x[1]), 2) + 0.1 * pow(x[2], 4) * sin(x[0])
    }
}

/// Runs Tests/Reference/sobol_reference.py (SALib and scipy, installed by scripts/install-dependencies).
enum SobolReference {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Reference/sobol_reference.py").path
    static let missing: Comment =
        "python3 with SALib and scipy is needed for the Sobol reference (scripts/install-dependencies installs them)"

    static let available: Bool = {
        (try? PythonReference.execute(["-c", "import SALib.analyze.sobol, scipy.stats"], input: Data()).status) == 0
    }()

    static func run(_ payload: [String: Any]) throws -> [String: Any] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sobol-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: payload).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try PythonReference.execute([script, file.path], input: Data())
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: result.output) as? [String: Any]
        else { throw PythonReference.ReferenceFailure(status: result.status) }
        return object
    }

    static func expectEqual(
        _ ours: [SobolIndex], _ reference: [String: Any], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let keys: [(String, KeyPath<SobolIndex, Double>)] = [
            ("S1", \.firstOrder), ("ST", \.totalOrder), ("S1_conf", \.firstOrderConfidence),
            ("ST_conf", \.totalOrderConfidence),
        ]
        for (key, path) in keys {
            let values = try #require(reference[key] as? [Double], sourceLocation: sourceLocation)
            for (index, value) in zip(ours, values) {
                #expect(
                    abs(index[keyPath: path] - value) < 1e-6,
                    "\(key) \(index.factor): \(index[keyPath: path]) vs \(value)",
                    sourceLocation: sourceLocation)
            }
        }
    }
}
