import Foundation

/// Whether a rank shift between two years stands out of the sensitivity's rank intervals.
public enum ChangeVerdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// More fragile among the peers, and the 5–95 % rank intervals of the two years do not overlap.
    case worsened
    /// Less fragile among the peers, and the intervals do not overlap.
    case improved
    /// The intervals overlap (or the rank did not move): the method choices alone could explain the shift.
    case uncertain
    /// No score at one of the years.
    case unranked
}

/// One territory on one composite (a domain, or `overall`) at two years.
public struct RankShift: Sendable, Hashable, Codable {
    public var territory: String
    public var name: String
    /// A domain code, or `overall` (the weighted mean of the domain scores).
    public var composite: String
    public var scoreFrom: Double?
    public var scoreTo: Double?
    /// Nominal rank (1 = most fragile), median and 5–95 % interval over the sensitivity runs, at each year.
    public var from: RankInterval
    public var to: RankInterval
    /// rank at `from` − rank at `to`: positive = moved towards rank 1 = worsened.
    public var shift: Int?
    public var verdict: ChangeVerdict
}

/// The diagnosis of change between two years: the territories whose fragility worsened most.
public struct FragilityChange: Sendable, Hashable, Codable {
    public var level: TerritoryLevel
    public var peers: PeerSet
    public var from: Int
    public var to: Int
    public var method: DiagnosisMethod
    /// The diagnosed indicators held at both years, the only ones entering both diagnoses.
    public var indicators: [String]
    /// The domains with at least one of those indicators, in framework order.
    public var domains: [String]
    public var runs: Int
    public var seed: UInt64
    public var illustrative: Bool
    /// Every territory × composite (`overall`, then the domains), most worsened first within each composite.
    public var shifts: [RankShift]

    /// The shifts of one composite (`overall` or a domain code), most worsened first.
    public func shifts(of composite: String) -> [RankShift] { shifts.filter { $0.composite == composite } }
}

/// A diagnosis of change that cannot be computed, in one sentence.
public enum FragilityChangeError: Error, Sendable, Hashable, CustomStringConvertible {
    case order(from: Int, to: Int)
    case noValues(year: Int, level: TerritoryLevel, held: [Int])
    case noCommonIndicator(from: Int, to: Int, level: TerritoryLevel)

    public var description: String {
        switch self {
        case .order(let from, let to):
            "--from \(from) must be an earlier year than --to \(to)"
        case .noValues(let year, let level, let held):
            "no diagnosed indicator has a value at the level \(level.rawValue) in \(year) (years held: "
                + "\(held.map(String.init).joined(separator: ", ")))"
        case .noCommonIndicator(let from, let to, let level):
            "no diagnosed indicator is held at the level \(level.rawValue) in both \(from) and \(to): "
                + "choose two years of the same series (`phare indicators trend`)"
        }
    }
}

