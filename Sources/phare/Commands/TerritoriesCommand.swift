import ArgumentParser
import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareRender

extension TerritoryLevel: ExpressibleByArgument {}

struct TerritoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "territories",
        abstract: "The territory tree: France, regions, départements, EPCI, communes (INSEE COG).",
        subcommands: [List.self, Show.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the territories of one level, optionally below a parent.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "pays, region, departement, epci or commune.")
        var level: TerritoryLevel = .region
        @Option(
            help: "Only territories below this one (an INSEE code such as 44, or level:code such as departement:44).")
        var parent: String?
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let tree = try database.open().territoryTree()
                var territories = tree.territories(at: level)
                if let parent {
                    let ancestor = try tree.resolve(parent)
                    guard ancestor.level < level else {
                        throw ValidationError(
                            "\(ancestor.id) (\(ancestor.name)) is not above the level \(level.rawValue)")
                    }
                    territories = tree.descendants(of: ancestor.id, at: level)
                }
                emit(TerritoryTable.list(territories.sorted { $0.code < $1.code }).render(output.resolved))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One territory with its parent chain and its children.")

        @OptionGroup var database: DatabaseOption
        @Argument(help: "An INSEE code (44 is the region Grand Est; departement:44 is Loire-Atlantique).")
        var code: String
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let tree = try database.open().territoryTree()
                let territory = try tree.resolve(code)
                let chain = tree.ancestors(of: territory.id).compactMap { tree[$0] }
                var childCounts: [(TerritoryLevel, Int)] = []
                for level in TerritoryLevel.allCases where level > territory.level {
                    let count =
                        level == .commune && territory.level == .epci
                        ? tree.members(ofEPCI: territory.code).count
                        : tree.descendants(of: territory.id, at: level).count
                    if count > 0 { childCounts.append((level, count)) }
                }
                let children = tree.children(of: territory.id)
                switch output.resolved {
                case .json:
                    emit(TerritoryTable.json(territory, chain: chain, childCounts: childCounts))
                case .csv, .table:
                    var table = DataTable(columns: ["field", "value"])
                    table.rows = [
                        [.text("id"), .text(territory.id.description)],
                        [.text("name"), .text(territory.name)],
                        [.text("level"), .text(territory.level.rawValue)],
                        [.text("population"), Cell(territory.population)],
                        [.text("area_km2"), Cell(territory.areaKm2)],
                        [.text("density_per_km2"), Cell(territory.density)],
                        [.text("communes_without_population"), .integer(territory.communesWithoutPopulation)],
                        [.text("parents"), .text(chain.map { "\($0.id) \($0.name)" }.joined(separator: " < "))],
                        [.text("direct_children"), .integer(children.count)],
                    ]
                    table.rows += childCounts.map { [.text("\($0.0.rawValue)_count"), .integer($0.1)] }
                    emit(table.render(output.resolved))
                }
            }
        }
    }
}

enum TerritoryTable {
    static func list(_ territories: [Territory]) -> DataTable {
        DataTable(
            columns: ["code", "name", "level", "parent", "population", "area_km2"],
            rows: territories.map { territory in
                [
                    .text(territory.code), .text(territory.name), .text(territory.level.rawValue),
                    Cell(territory.parent?.code), Cell(territory.population),
                    Cell(territory.areaKm2.map { ($0 * 10).rounded() / 10 }),
                ]
            }
        )
    }

    static func json(_ territory: Territory, chain: [Territory], childCounts: [(TerritoryLevel, Int)]) -> String {
        func reference(_ territory: Territory) -> String {
            "{\"level\":\(JSONText.string(territory.level.rawValue)),\"code\":\(JSONText.string(territory.code)),\"name\":\(JSONText.string(territory.name))}"
        }
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "null" }
        let counts = childCounts.map { "\(JSONText.string($0.0.rawValue)):\($0.1)" }.joined(separator: ",")
        return """
            {
              "level": \(JSONText.string(territory.level.rawValue)),
              "code": \(JSONText.string(territory.code)),
              "name": \(JSONText.string(territory.name)),
              "population": \(territory.population.map(String.init) ?? "null"),
              "communes_without_population": \(territory.communesWithoutPopulation),
              "area_km2": \(number(territory.areaKm2)),
              "density_per_km2": \(number(territory.density)),
              "overseas": \(territory.isOverseas),
              "parents": [\(chain.map(reference).joined(separator: ","))],
              "children": {\(counts)}
            }

            """
    }
}
