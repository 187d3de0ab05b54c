import Foundation
import PhareAnalysis
import PhareCore

/// A request as the dashboard reads it: the path and the decoded query, with the language chosen.
public struct DashboardRequest: Sendable {
    public var path: String
    public var query: [String: String]
    public var language: Language

    /// - Throws: `DashboardError` 400 for a language other than fr or en, or a repeated parameter.
    public init(path: String, queryItems: [(String, String)]) throws {
        var query: [String: String] = [:]
        for (name, value) in queryItems {
            guard query[name] == nil else {
                throw DashboardError.badRequest(
                    LocalizedText(
                        fr: "Le paramètre « \(name) » est donné plusieurs fois.",
                        en: "The parameter \"\(name)\" is given more than once."))
            }
            query[name] = value
        }
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        self.query = query
        switch query["lang"] {
        case nil, "", "fr": language = .fr
        case "en": language = .en
        case let other?:
            language = .fr
            throw DashboardError.badRequest(
                LocalizedText(
                    fr: "Langue inconnue « \(other) » : lang=fr ou lang=en.",
                    en: "Unknown language \"\(other)\": lang=fr or lang=en."
                ))
        }
    }

    /// A request with no query (error pages for a request whose query could not be read).
    public init(path: String, language: Language) {
        self.path = path
        self.query = [:]
        self.language = language
    }

    public subscript(name: String) -> String? {
        guard let value = query[name], !value.isEmpty else { return nil }
        return value
    }

    /// Path components after the leading slash (`/region/44` → ["region", "44"]).
    public var components: [String] { path.split(separator: "/", omittingEmptySubsequences: true).map(String.init) }

    public var links: Links { Links(language: language) }
}

/// The query string of a URL as HTML forms write it (`application/x-www-form-urlencoded`).
public enum QueryString {
    /// Pairs in order; `+` is a space, `%XX` a byte of UTF-8.
    /// - Throws: 400 when a percent-encoding is malformed or not UTF-8.
    public static func parse(_ query: String?) throws -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return try query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (try decode(parts[0]), parts.count > 1 ? try decode(parts[1]) : "")
        }
    }

    public static func decode(_ text: Substring) throws -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        guard let decoded = spaced.removingPercentEncoding else {
            throw DashboardError.badRequest(
                LocalizedText(
                    fr: "Adresse mal formée (encodage « % » invalide).",
                    en: "Malformed address (invalid \"%\" encoding)."))
        }
        return decoded
    }
}

/// An answer the dashboard refuses to give, with its HTTP status and a message for the reader.
/// Messages may quote what the user typed: they are always escaped when rendered.
public struct DashboardError: Error, Sendable {
    public var status: Int
    public var message: LocalizedText

    public init(status: Int, message: LocalizedText) {
        self.status = status
        self.message = message
    }

    public static func badRequest(_ message: LocalizedText) -> DashboardError {
        DashboardError(status: 400, message: message)
    }
    public static func notFound(_ message: LocalizedText) -> DashboardError {
        DashboardError(status: 404, message: message)
    }

    public static func unknownTerritory(_ level: TerritoryLevel, _ code: String) -> DashboardError {
        notFound(
            LocalizedText(
                fr: "Aucun\(level == .region ? "e" : "") \(level.label.fr) n’a le code « \(code) ».",
                en: "No \(level.label.en) has the code \"\(code)\"."
            ))
    }
}

/// URLs of the dashboard, keeping the reader's language (French needs no parameter).
public struct Links: Sendable {
    public var language: Language

    public func page(_ path: String, _ query: [(String, String)] = []) -> String {
        HTML.link(path, query + (language == .en ? [("lang", "en")] : []))
    }

    public func france(layer: String? = nil) -> String { page("/", [("layer", layer ?? "")]) }
    public func region(_ code: String, layer: String? = nil) -> String {
        page("/region/\(HTML.queryComponent(code))", [("layer", layer ?? "")])
    }
    public func departement(_ code: String, layer: String? = nil) -> String {
        page("/departement/\(HTML.queryComponent(code))", [("layer", layer ?? "")])
    }
    public func territory(_ territory: Territory, layer: String? = nil) -> String? {
        switch territory.level {
        case .region: region(territory.code, layer: layer)
        case .departement: departement(territory.code, layer: layer)
        case .pays: france(layer: layer)
        case .epci, .commune: nil
        }
    }
    public func domain(_ code: String) -> String { page("/domain/\(HTML.queryComponent(code))") }
    public func actor(_ code: String) -> String { page("/actor/\(HTML.queryComponent(code))") }

    /// A download of a named table (labels in the reader's language, given in `query`).
    public func download(_ table: String, _ format: String, _ query: [(String, String)]) -> String {
        HTML.link("/download/\(table).\(format)", query)
    }

    /// The three downloads every table offers.
    public func downloads(_ table: String, _ query: [(String, String)]) -> [(label: String, href: String)] {
        let query = query + (language == .en ? [("lang", "en")] : [])
        return [
            ("CSV", download(table, "csv", query)),
            ("XLSX", download(table, "xlsx", query)),
            ("JSON", HTML.link("/api/v1/tables/\(table)", query)),
        ]
    }
}
