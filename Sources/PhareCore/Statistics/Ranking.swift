import Foundation

/// Ranks of a list of numbers, NaN left unranked.
public enum Ranking {
    /// Competition ranking ("1224"), smallest first: R `rank(x, ties.method = "min")`.
    public static func competition(_ values: [Double]) -> [Int?] {
        let order = values.indices.filter { !values[$0].isNaN }.sorted { values[$0] < values[$1] }
        var ranks = [Int?](repeating: nil, count: values.count)
        for (position, index) in order.enumerated() {
            if position > 0, values[order[position - 1]] == values[index] {
                ranks[index] = ranks[order[position - 1]]
            } else {
                ranks[index] = position + 1
            }
        }
        return ranks
    }

    /// Fractional ranking, ties share their mean rank, smallest first: R `rank(x)` (ties.method
    /// = "average"). NaN stays NaN.
    public static func average(_ values: [Double]) -> [Double] {
        let order = values.indices.filter { !values[$0].isNaN }.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: .nan, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let mean = Double(start + end + 2) / 2
            for position in start...end { ranks[order[position]] = mean }
            start = end + 1
        }
        return ranks
    }
}
