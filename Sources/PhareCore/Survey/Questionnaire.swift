import Foundation

/// How an item is answered, and so how many columns it takes in a response file.
public enum ItemForm: String, Sendable, Hashable, Codable {
    /// One answer on a scale: column `ITEM`.
    case single
    /// One answer on a scale for each domain: columns `ITEM_<domain>`.
    case perDomain = "per-domain"
    /// One answer on a scale for each option of a list: columns `ITEM_<option>`.
    case perOption = "per-option"
    /// Up to `maxChoices` domains, `|`-separated: column `ITEM` (or `ITEM_<target>` with targets).
    case domainChoice = "domain-choice"
    /// Any number of options of a list, `|`-separated: column `ITEM`.
    case multipleChoice = "multiple-choice"
    /// For each domain, any number of options of a list: columns `ITEM_<domain>`.
    case perDomainChoice = "per-domain-choice"
}

/// An answer scale: a rating range, or coded levels (some of which count as "positive" in the
/// published shares: agree, strong impact, yes…).
public struct AnswerScale: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case rating, levels }
    public var code: String
    public var kind: Kind
    public var label: LocalizedText
    /// Rating bounds (kind rating).
    public var minimum: Int?
    public var maximum: Int?
    /// Levels (kind levels), in order.
    public var levels: [FrameworkEntry]
    /// Levels counted by the published "share" measures.
    public var positive: [String]
}

/// A named list of options (roles, objectives, partnership types…).
public struct OptionList: Sendable, Hashable, Codable {
    public var code: String
    public var label: LocalizedText
    public var options: [FrameworkEntry]
}

/// An item is only asked when another item got one of some answers (TYPES only to organisations
/// that have partnerships).
public struct ItemCondition: Sendable, Hashable, Codable {
    public var item: String
    public var values: [String]
}

/// One question of the common questionnaire.
public struct QuestionItem: Sendable, Hashable, Codable {
    public var id: String
    public var form: ItemForm
    public var question: LocalizedText
    /// Actors the item is asked to.
    public var actors: [ActorCode]
    /// Answer scale (single, per-domain, per-option).
    public var scale: String?
    /// Option list (per-option, multiple-choice, per-domain-choice).
    public var options: String?
    /// Most choices allowed (domain-choice).
    public var maxChoices: Int?
    /// For a domain-choice asked once per target actor (MOBIL).
    public var targets: [ActorCode]
    public var condition: ItemCondition?
}

/// A profile variable of the respondents, used for weighting and breakdowns.
public struct ProfileVariable: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A region code of the territory tree.
        case region
        /// A département code of the territory tree (inside the respondent's region).
        case departement
        /// A population class of the respondent's commune (levels with min/max inhabitants).
        case populationClass = "population-class"
        /// Coded levels.
        case levels
    }

    public struct Level: Sendable, Hashable, Codable {
        public var code: String
        public var label: LocalizedText
        /// Population bounds of a population class (inclusive), nil when open.
        public var minimum: Int?
        public var maximum: Int?
    }

    public var variable: String
    public var kind: Kind
    public var label: LocalizedText
    public var actors: [ActorCode]
    public var requiredFor: [ActorCode]
    public var levels: [Level]

    /// The population class holding `population`, for a population-class variable.
    public func populationClass(_ population: Int) -> String? {
        levels.first { level in
            (level.minimum.map { population >= $0 } ?? true) && (level.maximum.map { population <= $0 } ?? true)
        }?.code
    }
}

/// The common questionnaire of the four actors, as data: items, answer scales, option lists and
/// profile variables. Loaded from a bundled JSON file and validated against the framework (see
/// `QuestionnaireLoader`).
public struct Questionnaire: Sendable, Hashable, Codable {
    public var id: String
    public var version: String
    public var name: LocalizedText
    /// Separator of several choices in one cell of a response file.
    public var choiceSeparator: String
    public var scales: [AnswerScale]
    public var optionLists: [OptionList]
    public var items: [QuestionItem]
    public var profiles: [ProfileVariable]

    public func item(_ id: String) -> QuestionItem? { items.first { $0.id == id } }
    public func scale(_ code: String) -> AnswerScale? { scales.first { $0.code == code } }
    public func optionList(_ code: String) -> OptionList? { optionLists.first { $0.code == code } }
    public func profile(_ variable: String) -> ProfileVariable? { profiles.first { $0.variable == variable } }

    /// Items asked to an actor.
    public func items(for actor: ActorCode) -> [QuestionItem] { items.filter { $0.actors.contains(actor) } }
    /// Profile variables of an actor.
    public func profiles(for actor: ActorCode) -> [ProfileVariable] { profiles.filter { $0.actors.contains(actor) } }
    /// The actors asked question `id`, in questionnaire order (empty when no item has that id).
    public func actors(answering id: String) -> [ActorCode] { item(id)?.actors ?? [] }
}

/// One column of a response file: which item (and which domain, option or target) it answers,
/// and what values it accepts.
public struct ResponseColumn: Sendable, Hashable {
    public enum Accepts: Sendable, Hashable {
        /// An integer between the bounds.
        case rating(minimum: Int, maximum: Int)
        /// One of the codes.
        case level([String])
        /// Several distinct codes separated by the choice separator, at most `maximum`.
        case choices([String], maximum: Int?)
    }

    /// `FRAG_emploi`, `PRIO`, `MOBIL_entreprises`…
    public var name: String
    public var item: String
    /// The domain, option or target actor of the column, nil for a single column.
    public var part: String?
    public var accepts: Accepts
}

extension Questionnaire {
    /// The answer columns of an actor's response file, in questionnaire order.
    public func columns(for actor: ActorCode, framework: Framework) -> [ResponseColumn] {
        var columns: [ResponseColumn] = []
        for item in items(for: actor) {
            let scale = item.scale.flatMap { self.scale($0) }
            let options = item.options.flatMap { optionList($0) }?.options.map(\.code) ?? []
            let scaled: ResponseColumn.Accepts =
                switch scale?.kind {
                case .rating: .rating(minimum: scale?.minimum ?? 0, maximum: scale?.maximum ?? 0)
                default: .level(scale?.levels.map(\.code) ?? [])
                }
            let domains = framework.domains.map(\.code)
            switch item.form {
            case .single:
                columns.append(ResponseColumn(name: item.id, item: item.id, part: nil, accepts: scaled))
            case .perDomain:
                columns += domains.map {
                    ResponseColumn(name: "\(item.id)_\($0)", item: item.id, part: $0, accepts: scaled)
                }
            case .perOption:
                columns += options.map {
                    ResponseColumn(name: "\(item.id)_\($0)", item: item.id, part: $0, accepts: scaled)
                }
            case .domainChoice:
                if item.targets.isEmpty {
                    columns.append(
                        ResponseColumn(
                            name: item.id, item: item.id, part: nil,
                            accepts: .choices(domains, maximum: item.maxChoices)))
                } else {
                    columns += item.targets.map {
                        ResponseColumn(
                            name: "\(item.id)_\($0)", item: item.id, part: $0.rawValue,
                            accepts: .choices(domains, maximum: item.maxChoices))
                    }
                }
            case .multipleChoice:
                columns.append(
                    ResponseColumn(name: item.id, item: item.id, part: nil, accepts: .choices(options, maximum: nil)))
            case .perDomainChoice:
                columns += domains.map {
                    ResponseColumn(
                        name: "\(item.id)_\($0)", item: item.id, part: $0, accepts: .choices(options, maximum: nil))
                }
            }
        }
        return columns
    }
}
