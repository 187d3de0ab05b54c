import Foundation

/// Two indicators of a group whose correlation is flagged.
public struct IndicatorPair: Sendable, Hashable, Codable {
    public var first: String
    public var second: String
    public var pearson: Double
    public var spearman: Double
}

/// The statistical coherence of the indicators of one domain or one axis across the territories
/// of a level (see `Coherence`).
public struct GroupCoherence: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case domain, axis }

    public var kind: Kind
    public var code: String
    /// The indicators of the matrices, in framework and catalogue order.
    public var indicators: [String]
    /// Indicators of the group left out because they do not vary over the territories.
    public var constant: [String]
    /// Territories with a value on every indicator of `indicators` (the rows used).
    public var territories: Int
    /// Correlation matrices (indicators × indicators) of the oriented values; empty with `problem`.
    public var pearson: [[Double]]
    public var spearman: [[Double]]
    /// Standardised Cronbach's alpha.
    public var cronbachAlpha: Double?
    /// Eigenvalues of the Pearson matrix, decreasing (they sum to the number of indicators).
    public var eigenvalues: [Double]
    /// λ₁ / k: the share of the variance the first principal component carries.
    public var firstComponentShare: Double?
    /// Pairs with r < 0 after orientation (they pull the score in opposite directions).
    public var negativePairs: [IndicatorPair]
    /// Pairs with |r| > 0.9 (nearly the same information counted twice).
    public var collinearPairs: [IndicatorPair]
    /// Why nothing is computed (fewer than 2 indicators or 3 territories), as a sentence.
    public var problem: String?
}

/// Statistical coherence of the composite's groups (JRC/OECD Handbook on Constructing Composite
/// Indicators, 2008, step 4 "multivariate analysis" and section 3; COINr `get_corr`,
/// `get_corr_flags`, `get_cronbach`, `get_PCA`). For each domain, then each axis (all the
/// indicators of its domains), over the territories with a value on every indicator of the group,
/// each indicator oriented so that higher = more fragile (x·s, s the polarity sign):
///
/// - Pearson r and Spearman ρ (average ranks for ties) of every pair;
/// - Cronbach's alpha of the standardised values, α = k·r̄ / (1 + (k − 1)·r̄), r̄ the mean of the
///   k(k − 1)/2 Pearson coefficients (Cronbach 1951, Psychometrika 16(3); COINr `get_cronbach` on
///   standardised data, where the covariance matrix is the correlation matrix);
/// - the eigenvalues λ of the Pearson matrix and λ₁ / k, the first principal component's share of
///   the variance (Jolliffe, Principal Component Analysis, 2nd ed., 2002; `SymmetricEigen`);
/// - flags: r < 0 (negatively correlated after orientation) and |r| > 0.9 (collinear, COINr
///   `get_corr_flags` default `cor_thresh = 0.9`).
public enum Coherence {
    public static let collinearThreshold = 0.9
    public static let minimumIndicators = 2
    public static let minimumTerritories = 3

    /// Every domain of the framework, then every axis, among the peers of `input`.
    public static func analyse(_ input: DiagnosisInput) -> [GroupCoherence] {
        let matrix = DiagnosticMatrix(input)
        let count = matrix.peerCount
        func column(_ k: Int) -> [Double] { (0..<count).map { matrix.sign[k] * matrix.raw[k * count + $0] } }
        let domains = matrix.domains.enumerated().map { d, domain in
            let members = matrix.indicators.indices.filter { matrix.domainOf[$0] == d }
            return group(
                .domain, domain.code, indicators: members.map { matrix.indicators[$0].code },
                values: members.map(column))
        }
        let axes = matrix.axes.enumerated().map { a, axis in
            let members = matrix.indicators.indices.filter { matrix.axisOf[matrix.domainOf[$0]] == a }
            return group(
                .axis, axis.code, indicators: members.map { matrix.indicators[$0].code }, values: members.map(column))
        }
        return domains + axes
    }

    /// The coherence of one group: `values[k]` holds indicator k over the territories, oriented,
    /// NaN = missing.
    public static func group(_ kind: GroupCoherence.Kind, _ code: String, indicators: [String], values: [[Double]])
        -> GroupCoherence
    {
        var result = GroupCoherence(
            kind: kind, code: code, indicators: [], constant: [], territories: 0, pearson: [], spearman: [],
            cronbachAlpha: nil, eigenvalues: [], firstComponentShare: nil, negativePairs: [], collinearPairs: [],
            problem: nil)
        let label = kind == .domain ? "domain" : "axis"
        guard indicators.count >= minimumIndicators else {
            result.indicators = indicators
            result.problem =
                "The \(label) \(code) has \(indicators.count == 0 ? "no indicator" : "only one indicator") with "
                + "values: coherence needs at least \(minimumIndicators)."
            return result
        }
        let territories = (values.first?.indices ?? 0..<0).filter { p in values.allSatisfy { !$0[p].isNaN } }
        result.territories = territories.count
        guard territories.count >= minimumTerritories else {
            result.indicators = indicators
            result.problem =
                "The \(label) \(code) has \(territories.count) territor\(territories.count == 1 ? "y" : "ies") "
                + "with a value on all its \(indicators.count) indicators: coherence needs at least "
                + "\(minimumTerritories)."
            return result
        }
        var kept: [Int] = []
        for k in indicators.indices {
            let column = territories.map { values[k][$0] }
            if column.allSatisfy({ $0 == column[0] }) { result.constant.append(indicators[k]) } else { kept.append(k) }
        }
        result.indicators = kept.map { indicators[$0] }
        guard kept.count >= minimumIndicators else {
            result.problem =
                "The \(label) \(code) has fewer than \(minimumIndicators) indicators that vary across its "
                + "\(territories.count) territories (\(result.constant.joined(separator: ", ")) constant)."
            return result
        }
        let columns = kept.map { k in territories.map { values[k][$0] } }
        let n = columns.count
        var pearson = [[Double]](repeating: [Double](repeating: 1, count: n), count: n)
        var spearman = pearson
        for i in 0..<n {
            for j in (i + 1)..<n {
                // Both columns vary: the coefficients exist.
                let r = Correlation.pearson(columns[i], columns[j]) ?? .nan
                let rho = Correlation.spearman(columns[i], columns[j]) ?? .nan
                pearson[i][j] = r
                pearson[j][i] = r
                spearman[i][j] = rho
                spearman[j][i] = rho
                let pair = IndicatorPair(
                    first: result.indicators[i], second: result.indicators[j], pearson: r, spearman: rho)
                if r < 0 { result.negativePairs.append(pair) }
                if abs(r) > collinearThreshold { result.collinearPairs.append(pair) }
            }
        }
        result.pearson = pearson
        result.spearman = spearman
        let k = Double(n)
        var sum = 0.0
        for i in 0..<n { for j in (i + 1)..<n { sum += pearson[i][j] } }
        let meanR = sum / (k * (k - 1) / 2)
        let denominator = 1 + (k - 1) * meanR
        result.cronbachAlpha = denominator > 0 ? k * meanR / denominator : nil
        result.eigenvalues = SymmetricEigen.decompose(pearson).values
        result.firstComponentShare = result.eigenvalues[0] / k
        return result
    }
}
