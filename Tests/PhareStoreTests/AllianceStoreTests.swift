import Foundation
import PhareAnalysis
import Testing

@testable import PhareCore
@testable import PhareStore

@Suite struct AllianceStoreTests {
    static let framework = try! FrameworkLoader.bundled()
    static let tree = try! TerritoryTree.bundled()

    func store() throws -> SQLiteObservatoryStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "phare-alliance-store-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try SQLiteObservatoryStore.initialise(
            path: folder + "/obs.sqlite", framework: Self.framework, frameworkSource: "bundled", territories: Self.tree,
            force: false)
        return try SQLiteObservatoryStore(path: folder + "/obs.sqlite")
    }

    func alliance(_ id: String, title: String, domains: [String]) -> Alliance {
        Alliance(
            id: id, title: title,
            partners: [.init(name: "CPIE", kind: .association), .init(name: "Usine", kind: .company)],
            category: .responsiblePractices, domains: domains, territory: TerritoryID(.commune, "67482"),
            stage: .experimentation, start: PartialDate("2016-09")!, end: nil, description: "d",
            link: "https://example.org", example: false)
    }

    @Test func alliancesRoundTripAndAnIdIsReplaced() throws {
        let store = try store()
        let first = [
            alliance("b", title: "B", domains: ["environnement"]),
            alliance("a", title: "A", domains: ["emploi", "sante"]),
        ]
        let saved = try store.saveAlliances(first)
        #expect(saved.added == 2 && saved.replaced == 0)
        #expect(try store.alliances() == first.sorted { $0.id < $1.id })
        let again = try store.saveAlliances([alliance("a", title: "A2", domains: ["culture"])])
        #expect(again.added == 0 && again.replaced == 1)
        let stored = try store.alliances()
        #expect(stored.map(\.title) == ["A2", "B"] && stored[0].domains == ["culture"])
    }

    @Test func anUnknownDomainIsRefusedByTheSchemaAndNothingIsWritten() throws {
        let store = try store()
        #expect(throws: (any Error).self) {
            try store.saveAlliances([
                alliance("a", title: "A", domains: ["emploi"]), alliance("z", title: "Z", domains: ["nope"]),
            ])
        }
        #expect(try store.alliances().isEmpty)
    }
}
