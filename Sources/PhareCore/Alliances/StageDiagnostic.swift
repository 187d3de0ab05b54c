import Foundation

/// The stage questionnaire and the needs matrix, as data (`Resources/stage-diagnostic.json`).
public struct StageDiagnostic: Sendable, Codable {
    public struct AnswerChoice: Sendable, Codable, Hashable {
        public var code: String
        /// How much of the milestone is met: 1, 0.5 or 0.
        public var value: Double
        public var label: LocalizedText
        public var aliases: [String]
    }

    public struct Question: Sendable, Codable, Hashable {
        public var code: String
        /// The stage whose milestone the question checks.
        public var stage: InnovationStage
        public var text: LocalizedText
    }

    public struct Lever: Sendable, Codable, Hashable {
        public var code: String
        public var label: LocalizedText
    }

    /// One cell of the needs matrix: how much a phase needs a lever (1 = +, 2 = ++, 3 = +++).
    public struct Need: Sendable, Codable, Hashable {
        public var lever: String
        public var phase: InnovationPhase
        public var intensity: Int
        /// `seed` when the intensity is legible in the seed's matrix, `reconstructed` when read from its prose.
        public var reading: String
        public var qualifier: LocalizedText?
        /// Kinds of partners who usually bring this lever at this phase.
        public var partners: [PartnerKind]
    }

    public var id: String
    public var version: String
    public var source: String
    public var answers: [AnswerChoice]
    public var questions: [Question]
    public var levers: [Lever]
    public var matrix: [Need]

    /// The bundled questionnaire and matrix.
    public static func bundled() throws -> StageDiagnostic {
        guard let url = Bundle.module.url(forResource: "stage-diagnostic", withExtension: "json") else {
            throw InputError(file: "stage-diagnostic.json", message: "the bundled stage diagnostic is missing")
        }
        return try JSONDecoder().decode(StageDiagnostic.self, from: Data(contentsOf: url))
    }

    public func lever(_ code: String) -> Lever? { levers.first { $0.code == code } }

    /// The needs of a phase, most intense first (matrix order among equals).
    public func needs(of phase: InnovationPhase) -> [Need] {
        let cells = matrix.filter { $0.phase == phase }
        return cells.enumerated().sorted { ($1.element.intensity, $0.offset) < ($0.element.intensity, $1.offset) }
            .map(\.element)
    }

    /// The answer choice a text names (its code, an alias or its label, case-insensitive), nil if none.
    public func choice(_ text: String) -> AnswerChoice? {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        return answers.first { choice in
            choice.code == key || choice.aliases.contains(key) || choice.label.fr.lowercased() == key
                || choice.label.en.lowercased() == key
        }
    }

    /// Places a project from its answers (question code → answer choice code).
    ///
    /// Each stage's milestone score is the mean of its questions' values (oui 1, en partie 0.5, non 0).
    /// The project is at the furthest stage whose score, and the score of every earlier stage, is at
    /// least one half; a project meeting no stage that far is at conception. The passage ahead is the
    /// stage's own passage (docs/METHODOLOGY.md, "Stage diagnostic").
    public func place(_ answers: [String: String]) throws -> StagePlacement {
        var missing: [Question] = []
        var values: [String: Double] = [:]
        for question in questions {
            guard let answer = answers[question.code], let choice = choice(answer) else {
                missing.append(question)
                continue
            }
            values[question.code] = choice.value
        }
        if !missing.isEmpty { throw StageAnswersMissing(questions: missing, choices: self.answers.map(\.code)) }
        var scores: [InnovationStage: Double] = [:]
        for stage in InnovationStage.allCases {
            let own = questions.filter { $0.stage == stage }.compactMap { values[$0.code] }
            scores[stage] = own.isEmpty ? 0 : own.reduce(0, +) / Double(own.count)
        }
        var stage = InnovationStage.conception
        for candidate in InnovationStage.allCases {
            guard (scores[candidate] ?? 0) >= 0.5 else { break }
            stage = candidate
        }
        return StagePlacement(
            stage: stage, passage: stage.passageAhead, scores: scores, recommendations: needs(of: stage.phase))
    }
}

/// Where the diagnostic places a project.
public struct StagePlacement: Sendable, Hashable, Codable {
    public var stage: InnovationStage
    public var passage: InnovationPassage
    /// Milestone score of every stage, 0–1.
    public var scores: [InnovationStage: Double]
    /// The needs of the stage's phase, most intense first.
    public var recommendations: [StageDiagnostic.Need]

    /// The kinds of partners to look for: those of the needs of intensity ≥ 2, in order of need.
    public var partnerKinds: [PartnerKind] {
        var kinds: [PartnerKind] = []
        for need in recommendations where need.intensity >= 2 {
            for kind in need.partners where !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }
}

/// Some questions of the stage questionnaire have no (valid) answer.
public struct StageAnswersMissing: Error, Sendable, CustomStringConvertible {
    public var questions: [StageDiagnostic.Question]
    public var choices: [String]

    public var description: String {
        let list = questions.map { "\($0.code) (« \($0.text.fr) »)" }.joined(separator: ", ")
        return
            "the stage questionnaire is incomplete: no valid answer to \(list); answer each question with "
            + choices.joined(separator: ", ")
    }
}
