import Foundation
import PhareAnalysis
import PhareCore

/// Every table the dashboard shows, by name. Pages, downloads (`/download/NAME.csv|xlsx`) and
/// the API (`/api/v1/tables/NAME`) all take their rows from here, so they always agree.
public enum DashboardTables {
    static let names = ["regions", "departements", "communes", "compare", "domains", "actors", "layers"]

    public static func table(named name: String, request: DashboardRequest, snapshot: DashboardSnapshot) throws
        -> ResultTable
    {
        switch name {
        case "regions": return try regions(layer: layer(request, snapshot), snapshot: snapshot, links: request.links)
        case "departements":
            return try departements(
                of: region(request["region"], snapshot), layer: layer(request, snapshot), snapshot: snapshot,
                links: request.links)
        case "communes":
            guard let code = request["departement"] else { throw missing("departement") }
            guard let departement = snapshot.territories[TerritoryID(.departement, code)] else {
                throw DashboardError.unknownTerritory(.departement, code)
            }
            return communes(of: departement, snapshot: snapshot)
        case "compare":
            let (a, b) = try ComparePage.pair(request, snapshot)
            return ComparePage.table(a, b, snapshot: snapshot, language: request.language)
        case "domains": return domains(snapshot.framework, links: request.links)
        case "actors": return actors(snapshot.framework, links: request.links)
        case "layers": return layers(snapshot)
        case "indicator-catalogue": return catalogue(snapshot)
        case "sources": return sources(snapshot)
        case "weighted-ranking":
            guard let layer = WeightsPage.weightedLayer(try WeightsPage.weights(request, snapshot.framework), snapshot)
            else {
                throw DashboardError.notFound(
                    LocalizedText(fr: "Aucun score de fragilité n’est chargé.", en: "No fragility score is loaded."))
            }
            return WeightsPage.rankingTable(layer, snapshot, language: request.language)
        case let coherence where CoherencePage.tableNames.contains(coherence):
            return try CoherencePage.table(named: coherence, request: request, snapshot)
        case let evolution where EvolutionPage.tableNames.contains(evolution):
            return try EvolutionPage.table(named: evolution, request: request, snapshot)
        case let domain where DomainPage.tableNames.contains(domain):
            return try DomainPage.table(named: domain, request: request, snapshot)
        case let actor where ActorPage.tableNames.contains(actor):
            return try ActorPage.table(named: actor, request: request, snapshot)
        case let compare where ComparePage.tableNames.contains(compare):
            return try ComparePage.table(named: compare, request: request, snapshot)
        case let headline where FrancePage.headlineGroups.contains(headline):
            guard let table = FrancePage.headlineTable(headline, snapshot, language: request.language) else {
                throw DashboardError.notFound(
                    LocalizedText(fr: "Aucun résultat d’enquête n’est chargé.", en: "No survey result is loaded."))
            }
            return table
        case let regional where RegionAnalysisPage.tableNames(snapshot.framework).contains(regional):
            guard
                let table = try RegionAnalysisPage.table(
                    named: regional, region: region(request["region"], snapshot), snapshot, language: request.language)
            else {
                throw DashboardError.notFound(
                    LocalizedText(fr: "Aucun tableau ne s’appelle « \(name) ».", en: "No table is called \"\(name)\"."))
            }
            return table
        default:
            throw DashboardError.notFound(
                LocalizedText(fr: "Aucun tableau ne s’appelle « \(name) ».", en: "No table is called \"\(name)\"."))
        }
    }

    static func missing(_ parameter: String) -> DashboardError {
        .badRequest(
            LocalizedText(fr: "Le paramètre « \(parameter) » manque.", en: "The parameter \"\(parameter)\" is missing.")
        )
    }

