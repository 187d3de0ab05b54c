import Foundation

/// The kind of organisation a partner of an alliance is.
public enum PartnerKind: String, Sendable, Hashable, Codable, CaseIterable {
    case association
    case company = "entreprise"
    case localAuthority = "collectivite"
    case academic = "academique"
    case foundation = "fondation"

    public var label: LocalizedText {
        switch self {
        case .association: LocalizedText(fr: "association", en: "association")
        case .company: LocalizedText(fr: "entreprise", en: "company")
        case .localAuthority: LocalizedText(fr: "collectivité territoriale", en: "local authority")
        case .academic: LocalizedText(fr: "acteur académique", en: "academic")
        case .foundation: LocalizedText(fr: "fondation", en: "foundation")
        }
    }
}

/// The four categories of partnership of the framework (`phare-framework.md`, "Partnership typology").
public enum PartnershipCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case mecenat
    case responsiblePractices = "pratiques-responsables"
    case economicCooperation = "cooperation-economique"
    case societalInnovation = "innovation-societale"

    public var label: LocalizedText {
        switch self {
        case .mecenat: LocalizedText(fr: "Mécénat", en: "Patronage")
        case .responsiblePractices: LocalizedText(fr: "Pratiques responsables", en: "Responsible practices")
        case .economicCooperation: LocalizedText(fr: "Coopération économique", en: "Economic cooperation")
        case .societalInnovation: LocalizedText(fr: "Innovation sociétale", en: "Societal innovation")
        }
    }
}

/// The five stages of the societal innovation process, in order.
public enum InnovationStage: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable, Comparable {
    case conception
    case experimentation = "experimentation"
    case modelling = "modelisation"
    case spreading = "essaimage"
    case industrialisation

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.position < rhs.position }

    public var position: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public var label: LocalizedText {
        switch self {
        case .conception: LocalizedText(fr: "Conception", en: "Conception")
        case .experimentation: LocalizedText(fr: "Expérimentation", en: "Experimentation")
        case .modelling: LocalizedText(fr: "Modélisation", en: "Modelling")
        case .spreading: LocalizedText(fr: "Essaimage", en: "Spreading")
        case .industrialisation: LocalizedText(fr: "Industrialisation", en: "Industrialisation")
        }
    }

    /// The big phase the stage belongs to: R&D (conception, experimentation), proof of concept
    /// (modelling), deployment (spreading, industrialisation).
    public var phase: InnovationPhase {
        switch self {
        case .conception, .experimentation: .research
        case .modelling: .proofOfConcept
        case .spreading, .industrialisation: .deployment
        }
    }

    /// The hard passage ahead of a project at this stage (the one it must cross to reach the next).
    public var passageAhead: InnovationPassage {
        switch self {
        case .conception: .takingAction
        case .experimentation: .desertCrossing
        case .modelling: .valleyOfDeath
        case .spreading: .growthCrisis
        case .industrialisation: .quantumLeap
        }
    }
}

/// The three big phases of the process, whose needs differ (the columns of the needs matrix).
public enum InnovationPhase: String, Sendable, Hashable, Codable, CaseIterable {
    case research = "rd-societale"
    case proofOfConcept = "preuve-de-concept"
    case deployment = "deploiement"

    public var label: LocalizedText {
        switch self {
        case .research: LocalizedText(fr: "R&D sociétale", en: "Societal R&D")
        case .proofOfConcept: LocalizedText(fr: "Preuve de concept", en: "Proof of concept")
        case .deployment: LocalizedText(fr: "Déploiement", en: "Deployment")
        }
    }
}

/// The hard passages of the process, one ahead of each stage.
public enum InnovationPassage: String, Sendable, Hashable, Codable, CaseIterable {
    case takingAction = "passage-a-l-acte"
    case desertCrossing = "traversee-du-desert"
    case valleyOfDeath = "vallee-de-la-mort"
    case growthCrisis = "crise-de-croissance"
    case quantumLeap = "saut-quantique"

    public var label: LocalizedText {
        switch self {
        case .takingAction: LocalizedText(fr: "Passage à l'acte", en: "Taking action")
        case .desertCrossing: LocalizedText(fr: "Traversée du désert", en: "Crossing the desert")
        case .valleyOfDeath: LocalizedText(fr: "Vallée de la mort", en: "Valley of death")
        case .growthCrisis: LocalizedText(fr: "Crise de croissance", en: "Growth crisis")
        case .quantumLeap: LocalizedText(fr: "Saut quantique", en: "Quantum leap")
        }
    }
}

/// One organisation taking part in an alliance.
public struct AlliancePartner: Sendable, Hashable, Codable {
    public var name: String
    public var kind: PartnerKind

    public init(name: String, kind: PartnerKind) {
        self.name = name
        self.kind = kind
    }
}

/// A date as precise as it is known: a year, a month or a day (`2017`, `2017-03`, `2017-03-15`).
/// Compared on its first day, so that `2017` is before `2017-06`.
public struct PartialDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), year >= 1800 else {
            return nil
        }
        self.year = year
        if parts.count >= 2 {
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self.month = month
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let day = Int(parts[2]), let month else { return nil }
            var components = DateComponents(year: year, month: month, day: day)
            components.calendar = Calendar(identifier: .gregorian)
            guard components.isValidDate else { return nil }
            self.day = day
        }
    }

    public var description: String {
        var text = String(format: "%04d", year)
        if let month { text += String(format: "-%02d", month) }
        if let day { text += String(format: "-%02d", day) }
        return text
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month ?? 1, lhs.day ?? 1) < (rhs.year, rhs.month ?? 1, rhs.day ?? 1)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = PartialDate(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "bad date \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An alliance or societal-innovation project of the registry: organisations of different worlds
/// acting together on some domains of a territory.
public struct Alliance: Sendable, Hashable, Codable {
    /// Stable identifier within the registry (the CSV `id` column).
    public var id: String
    public var title: String
    public var partners: [AlliancePartner]
    public var category: PartnershipCategory
    /// Framework domain codes the alliance acts on.
    public var domains: [String]
    public var territory: TerritoryID
    public var stage: InnovationStage
    public var start: PartialDate
    public var end: PartialDate?
    public var description: String
    public var link: String?
    /// An illustration taken from the programme's documents (demo), not a record of the user.
    public var example: Bool

    public init(
        id: String, title: String, partners: [AlliancePartner], category: PartnershipCategory, domains: [String],
        territory: TerritoryID, stage: InnovationStage, start: PartialDate, end: PartialDate?, description: String,
        link: String?, example: Bool
    ) {
        self.id = id
        self.title = title
        self.partners = partners
        self.category = category
        self.domains = domains
        self.territory = territory
        self.stage = stage
        self.start = start
        self.end = end
        self.description = description
        self.link = link
        self.example = example
    }
}
