import Foundation

/// A code of the framework or questionnaire, typed by what it names. Codes are read from the
/// framework and questionnaire files, never written in the code: `ActorCode` for an actor, and so
/// on. Encoded as its plain text, so files and JSON outputs are unchanged.
public protocol FrameworkCode: RawRepresentable, Hashable, Comparable, Codable, CodingKeyRepresentable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral
where RawValue == String {
    init(_ rawValue: String)
}

extension FrameworkCode {
    public init(rawValue: String) { self.init(rawValue) }
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { rawValue }
    public static func < (left: Self, right: Self) -> Bool { left.rawValue < right.rawValue }
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    /// As a dictionary key, the code is a plain JSON object key (like a `String` key).
    public var codingKey: any CodingKey { CodeKey(stringValue: rawValue) }
    public init?<Key: CodingKey>(codingKey: Key) { self.init(codingKey.stringValue) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// An actor of the framework (`framework.json`, `actors`).
public struct ActorCode: FrameworkCode {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A domain of fragility of the framework (`framework.json`, `domains`).
public struct DomainCode: FrameworkCode {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// An axis of the framework (`framework.json`, `axes`).
public struct AxisCode: FrameworkCode {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A published survey measure (`MeasureCatalogue`: `mean_rating`, `partnership_rate`…).
public struct MeasureCode: FrameworkCode {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A question of the questionnaire (`questionnaire.json`, `items`: `FRAG`, `DYNAMIC`…).
public struct QuestionCode: FrameworkCode {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The coding key of a code used as a dictionary key.
struct CodeKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
