import Foundation
import Testing

@testable import PhareCore

/// The diagnosis of change (`FragilityChange`) on cases worked by hand.
@Suite struct FragilityChangeTests {
    /// One series of `indicator` in `year` over the peers R0, R1… (nil = no value).
    static func series(_ indicator: String, _ year: Int, _ values: [Double?]) -> IndicatorSeries {
        var byCode: [String: FlaggedValue] = [:]
        for (p, value) in values.enumerated() {
            if let value { byCode["R\(p)"] = FlaggedValue(value, .observed) }
        }
        return IndicatorSeries(indicator: indicator, year: year, values: byCode, national: FlaggedValue(2, .observed))
    }

    static func history(_ indicators: [IndicatorDefinition], _ series: [IndicatorSeries], peers: Int)
        -> DiagnosisInput
    {
        DiagnosisInput(
            framework: WorkedExample.framework, catalogue: IndicatorCatalogue(indicators), level: .region,
            peerSet: .all, peers: WorkedExample.peers(peers), series: series)
    }

    /// One indicator of "emploi" held in 2016 and 2020, one of "sante" held in 2016 only (left out).
    /// With a single indicator every normalisation keeps the order of the values, and neither the
    /// aggregation, the imputation (no value missing) nor the weights change it: every run gives the
    /// nominal rank, the intervals are points, and every shift is outside them.
    /// 2016: 1, 2, 3, 4 → ranks 4, 3, 2, 1; 2020: 4, 1, 2, 3 → ranks 1, 4, 3, 2.
    /// Shifts r₂₀₁₆ − r₂₀₂₀: R0 +3 (worsened), R1, R2, R3 −1 (improved).
    @Test func singleIndicatorShiftsAreOutsideThePointIntervals() throws {
        let indicators = [
            WorkedExample.indicator("chomage", "emploi", .higherIsFragile),
            WorkedExample.indicator("deces", "sante", .higherIsFragile),
        ]
        let history = Self.history(
            indicators,
            [
                Self.series("chomage", 2016, [1, 2, 3, 4]), Self.series("chomage", 2020, [4, 1, 2, 3]),
                Self.series("deces", 2016, [5, 6, 7, 8]),
            ], peers: 4)
        let change = try FragilityChange.compute(history, from: 2016, to: 2020, runs: 200, seed: 7)
        #expect(change.indicators == ["chomage"])
        #expect(change.domains == ["emploi"])
        for composite in ["overall", "emploi"] {
            let shifts = change.shifts(of: composite)
            #expect(shifts.map(\.territory) == ["R0", "R1", "R2", "R3"])
            #expect(shifts.map(\.from.nominalRank) == [4, 3, 2, 1])
            #expect(shifts.map(\.to.nominalRank) == [1, 4, 3, 2])
            #expect(shifts.map(\.shift) == [3, -1, -1, -1])
            #expect(shifts.map(\.verdict) == [.worsened, .improved, .improved, .improved])
            #expect(shifts.map(\.from.low) == [4, 3, 2, 1] && shifts.map(\.from.high) == [4, 3, 2, 1])
            #expect(shifts.map(\.to.low) == [1, 4, 3, 2] && shifts.map(\.to.high) == [1, 4, 3, 2])
        }
        // z-scores of 1, 2, 3, 4: mean 2.5, sd √(5/3) = 1.290994; score 100 + 10 z.
        let r0 = change.shifts(of: "emploi")[0]
        #expect(abs((r0.scoreFrom ?? 0) - (100 - 15 / 1.2909944)) < 1e-6)
        #expect(abs((r0.scoreTo ?? 0) - (100 + 15 / 1.2909944)) < 1e-6)
        #expect(change.shifts.count == 8)
    }

