import Foundation

/// Composite fragility scores, following the JRC/OECD Handbook on Constructing Composite
/// Indicators (2008) as implemented in COINr: impute, normalise (oriented so that higher = more
/// fragile), weight, aggregate indicators into domains and domains into axes, rank among peers.
/// Formulas in docs/METHODOLOGY.md.
public enum Diagnostics {
    public static func diagnose(_ input: DiagnosisInput, method: DiagnosisMethod) -> Diagnosis {
        let matrix = DiagnosticMatrix(input)
        let peerCount = matrix.peerCount
        let imputed = matrix.imputed(method.imputation)
        let normalised = matrix.normalised(imputed.values, method.normalisation)
        let weights = matrix.indicatorWeights(method.weights)
        let domainWeights = matrix.domainWeights(method.weights)
        let domainScores = matrix.domainScores(normalised, weights: weights, aggregation: method.aggregation)
        let axisScores = matrix.axisScores(domainScores, domainWeights: domainWeights, aggregation: method.aggregation)
        let domainRanks = matrix.ranks(domainScores, groups: matrix.domains.count)
        let axisRanks = matrix.ranks(axisScores, groups: matrix.axes.count)
        let zScores = matrix.normalised(matrix.raw, .zScore)

        var territories: [TerritoryDiagnosis] = []
        var illustrative = false
        for p in 0..<peerCount {
            var indicators: [IndicatorPosition] = []
            var used = [Int](repeating: 0, count: matrix.domains.count)
            var imputedCount = [Int](repeating: 0, count: matrix.domains.count)
            var total = [Int](repeating: 0, count: matrix.domains.count)
            for k in 0..<matrix.indicators.count {
                let definition = matrix.indicators[k]
                let d = matrix.domainOf[k]
                total[d] += 1
                let raw = matrix.raw[k * peerCount + p]
                let national = matrix.national[k]
                if !raw.isNaN { used[d] += 1 } else if imputed.flags[k * peerCount + p] { imputedCount[d] += 1 }
                let flags = matrix.flags[k * peerCount + p]
                if flags.contains(.illustrative) || matrix.nationalFlags[k].contains(.illustrative) {
                    illustrative = true
                }
                let z = zScores[k * peerCount + p]
                indicators.append(
                    IndicatorPosition(
                        indicator: definition.code, domain: matrix.domains[d].code, unit: definition.unit,
                        polarity: definition.polarity,
                        year: matrix.years[k], value: raw.isNaN ? nil : raw, national: national.isNaN ? nil : national,
                        gap: raw.isNaN || national.isNaN ? nil : raw - national,
                        gapPercent: raw.isNaN || national.isNaN || national == 0
                            ? nil : 100 * (raw - national) / abs(national),
                        rank: matrix.rawRanks[k * peerCount + p], peersWithValue: matrix.peersWithValue[k],
                        zScore: raw.isNaN ? nil : (z - 100) / 10,
                        normalised: normalised[k * peerCount + p].isNaN ? nil : normalised[k * peerCount + p],
                        imputed: imputed.flags[k * peerCount + p], flags: flags.words
                    ))
            }
            let domains = matrix.domains.enumerated().map { d, domain in
                let score = domainScores[d * peerCount + p]
                return CompositeScore(
                    code: domain.code, axis: domain.axis, score: score.isNaN ? nil : score,
                    rank: domainRanks[d * peerCount + p],
                    peerCount: peerCount, used: used[d], imputed: imputedCount[d], total: total[d],
                    coverage: total[d] == 0 ? 0 : Double(used[d]) / Double(total[d])
                )
            }
            let axes = matrix.axes.enumerated().map { a, axis in
                let members = matrix.domainsOfAxis[a]
                let withScore = members.filter { !domainScores[$0 * peerCount + p].isNaN }.count
                let score = axisScores[a * peerCount + p]
                return CompositeScore(
                    code: axis.code, axis: nil, score: score.isNaN ? nil : score, rank: axisRanks[a * peerCount + p],
                    peerCount: peerCount,
                    used: withScore, imputed: 0, total: members.count,
                    coverage: members.isEmpty ? 0 : Double(withScore) / Double(members.count)
                )
            }
            territories.append(
                TerritoryDiagnosis(
                    code: input.peers[p].code, name: input.peers[p].name, axes: axes, domains: domains,
                    indicators: indicators))
        }
        return Diagnosis(
            level: input.level, peers: input.peerSet, method: method, illustrative: illustrative,
            territories: territories)
    }
}

/// The values of the diagnosed indicators over the peers as dense matrices (indicator-major,
/// NaN = missing), with the computations every method choice needs. Shared by the diagnosis and
/// the Monte-Carlo sensitivity analysis.
struct DiagnosticMatrix {
    let indicators: [IndicatorDefinition]
    let domains: [Domain]
    let axes: [Axis]
    let domainOf: [Int]
    let domainsOfAxis: [[Int]]
    let axisOf: [Int]
    let peerCount: Int
    let raw: [Double]
    let flags: [ValueFlags]
    let national: [Double]
    let nationalFlags: [ValueFlags]
    let years: [Int]
    let sign: [Double]
    let rawRanks: [Int?]
    let peersWithValue: [Int]

