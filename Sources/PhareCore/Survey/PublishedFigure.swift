import Foundation

/// A figure published from a past survey whose microdata Phare does not hold (the ARPEA and PHARE
/// reports): the value of a measure item in a territory, with the base it was computed on and its
/// source. A wave made of such figures can be compared with a wave of microdata (see
/// `WaveComparison`), with an approximate standard error from its base.
public struct PublishedFigure: Sendable, Hashable, Codable {
    public var wave: String
    public var year: Int
    public var actor: ActorCode
    public var measure: MeasureCode
    public var item: String
    /// `FR` or a region code.
    public var territory: String
    /// In the unit of the measure's estimates: a proportion (0 to 1) for a share, a score for a rating.
    public var value: Double
    /// Respondents the figure was computed on (the published base).
    public var sampleSize: Int
    /// Where the figure was published (report, page, study).
    public var source: String

    public init(
        wave: String, year: Int, actor: ActorCode, measure: MeasureCode, item: String, territory: String,
        value: Double, sampleSize: Int, source: String
    ) {
        self.wave = wave
        self.year = year
        self.actor = actor
        self.measure = measure
        self.item = item
        self.territory = territory
        self.value = value
        self.sampleSize = sampleSize
        self.source = source
    }

    /// The figure as one side of a comparison: a share gets the approximate SE √(p(1 − p)/n) from
    /// its base; a mean rating none (its spread is not published).
    public func side(unit: String) -> WaveSide {
        WaveSide(
            wave: wave, estimate: value,
            standardError: unit == "proportion"
                ? WaveComparison.publishedShareStandardError(proportion: value, sampleSize: sampleSize) : nil,
            sampleSize: sampleSize, approximate: true, synthetic: false)
    }
}

/// The published figures of one file as imported, with where they came from.
public struct PublishedFigureSet: Sendable, Hashable {
    public var figures: [PublishedFigure]
    /// The file they were read from.
    public var sourceFile: String
    /// When they were imported (ISO 8601), empty before import.
    public var importedAt: String

    public init(figures: [PublishedFigure], sourceFile: String, importedAt: String = "") {
        self.figures = figures
        self.sourceFile = sourceFile
        self.importedAt = importedAt
    }

    /// The wave codes, in year order.
    public var waves: [String] {
        var seen: Set<String> = []
        return figures.sorted { ($0.year, $0.wave) < ($1.year, $1.wave) }.map(\.wave).filter {
            seen.insert($0).inserted
        }
    }
}