    /// The layer named by `layer=` (population when absent); 400 when unknown.
    static func layer(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> MapLayer {
        let id = request["layer"] ?? (snapshot.layer("overall") != nil ? "overall" : "population")
        guard let layer = snapshot.layer(id) else {
            throw DashboardError.badRequest(
                LocalizedText(
                    fr:
                        "Couche inconnue « \(id) » ; couches disponibles : "
                        + "\(snapshot.layers.map(\.id).joined(separator: ", ")).",
                    en:
                        "Unknown layer \"\(id)\"; available layers: "
                        + "\(snapshot.layers.map(\.id).joined(separator: ", "))."
                ))
        }
        return layer
    }

    static func region(_ code: String?, _ snapshot: DashboardSnapshot) throws -> Territory {
        guard let code else { throw missing("region") }
        guard let region = snapshot.territories[TerritoryID(.region, code)] else {
            throw DashboardError.unknownTerritory(.region, code)
        }
        return region
    }

    static let rankColumn = TableColumn("rank", LocalizedText(fr: "Rang", en: "Rank"))

    /// The regions ranked by one layer, with the national value for reference in the last row.
    static func regions(layer: MapLayer, snapshot: DashboardSnapshot, links: Links) -> ResultTable {
        ranked(
            name: "regions", title: LocalizedText(fr: "Régions : \(layer.label.fr)", en: "Regions: \(layer.label.en)"),
            territories: snapshot.regions, layer: layer, snapshot: snapshot, links: links
        )
    }

    static func departements(of region: Territory, layer: MapLayer, snapshot: DashboardSnapshot, links: Links)
        -> ResultTable
    {
        ranked(
            name: "departements",
            title: LocalizedText(
                fr: "Départements de la région \(region.name) : \(layer.label.fr)",
                en: "Départements of \(region.name): \(layer.label.en)"),
            territories: snapshot.departements(of: region.id), layer: layer, snapshot: snapshot, links: links
        )
    }

    static func ranked(
        name: String, title: LocalizedText, territories: [Territory], layer: MapLayer, snapshot: DashboardSnapshot,
        links: Links
    ) -> ResultTable {
        let values = territories.map { layer.value($0.id) }
        let ranks = ClassBreaks.competitionRanks(values, descending: layer.rankHighestFirst)
        let order = territories.indices.sorted { lhs, rhs in
            switch (ranks[lhs], ranks[rhs]) {
            case (let a?, let b?): a == b ? territories[lhs].code < territories[rhs].code : a < b
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): territories[lhs].code < territories[rhs].code
            }
        }
        var table = ResultTable(
            name: name, title: title,
            columns: [
                TableColumn("name", LocalizedText(fr: "Territoire", en: "Territory")),
                TableColumn("code", LocalizedText(fr: "Code INSEE", en: "INSEE code")),
                rankColumn,
                TableColumn(
                    layer.id,
                    LocalizedText(
                        fr: layer.label.fr + unitSuffix(layer.unit.fr), en: layer.label.en + unitSuffix(layer.unit.en)),
                    decimals: layer.decimals),
            ]
        )
        for index in order {
            let territory = territories[index]
            table.rows.append([.text(territory.name), .text(territory.code), Cell(ranks[index]), Cell(values[index])])
            table.links.append(links.territory(territory, layer: layer.id))
        }
        if let france = snapshot.territories.france {
            table.rows.append([.text(france.name), .text(france.code), .null, Cell(layer.value(france.id))])
            table.links.append(nil)
        }
        return table
    }

    static func unitSuffix(_ unit: String) -> String {
        let trimmed = unit.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "" : " (\(trimmed))"
    }