    init(_ input: DiagnosisInput) {
        let series = Dictionary(input.series.map { ($0.indicator, $0) }, uniquingKeysWith: { first, _ in first })
        let domainPosition = Dictionary(
            uniqueKeysWithValues: input.framework.domains.enumerated().map { ($1.code, $0) })
        // Framework order of domains, then catalogue order within each.
        let chosen = input.catalogue.diagnosed().filter {
            $0.domain.flatMap { domainPosition[$0] } != nil && series[$0.code] != nil
        }
        let ordered = chosen.enumerated().sorted {
            (domainPosition[$0.element.domain ?? ""] ?? 0, $0.offset) < (
                domainPosition[$1.element.domain ?? ""] ?? 0, $1.offset
            )
        }.map(\.element)
        let count = input.peers.count
        indicators = ordered
        domains = input.framework.domains
        axes = input.framework.axes
        domainOf = ordered.map { domainPosition[$0.domain ?? ""] ?? 0 }
        let axisPosition = Dictionary(uniqueKeysWithValues: input.framework.axes.enumerated().map { ($1.code, $0) })
        axisOf = input.framework.domains.map { axisPosition[$0.axis] ?? 0 }
        domainsOfAxis = input.framework.axes.indices.map { a in
            input.framework.domains.indices.filter { axisPosition[input.framework.domains[$0].axis] == a }
        }
        peerCount = count
        var raw = [Double](repeating: .nan, count: ordered.count * count)
        var flags = [ValueFlags](repeating: [], count: ordered.count * count)
        var national = [Double](repeating: .nan, count: ordered.count)
        var nationalFlags = [ValueFlags](repeating: [], count: ordered.count)
        var years = [Int](repeating: 0, count: ordered.count)
        for (k, definition) in ordered.enumerated() {
            guard let entry = series[definition.code] else { continue }
            years[k] = entry.year
            if let value = entry.national, value.value.isFinite {
                national[k] = value.value
                nationalFlags[k] = value.flags
            }
            for (p, peer) in input.peers.enumerated() {
                if let value = entry.values[peer.code], value.value.isFinite {
                    raw[k * count + p] = value.value
                    flags[k * count + p] = value.flags
                }
            }
        }
        self.raw = raw
        self.flags = flags
        self.national = national
        self.nationalFlags = nationalFlags
        self.years = years
        sign = ordered.map(\.polarity.sign)
        var rawRanks = [Int?](repeating: nil, count: ordered.count * count)
        var peersWithValue = [Int](repeating: 0, count: ordered.count)
        for k in ordered.indices {
            let column = (0..<count).map { -ordered[k].polarity.sign * raw[k * count + $0] }
            let ranks = Ranking.competition(column)
            for p in 0..<count { rawRanks[k * count + p] = ranks[p] }
            peersWithValue[k] = column.filter { !$0.isNaN }.count
        }
        self.rawRanks = rawRanks
        self.peersWithValue = peersWithValue
    }

    /// Values with missing ones replaced as `imputation` says; `flags` marks the replaced ones.
    func imputed(_ imputation: Imputation) -> (values: [Double], flags: [Bool]) {
        var values = raw
        var flags = [Bool](repeating: false, count: raw.count)
        guard imputation != .none else { return (values, flags) }
        for k in indicators.indices {
            let slice = (0..<peerCount).map { raw[k * peerCount + $0] }.filter { !$0.isNaN }
            let fill: Double
            switch imputation {
            case .none: continue
            case .peerMean: fill = slice.isEmpty ? .nan : slice.reduce(0, +) / Double(slice.count)
            case .national: fill = national[k]
            }
            guard !fill.isNaN else { continue }
            for p in 0..<peerCount where raw[k * peerCount + p].isNaN {
                values[k * peerCount + p] = fill
                flags[k * peerCount + p] = true
            }
        }
        return (values, flags)
    }

