import Foundation

/// Fills the values of départements, EPCI, regions and France that were not imported, from
/// their parts, following each indicator's aggregation rule (see docs/METHODOLOGY.md,
/// "Aggregation up the territory tree"):
///
/// - count (`sum`): x(T) = Σ_{c ∈ parts(T)} x(c);
/// - `ratio` with its numerator N and denominator D in the grid: x(T) = scale · N(T) / D(T),
///   where N(T) and D(T) are themselves aggregated as counts — the exact value;
/// - rate, median or average (`mean`, or a ratio whose counts are missing):
///   x(T) = Σ w(c) x(c) / Σ w(c), w = the part's denominator when known, else its population;
///   flagged `approximate`.
///
/// An imported value always wins over an aggregate. Parts without a value (or without a weight)
/// are left out and the aggregate is flagged `partial`.
public enum TreeAggregation {
    public static func aggregate(_ grid: IndicatorGrid, catalogue: IndicatorCatalogue, index: TerritoryIndex)
        -> IndicatorGrid
    {
        precondition(
            grid.territoryCount == index.count, "the grid and the territory index must cover the same territories")
        var grid = grid
        let columns = grid.indicators.indices
        // Counts first: ratios read their aggregated numerators and denominators.
        let ordered =
            columns.filter { catalogue[grid.indicators[$0]]?.aggregation == .sum }
            + columns.filter { catalogue[grid.indicators[$0]]?.aggregation != .sum }
        for column in ordered {
            guard let definition = catalogue[grid.indicators[column]] else { continue }
            switch definition.aggregation {
            case .sum:
                aggregateSum(&grid, column: column, index: index)
            case .mean:
                aggregateMean(&grid, column: column, weightColumn: nil, index: index)
            case .ratio:
                let numerator = definition.numerator.flatMap(grid.column(of:))
                let denominator = definition.denominator.flatMap(grid.column(of:))
                aggregateRatio(
                    &grid, column: column, numerator: numerator, denominator: denominator, scale: definition.scale,
                    index: index)
            }
        }
        return grid
    }

    static func aggregateSum(_ grid: inout IndicatorGrid, column: Int, index: TerritoryIndex) {
        let base = column * grid.territoryCount
        for target in index.aggregationOrder where !grid.flags[base + target].contains(.observed) {
            var total = 0.0
            var found = false
            var inherited: ValueFlags = []
            for part in index.parts[index.partStart[target]..<index.partStart[target + 1]] {
                let value = grid.values[base + Int(part)]
                if value.isNaN {
                    inherited.insert(.partial)
                } else {
                    total += value
                    found = true
                    inherited.formUnion(grid.flags[base + Int(part)].intersection(.inherited))
                }
            }
            if found {
                grid.values[base + target] = total
                grid.flags[base + target] = inherited.union(.aggregated)
            }
        }
    }

    /// Weighted mean of the parts' values. The weight is the part's value in `weightColumn` (the
    /// ratio's denominator) when every valued part has one, else the part's population: one
    /// kind of weight for all parts, never a mix.
    static func weightedMean(_ grid: IndicatorGrid, column: Int, weightColumn: Int?, target: Int, index: TerritoryIndex)
        -> (Double, ValueFlags)?
    {
        let n = grid.territoryCount
        let base = column * n
        let range = index.partStart[target]..<index.partStart[target + 1]
        var useOwnWeights = weightColumn != nil
        if let weightColumn {
            for part in index.parts[range] where !grid.values[base + Int(part)].isNaN {
                if grid.values[weightColumn * n + Int(part)].isNaN {
                    useOwnWeights = false
                    break
                }
            }
        }
        var sum = 0.0
        var weights = 0.0
        var inherited: ValueFlags = [.approximate]
        for part in index.parts[range] {
            let p = Int(part)
            let value = grid.values[base + p]
            let weight = useOwnWeights ? grid.values[(weightColumn ?? 0) * n + p] : index.population[p]
            if value.isNaN || weight.isNaN || weight < 0 {
                inherited.insert(.partial)
            } else {
                sum += weight * value
                weights += weight
                inherited.formUnion(grid.flags[base + p].intersection(.inherited))
            }
        }
        guard weights > 0 else { return nil }
        return (sum / weights, inherited.union(.aggregated))
    }

    static func aggregateMean(_ grid: inout IndicatorGrid, column: Int, weightColumn: Int?, index: TerritoryIndex) {
        let base = column * grid.territoryCount
        for target in index.aggregationOrder where !grid.flags[base + target].contains(.observed) {
            if let (value, flags) = weightedMean(
                grid, column: column, weightColumn: weightColumn, target: target, index: index)
            {
                grid.values[base + target] = value
                grid.flags[base + target] = flags
            }
        }
    }

    static func aggregateRatio(
        _ grid: inout IndicatorGrid, column: Int, numerator: Int?, denominator: Int?, scale: Double,
        index: TerritoryIndex
    ) {
        let n = grid.territoryCount
        let base = column * n
        // Parts holding counts but no rate get their rate from the counts first (communes
        // imported as counts only), so that every level reads the same definition.
        if let numerator, let denominator {
            for t in 0..<n where grid.values[base + t].isNaN {
                let num = grid.values[numerator * n + t]
                let den = grid.values[denominator * n + t]
                if !num.isNaN && !den.isNaN && den > 0 {
                    grid.values[base + t] = scale * num / den
                    grid.flags[base + t] = grid.flags[numerator * n + t].union(grid.flags[denominator * n + t])
                        .intersection(.inherited).union(.aggregated)
                }
            }
        }
        for target in index.aggregationOrder where !grid.flags[base + target].contains(.observed) {
            var fromCounts: (Double, ValueFlags)?
            if let numerator, let denominator {
                let num = grid.values[numerator * n + target]
                let den = grid.values[denominator * n + target]
                if !num.isNaN && !den.isNaN && den > 0 {
                    let flags = grid.flags[numerator * n + target].union(grid.flags[denominator * n + target])
                        .intersection(.inherited)
                    fromCounts = (scale * num / den, flags.union(.aggregated))
                }
            }
            // Exact counts win; a complete weighted mean beats a partial ratio of sums.
            var chosen = fromCounts
            let countsComplete = fromCounts.map { !$0.1.contains(.partial) } ?? false
            if !countsComplete,
                let fromRates = weightedMean(
                    grid, column: column, weightColumn: denominator, target: target, index: index)
            {
                if fromCounts == nil || !fromRates.1.contains(.partial) { chosen = fromRates }
            }
            if let (value, flags) = chosen {
                grid.values[base + target] = value
                grid.flags[base + target] = flags
            }
        }
    }
}
