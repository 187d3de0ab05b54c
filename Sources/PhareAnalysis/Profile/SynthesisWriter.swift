import Foundation
import PhareCore

/// Writes the synthesis of a region profile from its numbers, sentence by sentence, by explicit
/// rules (docs/METHODOLOGY.md, "Synthesis rules"). Every sentence exists in French and English,
/// and only states what the figures support: a verdict that the data cannot carry is said as such.
public struct SynthesisWriter: Sendable {
    public var framework: Framework
    public var name: String
    public var minimumRespondents: Int
    /// How many domains to recommend for alliances.
    public var recommendations: Int = 3

    public init(framework: Framework, name: String, minimumRespondents: Int) {
        self.framework = framework
        self.name = name
        self.minimumRespondents = minimumRespondents
    }

    func domainName(_ code: String, _ language: Language) -> String {
        guard let label = framework.domain(code)?.shortLabel.text(language) else { return code }
        return label.prefix(1).lowercased() + label.dropFirst()
    }

    func actorName(_ code: ActorCode, _ language: Language) -> String {
        (framework.actor(code)?.label.text(language) ?? code.rawValue).lowercased()
    }

    func list(_ items: [String], _ language: Language) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        let and = language == .fr ? " et " : " and "
        return items.dropLast().joined(separator: ", ") + and + items[items.count - 1]
    }

    func number(_ value: Double, _ decimals: Int, _ language: Language) -> String {
        NumberFormatting.format(value, decimals: decimals, language: language)
    }

    func percent(_ share: Double, _ language: Language) -> String {
        number(share * 100, 0, language) + (language == .fr ? " %" : "%")
    }

    func both(_ make: (Language) -> String) -> LocalizedText {
        LocalizedText(fr: make(.fr), en: make(.en))
    }

    /// Pooled perceived rating of a cell: mean over actors with a conclusive sample.
    func pooledRating(_ cell: CrossViewCell) -> Double? {
        let usable = cell.perceptions.filter { $0.verdict != .tooFewRespondents }.map(\.estimate.mean)
        return usable.isEmpty ? nil : usable.reduce(0, +) / Double(usable.count)
    }

    public func write(
        fragilities: FragilitiesPart, coConstruction: CoConstructionPart, practices: PracticesPart,
        provenance: ProfileProvenance
    ) -> ProfileSynthesis {
        var sentences: [LocalizedText] = []
        let cells = fragilities.cells

        // 1. Strongest measured fragilities.
        let measured = cells.filter { $0.measuredVerdict == .fragile }.sorted {
            ($0.measured?.rank ?? 0, $0.domain) < ($1.measured?.rank ?? 0, $1.domain)
        }
        if cells.allSatisfy({ $0.measuredVerdict == .noData }) {
            sentences.append(
                both {
                    $0 == .fr
                        ? "Aucun indicateur n'est chargé pour \(name) : sa fragilité mesurée ne peut pas être établie."
                        : "No indicator is loaded for \(name): its measured fragility cannot be established."
                })
        } else if measured.isEmpty {
            sentences.append(
                both {
                    $0 == .fr
                        ? "Selon les indicateurs, \(name) ne figure dans le tiers des territoires les plus fragiles "
                            + "pour aucun domaine."
                        : "According to the indicators, \(name) is not among the most fragile third of territories in "
                            + "any domain."
                })
        } else {
            let top = Array(measured.prefix(3))
            sentences.append(
                both { language in
                    let items = top.map { cell -> String in
                        let rank =
                            cell.measured.map { m in
                                language == .fr
                                    ? "rang \(m.rank) sur \(m.peerCount)" : "ranked \(m.rank) of \(m.peerCount)"
                            } ?? ""
                        return "\(domainName(cell.domain, language)) (\(rank))"
                    }
                    return language == .fr
                        ? "Selon les indicateurs, les fragilités les plus marquées de \(name) sont : "
                            + "\(list(items, language))."
                        : "According to the indicators, the most marked fragilities of \(name) are "
                            + "\(list(items, language))."
                })
        }

        // 2. Fragilities felt by the actors.
        let felt = cells.filter { $0.feltVerdict == .felt }.sorted { (pooledRating($0) ?? 0) > (pooledRating($1) ?? 0) }
        if cells.allSatisfy({ $0.feltVerdict == .noData }) {
            sentences.append(
                both {
                    $0 == .fr
                        ? "Aucune enquête n'est disponible pour \(name) : les fragilités ressenties ne peuvent pas "
                            + "être décrites."
                        : "No survey is available for \(name): felt fragilities cannot be described."
                })
        } else if cells.allSatisfy({ $0.feltVerdict == .tooFewRespondents || $0.feltVerdict == .noData }) {
            sentences.append(
                both {
                    $0 == .fr
                        ? "Trop peu de personnes ont répondu à l'enquête dans \(name) (moins de \(minimumRespondents) "
                            + "par acteur) pour dire quelles fragilités y sont ressenties."
                        : "Too few people answered the survey in \(name) (fewer than \(minimumRespondents) per actor) "
                            + "to say which fragilities are felt there."
                })
        } else if felt.isEmpty {
            sentences.append(
                both {
                    $0 == .fr
                        ? "Aucun domaine ne se détache nettement dans le ressenti des acteurs de \(name)."
                        : "No domain clearly stands out in how the actors of \(name) feel their territory's "
                            + "fragilities."
                })
        } else {
            sentences.append(
                both { language in
                    let items = felt.prefix(3).map { cell -> String in
                        let actors = cell.perceptions.filter { $0.verdict == .above }.map {
                            actorName($0.estimate.actor, language)
                        }
                        return "\(domainName(cell.domain, language)) (\(list(actors, language)))"
                    }
                    return language == .fr
                        ? "Les acteurs ressentent d'abord les fragilités suivantes : \(list(items, language))."
                        : "The actors feel these fragilities first: \(list(items, language))."
                })
        }

        // 3. Where measure and perception meet or part.
        let agree = cells.filter { $0.quadrant == .feltAndMeasured }.map(\.domain)
        let unseen = cells.filter { $0.quadrant == .measuredNotFelt }.map(\.domain)
        let unmeasured = cells.filter { $0.quadrant == .feltNotMeasured }.map(\.domain)
        if !agree.isEmpty {
            sentences.append(
                both { language in
                    let items = list(agree.map { domainName($0, language) }, language)
                    return language == .fr
                        ? "Mesure et ressenti concordent sur : \(items)." : "Measure and perception agree on \(items)."
                })
        }
        if !unseen.isEmpty {
            sentences.append(
                both { language in
                    let items = list(unseen.map { domainName($0, language) }, language)
                    return language == .fr
                        ? "Les indicateurs signalent une fragilité que les acteurs ne placent pas en tête : \(items)."
                        : "The indicators point to fragility that the actors do not put first: \(items)."
                })
        }
        if !unmeasured.isEmpty {
            sentences.append(
                both { language in
                    let items = list(unmeasured.map { domainName($0, language) }, language)
                    return language == .fr
                        ? "Ressenti sans être parmi les plus marqués selon les indicateurs : \(items)."
                        : "Felt without being among the most marked according to the indicators: \(items)."
                })
        }

        // 4. Does the felt hierarchy follow the measured one?
        if let rho = fragilities.correlation, let lower = rho.lower, let upper = rho.upper {
            sentences.append(
                both { language in
                    let figure =
                        language == .fr
                        ? "ρ de Spearman = \(number(rho.rho, 2, language)), IC 95 % [\(number(lower, 2, language)) ; "
                            + "\(number(upper, 2, language))], \(rho.n) domaines"
                        : "Spearman's ρ = \(number(rho.rho, 2, language)), 95% CI [\(number(lower, 2, language)), "
                            + "\(number(upper, 2, language))], \(rho.n) domains"
                    if lower > 0 {
                        return language == .fr
                            ? "D'un domaine à l'autre, la hiérarchie ressentie suit celle des indicateurs (\(figure))."
                            : "Across domains, the felt hierarchy follows the measured one (\(figure))."
                    } else if upper < 0 {
                        return language == .fr
                            ? "D'un domaine à l'autre, la hiérarchie ressentie s'oppose à celle des indicateurs "
                                + "(\(figure))."
                            : "Across domains, the felt hierarchy runs against the measured one (\(figure))."
                    }
                    return language == .fr
                        ? "D'un domaine à l'autre, rien ne permet de dire que la hiérarchie ressentie suit celle des "
                            + "indicateurs (\(figure))."
                        : "Across domains, nothing shows that the felt hierarchy follows the measured one (\(figure))."
                })
        }

        // 5. Actors who disagree.
        let divergent = coConstruction.relevance.filter { $0.agreement?.diverge == true }.sorted {
            ($0.agreement?.range ?? 0) > ($1.agreement?.range ?? 0)
        }
        for item in divergent.prefix(2) {
            guard let agreement = item.agreement, let most = agreement.mostConcerned,
                let least = agreement.leastConcerned
            else { continue }
            sentences.append(
                both { language in
                    language == .fr
                        ? "Sur \(domainName(item.domain, language)), les \(actorName(most, language)) s'inquiètent "
                            + "nettement plus que les \(actorName(least, language)) (écart de "
                            + "\(number(agreement.range, 1, language)) point sur 10)."
                        : "On \(domainName(item.domain, language)), \(actorName(most, language)) are clearly more "
                            + "concerned than \(actorName(least, language)) (a gap of "
                            + "\(number(agreement.range, 1, language)) points out of 10)."
                })
        }

        // 6. Recommended domains for alliances.
        let ranked = coConstruction.relevance.sorted { ($0.rank, $0.domain) < ($1.rank, $1.domain) }
        let recommended = Array(ranked.prefix(recommendations))
        if !recommended.isEmpty {
            sentences.append(
                both { language in
                    let items = recommended.map { item -> String in
                        let reasons = item.reasons.map { reason(for: $0, language) }
                        let score =
                            language == .fr
                            ? "score \(number(item.score, 0, language))/100"
                            : "score \(number(item.score, 0, language))/100"
                        return
                            "\(domainName(item.domain, language)) "
                            + "(\(([score] + reasons).joined(separator: language == .fr ? " ; " : "; ")))"
                    }
                    return language == .fr
                        ? "Domaines où des alliances entre associations, entreprises et collectivités seraient les "
                            + "plus utiles : \(list(items, language))."
                        : "Domains where alliances between associations, companies and local authorities would help "
                            + "most: \(list(items, language))."
                })
            if let last = recommended.last, ranked.count > recommended.count {
                let next = ranked[recommended.count]
                if next.rankLow <= last.rankHigh {
                    sentences.append(
                        both { language in
                            language == .fr
                                ? "L'ordre entre \(domainName(last.domain, language)) et "
                                    + "\(domainName(next.domain, language)) reste incertain : leurs intervalles de "
                                    + "rang se recouvrent."
                                : "The order of \(domainName(last.domain, language)) and "
                                    + "\(domainName(next.domain, language)) is uncertain: their rank intervals overlap."
                        })
                }
            }
        }

        // 7. Co-construction dynamic according to the mayors.
        let engaged = coConstruction.dynamic.prefix(2)
        if coConstruction.mayorsRespondents >= minimumRespondents, engaged.count == 2 {
            let share = engaged.map(\.figure.value).reduce(0, +)
            sentences.append(
                both { language in
                    language == .fr
                        ? "\(percent(share, language)) des maires interrogés (n = "
                            + "\(coConstruction.mayorsRespondents)) jugent la co-construction engagée sur leur "
                            + "territoire."
                        : "\(percent(share, language)) of the mayors surveyed (n = "
                            + "\(coConstruction.mayorsRespondents)) find co-construction under way in their territory."
                })
        } else if coConstruction.mayorsRespondents > 0 {
            sentences.append(
                both { language in
                    language == .fr
                        ? "Trop peu de maires ont répondu (\(coConstruction.mayorsRespondents), moins de "
                            + "\(minimumRespondents)) pour décrire la dynamique de co-construction."
                        : "Too few mayors answered (\(coConstruction.mayorsRespondents), fewer than "
                            + "\(minimumRespondents)) to describe the co-construction dynamic."
                })
        }

        // 8. Partnership practices against France.
        for rate in practices.partnershipRates where !rate.code.contains(":") {
            guard let comparison = rate.comparison, !rate.figure.belowThreshold else { continue }
            sentences.append(
                both { language in
                    let actor = rate.label.text(language).lowercased()
                    let value = percent(rate.figure.value, language)
                    let france = percent(comparison.national, language)
                    if comparison.isSignificant {
                        let direction =
                            comparison.difference > 0
                            ? (language == .fr ? "plus" : "more") : (language == .fr ? "moins" : "less")
                        return language == .fr
                            ? "Les \(actor) y pratiquent \(direction) le partenariat qu'en France : \(value) contre "
                                + "\(france)."
                            : "\(actor.prefix(1).uppercased() + actor.dropFirst()) here partner \(direction) often "
                                + "than in France: \(value) against \(france)."
                    }
                    return language == .fr
                        ? "Le taux de partenariat des \(actor) (\(value)) ne se distingue pas de celui de la France "
                            + "(\(france))."
                        : "The partnership rate of \(actor) (\(value)) does not differ from France's (\(france))."
                })
        }

        // 9. What the figures are made of.
        if provenance.illustrativeIndicators || provenance.syntheticSurveys {
            sentences.append(
                both {
                    $0 == .fr
                        ? "Attention : ces résultats reposent sur des données "
                            + "\(provenance.illustrativeIndicators && provenance.syntheticSurveys ? "d'indicateurs illustratives et des réponses d'enquête synthétiques" : provenance.illustrativeIndicators ? "d'indicateurs illustratives" : "d'enquête synthétiques") ; ils montrent le fonctionnement de l'outil, pas la situation réelle du territoire."
                        : "Caution: these results rest on "
                            + "\(provenance.illustrativeIndicators && provenance.syntheticSurveys ? "illustrative indicator values and synthetic survey answers" : provenance.illustrativeIndicators ? "illustrative indicator values" : "synthetic survey answers"); they show how the tool works, not the territory's real situation."
                })
        }
        return ProfileSynthesis(sentences: sentences, recommendedDomains: recommended.map(\.domain))
    }

    /// A reason for recommending a domain, as a short phrase.
    public func reason(for reason: RelevanceReason, _ language: Language) -> String {
        switch reason {
        case .measuredAmongMostFragile(let rank, let peers):
            language == .fr
                ? "mesuré parmi les plus fragiles, rang \(rank) sur \(peers)"
                : "measured among the most fragile, ranked \(rank) of \(peers)"
        case .feltAboveAverage(let actors):
            language == .fr
                ? "ressenti par les \(list(actors.map { actorName($0, language) }, language))"
                : "felt by \(list(actors.map { actorName($0, language) }, language))"
        case .strongImpactExpected(let share):
            language == .fr
                ? "impact fort attendu par \(percent(share, language)) des acteurs"
                : "strong impact expected by \(percent(share, language)) of actors"
        case .mayorsSeeRelevance(let share):
            language == .fr
                ? "partenariats jugés pertinents par \(percent(share, language)) des maires"
                : "partnerships found relevant by \(percent(share, language)) of mayors"
        }
    }
}
