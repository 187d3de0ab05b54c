import Foundation
import PhareCore

/// The national level and the spread across départements of one indicator, for demo values.
public struct DemoParameter: Sendable, Hashable {
    public var national: Double
    /// Coefficient of variation across départements (for a count used as a denominator: the
    /// spread of its share of the population).
    public var spread: Double

    public init(national: Double, spread: Double) {
        self.national = national
        self.spread = spread
    }
}

/// Illustrative values for every département, deterministic for a seed: plausible around real
/// national levels, and never to be read as statistics (the dataset is flagged illustrative and
/// every figure computed from it says so). Regions and France follow by aggregation.
///
/// Each département gets a general fragility factor g and one factor per axis a (standard normal
/// draws); an indicator of axis a takes x = national · (1 + s · cv · z), z = 0.55 g + 0.45 a +
/// 0.7 ε, s = +1 if higher is fragile, −1 otherwise, ε an indicator-specific draw. A ratio with
/// counts behind it is stored as its numerator and denominator, so that its regional and national
/// values are exact ratios of sums.
public enum DemoIndicators {
    public static let defaultSeed: UInt64 = 2013

    public static func generate(
        catalogue: IndicatorCatalogue, framework: Framework, parameters: [String: DemoParameter], index: TerritoryIndex,
        tree: TerritoryTree, year: Int? = nil, seed: UInt64 = defaultSeed, skipping real: Set<String> = []
    ) -> IndicatorObservations {
        let departements = tree.territories(at: .departement).sorted { $0.code < $1.code }
        let axes = framework.axes.map(\.code)
        var observations = IndicatorObservations(indicators: catalogue.indicators.map(\.code))
        let column = Dictionary(uniqueKeysWithValues: catalogue.indicators.enumerated().map { ($1.code, $0) })

        for departement in departements {
            guard let t = index.positions[departement.id] else { continue }
            var latent = SeededRandom(seed: stableHash("latent|\(departement.code)") ^ seed)
            let general = latent.nextNormal()
            var axisFactor: [String: Double] = [:]
            for axis in axes { axisFactor[axis] = latent.nextNormal() }
            let population = departement.population.map(Double.init)

            func add(_ code: String, _ value: Double, year: Int) {
                guard let i = column[code], value.isFinite else { return }
                observations.append(territory: t, indicator: i, year: year, value: value)
            }
            if !real.contains("population"), let population, let i = column["population"],
                let y = vintage(catalogue.indicators[i], year)
            {
                add("population", population, year: y)
            }
            for definition in catalogue.diagnosed() where !real.contains(definition.code) {
                guard let parameter = parameters[definition.code], let y = vintage(definition, year) else { continue }
                var draw = SeededRandom(seed: stableHash("\(definition.code)|\(departement.code)") ^ seed)
                let axis = definition.domain.flatMap { framework.domain($0)?.axis } ?? ""
                let z = 0.55 * general + 0.45 * (axisFactor[axis] ?? 0) + 0.7 * draw.nextNormal()
                var value = parameter.national * (1 + definition.polarity.sign * parameter.spread * z)
                value = max(value, parameter.national * 0.15 * (parameter.national >= 0 ? 1 : -1))
                if definition.unit == "%" { value = min(value, 99) }
                value = rounded(value)
                if definition.aggregation == .ratio, let population, let numerator = definition.numerator,
                    let denominator = definition.denominator, !real.contains(numerator), !real.contains(denominator),
                    let share = denominatorShare(denominator, parameters: parameters, draw: &draw)
                {
                    let base = (share * population).rounded()
                    add(denominator, base, year: y)
                    add(numerator, (value * base / definition.scale).rounded(), year: y)
                } else {
                    add(definition.code, value, year: y)
                }
            }
        }
        return observations
    }

    /// The demo year of an indicator: `year` when given, else its vintage in the catalogue.
    static func vintage(_ definition: IndicatorDefinition, _ year: Int?) -> Int? {
        year ?? Int(definition.vintage.prefix(4))
    }

    /// A denominator as a share of the population: 1 for the population itself, else drawn
    /// around its demo parameter.
    static func denominatorShare(_ code: String, parameters: [String: DemoParameter], draw: inout SeededRandom)
        -> Double?
    {
        if code == "population" { return 1 }
        guard let parameter = parameters[code] else { return nil }
        return parameter.national * (1 + parameter.spread * draw.nextNormal())
    }

    /// Three significant figures at most, as published tables print them.
    static func rounded(_ value: Double) -> Double {
        let magnitude = abs(value)
        let decimals = magnitude >= 1000 ? 0 : magnitude >= 10 ? 1 : 2
        let factor = pow(10, Double(decimals))
        return (value * factor).rounded() / factor
    }

    /// FNV-1a 64-bit hash of a text: a seed that does not depend on the run (unlike `hashValue`).
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
