import Foundation
import PhareCore

/// A wave × actor's respondents with the design their estimates use.
public struct WeightedSample: Sendable {
    /// How the design's weights were obtained.
    public enum Weighting: Sendable, Hashable {
        /// The weights `phare survey weight` stored, with their calibration steps.
        case calibrated
        /// No weighting recorded: the design weights of the response file.
        case designWeights
        /// A weighting is recorded but no longer fits the responses (they changed since, or it was
        /// recorded before the weights were kept): the design weights are used and this says why.
        case stale(String)
    }

    public var responses: SurveyResponses
    public var design: SurveyDesign
    public var weighting: Weighting

    public var calibrated: Bool { weighting == .calibrated }

    public init(responses: SurveyResponses, design: SurveyDesign, weighting: Weighting) {
        self.responses = responses
        self.design = design
        self.weighting = weighting
    }
}

extension ObservatoryReader {
    /// The respondents of a wave × actor and their design, with the stored weights when they fit
    /// the responses. Never calibrates: a stale weighting is reported, not redone.
    public func weightedSample(wave: String, actor: ActorCode) throws -> WeightedSample {
        let responses = try responses(wave: wave, actor: actor)
        let design = try responses.design()
        guard let weighting = try weighting(wave: wave, actor: actor) else {
            return WeightedSample(responses: responses, design: design, weighting: .designWeights)
        }
        guard let calibrated = weighting.calibrated else {
            return WeightedSample(
                responses: responses, design: design,
                weighting: .stale("weighted before Phare kept the calibration steps: run `phare survey weight` again")
            )
        }
        guard calibrated.responsesFingerprint == responses.fingerprint else {
            return WeightedSample(
                responses: responses, design: design,
                weighting: .stale("the responses changed since they were weighted: run `phare survey weight` again")
            )
        }
        return WeightedSample(responses: responses, design: try design.restoring(calibrated), weighting: .calibrated)
    }
}

/// Weighting of a wave × actor: what `phare survey weight` and the demo compute and then store.
public enum WaveWeighting {
    /// Calibrates `responses` by `plan` (see `SurveyWeighting.apply`): the weights to store, with
    /// their calibration steps and the fingerprint of the responses, and the report.
    public static func weight(_ responses: SurveyResponses, plan: WeightingPlan) throws
        -> (weights: CalibratedWeights, report: WeightingReport)
    {
        let (design, report) = try SurveyWeighting.apply(plan, to: responses)
        return (CalibratedWeights(design: design, responses: responses), report)
    }
}
