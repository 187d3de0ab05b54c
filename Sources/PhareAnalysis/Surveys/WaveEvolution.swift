import Foundation
import PhareCore

/// How the survey measures changed up to the wave read: against the previous wave of microdata
/// (headline measures, nationally and by region) and against the published figures of past waves
/// (nationally), each difference with its SE and interval (see `WaveComparison`).
public struct WaveEvolution: Sendable {
    /// The previous wave of microdata; nil when the wave read is the first.
    public var earlier: String?
    /// The wave read.
    public var later: String
    /// earlier → later, headline measures (mean ratings, innovation, partnership rate), FR and regions.
    public var differences: [WaveDifference]
    /// Published past figures → later, nationally, one wave of figures after the other.
    public var published: [WaveDifference]

    /// The measures followed from wave to wave.
    public static let headlineMeasures: [MeasureCode] = ["mean_rating", "innovation_agree", "partnership_rate"]

    /// The difference of a measure item for France (`group` nil) or a region.
    public func difference(_ actor: ActorCode, _ measure: MeasureCode, _ item: String, group: String = "FR")
        -> WaveDifference?
    {
        differences.first { $0.actor == actor && $0.measure == measure && $0.item == item && $0.group == group }
    }

    /// Computes the evolution up to `wave`: the previous wave of microdata by year, and every wave
    /// of published figures of an earlier year.
    public static func compute(
        _ reader: any ObservatoryReader, wave: String, options: EstimationOptions
    ) throws -> WaveEvolution {
        let waves = try reader.surveyWaves().filter { summary in summary.content.contains { $0.respondents > 0 } }
        guard let current = waves.first(where: { $0.wave.code == wave }) else {
            return WaveEvolution(earlier: nil, later: wave, differences: [], published: [])
        }
        let questionnaire = try reader.questionnaire()
        let framework = try reader.framework()
        let previous = waves.last { $0.wave.year < current.wave.year }
        let samples = WeightedSampleCache()
        var differences: [WaveDifference] = []
        if let previous {
            for content in current.content where content.respondents > 0 {
                guard previous.content.contains(where: { $0.actor == content.actor && $0.respondents > 0 }) else {
                    continue
                }
                let available = MeasureCatalogue.available(
                    for: content.actor, questionnaire: questionnaire, framework: framework)
                for measure in available where headlineMeasures.contains(measure.code) {
                    for byRegion in [false, true] {
                        differences += try reader.compareWaves(
                            actor: content.actor, measure: measure, earlier: previous.wave.code, later: wave,
                            byRegion: byRegion, options: options, samples: samples)
                    }
                }
            }
        }
        var published: [WaveDifference] = []
        let figures = try reader.publishedFigures().flatMap(\.figures).filter { $0.year < current.wave.year }
        let pairs = Set(figures.map { "\($0.wave)|\($0.actor.rawValue)|\($0.measure.rawValue)" })
        for pair in pairs.sorted() {
            let parts = pair.split(separator: "|").map(String.init)
            let actor = ActorCode(parts[1])
            guard current.content.contains(where: { $0.actor == actor && $0.respondents > 0 }),
                let measure = MeasureCatalogue.named(
                    MeasureCode(parts[2]), questionnaire: questionnaire, framework: framework)
            else { continue }
            published += try reader.compareWaves(
                actor: actor, measure: measure, earlier: parts[0], later: wave, byRegion: false, options: options,
                samples: samples)
        }
        let years = Dictionary(figures.map { ($0.wave, $0.year) }) { first, _ in first }
        let actorOrder = Dictionary(framework.actors.enumerated().map { ($1.code, $0) }) { first, _ in first }
        published.sort {
            (years[$0.earlier.wave] ?? 0, actorOrder[$0.actor] ?? 0) < (
                years[$1.earlier.wave] ?? 0, actorOrder[$1.actor] ?? 0
            )
        }
        return WaveEvolution(
            earlier: previous?.wave.code, later: wave, differences: differences, published: published)
    }
}
