import PhareAnalysis
import PhareCore

/// A chart of a region profile with the table of the numbers it draws: the dashboard shows the
/// table beside the chart, the reports put it in their appendix.
public struct ProfileChart: Sendable {
    public var id: String
    public var title: String
    public var svg: String
    public var table: ResultTable
}

/// The charts of a region profile, drawn from the profile alone (nothing recomputed), identical
/// in the dashboard and in the reports.
public struct ProfileCharts: Sendable {
    public var framework: Framework
    public var language: Language

    public init(framework: Framework, language: Language) {
        self.framework = framework
        self.language = language
    }

    func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }
    func label(_ fr: String, _ en: String) -> LocalizedText { LocalizedText(fr: fr, en: en) }

    /// Position among peers on 0–100 (100 = most fragile): (P − rank) / (P − 1) · 100.
    static func position(rank: Int, of peers: Int) -> Double? {
        peers > 1 ? 100 * Double(peers - rank) / Double(peers - 1) : nil
    }

    /// Felt position: mean over actors with a conclusive sample of their position among peers.
    static func feltPosition(_ cell: CrossViewCell) -> Double? {
        let positions = cell.perceptions.compactMap { p -> Double? in
            guard p.verdict != .tooFewRespondents, let rank = p.rankAmongPeers else { return nil }
            return position(rank: rank, of: p.peersRanked)
        }
        return positions.isEmpty ? nil : positions.reduce(0, +) / Double(positions.count)
    }

    /// One dot plot per axis: each domain's measured and felt positions among the regions.
    public func measuredAndFelt(_ profile: RegionProfile) -> [ProfileChart] {
        framework.axes.map { axis in
            let cells = profile.fragilities.cells.filter { framework.domain($0.domain)?.axis == axis.code }
            let rows = cells.map { cell in
                DotPair(
                    label: framework.domain(cell.domain)?.shortLabel.text(language) ?? cell.domain,
                    first: cell.measured.flatMap { Self.position(rank: $0.rank, of: $0.peerCount) },
                    second: Self.feltPosition(cell)
                )
            }
            let title = t(
                "\(axis.label.fr) : fragilité mesurée et ressentie, position parmi les régions",
                "\(axis.label.en): measured and felt fragility, position among regions")
            let caption = ChartCaption.typeset(
                language, title: title,
                description: t(
                    "Pour chaque domaine de l'axe \(axis.label.fr.lowercased()), position de \(profile.name) parmi "
                        + "les régions de 0 (la moins fragile) à 100 (la plus fragile), selon les indicateurs (rond) "
                        + "et selon le ressenti moyen des acteurs (losange).",
                    "For each domain of the \(axis.label.en.lowercased()) axis, the position of \(profile.name) among "
                        + "regions from 0 (least fragile) to 100 (most fragile), by the indicators (circle) and by "
                        + "the actors' average perception (diamond)."
                )
            )
            let svg = DotPlot.render(
                id: "measured-felt-\(axis.code)", caption: caption, rows: rows,
                firstName: t("Mesurée", "Measured"), secondName: t("Ressentie", "Felt"),
                style: ValueStyle(decimals: 0, language: language), minimum: 0, maximum: 100
            )
            let table = ResultTable(
                name: "measured-felt-\(axis.code)",
                title: label("\(axis.label.fr) : mesure et ressenti", "\(axis.label.en): measure and perception"),
                columns: [
                    TableColumn("domain", label("Domaine", "Domain")),
                    TableColumn("measured_rank", label("Rang mesuré", "Measured rank")),
                    TableColumn("measured_position", label("Position mesurée (0–100)", "Measured position (0–100)")),
                    TableColumn("felt_position", label("Position ressentie (0–100)", "Felt position (0–100)")),
                    TableColumn("class", label("Lecture", "Reading")),
                ],
                rows: zip(cells, rows).map { cell, row in
                    [
                        .text(row.label), Cell(cell.measured.map { "\($0.rank)/\($0.peerCount)" }),
                        Cell(row.first.map { ($0 * 10).rounded() / 10 }),
                        Cell(row.second.map { ($0 * 10).rounded() / 10 }), .text(quadrantLabel(cell)),
                    ]
                }
            )
            return ProfileChart(id: "measured-felt-\(axis.code)", title: title, svg: svg, table: table)
        }
    }

    /// How a reader names the class of a cross-view cell (or why it has none).
    public func quadrantLabel(_ cell: CrossViewCell) -> String {
        switch cell.quadrant {
        case .feltAndMeasured: return t("ressenti et mesuré", "felt and measured")
        case .feltNotMeasured: return t("ressenti, non mesuré", "felt, not measured")
        case .measuredNotFelt: return t("mesuré, non ressenti", "measured, not felt")
        case .neither: return t("ni l'un ni l'autre", "neither")
        case nil:
            if cell.measuredVerdict == .noData { return t("pas d'indicateur", "no indicator") }
            if cell.feltVerdict == .tooFewRespondents { return t("trop peu de répondants", "too few respondents") }
            return t("pas d'enquête", "no survey")
        }
    }

    /// One actor's mean rating of each domain, with its 95 % interval.
    public func perception(_ profile: RegionProfile, actor: ActorCode) -> ProfileChart? {
        let estimates = profile.fragilities.cells.compactMap { cell -> (String, PerceivedFragility)? in
            guard let p = cell.perceptions.first(where: { $0.estimate.actor == actor }) else { return nil }
            return (framework.domain(cell.domain)?.shortLabel.text(language) ?? cell.domain, p.estimate)
        }
        guard !estimates.isEmpty, let actorLabel = framework.actor(actor)?.label else { return nil }
        let title = t(
            "\(actorLabel.fr) : note moyenne de fragilité par domaine (1 à 10)",
            "\(actorLabel.en): mean fragility rating by domain (1 to 10)")
        let svg = BarChart.render(
            id: "perception-\(actor)",
            caption: ChartCaption.typeset(
                language, title: title,
                description: t(
                    "Note moyenne pondérée donnée par les \(actorLabel.fr.lowercased()) de \(profile.name) à chaque "
                        + "domaine, avec son intervalle de confiance à 95 %.",
                    "Weighted mean rating given by \(actorLabel.en.lowercased()) in \(profile.name) to each domain, "
                        + "with its 95% confidence interval."
                )),
            bars: estimates.map {
                BarDatum(
                    label: $0.0, value: $0.1.mean, low: $0.1.lower, high: $0.1.upper,
                    highlighted: $0.1.n < profile.provenance.minimumRespondents)
            },
            style: ValueStyle(decimals: 1, language: language), maximum: 10
        )
        let table = ResultTable(
            name: "perception-\(actor)",
            title: label("\(actorLabel.fr) : notes par domaine", "\(actorLabel.en): ratings by domain"),
            columns: [
                TableColumn("domain", label("Domaine", "Domain")),
                TableColumn("mean", label("Note moyenne", "Mean rating"), decimals: 1),
                TableColumn("lower", label("Borne basse", "Lower bound"), decimals: 1),
                TableColumn("upper", label("Borne haute", "Upper bound"), decimals: 1),
                TableColumn("n", label("n", "n")), TableColumn("n_effective", label("n effectif", "Effective n")),
            ],
            rows: estimates.map {
                [
                    .text($0.0), .number($0.1.mean), .number($0.1.lower), .number($0.1.upper), .integer($0.1.n),
                    .number($0.1.effectiveN.rounded()),
                ]
            }
        )
        return ProfileChart(id: "perception-\(actor)", title: title, svg: svg, table: table)
    }

    /// The domains ranked by the relevance of partnerships, with their Monte-Carlo rank intervals.
    public func relevance(_ profile: RegionProfile) -> ProfileChart? {
        let items = profile.coConstruction.relevance.sorted { ($0.rank, $0.domain) < ($1.rank, $1.domain) }
        guard !items.isEmpty else { return nil }
        let title = t(
            "Pertinence des partenariats : rang des domaines et intervalle de rang",
            "Relevance of partnerships: rank of the domains and rank interval")
        let rows = items.map { item in
            RankIntervalRow(
                label: framework.domain(item.domain)?.shortLabel.text(language) ?? item.domain, rank: item.rank,
                low: Int(item.rankLow.rounded()), high: Int(item.rankHigh.rounded()),
                highlighted: profile.synthesis.recommendedDomains.contains(item.domain)
            )
        }
        let svg = RankIntervalChart.render(
            id: "relevance",
            caption: ChartCaption.typeset(
                language, title: title,
                description: t(
                    "Rang de chaque domaine selon le score de pertinence des partenariats à \(profile.name) (1 = le "
                        + "plus pertinent) et intervalle de 5 à 95 % des rangs obtenus en faisant varier les "
                        + "pondérations et les estimations d'enquête.",
                    "Rank of each domain by the relevance score of partnerships in \(profile.name) (1 = most "
                        + "relevant), and the 5–95% interval of the ranks obtained when weights and survey estimates "
                        + "vary."
                )),
            rows: rows, count: items.count
        )
        let table = ResultTable(
            name: "relevance",
            title: label("Pertinence des partenariats par domaine", "Relevance of partnerships by domain"),
            columns: [
                TableColumn("rank", label("Rang", "Rank")), TableColumn("domain", label("Domaine", "Domain")),
                TableColumn("score", label("Score /100", "Score /100"), decimals: 0),
                TableColumn("rank_low", label("Rang 5 %", "Rank 5%")),
                TableColumn("rank_high", label("Rang 95 %", "Rank 95%")),
            ],
            rows: zip(items, rows).map { item, row in
                [
                    .integer(item.rank), .text(row.label), .number(item.score), .number(item.rankLow),
                    .number(item.rankHigh),
                ]
            }
        )
        return ProfileChart(id: "relevance", title: title, svg: svg, table: table)
    }

    /// Shares with their intervals, the region against France (partnership rates, dynamic, roles…).
    public func shares(
        _ figures: [LabelledFigure], id: String, title: LocalizedText, description: LocalizedText,
        profile: RegionProfile
    ) -> ProfileChart? {
        guard !figures.isEmpty else { return nil }
        var bars: [BarDatum] = []
        var rows: [[Cell]] = []
        for figure in figures {
            let name = (figure.shortLabel ?? figure.label).text(language)
            bars.append(
                BarDatum(
                    label: name, value: figure.figure.value * 100, low: figure.figure.lower.map { $0 * 100 },
                    high: figure.figure.upper.map { $0 * 100 }, highlighted: figure.figure.belowThreshold))
            let national = figure.national?.value ?? figure.comparison?.national
            if let national { bars.append(BarDatum(label: "\(name) — France", value: national * 100)) }
            rows.append([
                .text(name), .number(figure.figure.value * 100), Cell(figure.figure.lower.map { $0 * 100 }),
                Cell(figure.figure.upper.map { $0 * 100 }),
                Cell(figure.figure.n), Cell(national.map { $0 * 100 }),
                Cell(figure.comparison.map { $0.difference * 100 }),
                figure.comparison.map { .text($0.isSignificant ? t("oui", "yes") : t("non", "no")) } ?? .null,
            ])
        }
        let svg = BarChart.render(
            id: id,
            caption: ChartCaption.typeset(
                language, title: title.text(language), description: description.text(language)),
            bars: bars, style: ValueStyle(decimals: 0, unit: t(" %", "%"), language: language), maximum: 100
        )
        let table = ResultTable(
            name: id, title: title,
            columns: [
                TableColumn("item", label("Élément", "Item")),
                TableColumn("share", label("Part (%)", "Share (%)"), decimals: 0),
                TableColumn("lower", label("Borne basse", "Lower bound"), decimals: 0),
                TableColumn("upper", label("Borne haute", "Upper bound"), decimals: 0),
                TableColumn("n", label("n", "n")),
                TableColumn("france", label("France (%)", "France (%)"), decimals: 0),
                TableColumn("difference", label("Écart (points)", "Difference (points)"), decimals: 1),
                TableColumn("significant", label("Significatif", "Significant")),
            ],
            rows: rows
        )
        return ProfileChart(id: id, title: title.text(language), svg: svg, table: table)
    }

    /// Every chart of a profile, in the order of the report.
    public func all(_ profile: RegionProfile) -> [ProfileChart] {
        var charts = measuredAndFelt(profile)
        charts += framework.perceivingActors.compactMap { perception(profile, actor: $0) }
        let co = profile.coConstruction
        charts += [
            shares(
                co.dynamic, id: "dynamic",
                title: label(
                    "Dynamique de co-construction selon les maires", "Co-construction dynamic according to mayors"),
                description: label(
                    "Part des maires de \(profile.name) pour chaque niveau de la dynamique de co-construction, avec "
                        + "intervalle de confiance à 95 %, et valeur nationale.",
                    "Share of mayors in \(profile.name) at each level of the co-construction dynamic, with 95% "
                        + "confidence interval, and the national value."
                ), profile: profile),
            relevance(profile),
            shares(
                profile.practices.partnershipRates, id: "partnership-rates",
                title: label("Taux de partenariat", "Partnership rate"),
                description: label(
                    "Part des associations et des entreprises de \(profile.name) ayant au moins un partenariat, avec "
                        + "intervalle de confiance à 95 %, et valeur nationale.",
                    "Share of associations and companies in \(profile.name) with at least one partnership, with 95% "
                        + "confidence interval, and the national value."
                ), profile: profile),
            shares(
                profile.practices.innovationAgreement, id: "innovation",
                title: label(
                    "Les alliances, source d'innovation (d'accord)", "Alliances as a source of innovation (agree)"),
                description: label(
                    "Part des acteurs de \(profile.name) d'accord pour dire que les alliances sont source "
                        + "d'innovation, avec intervalle de confiance à 95 %, et valeur nationale.",
                    "Share of actors in \(profile.name) agreeing that alliances bring innovation, with 95% confidence "
                        + "interval, and the national value."
                ), profile: profile),
        ].compactMap { $0 }
        return charts
    }
}
