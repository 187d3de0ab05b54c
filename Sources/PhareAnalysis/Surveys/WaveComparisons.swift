import Foundation
import PhareCore

/// What a comparison of two waves of one actor cannot do, in one sentence.
public struct WaveComparisonError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The weighted samples a series of comparisons reads, each wave × actor read from the store and its
/// design rebuilt once (the evolution section compares every headline measure, nationally and by
/// region, on the same two samples).
public final class WeightedSampleCache: @unchecked Sendable {
    private let lock = NSLock()
    private var samples: [String: WeightedSample] = [:]

    public init() {}

    func sample(wave: String, actor: ActorCode, from reader: any ObservatoryReader) throws -> WeightedSample {
        let key = "\(wave)|\(actor.rawValue)"
        lock.lock()
        defer { lock.unlock() }
        if let sample = samples[key] { return sample }
        let sample = try reader.weightedSample(wave: wave, actor: actor)
        samples[key] = sample
        return sample
    }
}

extension ObservatoryReader {
    /// The estimates of `measure` for `actor` in a wave, keyed by item and group (`FR`, or a region
    /// code with `byRegion`): design-based from the wave's microdata, or the published figures of a
    /// wave without microdata (approximate SE from their base).
    public func waveSides(
        wave: String, actor: ActorCode, measure: MeasureDefinition, byRegion: Bool, questionnaire: Questionnaire,
        framework: Framework, options: EstimationOptions, samples: WeightedSampleCache = WeightedSampleCache()
    ) throws -> [String: WaveSide] {
        let waves = try surveyWaves()
        if waves.contains(where: { $0.wave.code == wave }) {
            let sample = try samples.sample(wave: wave, actor: actor, from: self)
            let estimates = try MeasureCatalogue.estimate(
                measure, responses: sample.responses, design: sample.design, questionnaire: questionnaire,
                framework: framework, by: byRegion ? "region" : nil, options: options)
            guard estimates.contains(where: { $0.result.sampleSize > 0 }) else {
                throw WaveComparisonError(
                    message:
                        "wave \(wave) has no \(actor) answer to the item \(measure.item) of \(measure.code) (its "
                        + "questionnaire \(sample.responses.wave.questionnaireVersion) may lack it): nothing to compare"
                )
            }
            return Dictionary(estimates.map { ("\($0.item)|\($0.group)", WaveSide($0)) }) { first, _ in first }
        }
        let figures = try publishedFigures().flatMap(\.figures).filter { $0.wave == wave }
        guard !figures.isEmpty else {
            let known = waves.map(\.wave.code) + (try publishedFigures().flatMap { $0.waves })
            throw WaveComparisonError(
                message: "no wave \(wave) in this observatory (waves: \(Set(known).sorted().joined(separator: ", ")))")
        }
        let mine = figures.filter { $0.actor == actor && $0.measure == measure.code }
            .filter { byRegion ? $0.territory != "FR" : $0.territory == "FR" }
        return Dictionary(mine.map { ("\($0.item)|\($0.territory)", $0.side(unit: measure.unit)) }) { first, _ in first
        }
    }

    /// Every item (and region, with `byRegion`) of `measure` that both waves give, compared (see
    /// `WaveComparison.difference`), in the order of the measure's items then of the groups.
    public func compareWaves(
        actor: ActorCode, measure: MeasureDefinition, earlier: String, later: String, byRegion: Bool,
        options: EstimationOptions = EstimationOptions(), samples: WeightedSampleCache = WeightedSampleCache()
    ) throws -> [WaveDifference] {
        let questionnaire = try questionnaire()
        let framework = try framework()
        guard earlier != later else {
            throw WaveComparisonError(message: "give two different waves (\(earlier) twice)")
        }
        let first = try waveSides(
            wave: earlier, actor: actor, measure: measure, byRegion: byRegion, questionnaire: questionnaire,
            framework: framework, options: options, samples: samples)
        let second = try waveSides(
            wave: later, actor: actor, measure: measure, byRegion: byRegion, questionnaire: questionnaire,
            framework: framework, options: options, samples: samples)
        let common = Set(first.keys).intersection(second.keys)
        guard !common.isEmpty else {
            let lacking = first.isEmpty ? earlier : later
            throw WaveComparisonError(
                message:
                    "wave \(lacking) gives no \(actor) \(measure.code) \(byRegion ? "by region" : "nationally"): "
                    + "the waves \(earlier) and \(later) have no item of it in common")
        }
        let items = MeasureCatalogue.items(of: measure, questionnaire: questionnaire, framework: framework)
        let itemOrder = Dictionary(items.enumerated().map { ($1, $0) }) { first, _ in first }
        let keys = common.map { key -> (item: String, group: String) in
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "FR")
        }.sorted {
            (itemOrder[$0.item] ?? .max, $0.group) < (itemOrder[$1.item] ?? .max, $1.group)
        }
        return keys.map { key in
            WaveComparison.difference(
                actor: actor, measure: measure.code, item: key.item, group: key.group,
                earlier: first["\(key.item)|\(key.group)"]!, later: second["\(key.item)|\(key.group)"]!,
                options: options)
        }
    }
}
