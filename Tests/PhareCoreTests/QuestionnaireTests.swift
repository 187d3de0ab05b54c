import Foundation
import Testing

@testable import PhareCore

@Suite struct QuestionnaireTests {
    static let framework = try! FrameworkLoader.bundled()

    @Test func theBundledQuestionnaireIsValidAndCoversTheFourActors() throws {
        let questionnaire = try QuestionnaireLoader.bundled(framework: Self.framework)
        #expect(
            questionnaire.items.map(\.id) == [
                "FRAG", "PRIO", "MOBIL", "IMPACT", "COCON", "INNOV", "PRACTICE", "TYPES", "SCOPE", "OBJECTIVES",
                "DYNAMIC", "ROLE", "WHO",
            ])
        let citizens = questionnaire.columns(for: "citoyens", framework: Self.framework)
        // 16 ratings, PRIO, 3 MOBIL targets, 16 impacts, 16 relevances, INNOV.
        #expect(citizens.count == 16 + 1 + 3 + 16 + 16 + 1)
        #expect(
            citizens.contains {
                $0.name == "FRAG_transition-energetique" && $0.accepts == .rating(minimum: 1, maximum: 10)
            })
        #expect(questionnaire.columns(for: "maires", framework: Self.framework).contains { $0.name == "WHO_emploi" })
        #expect(!citizens.contains { $0.item == "PRACTICE" })
        #expect(
            questionnaire.scale("dynamique")?.levels.map(\.code) == Self.framework.coConstructionDynamic.map(\.code))
        #expect(questionnaire.item("TYPES")?.condition == ItemCondition(item: "PRACTICE", values: ["partenariat"]))
        let sizes = try #require(questionnaire.profile("taille_commune"))
        #expect(sizes.populationClass(0) == "moins-500" && sizes.populationClass(499) == "moins-500")
        #expect(sizes.populationClass(500) == "500-1999" && sizes.populationClass(2_200_000) == "10000-plus")
        #expect(
            questionnaire.profiles(for: "citoyens").filter { $0.requiredFor.contains("citoyens") }.map(\.variable) == [
                "region", "sexe", "age", "csp",
            ])
    }

    @Test func aBrokenQuestionnaireListsEveryProblemWithItsPath() {
        let text = """
            {"id": "q", "version": "1", "name": {"fr": "Q", "en": "Q"}, "choiceSeparator": ";",
             "scales": [{"code": "note", "kind": "rating", "min": 5, "max": 1, "label": {"fr": "N", "en": "R"}},
                        {"code": "oui", "kind": "levels", "levels": [{"code": "o", "label": {"fr": "O", "en": "Y"}}], "positive": ["x"], "label": {"fr": "O", "en": "Y"}}],
             "optionLists": [],
             "items": [{"id": "A_B", "form": "per-domain", "scale": "note", "actors": ["citoyens"], "question": {"fr": "?", "en": "?"}},
                       {"id": "C", "form": "multiple-choice", "actors": ["robots"], "question": {"fr": "?", "en": "?"}},
                       {"id": "D", "form": "single", "scale": "absente", "actors": ["maires"], "question": {"fr": "?", "en": "?"}, "condition": {"item": "Z", "in": ["o"]}}],
             "profiles": [{"variable": "sexe", "kind": "levels", "actors": ["citoyens"], "requiredFor": ["maires"], "label": {"fr": "S", "en": "S"}, "levels": []}]}
            """
        do {
            _ = try QuestionnaireLoader.load(data: Data(text.utf8), source: "q.json", framework: Self.framework)
            Issue.record("expected an error")
        } catch let error as QuestionnaireError {
            let message = error.description
            for expected in [
                "q.json: choiceSeparator: must be one character other than , and ;",
                "q.json: scales[0].max: must be above min",
                "q.json: scales[1].positive[0]: \"x\" is not a level of the scale",
                "q.json: items[0].id: an item id may not hold \"_\"",
                "q.json: items[1].actors[0]: unknown actor \"robots\"",
                "q.json: items[1].options: a multiple-choice item needs an option list",
                "q.json: items[2].scale: unknown scale \"absente\"",
                "q.json: items[2].condition.item: unknown item \"Z\"",
                "q.json: profiles[0].requiredFor[0]: \"maires\" is not among the actors of the variable",
                "q.json: profiles[0].levels: must be a non-empty list",
                "q.json: profiles: a region profile variable is required",
            ] {
                #expect(message.contains(expected), "missing \(expected) in\n\(message)")
            }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func measuresAvailableByActor() throws {
        let questionnaire = try QuestionnaireLoader.bundled(framework: Self.framework)
        let citizens = MeasureCatalogue.available(
            for: "citoyens", questionnaire: questionnaire, framework: Self.framework
        ).map(\.code)
        #expect(
            citizens.contains("mean_rating") && citizens.contains("share_mobilise_entreprises")
                && !citizens.contains("partnership_rate"))
        let mayors = MeasureCatalogue.available(for: "maires", questionnaire: questionnaire, framework: Self.framework)
            .map(\.code)
        #expect(mayors.contains("dynamic") && mayors.contains("who_role") && !mayors.contains("objectives_agree"))
    }
}
