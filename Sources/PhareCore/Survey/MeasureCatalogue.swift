import Foundation

/// A statistic the observatory publishes from the surveys.
public struct MeasureDefinition: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        /// Mean rating of each domain.
        case mean
        /// Share of ratings at or above a value.
        case ratingAtLeast(Int)
        /// Share of respondents citing each domain or option, among those who answered the item.
        case choiceShare
        /// Share of "positive" answers (agree, strong impact, yes, has partnerships…) of the item's scale.
        case positiveShare
        /// Share of each answer of a single item, and of the positive answers together.
        case distribution
    }

    public var code: MeasureCode
    public var label: LocalizedText
    /// The questionnaire item the measure reads.
    public var item: String
    /// For an item asked per target actor (MOBIL), the target.
    public var target: ActorCode?
    public var kind: Kind

    /// `score` for mean ratings, `proportion` (0 to 1) for shares.
    public var unit: String { kind == .mean ? "score" : "proportion" }

    public init(code: MeasureCode, label: LocalizedText, item: String, target: ActorCode? = nil, kind: Kind) {
        self.code = code
        self.label = label
        self.item = item
        self.target = target
        self.kind = kind
    }

    /// The measures of the PHARE publications that read no target actor (codes as in the
    /// published-figures reference); `MeasureCatalogue.published` adds one per target of MOBIL.
    static let common: [MeasureDefinition] = [
        MeasureDefinition(
            code: "mean_rating",
            label: LocalizedText(fr: "Note moyenne de fragilité (1 à 10)", en: "Mean fragility rating (1 to 10)"),
            item: "FRAG", kind: .mean),
        MeasureDefinition(
            code: "share_rating_above_6",
            label: LocalizedText(fr: "Part de notes de 7 ou plus", en: "Share rating 7 or more"), item: "FRAG",
            kind: .ratingAtLeast(7)),
        MeasureDefinition(
            code: "share_top3",
            label: LocalizedText(
                fr: "Part citant le domaine parmi les 3 fragilités prioritaires",
                en: "Share citing the domain among the 3 priority fragilities"), item: "PRIO", kind: .choiceShare),
        MeasureDefinition(
            code: "share_impact",
            label: LocalizedText(
                fr: "Part jugeant fort l'impact possible des partenariats",
                en: "Share expecting a strong impact of partnerships"), item: "IMPACT", kind: .positiveShare),
        MeasureDefinition(
            code: "cocon_relevant",
            label: LocalizedText(
                fr: "Part jugeant pertinent d'y développer des "
                    + "partenariats", en: "Share finding partnerships relevant"),
            item: "COCON", kind: .positiveShare),
        MeasureDefinition(
            code: "innovation_agree",
            label: LocalizedText(
                fr: "Part d'accord : les alliances sont source d'innovation",
                en: "Share agreeing that alliances bring innovation"), item: "INNOV", kind: .positiveShare),
        MeasureDefinition(
            code: "partnership_rate", label: LocalizedText(fr: "Taux de partenariat", en: "Partnership rate"),
            item: "PRACTICE", kind: .positiveShare),
        MeasureDefinition(
            code: "partnership_status",
            label: LocalizedText(fr: "Situation vis-à-vis des partenariats", en: "Partnership status"),
            item: "PRACTICE", kind: .distribution),
        MeasureDefinition(
            code: "partnership_type_share",
            label: LocalizedText(fr: "Types de partenariat pratiqués", en: "Partnership types practised"),
            item: "TYPES", kind: .choiceShare),
        MeasureDefinition(
            code: "partnership_scope", label: LocalizedText(fr: "Échelles des partenariats", en: "Partnership scopes"),
            item: "SCOPE", kind: .choiceShare),
        MeasureDefinition(
            code: "objectives_agree",
            label: LocalizedText(
                fr: "Objectifs recherchés auprès des entreprises (d'accord)",
                en: "Objectives sought from companies (agree)"), item: "OBJECTIVES", kind: .positiveShare),
        MeasureDefinition(
            code: "dynamic",
            label: LocalizedText(
                fr: "Dynamique de co-construction du territoire", en: "Co-construction dynamic of the territory"),
            item: "DYNAMIC", kind: .distribution),
        MeasureDefinition(
            code: "role_agree",
            label: LocalizedText(fr: "Rôles de la collectivité (d'accord)", en: "Roles of the local authority (agree)"),
            item: "ROLE", kind: .positiveShare),
        MeasureDefinition(
            code: "who_role",
            label: LocalizedText(fr: "Acteurs ayant un rôle, par domaine", en: "Actors with a role, by domain"),
            item: "WHO", kind: .choiceShare),
    ]

}

