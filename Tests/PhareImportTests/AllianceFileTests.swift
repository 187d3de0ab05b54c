import Foundation
import Testing

@testable import PhareCore
@testable import PhareImport

@Suite struct AllianceFileTests {
    static let framework = try! FrameworkLoader.bundled()
    static let tree = try! TerritoryTree.bundled()
    static let header = "id;title;partners;category;domains;territory;stage;start;end;description;link;example"

    func parse(_ lines: [String]) throws -> [Alliance] {
        let document = try CSVDocument.parse(
            text: ([Self.header] + lines).joined(separator: "\n") + "\n", file: "registre.csv")
        return try AllianceFile.parse(document: document, framework: Self.framework, territories: Self.tree)
    }

    @Test func readsAGoodLineAndExportsItBack() throws {
        let alliances = try parse([
            "a1;Cantine partagée;Restoria [entreprise] | ADAPEI [association];cooperation-economique;handicap|emploi;"
                + "departement:79;essaimage;2017-03;2019;Une offre commune;https://example.org;0"
        ])
        let alliance = try #require(alliances.first)
        #expect(
            alliance.partners == [.init(name: "Restoria", kind: .company), .init(name: "ADAPEI", kind: .association)])
        #expect(alliance.territory == TerritoryID(.departement, "79"))
        #expect(alliance.stage == .spreading && alliance.category == .economicCooperation)
        #expect(alliance.start.description == "2017-03" && alliance.end?.description == "2019")
        let again = try AllianceFile.parse(
            document: CSVDocument.parse(text: AllianceFile.csv(alliances), file: "export.csv"),
            framework: Self.framework, territories: Self.tree)
        #expect(again == alliances)
    }

    @Test func everyBadFieldIsReportedWithItsLineAndColumn() throws {
        #expect {
            try parse([
                "a1;T;X [entreprise];mecenat;emploi;region:99;conception;2017;;d;;0",
                "a2;T;X [entreprise];mecenat;chomage;44;conception;2017;;d;;0",
                "a3;T;X [entreprise];mecenat;emploi;44;demarrage;2017;;d;;0",
                "a4;T;X [entreprise];philanthropie;emploi;44;conception;2017;;d;;0",
                "a5;T;X [banque];mecenat;emploi;44;conception;2017;;d;;0",
                "a6;T;X [entreprise];mecenat;emploi;44;conception;2018-05;2017;d;;0",
            ])
        } throws: { error in
            guard let errors = error as? InputErrors else { return false }
            let found = Set(errors.errors.map { "\($0.line ?? 0):\($0.column ?? "")" })
            return found == ["2:territory", "3:domains", "4:stage", "5:category", "6:partners", "7:end"]
                && errors.errors.allSatisfy { $0.file == "registre.csv" }
                && errors.description.contains("the end (2017) is before the start (2018-05)")
        }
    }

    @Test func theDemoExamplesAreValidAndFlagged() throws {
        let examples = try PhareDemoExamples.read()
        #expect(examples.count == 4 && examples.allSatisfy(\.example))
        #expect(examples.contains { Self.tree.ancestors(of: $0.territory).contains(TerritoryID(.region, "44")) })
    }
}

/// The demo registry read straight from its file (PhareImportTests does not link PhareDemo).
enum PhareDemoExamples {
    static func read() throws -> [Alliance] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/PhareDemo/Resources/alliances-demo.csv")
        return try AllianceFile.read(
            path: url.path, framework: AllianceFileTests.framework, territories: AllianceFileTests.tree)
    }
}
