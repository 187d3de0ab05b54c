import Foundation
import Testing

@testable import PhareCore
@testable import PhareDemo

@Suite struct SurveyDemoGeneratorTests {
    static let framework = try! FrameworkLoader.bundled()
    static let questionnaire = try! QuestionnaireLoader.bundled(framework: framework)
    static let tree = try! TerritoryTree.bundled()

    @Test func theSampleIsDeterministicSyntheticAndUnbalanced() throws {
        let first = try SurveyDemo.generate(
            actor: "maires", framework: Self.framework, questionnaire: Self.questionnaire, territories: Self.tree)
        let second = try SurveyDemo.generate(
            actor: "maires", framework: Self.framework, questionnaire: Self.questionnaire, territories: Self.tree)
        #expect(first.responses.respondents == second.responses.respondents)
        #expect(first.plan == second.plan)
        #expect(first.responses.wave.synthetic && first.responses.wave.label.contains("SYNTH"))
        #expect(first.responses.respondents.count == 350)
        let regions = Set(first.responses.respondents.compactMap { $0.profile["region"] })
        #expect(regions.count == 13 && !regions.contains("01"))
        // One mayor per commune; communes of 10,000 or more over-represented against the universe.
        let sizes = first.responses.respondents.compactMap { $0.profile["taille_commune"] }
        let largeShare = Double(sizes.filter { $0 == "10000-plus" }.count) / Double(sizes.count)
        let universe = try #require(first.plan.margins.last)
        let universeLarge = (universe.counts.last ?? 0) / universe.counts.reduce(0, +)
        #expect(largeShare > 2 * universeLarge)
        // A different seed gives a different sample.
        let other = try SurveyDemo.generate(
            actor: "maires", seed: 7, framework: Self.framework, questionnaire: Self.questionnaire,
            territories: Self.tree)
        #expect(other.responses.respondents != first.responses.respondents)
    }

    @Test func weightingBringsTheEstimateToTheTargetWhereTheRawShareIsOff() throws {
        // Employer associations are 40 % of the sample, 12 % of the universe, and partner more often:
        // the unweighted partnership rate is too high, the raked one is the published 38 %.
        let sample = try SurveyDemo.generate(
            actor: "associations", framework: Self.framework, questionnaire: Self.questionnaire, territories: Self.tree)
        let responses = sample.responses
        let indicator = responses.respondents.map {
            ($0.answers["PRACTICE"]?.first).map { $0 == "partenariat" ? 1.0 : 0.0 } ?? .nan
        }
        let raw = SurveyEstimator(design: try SurveyDesign(weights: [Double](repeating: 1, count: indicator.count)))
            .proportion(indicator)
        let (design, report) = try SurveyWeighting.apply(sample.plan, to: responses)
        #expect(report.converged)
        let weighted = SurveyEstimator(design: design).proportion(indicator)
        #expect((raw.estimate ?? 0) > 0.42)
        #expect(abs((weighted.estimate ?? 0) - 0.38) < 0.01)
    }
}