    /// Normalised scores, higher = more fragile (see `Normalisation`).
    func normalised(_ values: [Double], _ normalisation: Normalisation) -> [Double] {
        var result = [Double](repeating: .nan, count: values.count)
        for k in indicators.indices {
            let base = k * peerCount
            let s = sign[k]
            let column = Array(values[base..<base + peerCount])
            let present = column.filter { !$0.isNaN }
            guard !present.isEmpty else { continue }
            switch normalisation {
            case .zScore:
                let mean = present.reduce(0, +) / Double(present.count)
                let sd =
                    present.count > 1
                    ? (present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count - 1)).squareRoot()
                    : 0
                for p in 0..<peerCount where !column[p].isNaN {
                    result[base + p] = 100 + 10 * (sd > 0 ? s * (column[p] - mean) / sd : 0)
                }
            case .minMax:
                let low = present.min() ?? 0
                let high = present.max() ?? 0
                for p in 0..<peerCount where !column[p].isNaN {
                    var t = high > low ? (column[p] - low) / (high - low) : 0.5
                    if s < 0 { t = 1 - t }
                    result[base + p] = 1 + 99 * t
                }
            case .distanceToReference:
                let reference = national[k]
                guard reference > 0 else { continue }
                for p in 0..<peerCount where column[p] > 0 {
                    result[base + p] = s > 0 ? 100 * column[p] / reference : 100 * reference / column[p]
                }
            case .rank:
                let ranks = Ranking.average(column.map { s * $0 })
                for p in 0..<peerCount { result[base + p] = ranks[p] }
            }
        }
        return result
    }

    func indicatorWeights(_ weights: DiagnosisWeights) -> [Double] {
        indicators.map { weights.indicators[$0.code] ?? 1 }
    }

    func domainWeights(_ weights: DiagnosisWeights) -> [Double] {
        domains.map { weights.domains[$0.code] ?? 1 }
    }

    /// Domain scores (domain-major, D × P) from the normalised scores (see `combined`).
    func domainScores(_ normalised: [Double], weights: [Double], aggregation: CompositeAggregation) -> [Double] {
        combined(normalised, weights: weights, groupOf: domainOf, groupCount: domains.count, aggregation: aggregation)
    }

    /// Axis scores (A × P) from the domain scores, with the same aggregation.
    func axisScores(_ domainScores: [Double], domainWeights: [Double], aggregation: CompositeAggregation) -> [Double] {
        combined(
            domainScores, weights: domainWeights, groupOf: axisOf, groupCount: axes.count, aggregation: aggregation)
    }

    /// Scores of groups (group-major, G × P) combining the rows (R × P) of each group with
    /// `aggregation` (see `CompositeAggregation`): a mean of the scores present, weights
    /// renormalised over them, NaN when one is outside the mean's domain; or the Copeland scores
    /// of the peers.
    func combined(
        _ scores: [Double], weights: [Double], groupOf: [Int], groupCount: Int, aggregation: CompositeAggregation
    ) -> [Double] {
        let rows = groupOf.indices.filter { weights[$0] > 0 }
        if aggregation == .copeland {
            var result = [Double](repeating: .nan, count: groupCount * peerCount)
            for g in 0..<groupCount {
                let members = rows.filter { groupOf[$0] == g }
                guard !members.isEmpty else { continue }
                let copeland = CompositeAggregation.copelandScores(
                    members.map { r in Array(scores[r * peerCount..<(r + 1) * peerCount]) },
                    weights: members.map { weights[$0] })
                for p in 0..<peerCount { result[g * peerCount + p] = copeland[p] }
            }
            return result
        }
        var shifts = [Double](repeating: 0, count: groupCount)
        if aggregation == .shiftedGeometric {
            var smallest = [Double](repeating: .infinity, count: groupCount)
            for r in rows {
                for p in 0..<peerCount where !scores[r * peerCount + p].isNaN {
                    smallest[groupOf[r]] = min(smallest[groupOf[r]], scores[r * peerCount + p])
                }
            }
            shifts = smallest.map { aggregation.shift(smallest: $0) }
        }
        var sums = [Double](repeating: 0, count: groupCount * peerCount)
        var totals = [Double](repeating: 0, count: groupCount * peerCount)
        for r in rows {
            let w = weights[r]
            let g = groupOf[r]
            for p in 0..<peerCount {
                let y = scores[r * peerCount + p]
                if y.isNaN { continue }
                // NaN (outside the domain) stays in the sum and makes the mean NaN.
                sums[g * peerCount + p] += w * aggregation.transformed(y, shift: shifts[g])
                totals[g * peerCount + p] += w
            }
        }
        var result = [Double](repeating: .nan, count: sums.count)
        for i in sums.indices where totals[i] > 0 {
            result[i] = aggregation.inverse(sums[i] / totals[i], shift: shifts[i / peerCount])
        }
        return result
    }

    /// Overall scores (P) from the domain scores: Σ w·y / Σ w (arithmetic) or exp(Σ w·ln y / Σ w)
    /// (geometric) over the domains with a score, the aggregation of the axes applied to every
    /// domain; with equal weights and the arithmetic mean, `TerritoryDiagnosis.weightedScore`.
    func overallScores(_ domainScores: [Double], domainWeights: [Double], aggregation: CompositeAggregation)
        -> [Double]
    {
        (0..<peerCount).map { p in
            var sum = 0.0
            var total = 0.0
            for d in domains.indices {
                let y = domainScores[d * peerCount + p]
                let w = domainWeights[d]
                guard !y.isNaN, w > 0 else { continue }
                if aggregation == .geometric {
                    guard y > 0 else { return .nan }
                    sum += w * log(y)
                } else {
                    sum += w * y
                }
                total += w
            }
            guard total > 0 else { return .nan }
            return aggregation == .arithmetic ? sum / total : exp(sum / total)
        }
    }

    /// Ranks of scores within each group (group-major, G × P), 1 = highest score = most fragile.
    func ranks(_ scores: [Double], groups: Int) -> [Int?] {
        var result = [Int?](repeating: nil, count: groups * peerCount)
        for g in 0..<groups {
            let ranks = Ranking.competition((0..<peerCount).map { -scores[g * peerCount + $0] })
            for p in 0..<peerCount { result[g * peerCount + p] = ranks[p] }
        }
        return result
    }
}
