import Foundation

/// Why an INSEE commune code is not a commune of today's geography.
public enum FormerCommuneKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A municipal arrondissement of Paris, Lyon or Marseille: a part of its commune.
    case arrondissement
    /// A commune déléguée of a commune nouvelle.
    case deleguee
    /// A commune associée.
    case associee
    /// A commune of COG 2024 merged since, known neither as déléguée nor associée.
    case fusion

    /// Words for summaries: `commune déléguée`, `municipal arrondissement`…
    public var label: String {
        switch self {
        case .arrondissement: "municipal arrondissement"
        case .deleguee: "commune déléguée"
        case .associee: "commune associée"
        case .fusion: "merged commune"
        }
    }

    /// The plural of `label`: `communes déléguées`…
    public var pluralLabel: String {
        switch self {
        case .arrondissement: "municipal arrondissements"
        case .deleguee: "communes déléguées"
        case .associee: "communes associées"
        case .fusion: "merged communes"
        }
    }
}

/// One older commune code and the current commune it belongs to (a line of `commune-history.tsv`).
public struct FormerCommune: Sendable, Hashable, Codable {
    public var code: String
    public var kind: FormerCommuneKind
    /// Code of the commune of today's tree that holds it.
    public var currentCommune: String
    public var name: String
    /// First geography (COG year) in which the code is no longer a commune, when known: a file
    /// in an older geography may hold both this code and its current commune, each for its own
    /// part. Nil when the source does not say (most communes déléguées and associées).
    public var since: Int?

    public init(code: String, kind: FormerCommuneKind, currentCommune: String, name: String, since: Int?) {
        self.code = code
        self.kind = kind
        self.currentCommune = currentCommune
        self.name = name
        self.since = since
    }
}

/// The commune codes of older geographies, arrondissements included, with their current
/// commune: what an importer needs to translate a file of any COG vintage to today's tree.
public struct CommuneHistory: Sendable {
    public let entries: [FormerCommune]
    private let byCode: [String: Int]

    public init(_ entries: [FormerCommune]) {
        self.entries = entries
        var byCode: [String: Int] = [:]
        for (offset, entry) in entries.enumerated() where byCode[entry.code] == nil { byCode[entry.code] = offset }
        self.byCode = byCode
    }

    public static let empty = CommuneHistory([])

    public var count: Int { entries.count }

    /// The former commune with this code, nil when the code is not in the history.
    public subscript(code: String) -> FormerCommune? { byCode[code].map { entries[$0] } }

    /// The older codes that now belong to `commune`.
    public func formerCodes(of commune: String) -> [FormerCommune] {
        entries.filter { $0.currentCommune == commune }
    }

    /// The history bundled with Phare (see docs/DATA-FORMATS.md, « Commune history »), read once.
    public static func bundled() throws -> CommuneHistory { try bundledOnce.get() }

    private static let bundledOnce = Result { try readBundled() }

    private static func readBundled() throws -> CommuneHistory {
        guard let url = Bundle.module.url(forResource: "commune-history", withExtension: "tsv") else {
            throw TerritoryFileError(
                source: "commune-history.tsv", line: 0, column: nil,
                message: "the bundled commune history is missing from this build")
        }
        return try parse(
            tsv: String(decoding: Data(contentsOf: url), as: UTF8.self), source: "commune-history.tsv (bundled)")
    }

    /// Reads the format `code kind current_commune name since source` (tab-separated).
    public static func parse(tsv text: String, source: String) throws -> CommuneHistory {
        let expected = ["code", "kind", "current_commune", "name", "since", "source"]
        let rows = try TabSeparated.rows(text, expected: expected, source: source)
        var entries: [FormerCommune] = []
        var seen: Set<String> = []
        for (number, fields) in rows {
            func fail(_ column: String, _ message: String) -> TerritoryFileError {
                TerritoryFileError(source: source, line: number, column: column, message: message)
            }
            let code = fields[0]
            guard !code.isEmpty else { throw fail("code", "empty code") }
            guard seen.insert(code).inserted else { throw fail("code", "code \(code) is listed twice") }
            guard let kind = FormerCommuneKind(rawValue: fields[1]) else {
                throw fail("kind", "unknown kind \"\(fields[1])\" (arrondissement, deleguee, associee or fusion)")
            }
            guard !fields[2].isEmpty else { throw fail("current_commune", "no current commune for \(code)") }
            var since: Int?
            if !fields[4].isEmpty {
                guard let year = Int(fields[4]), (1900...2100).contains(year) else {
                    throw fail("since", "not a year: \"\(fields[4])\"")
                }
                since = year
            }
            entries.append(
                FormerCommune(code: code, kind: kind, currentCommune: fields[2], name: fields[3], since: since))
        }
        return CommuneHistory(entries)
    }
}

