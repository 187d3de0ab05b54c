import Foundation

/// The weights of a wave × actor after calibration, as `phare survey weight` (or the demo) computed
/// them, with the record of the calibration steps that the variance estimator needs, and the
/// fingerprint of the responses they were computed from. Stored by the store; the analysis builds
/// the calibrated design from it without calibrating again.
public struct CalibratedWeights: Sendable {
    /// Final weights, one per respondent in the order of the responses.
    public var weights: [Double]
    /// The calibration steps, in order (see `CalibrationStep`).
    public var steps: [CalibrationStep]
    /// `SurveyResponses.fingerprint` of the responses the weights belong to.
    public var responsesFingerprint: String

    public init(weights: [Double], steps: [CalibrationStep], responsesFingerprint: String) {
        self.weights = weights
        self.steps = steps
        self.responsesFingerprint = responsesFingerprint
    }

    /// The weights of a calibrated design of `responses`.
    public init(design: SurveyDesign, responses: SurveyResponses) {
        self.init(weights: design.weights, steps: design.calibration, responsesFingerprint: responses.fingerprint)
    }
}

extension CalibrationStep {
    /// The weights right after this step (the last margin's, for raking).
    public var weightsAfter: [Double] {
        switch self {
        case .postStratification(let step): step.weightsAfter
        case .raking(let margins): margins.last?.weightsAfter ?? []
        }
    }
}

extension SurveyDesign {
    /// The design calibrated as `calibrated` records it: each step applied again from its stored
    /// weights (no iteration), then the final weights (different from the last step's after trimming).
    /// Gives the design the calibration produced, to the bit.
    public func restoring(_ calibrated: CalibratedWeights) throws(SurveyDesignError) -> SurveyDesign {
        guard calibrated.weights.count == count, calibrated.steps.allSatisfy({ $0.weightsAfter.count == count }) else {
            throw SurveyDesignError(
                field: "weight",
                message: "the stored weights are for \(calibrated.weights.count) respondents, the sample has \(count)"
            )
        }
        var design = self
        for step in calibrated.steps { design = design.recalibrated(weights: step.weightsAfter, step: step) }
        if design.weights != calibrated.weights { design = design.reweighted(calibrated.weights) }
        return design
    }
}

extension SurveyResponses {
    /// A fingerprint of what weighting reads (respondent ids, design weights, strata, clusters and
    /// profile variables): FNV-1a 64 over a canonical text, in hexadecimal. Weights computed from
    /// responses with another fingerprint are stale.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0x1f
            hash = hash &* 0x0000_0100_0000_01b3
        }
        add(actor.rawValue)
        for respondent in respondents {
            add(respondent.id)
            add(String(respondent.designWeight.bitPattern, radix: 16))
            add(respondent.stratum ?? "")
            add(respondent.cluster ?? "")
            for (variable, value) in respondent.profile.sorted(by: { $0.key < $1.key }) {
                add(variable)
                add(value)
            }
        }
        return String(hash, radix: 16)
    }
}
