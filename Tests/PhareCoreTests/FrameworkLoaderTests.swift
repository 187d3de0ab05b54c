import Foundation
import Testing

@testable import PhareCore

@Suite struct FrameworkLoaderTests {
    @Test func bundledFrameworkIsThePHAREOne() throws {
        let framework = try FrameworkLoader.bundled()
        #expect(framework.axes.map(\.code) == ["economique", "social", "societal", "environnemental"])
        #expect(framework.domains.count == 16)
        #expect(
            framework.domains(inAxis: "economique").map(\.code) == [
                "emploi", "developpement-economique", "niveau-de-vie",
            ])
        #expect(framework.domains(inAxis: "social").count == 5)
        #expect(framework.domains(inAxis: "societal").count == 6)
        #expect(framework.domains(inAxis: "environnemental").count == 2)
        #expect(framework.actors.map(\.code) == ["citoyens", "associations", "entreprises", "maires"])
        #expect(framework.partnershipTypes.count == 4)
        #expect(framework.partnershipScopes.map(\.code) == ["local", "regional", "national", "international"])
        #expect(framework.coConstructionDynamic.count == 5)
        #expect(
            framework.innovationStages.map(\.code) == [
                "conception", "experimentation", "modelisation", "essaimage", "industrialisation",
            ])
        #expect(framework.supportLevers.count == 4)
        #expect(framework.allianceImpacts.count == 3)
        #expect(framework.domain("logement")?.label.fr == "Mal-logement")
    }

    /// The bundled file with one edit applied to its JSON tree.
    private func bundledJSON(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: "framework", withExtension: "json")
                ?? Bundle(for: Marker.self).url(forResource: "framework", withExtension: "json")
                ?? frameworkResourceURL())
        var root = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        edit(&root)
        return try JSONSerialization.data(withJSONObject: root)
    }

    private func frameworkResourceURL() -> URL? {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/PhareCore/Resources/framework.json")
    }

    private func problems(_ data: Data) -> [String] {
        do {
            _ = try FrameworkLoader.load(data: data, source: "test.json")
            return []
        } catch let error as FrameworkError {
            return error.problems.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    private func domains(_ root: [String: Any]) -> [[String: Any]] { root["domains"] as! [[String: Any]] }

    @Test func duplicateDomainCodeIsReportedWithItsPath() throws {
        let data = try bundledJSON { root in
            var list = domains(root)
            list[5]["code"] = "emploi"
            root["domains"] = list
        }
        #expect(problems(data) == ["domains[5].code: duplicate domain code \"emploi\" (first used at domains[0])"])
    }

    @Test func domainWithoutAxisIsReported() throws {
        let data = try bundledJSON { root in
            var list = domains(root)
            list[2].removeValue(forKey: "axis")
            root["domains"] = list
        }
        #expect(problems(data) == ["domains[2].axis: domain \"niveau-de-vie\" has no axis"])
    }

    @Test func unknownAxisAndEmptyAxisAreReported() throws {
        let data = try bundledJSON { root in
            var list = domains(root)
            list[14]["axis"] = "ecologique"
            list[15]["axis"] = "ecologique"
            root["domains"] = list
        }
        let found = problems(data)
        #expect(found.contains { $0.hasPrefix("domains[14].axis: unknown axis \"ecologique\"") })
        #expect(found.contains { $0.hasPrefix("domains[15].axis: unknown axis \"ecologique\"") })
        #expect(found.contains("axes[3]: axis \"environnemental\" has no domain"))
    }

    @Test func missingEnglishLabelIsReported() throws {
        let data = try bundledJSON { root in
            var list = domains(root)
            list[0]["label"] = ["fr": "Emploi"]
            root["domains"] = list
            var actors = root["actors"] as! [[String: Any]]
            actors[3]["label"] = ["fr": "Maires", "en": "  "]
            root["actors"] = actors
        }
        #expect(problems(data) == ["domains[0].label.en: is missing", "actors[3].label.en: is empty"])
    }

    @Test func everyProblemIsListedAtOnce() throws {
        let data = try bundledJSON { root in
            root.removeValue(forKey: "actors")
            root["colour"] = "blue"
            var list = domains(root)
            list[1]["code"] = "Développement"
            root["domains"] = list
        }
        let found = problems(data)
        #expect(found.count == 3)
        #expect(found.contains("actors: is missing"))
        #expect(found.contains { $0.hasPrefix("colour: unknown key") })
        #expect(found.contains { $0.hasPrefix("domains[1].code: code \"Développement\" may only hold") })
    }

    @Test func malformedJSONIsOneClearProblem() {
        let found = problems(Data("{\"axes\": [".utf8))
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("$: not valid JSON"))
    }

    @Test func errorMessageNamesTheFile() throws {
        let data = try bundledJSON { root in root.removeValue(forKey: "version") }
        do {
            _ = try FrameworkLoader.load(data: data, source: "mon-cadre.json")
            Issue.record("expected an error")
        } catch let error as FrameworkError {
            #expect(error.description.contains("mon-cadre.json: version: is missing"))
        }
    }
}

private final class Marker {}
