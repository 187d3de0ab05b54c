import Foundation

/// A value with its provenance flags.
public struct FlaggedValue: Sendable, Hashable, Codable {
    public var value: Double
    public var flags: ValueFlags

    public init(_ value: Double, _ flags: ValueFlags) {
        self.value = value
        self.flags = flags
    }
}

/// The values of one indicator at one level for one year (the latest the observatory holds at
/// that level), with the national value of the same year: what a diagnosis reads.
public struct IndicatorSeries: Sendable, Hashable {
    public var indicator: String
    public var year: Int
    /// By territory code at the level.
    public var values: [String: FlaggedValue]
    public var national: FlaggedValue?

    public init(indicator: String, year: Int, values: [String: FlaggedValue], national: FlaggedValue?) {
        self.indicator = indicator
        self.year = year
        self.values = values
        self.national = national
    }
}

/// A set of imported values, as the observatory records it.
public struct IndicatorDataset: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String
    public var sourceFile: String
    public var format: String
    /// Demonstration values, not real statistics: every figure computed from them says so.
    public var illustrative: Bool
    public var importedAt: String
    public var valueCount: Int

    public init(
        id: Int, name: String, sourceFile: String, format: String, illustrative: Bool, importedAt: String,
        valueCount: Int
    ) {
        self.id = id
        self.name = name
        self.sourceFile = sourceFile
        self.format = format
        self.illustrative = illustrative
        self.importedAt = importedAt
        self.valueCount = valueCount
    }
}