    static func communes(of departement: Territory, snapshot: DashboardSnapshot) -> ResultTable {
        let communes = snapshot.territories.children(of: departement.id).filter { $0.level == .commune }
            .sorted { ($0.population ?? -1, $1.code) > ($1.population ?? -1, $0.code) }
        return ResultTable(
            name: "communes",
            title: LocalizedText(
                fr: "Communes du département \(departement.name)", en: "Communes of \(departement.name)"),
            columns: [
                TableColumn("name", LocalizedText(fr: "Commune", en: "Commune")),
                TableColumn("code", LocalizedText(fr: "Code INSEE", en: "INSEE code")),
                TableColumn("epci", LocalizedText(fr: "EPCI", en: "EPCI")),
                TableColumn("population", LocalizedText(fr: "Population", en: "Population")),
                TableColumn("area_km2", LocalizedText(fr: "Superficie (km²)", en: "Area (km²)"), decimals: 1),
                TableColumn(
                    "density", LocalizedText(fr: "Densité (hab./km²)", en: "Density (inhabitants/km²)"), decimals: 1),
            ],
            rows: communes.map { commune in
                [
                    .text(commune.name), .text(commune.code),
                    Cell(commune.epci.flatMap { snapshot.territories[TerritoryID(.epci, $0)]?.name }),
                    Cell(commune.population), Cell(commune.areaKm2), Cell(commune.density),
                ]
            }
        )
    }

    static func domains(_ framework: Framework, links: Links) -> ResultTable {
        ResultTable(
            name: "domains", title: LocalizedText(fr: "Les domaines de fragilité", en: "The domains of fragility"),
            columns: [
                TableColumn("label", LocalizedText(fr: "Domaine", en: "Domain")),
                TableColumn("code", LocalizedText(fr: "Code", en: "Code")),
                TableColumn("axis", LocalizedText(fr: "Axe", en: "Axis")),
                TableColumn("label_fr", LocalizedText(fr: "Libellé (fr)", en: "Label (fr)")),
                TableColumn("label_en", LocalizedText(fr: "Libellé (en)", en: "Label (en)")),
            ],
            rows: framework.domains.map { domain in
                [
                    .text(domain.label.text(links.language)), .text(domain.code),
                    .text(framework.axis(domain.axis)?.label.text(links.language) ?? domain.axis),
                    .text(domain.label.fr), .text(domain.label.en),
                ]
            },
            links: framework.domains.map { links.domain($0.code) }
        )
    }

    static func actors(_ framework: Framework, links: Links) -> ResultTable {
        ResultTable(
            name: "actors", title: LocalizedText(fr: "Les acteurs interrogés", en: "The actors surveyed"),
            columns: [
                TableColumn("label", LocalizedText(fr: "Acteur", en: "Actor")),
                TableColumn("code", LocalizedText(fr: "Code", en: "Code")),
                TableColumn("description", LocalizedText(fr: "Description", en: "Description")),
            ],
            rows: framework.actors.map {
                [
                    .text($0.label.text(links.language)), .text($0.code.rawValue),
                    Cell($0.description?.text(links.language)),
                ]
            },
            links: framework.actors.map { links.actor($0.code.rawValue) }
        )
    }