/// One published estimate of a measure, for one item (domain, option, answer) and one territory
/// or segment: a plain value that the cross view, the dashboard and the reports read as is.
public struct MeasureEstimate: Sendable, Hashable, Codable {
    public var wave: String
    public var actor: ActorCode
    public var measure: MeasureCode
    /// Domain, option or answer code; `all` for a single item; `positive` for the positive answers
    /// of a distribution; `domain/option` for per-domain choices.
    public var item: String
    /// The breakdown variable (`region`, `employeur`…), nil for the national estimate.
    public var groupVariable: String?
    /// `FR` for the national estimate, else the value of the breakdown variable (a region code…).
    public var group: String
    public var unit: String
    /// True when computed on the synthetic demo data.
    public var synthetic: Bool
    public var result: SurveyEstimate
}

/// A measure that cannot be computed for an actor (its item is not asked to it).
public struct MeasureError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The published measures and how they are computed from a wave × actor's responses and its
/// (calibrated) design.
public enum MeasureCatalogue {
    /// The measures of the PHARE publications: the common ones, with after the top-3 share one
    /// `share_mobilise_<actor>` per target actor of the MOBIL item of `questionnaire`.
    public static func published(questionnaire: Questionnaire, framework: Framework) -> [MeasureDefinition] {
        var measures = MeasureDefinition.common
        let mobilise = (questionnaire.item("MOBIL")?.targets ?? []).map { target in
            let label = framework.actor(target)?.label ?? LocalizedText(fr: target.rawValue, en: target.rawValue)
            return MeasureDefinition(
                code: MeasureCode("share_mobilise_" + target.rawValue),
                label: LocalizedText(
                    fr: "Part citant le domaine où les \(label.fr.lowercased()) doivent se mobiliser",
                    en: "Share citing the domain where \(label.en.lowercased()) should act"
                ),
                item: "MOBIL", target: target, kind: .choiceShare
            )
        }
        let position = (measures.firstIndex { $0.code == "share_top3" } ?? measures.count - 1) + 1
        measures.insert(contentsOf: mobilise, at: position)
        return measures
    }

    /// A published measure by its code.
    public static func named(_ code: MeasureCode, questionnaire: Questionnaire, framework: Framework)
        -> MeasureDefinition?
    {
        published(questionnaire: questionnaire, framework: framework).first { $0.code == code }
    }

    /// The measures whose item is asked to `actor`.
    public static func available(for actor: ActorCode, questionnaire: Questionnaire, framework: Framework)
        -> [MeasureDefinition]
    {
        published(questionnaire: questionnaire, framework: framework).filter { measure in
            guard let item = questionnaire.item(measure.item), item.actors.contains(actor) else { return false }
            return measure.target.map { item.targets.contains($0) } ?? true
        }
    }

    /// The item codes `estimate` gives for `measure` (domains, options, answer levels, `all`,
    /// `positive`, `domain/option`), in its order; empty when the measure does not apply to its item.
    public static func items(of measure: MeasureDefinition, questionnaire: Questionnaire, framework: Framework)
        -> [String]
    {
        guard let item = questionnaire.item(measure.item) else { return [] }
        let scale = item.scale.flatMap { questionnaire.scale($0) }
        let options = item.options.flatMap { questionnaire.optionList($0) }?.options.map(\.code) ?? []
        let domains = framework.domains.map(\.code)
        switch (measure.kind, item.form) {
        case (.mean, _), (.ratingAtLeast, _), (.choiceShare, .domainChoice), (.positiveShare, .perDomain):
            return domains
        case (.choiceShare, .multipleChoice), (.positiveShare, .perOption): return options
        case (.choiceShare, .perDomainChoice): return domains.flatMap { domain in options.map { "\(domain)/\($0)" } }
        case (.positiveShare, .single): return ["all"]
        case (.distribution, .single):
            return (scale?.levels.map(\.code) ?? []) + ((scale?.positive.isEmpty ?? true) ? [] : ["positive"])
        default: return []
        }
    }

