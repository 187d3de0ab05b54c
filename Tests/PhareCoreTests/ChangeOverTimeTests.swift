import Foundation
import PhareCore
import Testing

/// Hand-worked cases of the change-over-time statistics.
struct ChangeOverTimeTests {
    @Test func trendGivesAnnualChangesAndTheAverageAnnualGrowthRate() {
        func year(_ y: Int, _ value: Double, national: Double) -> IndicatorSeries {
            IndicatorSeries(
                indicator: "x", year: y, values: ["44": FlaggedValue(value, .observed)],
                national: FlaggedValue(national, .observed))
        }
        // 100 → 110 → 121 (2018, 2019, then 2021: a gap of two years).
        let trend = IndicatorTrend(
            indicator: "x", territory: "44",
            history: [year(2021, 133.1, national: 9), year(2018, 100, national: 8), year(2019, 110, national: 8.5)])
        #expect(trend.points.map(\.year) == [2018, 2019, 2021])
        #expect(trend.points[0].annualChange == nil)
        #expect(trend.points[1].annualChange == 10)
        #expect(abs((trend.points[2].annualChange ?? 0) - 11.55) < 1e-12)
        #expect(trend.points[2].national == 9)
        // (133.1 / 100)^(1/3) − 1 = 0.1 exactly (1.1³ = 1.331).
        #expect(abs((trend.averageAnnualGrowth ?? 0) - 0.1) < 1e-12)
        #expect(IndicatorTrend.averageAnnualGrowth(from: 0, year: 2018, to: 5, year: 2020) == nil)
    }

    @Test func differenceOfIndependentWaves() {
        let earlier = WaveSide(
            wave: "A", estimate: 0.30, standardError: 0.03, sampleSize: 400, approximate: false, synthetic: false)
        let later = WaveSide(
            wave: "B", estimate: 0.40, standardError: 0.04, sampleSize: 25, approximate: false, synthetic: false)
        let d = WaveComparison.difference(
            actor: "entreprises", measure: "partnership_rate", item: "all", group: "FR", earlier: earlier,
            later: later, options: EstimationOptions())
        // SE = √(0.03² + 0.04²) = 0.05; 0.1 ± 1.959964 × 0.05 = [0.00200, 0.19800]: significant; n 25 < 30.
        #expect(abs((d.difference ?? 0) - 0.1) < 1e-15 && abs((d.standardError ?? 0) - 0.05) < 1e-15)
        #expect(abs((d.lower ?? 0) - 0.0020018) < 1e-6 && abs((d.upper ?? 0) - 0.1979982) < 1e-6)
        #expect(d.significant && d.belowThreshold && !d.approximate)
        // A published 28.5 % on 2,000 respondents: √(0.285 × 0.715 / 2000).
        let se = WaveComparison.publishedShareStandardError(proportion: 0.285, sampleSize: 2000)
        #expect(abs(se - 0.010093933) < 1e-9)
    }
}