extension FragilityChange {
    /// Diagnoses the peers of `history` at `from` and at `to` with the same method, on the diagnosed
    /// indicators held at both years only (a value for at least one peer each year), and ranks them.
    /// At each year the Monte-Carlo of `Sensitivity.analyse` (random design, `runs` runs, `seed`) gives
    /// every rank its 5–95 % interval [p05, p95]. With r₁, r₂ the nominal ranks (1 = most fragile) and
    /// shift = r₁ − r₂, the change is `worsened` when shift > 0 and p95(to) < p05(from), `improved`
    /// when shift < 0 and p05(to) > p95(from), else `uncertain`: a shift counts only when no method
    /// choice of the runs could give the two years the same rank (the intervals do not overlap).
    /// The overall score is the weighted mean of the domain scores (`DiagnosticMatrix.overallScores`).
    ///
    /// - Parameter history: the peers and every year held (`series` holds one entry per indicator × year).
    public static func compute(
        _ history: DiagnosisInput, from: Int, to: Int, method: DiagnosisMethod = DiagnosisMethod(), runs: Int,
        seed: UInt64, weightNoise: Double = 0.25
    ) throws(FragilityChangeError) -> FragilityChange {
        guard from < to else { throw .order(from: from, to: to) }
        let diagnosed = Set(
            history.catalogue.diagnosed().filter { $0.domain.flatMap(history.framework.domain) != nil }.map(\.code))
        let peerCodes = Set(history.peers.map(\.code))
        let held = history.series.filter { series in
            diagnosed.contains(series.indicator) && series.values.keys.contains(where: peerCodes.contains)
        }
        let years = Set(held.map(\.year)).sorted()
        for year in [from, to] where !years.contains(year) {
            throw .noValues(year: year, level: history.level, held: years)
        }
        func codes(_ year: Int) -> Set<String> { Set(held.filter { $0.year == year }.map(\.indicator)) }
        let common = codes(from).intersection(codes(to))
        guard !common.isEmpty else { throw .noCommonIndicator(from: from, to: to, level: history.level) }

        func input(_ year: Int) -> DiagnosisInput {
            var input = history
            input.series = held.filter { $0.year == year && common.contains($0.indicator) }
            return input
        }
        let inputs = [input(from), input(to)]
        let matrices = inputs.map(DiagnosticMatrix.init)
        let scores = matrices.map { matrix -> (domains: [Double], overall: [Double]) in
            let normalised = matrix.normalised(matrix.imputed(method.imputation).values, method.normalisation)
            let domains = matrix.domainScores(
                normalised, weights: matrix.indicatorWeights(method.weights), aggregation: method.aggregation)
            let overall = matrix.overallScores(
                domains, domainWeights: matrix.domainWeights(method.weights), aggregation: method.aggregation)
            return (domains, overall)
        }
        let intervals = inputs.map { input -> SensitivityResult in
            do {
                return try Sensitivity.analyse(
                    input, nominal: method, runs: runs, seed: seed, weightNoise: weightNoise, design: .random)
            } catch {
                preconditionFailure("the random design of the sensitivity analysis does not throw: \(error)")
            }
        }
        let matrix = matrices[0]
        let covered = matrix.domains.indices.filter { d in
            matrix.indicators.indices.contains { matrix.domainOf[$0] == d }
        }
        let peerCount = matrix.peerCount
        var shifts: [RankShift] = []
        for composite in [nil] + covered.map(Optional.some) {
            var group: [RankShift] = []
            for (p, peer) in history.peers.enumerated() {
                // side 0 = `from`, 1 = `to`.
                func score(_ side: Int) -> Double? {
                    let value = composite.map { scores[side].domains[$0 * peerCount + p] } ?? scores[side].overall[p]
                    return value.isNaN ? nil : value
                }
                func interval(_ side: Int) -> RankInterval {
                    let territory = intervals[side].territories[p]
                    return composite.map { territory.domains[$0] } ?? territory.overall
                }
                let (first, second) = (interval(0), interval(1))
                let shift = first.nominalRank.flatMap { r1 in second.nominalRank.map { r1 - $0 } }
                group.append(
                    RankShift(
                        territory: peer.code, name: peer.name,
                        composite: composite.map { matrix.domains[$0].code } ?? "overall",
                        scoreFrom: score(0), scoreTo: score(1), from: first, to: second, shift: shift,
                        verdict: verdict(shift: shift, from: first, to: second)))
            }
            shifts += group.sorted(by: worsenedFirst)
        }
        return FragilityChange(
            level: history.level, peers: history.peerSet, from: from, to: to, method: method,
            indicators: matrix.indicators.map(\.code), domains: covered.map { matrix.domains[$0].code }, runs: runs,
            seed: seed, illustrative: intervals.contains { $0.illustrative }, shifts: shifts)
    }

    /// The rule of `compute`: a shift counts when the two years' rank intervals do not overlap.
    public static func verdict(shift: Int?, from: RankInterval, to: RankInterval) -> ChangeVerdict {
        guard let shift, let lowFrom = from.low, let highFrom = from.high, let lowTo = to.low, let highTo = to.high
        else { return .unranked }
        if shift > 0, highTo < lowFrom { return .worsened }
        if shift < 0, lowTo > highFrom { return .improved }
        return .uncertain
    }

    /// Largest shift first (unranked last), then by code.
    static func worsenedFirst(_ a: RankShift, _ b: RankShift) -> Bool {
        switch (a.shift, b.shift) {
        case (let x?, let y?) where x != y: x > y
        case (.some, nil): true
        case (nil, .some): false
        default: a.territory < b.territory
        }
    }
}