    /// Estimates of `measure` for every item it covers, nationally (`by` nil) or by the values of a
    /// profile variable (`region`, `employeur`…). Shares are weighted proportions with their logit
    /// interval, mean ratings weighted means (see `SurveyEstimator`); the base of a share is the
    /// respondents who answered the item (a conditional item such as TYPES: those asked it).
    public static func estimate(
        _ measure: MeasureDefinition, responses: SurveyResponses, design: SurveyDesign, questionnaire: Questionnaire,
        framework: Framework, by: String? = nil, options: EstimationOptions = EstimationOptions()
    ) throws -> [MeasureEstimate] {
        guard let item = questionnaire.item(measure.item), item.actors.contains(responses.actor) else {
            throw MeasureError(
                message:
                    "the measure \(measure.code) reads the item \(measure.item), which is not asked to "
                    + "\(responses.actor) (measures for \(responses.actor): "
                    + "\(available(for: responses.actor, questionnaire: questionnaire, framework: framework).map(\.code.rawValue).joined(separator: ", ")))"
            )
        }
        let estimator = SurveyEstimator(design: design, options: options)
        let grouping = by.map { SurveyGrouping(responses.profileValues($0)) }
        let respondents = responses.respondents
        let scale = item.scale.flatMap { questionnaire.scale($0) }
        let options = item.options.flatMap { questionnaire.optionList($0) }?.options.map(\.code) ?? []
        let domains = framework.domains.map(\.code)
        let positive = Set(scale?.positive ?? [])

        /// (item code, values) pairs to estimate, values with NaN for no answer.
        var series: [(String, [Double])] = []
        func column(_ name: String) -> [[String]?] { respondents.map { $0.answers[name] } }
        func share(_ answers: [[String]?], _ test: ([String]) -> Bool) -> [Double] {
            answers.map { answer in answer.map { test($0) ? 1 : 0 } ?? .nan }
        }
        switch (measure.kind, item.form) {
        case (.mean, _):
            for domain in domains {
                series.append(
                    (
                        domain,
                        column("\(item.id)_\(domain)").map { answer in answer?.first.flatMap(Double.init) ?? .nan }
                    ))
            }
        case (.ratingAtLeast(let threshold), _):
            for domain in domains {
                series.append(
                    (
                        domain,
                        share(column("\(item.id)_\(domain)")) { ($0.first.flatMap(Int.init) ?? Int.min) >= threshold }
                    ))
            }
        case (.choiceShare, .domainChoice):
            let answers = column(measure.target.map { "\(item.id)_\($0)" } ?? item.id)
            for domain in domains { series.append((domain, share(answers) { $0.contains(domain) })) }
        case (.choiceShare, .multipleChoice):
            let answers = column(item.id)
            for option in options { series.append((option, share(answers) { $0.contains(option) })) }
        case (.choiceShare, .perDomainChoice):
            for domain in domains {
                let answers = column("\(item.id)_\(domain)")
                for option in options { series.append(("\(domain)/\(option)", share(answers) { $0.contains(option) })) }
            }
        case (.positiveShare, .single):
            series.append(("all", share(column(item.id)) { $0.contains { positive.contains($0) } }))
        case (.positiveShare, .perDomain):
            for domain in domains {
                series.append((domain, share(column("\(item.id)_\(domain)")) { $0.contains { positive.contains($0) } }))
            }
        case (.positiveShare, .perOption):
            for option in options {
                series.append((option, share(column("\(item.id)_\(option)")) { $0.contains { positive.contains($0) } }))
            }
        case (.distribution, .single):
            let answers = column(item.id)
            for level in scale?.levels.map(\.code) ?? [] {
                series.append((level, share(answers) { $0.contains(level) }))
            }
            if !positive.isEmpty {
                series.append(("positive", share(answers) { $0.contains { positive.contains($0) } }))
            }
        default:
            throw MeasureError(
                message: "the measure \(measure.code) does not apply to the \(item.form.rawValue) item \(item.id)")
        }

        var estimates: [MeasureEstimate] = []
        for (code, values) in series {
            if let grouping {
                for (group, rows) in grouping.rows.enumerated() {
                    let result =
                        measure.kind == .mean
                        ? estimator.mean(values, rows: rows) : estimator.proportion(values, rows: rows)
                    estimates.append(
                        MeasureEstimate(
                            wave: responses.wave.code, actor: responses.actor, measure: measure.code, item: code,
                            groupVariable: by,
                            group: grouping.labels[group], unit: measure.unit, synthetic: responses.wave.synthetic,
                            result: result
                        ))
                }
            } else {
                let result = measure.kind == .mean ? estimator.mean(values) : estimator.proportion(values)
                estimates.append(
                    MeasureEstimate(
                        wave: responses.wave.code, actor: responses.actor, measure: measure.code, item: code,
                        groupVariable: nil,
                        group: "FR", unit: measure.unit, synthetic: responses.wave.synthetic, result: result
                    ))
            }
        }
        return estimates
    }
}
