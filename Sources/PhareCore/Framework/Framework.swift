import Foundation

/// The two languages of the observatory. French is the default everywhere.
public enum Language: String, Sendable, CaseIterable, Codable {
    case fr, en
}

/// A text given in both languages of the observatory.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var fr: String
    public var en: String

    public init(fr: String, en: String) {
        self.fr = fr
        self.en = en
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .fr: fr
        case .en: en
        }
    }
}

/// A coded entry of the framework (an actor, a partnership type, a level of a scale…).
public struct FrameworkEntry: Sendable, Hashable, Codable {
    public var code: String
    public var label: LocalizedText
    /// A short form for charts and narrow tables (defaults to the label).
    public var shortLabel: LocalizedText?
    public var description: LocalizedText?

    public init(code: String, label: LocalizedText, shortLabel: LocalizedText? = nil, description: LocalizedText? = nil) {
        self.code = code
        self.label = label
        self.shortLabel = shortLabel
        self.description = description
    }
}

/// One of the four axes (economic, social, societal, environmental) grouping the domains.
public struct Axis: Sendable, Hashable, Codable {
    public var code: String
    public var label: LocalizedText

    public init(code: String, label: LocalizedText) {
        self.code = code
        self.label = label
    }
}

/// A domain of fragility (employment, housing, health…), attached to exactly one axis.
public struct Domain: Sendable, Hashable, Codable {
    public var code: String
    public var axis: String
    public var label: LocalizedText
    public var shortLabel: LocalizedText

    public init(code: String, axis: String, label: LocalizedText, shortLabel: LocalizedText) {
        self.code = code
        self.axis = axis
        self.label = label
        self.shortLabel = shortLabel
    }
}

/// The observatory's vocabulary: what it measures, whom it surveys, how it names partnerships.
/// Loaded from a validated configuration file (see `FrameworkLoader`), never hard-coded.
public struct Framework: Sendable, Hashable, Codable {
    public var id: String
    public var version: String
    public var name: LocalizedText
    public var axes: [Axis]
    public var domains: [Domain]
    public var actors: [FrameworkEntry]
    public var partnershipTypes: [FrameworkEntry]
    public var partnershipScopes: [FrameworkEntry]
    /// Ordered from the strongest dynamic to none.
    public var coConstructionDynamic: [FrameworkEntry]
    /// Ordered stages of a societal innovation.
    public var innovationStages: [FrameworkEntry]
    public var supportLevers: [FrameworkEntry]
    public var allianceImpacts: [FrameworkEntry]

    public func axis(_ code: String) -> Axis? { axes.first { $0.code == code } }
    public func domain(_ code: String) -> Domain? { domains.first { $0.code == code } }
    public func actor(_ code: String) -> FrameworkEntry? { actors.first { $0.code == code } }
    public func domains(inAxis code: String) -> [Domain] { domains.filter { $0.axis == code } }
}