/// Which count a population is.
public enum PopulationKind: String, Sendable, Hashable, Codable, Comparable {
    /// INSEE census, population municipale.
    case census
    /// INSEE population estimate (Mayotte, where no census figure by commune exists).
    case estimate

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The vintage of a population figure: its year, whether it is a census count or an estimate,
/// and the key of its source in `open-data/provenance.json`. Pages show it beside the figure
/// (« population municipale 2021 », « estimation au 1er janvier 2023 »); an aggregate lists the
/// vintages of its parts (`TerritoryTree.populationVintages(of:)`).
public struct PopulationVintage: Sendable, Hashable, Codable, Comparable {
    public var year: Int
    public var kind: PopulationKind
    public var source: String

    public init(year: Int, kind: PopulationKind, source: String) {
        self.year = year
        self.kind = kind
        self.source = source
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.kind, lhs.year, lhs.source) < (rhs.kind, rhs.year, rhs.source)
    }
}

/// One line of `populations.tsv`.
public struct PopulationRecord: Sendable, Hashable, Codable {
    public var id: TerritoryID
    public var population: Int
    public var vintage: PopulationVintage

    public init(id: TerritoryID, population: Int, vintage: PopulationVintage) {
        self.id = id
        self.population = population
        self.vintage = vintage
    }
}

/// The populations of `populations.tsv`: the vintage of every commune's population, and the
/// estimates of départements whose communes have no census figure (Mayotte).
public struct PopulationTable: Sendable {
    public let records: [PopulationRecord]
    private let byID: [TerritoryID: Int]

    public init(_ records: [PopulationRecord]) {
        self.records = records
        var byID: [TerritoryID: Int] = [:]
        for (offset, record) in records.enumerated() where byID[record.id] == nil { byID[record.id] = offset }
        self.byID = byID
    }

    public static let empty = PopulationTable([])

    public subscript(id: TerritoryID) -> PopulationRecord? { byID[id].map { records[$0] } }

    /// The table bundled with Phare (see docs/DATA-FORMATS.md, « Populations and their vintage »), read once.
    public static func bundled() throws -> PopulationTable { try bundledOnce.get() }

    private static let bundledOnce = Result { try readBundled() }

    private static func readBundled() throws -> PopulationTable {
        guard let url = Bundle.module.url(forResource: "populations", withExtension: "tsv") else {
            throw TerritoryFileError(
                source: "populations.tsv", line: 0, column: nil,
                message: "the bundled population table is missing from this build")
        }
        return try parse(
            tsv: String(decoding: Data(contentsOf: url), as: UTF8.self), source: "populations.tsv (bundled)")
    }

    /// Reads the format `level code population year kind source` (tab-separated).
    public static func parse(tsv text: String, source: String) throws -> PopulationTable {
        let expected = ["level", "code", "population", "year", "kind", "source"]
        let rows = try TabSeparated.rows(text, expected: expected, source: source)
        var records: [PopulationRecord] = []
        records.reserveCapacity(rows.count)
        for (number, fields) in rows {
            func fail(_ column: String, _ message: String) -> TerritoryFileError {
                TerritoryFileError(source: source, line: number, column: column, message: message)
            }
            guard let level = TerritoryLevel(rawValue: fields[0]) else {
                throw fail("level", "unknown level \"\(fields[0])\"")
            }
            guard let population = Int(fields[2]), population >= 0 else {
                throw fail("population", "not a population: \"\(fields[2])\"")
            }
            guard let year = Int(fields[3]), (1900...2100).contains(year) else {
                throw fail("year", "not a year: \"\(fields[3])\"")
            }
            guard let kind = PopulationKind(rawValue: fields[4]) else {
                throw fail("kind", "unknown kind \"\(fields[4])\" (census or estimate)")
            }
            records.append(
                PopulationRecord(
                    id: TerritoryID(level, fields[1]), population: population,
                    vintage: PopulationVintage(year: year, kind: kind, source: fields[5])))
        }
        return PopulationTable(records)
    }
}

/// The small tab-separated resources: a fixed header, then fields split on tabs.
enum TabSeparated {
    static func rows(_ text: String, expected: [String], source: String) throws -> [(Int, [String])] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.first else {
            throw TerritoryFileError(source: source, line: 1, column: nil, message: "the file is empty")
        }
        let columns = header.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard columns == expected else {
            throw TerritoryFileError(
                source: source, line: 1, column: nil,
                message: "header must be \(expected.joined(separator: " ")), found \(columns.joined(separator: " "))")
        }
        return try lines.enumerated().dropFirst().map { offset, line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == expected.count else {
                throw TerritoryFileError(
                    source: source, line: offset + 1, column: nil,
                    message: "expected \(expected.count) tab-separated fields, found \(fields.count)")
            }
            return (offset + 1, fields)
        }
    }
}
