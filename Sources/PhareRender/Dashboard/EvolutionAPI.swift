import Foundation
import PhareAnalysis
import PhareCore

/// `/api/v1/evolution`, `/api/v1/indicator-series` and `/api/v1/fragility-change`: change over time as JSON.
enum EvolutionAPI {
    /// Sensitivity runs and seed of the diagnosis of change served (fixed: the same answer every time).
    static let runs = 500
    static let seed: UInt64 = 2015

    /// The wave differences of France or a region from the earlier wave chosen, of one actor or on one
    /// domain when asked (`WaveDifference` list, as `phare survey compare` computes them).
    static func evolution(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
        guard let evolution = snapshot.analysis?.evolution else { throw DashboardAPI.noAnalysis() }
        let region = try request["region"].map { try DashboardTables.region($0, snapshot).code }
        let actor = try request["actor"].map { try ActorPage.actor($0, snapshot.framework).code }
        let domain = try request["domain"].map { try DomainPage.domain($0, snapshot.framework).code }
        return try DashboardAPI.encode(
            EvolutionPage.rows(evolution, region: region, from: request["from"], actor: actor, domain: domain))
    }

    /// Every year of the indicators held for three years or more at region level (real values), per
    /// region and for France (`FR`): `IndicatorTrend` list.
    static func indicatorSeries(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
        try level(request)
        guard let analysis = snapshot.analysis, !analysis.indicatorHistory.isEmpty else {
            throw DashboardAPI.noAnalysis()
        }
        let history = analysis.indicatorHistory
        let held = Set(history.map(\.indicator))
        if let indicator = request["indicator"], !held.contains(indicator) {
            throw DashboardError.notFound(
                LocalizedText(
                    fr:
                        "L’indicateur « \(indicator) » n’a pas de série (séries : \(held.sorted().joined(separator: ", "))).",
                    en:
                        "The indicator \"\(indicator)\" has no series (series: \(held.sorted().joined(separator: ", ")))."
                ))
        }
        let region = try request["region"].map { try DashboardTables.region($0, snapshot).code }
        let codes = request["indicator"].map { [$0] } ?? held.sorted()
        var trends: [IndicatorTrend] = []
        for code in codes {
            let territories = region.map { [$0] } ?? snapshot.regions.map(\.code)
            trends += territories.map { IndicatorTrend(indicator: code, territory: $0, history: history) }
                .filter { !$0.points.isEmpty }
            let national = history.filter { $0.indicator == code }.map {
                IndicatorSeries(
                    indicator: code, year: $0.year, values: $0.national.map { [IndicatorTrend.national: $0] } ?? [:],
                    national: $0.national)
            }
            trends.append(IndicatorTrend(indicator: code, territory: IndicatorTrend.national, history: national))
        }
        return try DashboardAPI.encode(trends)
    }

    /// The diagnosis of change of the regions between two years of the series held (`FragilityChange`,
    /// 500 sensitivity runs, seed 2015); only `domain`'s (or the overall) shifts when asked.
    static func fragilityChange(_ request: DashboardRequest, _ snapshot: DashboardSnapshot) throws -> String {
        try level(request)
        guard let analysis = snapshot.analysis, let catalogue = analysis.catalogue, !analysis.indicatorHistory.isEmpty
        else { throw DashboardAPI.noAnalysis() }
        let history = analysis.indicatorHistory
        let years = Set(history.map(\.year)).sorted()
        func year(_ name: String, _ fallback: Int?) throws -> Int {
            guard let text = request[name] else { return fallback ?? 0 }
            guard let value = Int(text) else {
                throw DashboardError.badRequest(
                    LocalizedText(
                        fr: "\(name) doit être une année, pas « \(text) ».",
                        en: "\(name) must be a year, not \"\(text)\"."))
            }
            return value
        }
        let peerName = request["peers"] ?? PeerSet.metropolitan.rawValue
        guard let peers = PeerSet(rawValue: peerName), peers != .overseas else {
            throw DashboardError.badRequest(
                LocalizedText(
                    fr: "peers doit valoir metropolitan ou all, pas « \(peerName) ».",
                    en: "peers must be metropolitan or all, not \"\(peerName)\"."))
        }
        let input = DiagnosisInput(
            framework: snapshot.framework, catalogue: catalogue, level: .region, peerSet: peers,
            peers: snapshot.territories.territories(at: .region).filter(peers.includes).sorted { $0.code < $1.code },
            series: [])
        let (from, to) = (try year("from", years.first), try year("to", years.last))
        var change: FragilityChange
        do {
            change = try AnalysisPipeline.fragilityChange(
                input, history: history, from: from, to: to,
                method: analysis.diagnoses.first?.method ?? DiagnosisMethod(), runs: runs, seed: seed)
        } catch {
            throw DashboardError.badRequest(LocalizedText(fr: error.description, en: error.description))
        }
        if let domain = request["domain"] {
            guard domain == "overall" || change.domains.contains(domain) else {
                throw DashboardError.badRequest(
                    LocalizedText(
                        fr: "Le domaine « \(domain) » n’a pas d’indicateur suivi aux deux années (domaines : "
                            + "\(change.domains.joined(separator: ", "))).",
                        en: "The domain \"\(domain)\" has no indicator held at both years (domains: "
                            + "\(change.domains.joined(separator: ", "))."))
            }
            change.shifts = change.shifts(of: domain)
        }
        return try DashboardAPI.encode(change)
    }

    /// Only the region level is served (the series the dashboard holds).
    static func level(_ request: DashboardRequest) throws {
        if let level = request["level"], level != TerritoryLevel.region.rawValue {
            throw DashboardError.badRequest(
                LocalizedText(
                    fr: "Seul le niveau region est servi, pas « \(level) ».",
                    en: "Only the region level is served, not \"\(level)\"."))
        }
    }
}