    /// Two indicators of "emploi", nearly symmetric: 2016 x = 3, 1, 0 and y = 1.1, 3, 0; 2020 the two
    /// first peers swap. z-scores of x: 1.091089, −0.218218, −0.872872; of y: −0.175708, 1.076209,
    /// −0.900501 (numpy, ddof = 1); domain scores 104.57691, 104.28995, 91.13314: ranks 1, 2, 3 in 2016, 2, 1, 3 in 2020.
    /// The perturbed weights favour x or y in about half the runs, so R0 and R1 rank 1 or 2 over the
    /// runs (interval [1, 2] both years): the shifts ±1 stay inside, verdict uncertain; R2 stays 3.
    @Test func shiftsInsideOverlappingIntervalsAreUncertain() throws {
        let indicators = [
            WorkedExample.indicator("x", "emploi", .higherIsFragile),
            WorkedExample.indicator("y", "emploi", .higherIsFragile),
        ]
        let history = Self.history(
            indicators,
            [
                Self.series("x", 2016, [3, 1, 0]), Self.series("y", 2016, [1.1, 3, 0]),
                Self.series("x", 2020, [1, 3, 0]), Self.series("y", 2020, [3, 1.1, 0]),
            ], peers: 3)
        let change = try FragilityChange.compute(history, from: 2016, to: 2020, runs: 1000, seed: 1)
        let shifts = change.shifts(of: "emploi")
        #expect(shifts.map(\.territory) == ["R1", "R2", "R0"])
        #expect(shifts.map(\.shift) == [1, 0, -1])
        #expect(shifts.map(\.verdict) == [.uncertain, .uncertain, .uncertain])
        #expect(abs((shifts[2].scoreFrom ?? 0) - 104.576910) < 1e-5)
        #expect(abs((shifts[0].scoreFrom ?? 0) - 104.289953) < 1e-5)
        for shift in [shifts[0], shifts[2]] {
            #expect(shift.from.low == 1 && shift.from.high == 2 && shift.to.low == 1 && shift.to.high == 2)
        }
        #expect(shifts[1].from.low == 3 && shifts[1].to.high == 3)
    }

    @Test func verdictNeedsIntervalsApartInTheDirectionOfTheShift() {
        func interval(_ rank: Int, _ low: Double, _ high: Double) -> RankInterval {
            RankInterval(code: "d", nominalRank: rank, medianRank: Double(rank), low: low, high: high)
        }
        #expect(FragilityChange.verdict(shift: 4, from: interval(8, 6, 9), to: interval(4, 3, 5.5)) == .worsened)
        // Touching intervals overlap.
        #expect(FragilityChange.verdict(shift: 4, from: interval(8, 6, 9), to: interval(4, 3, 6)) == .uncertain)
        #expect(FragilityChange.verdict(shift: -4, from: interval(4, 3, 5.5), to: interval(8, 6, 9)) == .improved)
        // Intervals apart against the nominal shift: not counted.
        #expect(FragilityChange.verdict(shift: -1, from: interval(8, 6, 9), to: interval(9, 3, 5)) == .uncertain)
        #expect(FragilityChange.verdict(shift: nil, from: interval(8, 6, 9), to: interval(4, 3, 5)) == .unranked)
    }

    @Test func badYearsAreRefusedInOneSentence() {
        let indicators = [WorkedExample.indicator("chomage", "emploi", .higherIsFragile)]
        let history = Self.history(
            indicators,
            [
                Self.series("chomage", 2016, [1, 2, 3]), Self.series("chomage", 2020, [3, 2, 1]),
                Self.series("autre", 2018, [1, 2, 3]),
            ], peers: 3)
        func message(_ from: Int, _ to: Int) -> String {
            do {
                _ = try FragilityChange.compute(history, from: from, to: to, runs: 10, seed: 1)
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(message(2020, 2016) == "--from 2020 must be an earlier year than --to 2016")
        #expect(message(2016, 2016) == "--from 2016 must be an earlier year than --to 2016")
        // "autre" is not in the catalogue: 2018 holds no diagnosed indicator.
        #expect(
            message(2016, 2018)
                == "no diagnosed indicator has a value at the level region in 2018 (years held: 2016, 2020)")
        let split = Self.history(
            indicators + [WorkedExample.indicator("revenu", "revenu", .higherIsRobust)],
            [Self.series("chomage", 2016, [1, 2, 3]), Self.series("revenu", 2020, [3, 2, 1])], peers: 3)
        do {
            _ = try FragilityChange.compute(split, from: 2016, to: 2020, runs: 10, seed: 1)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == "no diagnosed indicator is held at the level region in both 2016 and 2020: choose two years "
                    + "of the same series (`phare indicators trend`)")
        }
    }
}
