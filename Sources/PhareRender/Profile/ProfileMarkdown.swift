import PhareAnalysis
import PhareCore

/// A region profile written as Markdown: the backbone of a regional report, every figure with
/// its base and interval, French typography in French.
public struct ProfileMarkdown: Sendable {
    public var framework: Framework
    public var language: Language

    public init(framework: Framework, language: Language) {
        self.framework = framework
        self.language = language
    }

    func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }

    func number(_ value: Double, _ decimals: Int) -> String {
        NumberFormatting.format(value, decimals: decimals, language: language)
    }

    func percent(_ share: Double) -> String {
        number(share * 100, 0) + t(" %", "%")
    }

    func domainLabel(_ code: String) -> String { framework.domain(code)?.label.text(language) ?? code }
    func actorLabel(_ code: ActorCode) -> String { framework.actorLabel(code).text(language) }

    /// `62 % [58 ; 66], n = 412 (n eff. 350)` — a share or a mean with its interval and base.
    func figure(_ figure: ProfileFigure, share: Bool) -> String {
        let value = share ? percent(figure.value) : number(figure.value, 1)
        var text = value
        if let lower = figure.lower, let upper = figure.upper {
            let l = share ? number(lower * 100, 0) : number(lower, 1)
            let u = share ? number(upper * 100, 0) : number(upper, 1)
            text += t(" [\(l) ; \(u)]", " [\(l), \(u)]")
        }
        if let n = figure.n {
            text += ", n = \(NumberFormatting.format(n, language: language))"
            if let effective = figure.effectiveN {
                text += t(" (n eff. \(number(effective, 0)))", " (eff. n \(number(effective, 0)))")
            }
        }
        if figure.belowThreshold { text += t(" ⚠ base trop faible", " ⚠ base too small") }
        return text
    }

    func comparison(_ comparison: NationalComparison?) -> String {
        guard let c = comparison else { return "–" }
        let points = t(" pt", " pt")
        let difference = (c.difference >= 0 ? "+" : "") + number(c.difference * 100, 1) + points
        let interval = t(
            "[\(number(c.lower * 100, 1)) ; \(number(c.upper * 100, 1))]",
            "[\(number(c.lower * 100, 1)), \(number(c.upper * 100, 1))]")
        let verdict = c.isSignificant ? t("significatif", "significant") : t("non significatif", "not significant")
        return "\(difference) \(interval), \(verdict)"
    }

    func row(_ cells: [String]) -> String {
        "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }

    func table(_ header: [String], _ rows: [[String]]) -> [String] {
        [row(header), "|" + header.map { _ in "---" }.joined(separator: "|") + "|"] + rows.map(row)
    }

    func verdictText(_ verdict: ActorPerceptionVerdict) -> String {
        switch verdict {
        case .above: t("au-dessus", "above")
        case .below: t("en dessous", "below")
        case .inline: t("dans la moyenne", "in line")
        case .tooFewRespondents: t("trop peu de répondants", "too few respondents")
        }
    }

    public func render(_ profile: RegionProfile) -> String {
        var lines: [String] = []
        lines.append("# " + t("Profil de territoire — ", "Territory profile — ") + profile.name)
        lines.append("")
        let p = profile.provenance
        if p.illustrativeIndicators || p.syntheticSurveys {
            lines.append(
                "> "
                    + t(
                        "Données de démonstration : "
                            + "\(p.illustrativeIndicators ? "valeurs d'indicateurs illustratives" : "")\(p.illustrativeIndicators && p.syntheticSurveys ? ", " : "")\(p.syntheticSurveys ? "réponses d'enquête synthétiques" : ""). Ces chiffres ne décrivent pas la situation réelle du territoire.",
                        "Demo data: "
                            + "\(p.illustrativeIndicators ? "illustrative indicator values" : "")\(p.illustrativeIndicators && p.syntheticSurveys ? ", " : "")\(p.syntheticSurveys ? "synthetic survey answers" : ""). These figures do not describe the territory's real situation."
                    ))
            lines.append("")
        }

        // 1. Identity card
        let id = profile.identity
        lines.append("## 1. " + t("Carte d'identité", "Identity card"))
        lines.append("")
        var facts: [[String]] = []
        facts.append([
            t("Population municipale", "Municipal population"),
            id.population.map { NumberFormatting.format($0, language: language) } ?? t("inconnue", "unknown"),
        ])
        if let share = id.shareOfFrance {
            facts.append([t("Part de la France", "Share of France"), number(share * 100, 1) + t(" %", "%")])
        }
        facts.append([t("Superficie", "Area"), id.areaKm2.map { number($0, 0) + " km²" } ?? "–"])
        facts.append([t("Densité", "Density"), id.density.map { number($0, 1) + t(" hab./km²", " inhab./km²") } ?? "–"])
        facts.append([t("Communes", "Communes"), NumberFormatting.format(id.communeCount, language: language)])
        lines += table([t("Caractéristique", "Fact"), t("Valeur", "Value")], facts)
        lines.append("")
        if !id.subdivisions.isEmpty {
            lines += table(
                [t("Département", "Département"), t("Code", "Code"), t("Population", "Population")],
                id.subdivisions.map {
                    [$0.name, $0.code, $0.population.map { NumberFormatting.format($0, language: language) } ?? "–"]
                })
            lines.append("")
        }
        if !id.keyIndicators.isEmpty {
            lines.append("### " + t("Indicateurs clés", "Key indicators"))
            lines.append("")
            lines += table(
                [
                    t("Indicateur", "Indicator"), t("Valeur", "Value"), "France", t("Rang", "Rank"),
                    t("Source", "Source"),
                ],
                id.keyIndicators.map { k in
                    [
                        k.label.text(language) + (k.illustrative ? t(" (illustratif)", " (illustrative)") : ""),
                        number(k.value, 1) + " " + k.unit,
                        k.national.map { number($0, 1) } ?? "–",
                        k.rank.map { r in "\(r)/\(k.peers ?? 0)" } ?? "–",
                        k.source + (k.year.map { " \($0)" } ?? ""),
                    ]
                })
            lines.append("")
        }

        // 2. Fragilities
        let fragilities = profile.fragilities
        lines.append("## 2. " + t("Fragilités mesurées et ressenties", "Fragilities, measured and felt"))
        lines.append("")
        if !fragilities.axisScores.isEmpty {
            lines += table(
                [t("Axe", "Axis"), t("Score de fragilité", "Fragility score")],
                fragilities.axisScores.map { [$0.label.text(language), number($0.figure.value, 2)] })
            lines.append("")
        }
        let actors = Array(Set(fragilities.cells.flatMap { $0.perceptions.map(\.estimate.actor) })).sorted { a, b in
            (framework.actors.firstIndex { $0.code == a } ?? 99) < (framework.actors.firstIndex { $0.code == b } ?? 99)
        }
        let header =
            [t("Domaine", "Domain"), t("Mesure : score (rang)", "Measured: score (rank)")]
            + actors.map { actorLabel($0) + t(" : note /10", ": rating /10") } + [t("Lecture", "Reading")]
        lines += table(
            header,
            fragilities.cells.map { cell in
                let measured = cell.measured.map { "\(number($0.score, 2)) (\($0.rank)/\($0.peerCount))" } ?? "–"
                let perceived = actors.map { actor -> String in
                    guard let p = cell.perceptions.first(where: { $0.estimate.actor == actor }) else { return "–" }
                    let e = p.estimate
                    return figure(
                        ProfileFigure(
                            value: e.mean, lower: e.lower, upper: e.upper, n: e.n, effectiveN: e.effectiveN,
                            belowThreshold: p.verdict == .tooFewRespondents), share: false) + " — "
                        + verdictText(p.verdict)
                }
                return [domainLabel(cell.domain), measured] + perceived + [
                    ProfileCharts(framework: framework, language: language).quadrantLabel(cell)
                ]
            })
        lines.append("")
        if let rho = fragilities.correlation {
            let interval =
                rho.lower.flatMap { l in
                    rho.upper.map { u in
                        t(" [\(number(l, 2)) ; \(number(u, 2))]", " [\(number(l, 2)), \(number(u, 2))]")
                    }
                } ?? ""
            lines.append(
                t(
                    "Corrélation de rang (Spearman) entre mesure et ressenti sur les \(rho.n) domaines : ρ = "
                        + "\(number(rho.rho, 2))\(interval).",
                    "Rank correlation (Spearman) between measure and perception over \(rho.n) domains: ρ = "
                        + "\(number(rho.rho, 2))\(interval)."
                ))
            lines.append("")
        }

        // 3. Co-construction
        let co = profile.coConstruction
        lines.append("## 3. " + t("État de la co-construction (maires)", "State of co-construction (mayors)"))
        lines.append("")
        lines.append(t("Maires répondants : \(co.mayorsRespondents).", "Mayors who answered: \(co.mayorsRespondents)."))
        lines.append("")
        if !co.dynamic.isEmpty {
            lines += table(
                [
                    t("Dynamique de co-construction", "Co-construction dynamic"),
                    t("Part des maires", "Share of mayors"), "France",
                ],
                co.dynamic.map {
                    [
                        $0.label.text(language), figure($0.figure, share: true),
                        $0.national.map { percent($0.value) } ?? "–",
                    ]
                })
            lines.append("")
        }
        if !co.roles.isEmpty {
            lines += table(
                [t("Rôle de la collectivité", "Role of the local authority"), t("D'accord", "Agree"), "France"],
                co.roles.map {
                    [
                        $0.label.text(language), figure($0.figure, share: true),
                        $0.national.map { percent($0.value) } ?? "–",
                    ]
                })
            lines.append("")
        }
        if !co.relevance.isEmpty {
            lines.append("### " + t("Pertinence des partenariats par domaine", "Relevance of partnerships by domain"))
            lines.append("")
            lines += table(
                [
                    t("Rang", "Rank"), t("Domaine", "Domain"), t("Score /100", "Score /100"),
                    t("Rang médian [5 % ; 95 %]", "Median rank [5%, 95%]"), t("Acteurs", "Actors"),
                ],
                co.relevance.sorted { $0.rank < $1.rank }.map { r in
                    let agreement =
                        r.agreement.map { a in
                            a.diverge
                                ? t("divergent (écart \(number(a.range, 1)))", "diverge (gap \(number(a.range, 1)))")
                                : t("concordent", "agree")
                        } ?? "–"
                    return [
                        "\(r.rank)", domainLabel(r.domain), number(r.score, 0),
                        t(
                            "\(number(r.medianRank, 0)) [\(number(r.rankLow, 0)) ; \(number(r.rankHigh, 0))]",
                            "\(number(r.medianRank, 0)) [\(number(r.rankLow, 0)), \(number(r.rankHigh, 0))]"),
                        agreement,
                    ]
                })
            lines.append("")
        }

        // 4. Practices
        let practices = profile.practices
        lines.append("## 4. " + t("Pratiques partenariales", "Partnership practices"))
        lines.append("")
        for (title, items) in [
            (t("Taux de partenariat", "Partnership rate"), practices.partnershipRates),
            (t("Types de partenariat", "Partnership types"), practices.types),
            (t("Portée des partenariats", "Scope of partnerships"), practices.scopes),
            (
                t("Alliances source d'innovation (d'accord)", "Alliances as a source of innovation (agree)"),
                practices.innovationAgreement
            ),
        ] where !items.isEmpty {
            lines += table(
                [title, t("Région", "Region"), "France", t("Écart", "Difference")],
                items.map {
                    [
                        $0.label.text(language), figure($0.figure, share: true),
                        $0.national.map { percent($0.value) } ?? $0.comparison.map { percent($0.national) } ?? "–",
                        comparison($0.comparison),
                    ]
                })
            lines.append("")
        }
        if practices.partnershipRates.isEmpty && practices.types.isEmpty && practices.innovationAgreement.isEmpty {
            lines.append(
                t(
                    "Aucune réponse d'association ni d'entreprise n'est disponible pour ce territoire.",
                    "No answer from associations or companies is available for this territory."))
            lines.append("")
        }

        // 5. Synthesis
        lines.append("## 5. " + t("Synthèse", "Synthesis"))
        lines.append("")
        for sentence in profile.synthesis.sentences { lines.append("- " + sentence.text(language)) }
        lines.append("")
        lines.append("---")
        lines.append(
            t(
                "Seuil de publication : \(p.minimumRespondents) répondants. Intervalles de confiance à 95 %. n eff. : "
                    + "taille d'échantillon effective (Kish).",
                "Publication threshold: \(p.minimumRespondents) respondents. 95% confidence intervals. eff. n: "
                    + "effective sample size (Kish)."
            ))
        return Typography.apply(lines.joined(separator: "\n"), language) + "\n"
    }
}
