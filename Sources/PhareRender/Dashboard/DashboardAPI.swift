import Foundation
import PhareAnalysis
import PhareCore

/// The JSON API, `/api/v1/…`, described by `OpenAPIDocument`.
public enum DashboardAPI {
    public static func respond(_ request: DashboardRequest, components: [String], _ snapshot: DashboardSnapshot) throws
        -> String
    {
        switch components {
        case ["framework"]:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(snapshot.framework), as: UTF8.self)
        case ["territories"]:
            return try territoryList(request, snapshot)
        case let path where path.count == 3 && path[0] == "territories":
            guard let level = TerritoryLevel(rawValue: path[1]) else {
                throw DashboardError.badRequest(
                    LocalizedText(fr: "Niveau inconnu « \(path[1]) ».", en: "Unknown level \"\(path[1])\"."))
            }
            guard let territory = snapshot.territories[TerritoryID(level, path[2])] else {
                throw DashboardError.unknownTerritory(level, path[2])
            }
            return territoryDetail(territory, snapshot)
        case ["layers"]:
            return "[" + snapshot.layers.map(layerSummary).joined(separator: ",") + "]"
        case let path where path.count == 2 && path[0] == "layers":
            guard let layer = snapshot.layer(path[1]) else {
                throw DashboardError.notFound(
                    LocalizedText(fr: "Couche inconnue « \(path[1]) ».", en: "Unknown layer \"\(path[1])\"."))
            }
            return try layerValues(layer, request, snapshot)
        case let path where path.count == 2 && path[0] == "tables":
            return try DashboardTables.table(named: path[1], request: request, snapshot: snapshot).dataTable.render(
                .json)
        case ["status"]:
            return status(snapshot)
        case let path where path.count == 3 && path[0] == "regions" && (path[2] == "profile" || path[2] == "crossview"):
            guard let region = snapshot.territories[TerritoryID(.region, path[1])] else {
                throw DashboardError.unknownTerritory(.region, path[1])
            }
            guard let analysis = snapshot.analysis, let profile = analysis.profile(region.id) else {
                throw noAnalysis()
            }
            if path[2] == "profile" { return try encode(profile) }
            return try encode(analysis.analysis.crossView(of: profile)?.cells(for: region.id) ?? [])
        case ["diagnosis"]:
            guard let analysis = snapshot.analysis, !analysis.diagnoses.isEmpty else { throw noAnalysis() }
            let peers = request["peers"] ?? "metropolitan"
            guard let diagnosis = analysis.diagnoses.first(where: { $0.peers.rawValue == peers }) else {
                throw DashboardError.badRequest(
                    LocalizedText(
                        fr:
                            "peers doit valoir \(analysis.diagnoses.map(\.peers.rawValue).joined(separator: " ou ")), "
                            + "pas « \(peers) ».",
                        en:
                            "peers must be \(analysis.diagnoses.map(\.peers.rawValue).joined(separator: " or ")), not "
                            + "\"\(peers)\"."
                    ))
            }
            return try encode(diagnosis)
        case ["sensitivity"]:
            guard let sensitivity = snapshot.analysis?.sensitivity else { throw noAnalysis() }
            return try encode(sensitivity)
        case ["practices"]:
            guard let analysis = snapshot.analysis, analysis.hasSurveys else { throw noAnalysis() }
            return try encode(
                analysis.analysis.profiles.map {
                    PracticesEntry(code: $0.territory.code, name: $0.name, practices: $0.practices)
                })
        case ["measures"]:
            guard let analysis = snapshot.analysis, analysis.hasSurveys else { throw noAnalysis() }
            return try encode(analysis.measures)
        case ["evolution"]:
            return try EvolutionAPI.evolution(request, snapshot)
        case ["indicator-series"]:
            return try EvolutionAPI.indicatorSeries(request, snapshot)
        case ["fragility-change"]:
            return try EvolutionAPI.fragilityChange(request, snapshot)
        default:
            throw DashboardError.notFound(
                LocalizedText(fr: "Aucune ressource de l’API à cette adresse.", en: "No API resource at this address."))
        }
    }

    static func noAnalysis() -> DashboardError {
        .notFound(
            LocalizedText(
                fr: "Cette analyse n’est pas chargée dans l’observatoire.",
                en: "This analysis is not loaded in the observatory."))
    }

    /// The analysis values as they are in PhareCore (Codable), keys sorted.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    struct PracticesEntry: Encodable {
        var code: String
        var name: String
        var practices: PracticesPart
    }

    public static func status(_ snapshot: DashboardSnapshot) -> String {
        "{\"status\":\"ok\",\"data_version\":\(JSONText.string(snapshot.version)),\"framework\":\(JSONText.string(snapshot.framework.id + " " + snapshot.framework.version)),\"territories\":\(snapshot.territories.territories.count),\"layers\":\(snapshot.layers.count),\"indicator_results\":\(snapshot.hasIndicatorResults),\"survey_results\":\(snapshot.hasSurveyResults)}"
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return DataTableNumber.text(value)
    }

    static func reference(_ id: TerritoryID?, _ snapshot: DashboardSnapshot) -> String {
        guard let id, let territory = snapshot.territories[id] else { return "null" }
        return
            "{\"level\":\(JSONText.string(territory.level.rawValue)),\"code\":\(JSONText.string(territory.code)),\"name\":\(JSONText.string(territory.name))}"
    }

    static func territoryObject(_ territory: Territory, _ snapshot: DashboardSnapshot) -> String {
        "{\"level\":\(JSONText.string(territory.level.rawValue)),\"code\":\(JSONText.string(territory.code)),\"name\":\(JSONText.string(territory.name)),"
            + "\"parent\":\(reference(territory.parent, snapshot)),\"population\":\(territory.population.map(String.init) ?? "null"),"
            + "\"area_km2\":\(number(territory.areaKm2)),\"density_per_km2\":\(number(territory.density)),\"overseas\":\(territory.isOverseas)}"
    }

    static func territoryList(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
        let levelName = request["level"] ?? "region"
        guard let level = TerritoryLevel(rawValue: levelName) else {
            throw DashboardError.badRequest(
                LocalizedText(fr: "Niveau inconnu « \(levelName) ».", en: "Unknown level \"\(levelName)\"."))
        }
        var list: [Territory]
        if let parentReference = request["parent"] {
            guard let parent = try? snapshot.territories.resolve(parentReference) else {
                throw DashboardError.notFound(
                    LocalizedText(
                        fr: "Territoire inconnu « \(parentReference) ».",
                        en: "Unknown territory \"\(parentReference)\"."))
            }
            guard parent.level < level else {
                throw DashboardError.badRequest(
                    LocalizedText(
                        fr: "« \(parentReference) » n’est pas au-dessus du niveau \(level.rawValue).",
                        en: "\"\(parentReference)\" is not above the level \(level.rawValue)."))
            }
            list = snapshot.territories.descendants(of: parent.id, at: level)
        } else {
            guard level != .commune else {
                throw DashboardError.badRequest(
                    LocalizedText(
                        fr: "Pour les communes, donnez parent (un département ou une région).",
                        en: "For communes, give parent (a département or a region)."))
            }
            list = snapshot.territories.territories(at: level)
        }
        list.sort { $0.code < $1.code }
        return "[" + list.map { territoryObject($0, snapshot) }.joined(separator: ",") + "]"
    }

    static func territoryDetail(_ territory: Territory, _ snapshot: DashboardSnapshot) -> String {
        var object = territoryObject(territory, snapshot)
        object.removeLast()
        let counts = TerritoryLevel.allCases.filter { $0 > territory.level && $0 != .pays }.map { level in
            "\(JSONText.string(level.rawValue)):\(territory.level == .pays ? snapshot.territories.territories(at: level).count : snapshot.count(level, below: territory.id))"
        }
        let ancestors = snapshot.territories.ancestors(of: territory.id).map { reference($0, snapshot) }
        let children =
            territory.level < .departement
            ? snapshot.territories.children(of: territory.id).filter {
                $0.level == (territory.level == .pays ? .region : .departement)
            }.sorted { $0.code < $1.code }.map { reference($0.id, snapshot) }
            : []
        let values = snapshot.layers.compactMap { layer in
            layer.value(territory.id).map { "\(JSONText.string(layer.id)):\(number($0))" }
        }
        object +=
            ",\"ancestors\":[\(ancestors.joined(separator: ","))],\"counts\":{\(counts.joined(separator: ","))},\"children\":[\(children.joined(separator: ","))],\"values\":{\(values.joined(separator: ","))}}"
        return object
    }

    static func groupName(_ group: MapLayer.Group) -> (String, String?, String?) {
        switch group {
        case .territory: ("territory", nil, nil)
        case .overall: ("overall", nil, nil)
        case .axis(let axis): ("axis", axis, nil)
        case .domain(let domain): ("domain", domain, nil)
        case .perception(let actor, let domain): ("perception", domain, actor)
        }
    }

    static func layerSummary(_ layer: MapLayer) -> String {
        let (group, subject, actor) = groupName(layer.group)
        let levels = [TerritoryLevel.pays, .region, .departement].filter(layer.covers).map {
            JSONText.string($0.rawValue)
        }
        return
            "{\"id\":\(JSONText.string(layer.id)),\"group\":\(JSONText.string(group)),\"subject\":\(subject.map(JSONText.string) ?? "null"),\"actor\":\(actor.map(JSONText.string) ?? "null"),"
            + "\"label\":{\"fr\":\(JSONText.string(layer.label.fr)),\"en\":\(JSONText.string(layer.label.en))},"
            + "\"unit\":{\"fr\":\(JSONText.string(layer.unit.fr.trimmingCharacters(in: .whitespaces))),\"en\":\(JSONText.string(layer.unit.en.trimmingCharacters(in: .whitespaces)))},"
            + "\"decimals\":\(layer.decimals),\"rank_highest_first\":\(layer.rankHighestFirst),\"source\":\(JSONText.string(layer.source.fr)),\"levels\":[\(levels.joined(separator: ","))]}"
    }

    static func layerValues(_ layer: MapLayer, _ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws
        -> String
    {
        let levelName = request["level"] ?? "region"
        guard let level = TerritoryLevel(rawValue: levelName), level == .region || level == .departement else {
            throw DashboardError.badRequest(
                LocalizedText(
                    fr: "level doit valoir region ou departement, pas « \(levelName) ».",
                    en: "level must be region or departement, not \"\(levelName)\"."))
        }
        let territories =
            level == .region
            ? snapshot.regions : snapshot.territories.territories(at: .departement).sorted { $0.code < $1.code }
        let values = territories.map { layer.value($0.id) }
        let ranks = ClassBreaks.competitionRanks(values, descending: layer.rankHighestFirst)
        let rows = territories.indices.map { index in
            "{\"code\":\(JSONText.string(territories[index].code)),\"name\":\(JSONText.string(territories[index].name)),\"value\":\(number(values[index])),\"rank\":\(ranks[index].map(String.init) ?? "null")}"
        }
        let national = snapshot.territories.france.flatMap { layer.value($0.id) }
        return
            "{\"layer\":\(layerSummary(layer)),\"level\":\(JSONText.string(level.rawValue)),\"national\":\(number(national)),\"values\":[\(rows.joined(separator: ","))]}"
    }
}

/// Numbers in JSON exactly as the CSV downloads write them (shortest text that reads back to the same double).
enum DataTableNumber {
    static func text(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