    /// The catalogue with, for each indicator, whether its values are real and from which producers'
    /// files, or illustrative, or absent.
    static func catalogue(_ snapshot: DashboardSnapshot) -> ResultTable {
        let catalogue = snapshot.analysis?.catalogue ?? IndicatorCatalogue([])
        let provenance = snapshot.analysis?.provenance
        let illustrative = Set(
            (snapshot.analysis?.diagnoses ?? []).flatMap(\.territories).flatMap(\.indicators)
                .filter { $0.flags.contains("illustrative") }.map(\.indicator)
        )
        return ResultTable(
            name: "indicator-catalogue",
            title: LocalizedText(
                fr: "Le catalogue des indicateurs et leur "
                    + "provenance", en: "The indicator catalogue and its provenance"),
            columns: [
                TableColumn("code", LocalizedText(fr: "Code", en: "Code")),
                TableColumn("label", LocalizedText(fr: "Indicateur", en: "Indicator")),
                TableColumn("domain", LocalizedText(fr: "Domaine", en: "Domain")),
                TableColumn("unit", LocalizedText(fr: "Unité", en: "Unit")),
                TableColumn("vintage", LocalizedText(fr: "Millésime", en: "Vintage")),
                TableColumn("values", LocalizedText(fr: "Valeurs", en: "Values")),
                TableColumn("producers", LocalizedText(fr: "Producteur et jeu de données", en: "Producer and dataset")),
            ],
            rows: catalogue.indicators.map { definition in
                let sources = provenance?.sources(of: definition, in: catalogue) ?? []
                let kind: LocalizedText =
                    !sources.isEmpty
                    ? LocalizedText(fr: "réelles", en: "real")
                    : illustrative.contains(definition.code)
                        ? LocalizedText(fr: "ILLUSTRATIVES (démo)", en: "ILLUSTRATIVE (demo)")
                        : LocalizedText(fr: "aucune source ouverte ici", en: "no open source here")
                return [
                    .text(definition.code), .text(definition.label.fr), Cell(definition.domain), .text(definition.unit),
                    .text(definition.vintage), .text(kind.fr),
                    .text(sources.map { "\($0.producer) — \($0.dataset) (\($0.vintage))" }.joined(separator: " ; ")),
                ]
            }
        )
    }

    /// The producers' files behind the real values, with the attribution the Licence Ouverte asks for.
    static func sources(_ snapshot: DashboardSnapshot) -> ResultTable {
        ResultTable(
            name: "sources",
            title: LocalizedText(fr: "Les jeux de données ouverts utilisés", en: "The open datasets used"),
            columns: [
                TableColumn("producer", LocalizedText(fr: "Producteur", en: "Producer")),
                TableColumn("dataset", LocalizedText(fr: "Jeu de données", en: "Dataset")),
                TableColumn("vintage", LocalizedText(fr: "Millésime", en: "Vintage")),
                TableColumn("licence", LocalizedText(fr: "Licence", en: "Licence")),
                TableColumn(
                    "copy",
                    LocalizedText(
                        fr: "Copie obtenue (dépôt, commit, chemin)", en: "Copy obtained from (repository, commit, path)"
                    )),
                TableColumn("sha256", LocalizedText(fr: "SHA-256", en: "SHA-256")),
                TableColumn("indicators", LocalizedText(fr: "Indicateurs", en: "Indicators")),
            ],
            rows: (snapshot.analysis?.provenance?.sources ?? []).map { source in
                [
                    .text(source.producer), .text(source.dataset), .text(source.vintage), .text(source.licence),
                    .text(
                        [source.repository, source.commit.map { String($0.prefix(12)) }, source.path].compactMap { $0 }
                            .joined(separator: " @ ")),
                    Cell(source.sha256), .text((source.indicators ?? []).joined(separator: ", ")),
                ]
            }
        )
    }

    static func layers(_ snapshot: DashboardSnapshot) -> ResultTable {
        ResultTable(
            name: "layers",
            title: LocalizedText(fr: "Les figures cartographiables", en: "The figures that can be mapped"),
            columns: [
                TableColumn("id", LocalizedText(fr: "Identifiant", en: "Identifier")),
                TableColumn("label_fr", LocalizedText(fr: "Libellé (fr)", en: "Label (fr)")),
                TableColumn("label_en", LocalizedText(fr: "Libellé (en)", en: "Label (en)")),
                TableColumn("unit", LocalizedText(fr: "Unité", en: "Unit")),
                TableColumn("source", LocalizedText(fr: "Source", en: "Source")),
                TableColumn("territories", LocalizedText(fr: "Territoires couverts", en: "Territories covered")),
            ],
            rows: snapshot.layers.map { layer in
                [
                    .text(layer.id), .text(layer.label.fr), .text(layer.label.en),
                    .text(layer.unit.fr.trimmingCharacters(in: .whitespaces)), .text(layer.source.fr),
                    .integer(layer.values.count),
                ]
            }
        )
    }
}
