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

    public init(code: String, label: LocalizedText, shortLabel: LocalizedText? = nil, description: LocalizedText? = nil)
    {
        self.code = code
        self.label = label
        self.shortLabel = shortLabel
        self.description = description
    }
}

/// What one respondent of an actor stands for, when it is not a person or an organisation of its own.
public enum RespondentUnit: String, Sendable, Hashable, Codable {
    /// A mayor answers for a commune: the actor's universe is the communes of the territory tree
    /// (its weighting margins come from the tree), and its answers describe the local authority.
    case commune
}

/// An actor surveyed by the observatory (citizens, associations, companies, mayors in PHARE).
public struct FrameworkActor: Sendable, Hashable, Codable {
    public var code: ActorCode
    public var label: LocalizedText
    public var shortLabel: LocalizedText?
    public var description: LocalizedText?
    /// Set for actors who answer for a territory (mayors for their commune); nil for people and
    /// organisations answering for themselves.
    public var respondentUnit: RespondentUnit?

    public init(
        code: ActorCode, label: LocalizedText, shortLabel: LocalizedText? = nil, description: LocalizedText? = nil,
        respondentUnit: RespondentUnit? = nil
    ) {
        self.code = code
        self.label = label
        self.shortLabel = shortLabel
        self.description = description
        self.respondentUnit = respondentUnit
    }

    /// Whether the actor speaks for a local authority (mayors): its answers describe how the
    /// territory co-constructs rather than a population's perception.
    public var isLocalAuthority: Bool { respondentUnit == .commune }
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
    public var actors: [FrameworkActor]
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
    public func actor(_ code: ActorCode) -> FrameworkActor? { actors.first { $0.code == code } }
    /// An actor's label, or its code as text when the framework does not know it.
    public func actorLabel(_ code: ActorCode) -> LocalizedText {
        actor(code)?.label ?? LocalizedText(fr: code.rawValue, en: code.rawValue)
    }
    /// The actors who answer for themselves (people and organisations, not mayors), in framework
    /// order: those whose perception of the fragilities is crossed with the measures.
    public var perceivingActors: [ActorCode] { actors.filter { !$0.isLocalAuthority }.map(\.code) }
    /// The actor answering for the communes (the mayors), if the framework has one.
    public var mayors: ActorCode? { localAuthorityActors.first?.code }
    /// The actors answering for a local authority (mayors), in framework order.
    public var localAuthorityActors: [FrameworkActor] { actors.filter(\.isLocalAuthority) }
    public func domains(inAxis code: String) -> [Domain] { domains.filter { $0.axis == code } }
}
