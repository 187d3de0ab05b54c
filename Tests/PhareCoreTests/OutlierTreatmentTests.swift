import Foundation
import PhareCore
import Testing

@Suite struct OutlierTreatmentTests {
    /// 1…9 and 100: G₁ = 3.119 ≥ 2 and G₂ = 9.80 ≥ 3.5, so the rule fails; 100 is replaced by the next
    /// highest value, 9, and 1…9, 9 passes (G₁ = −0.151).
    @Test func oneHighOutlierIsWinsorised() throws {
        let values: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100]
        let result = try OutlierTreatment.treat(values, indicator: "x")
        #expect(result.treatment == .winsorised)
        #expect(result.values == [1, 2, 3, 4, 5, 6, 7, 8, 9, 9])
        #expect(result.winsorisedHigh == [9] && result.winsorisedLow.isEmpty && result.passes)
        #expect(abs((result.skewness ?? .nan) - 3.118_895_745_239_087) < 1e-12)
        #expect(abs((result.kurtosis ?? .nan) - 9.799_244_716_163_662) < 1e-12)
    }

    /// The mirror case: −100 is a low outlier, replaced by the next lowest value, 1; missing values stay missing.
    @Test func oneLowOutlierIsWinsorised() throws {
        let values: [Double] = [.nan, -100, 1, 2, 3, 4, 5, 6, 7, 8, 9]
        let result = try OutlierTreatment.treat(values, indicator: "x")
        #expect(result.treatment == .winsorised && result.winsorisedLow == [1] && result.winsorisedHigh.isEmpty)
        #expect(result.values[0].isNaN && Array(result.values.dropFirst()) == [1, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    }

    @Test func symmetricValuesAreLeftAlone() throws {
        let values: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let result = try OutlierTreatment.treat(values, indicator: "x")
        #expect(result.treatment == .none && result.values == values && result.skewness == 0)
    }

    /// Sixty 1s and 2, 4, …, 256: five winsorised points are not enough, so the raw values are
    /// log-transformed: log(x − 1 + 0.01·255).
    @Test func heavyTailIsLogTransformed() throws {
        let values = [Double](repeating: 1, count: 60) + (1...8).map { pow(2, Double($0)) }
        let result = try OutlierTreatment.treat(values, indicator: "x")
        #expect(result.treatment == .logTransformed)
        #expect(result.winsorisedHigh.isEmpty)
        for (treated, raw) in zip(result.values, values) { #expect(abs(treated - log(raw - 1 + 2.55)) < 1e-12) }
    }

    @Test func fewerThanFiveValuesAreRefused() {
        #expect {
            try OutlierTreatment.treat([1, 2, .nan, 3, 400], indicator: "medecins")
        } throws: { error in
            "\(error)" == "the outlier rule needs at least 5 values of an indicator, and medecins has 4"
        }
    }

    /// Skewness and kurtosis equal scipy's (bias=False), and the treatment equals a numpy
    /// implementation of COINr's rule (Tests/Reference/outlier_reference.py).
    @Test(.enabled(if: SobolReference.available, SobolReference.missing))
    func matchesScipyAndNumpy() throws {
        var random = SeededRandom(seed: 4)
        var series: [[Double]] = [
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 100], [-100, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            [Double](repeating: 1, count: 60) + (1...8).map { pow(2, Double($0)) },
            [3, 4, 5, 5, 6, 6, 7, 8, 9, 30, 31],
        ]
        for _ in 0..<6 { series.append((0..<13).map { _ in exp(1.5 * random.nextNormal()) }) }
        for _ in 0..<3 { series.append((0..<96).map { _ in pow(random.nextNormal(), 3) }) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("outliers-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: ["series": series]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Reference/outlier_reference.py").path
        let run = try PythonReference.execute([script, file.path], input: Data())
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: run.output) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == series.count)
        var treatments: Set<String> = []
        for (values, reference) in zip(series, results) {
            let ours = try OutlierTreatment.treat(values, indicator: "x")
            let skewness = try #require(reference["skewness"] as? Double)
            let kurtosis = try #require(reference["kurtosis"] as? Double)
            #expect(abs((ours.skewness ?? .nan) - skewness) < 1e-9 * max(1, abs(skewness)))
            #expect(abs((ours.kurtosis ?? .nan) - kurtosis) < 1e-9 * max(1, abs(kurtosis)))
            #expect(ours.treatment.rawValue == reference["treatment"] as? String)
            let treated = try #require(reference["treated"] as? [Double])
            #expect(zip(ours.values, treated).allSatisfy { abs($0 - $1) < 1e-9 })
            treatments.insert(ours.treatment.rawValue)
        }
        #expect(treatments == ["none", "winsorised", "log"])
    }
}
