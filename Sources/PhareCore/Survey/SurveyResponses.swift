import Foundation

/// A survey wave (2015, 2025…): the questionnaire was put to the actors at that time, so results
/// can be compared from one wave to the next.
public struct SurveyWave: Sendable, Hashable, Codable {
    public var code: String
    public var year: Int
    public var label: String
    /// True for the generated demo data: every output that shows it says so.
    public var synthetic: Bool
    public var questionnaireID: String
    public var questionnaireVersion: String

    public init(
        code: String, year: Int, label: String, synthetic: Bool, questionnaireID: String, questionnaireVersion: String
    ) {
        self.code = code
        self.year = year
        self.label = label
        self.synthetic = synthetic
        self.questionnaireID = questionnaireID
        self.questionnaireVersion = questionnaireVersion
    }
}

/// One respondent: profile, design information and answers, keyed by response-file column
/// (`FRAG_emploi` → ["7"], `PRIO` → ["emploi", "sante", "logement"]).
public struct SurveyRespondent: Sendable, Hashable, Codable {
    public var id: String
    /// Line of the response file it was read from (0 when generated).
    public var line: Int
    public var designWeight: Double
    public var stratum: String?
    public var cluster: String?
    public var profile: [String: String]
    public var answers: [String: [String]]

    public init(
        id: String, line: Int, designWeight: Double, stratum: String?, cluster: String?, profile: [String: String],
        answers: [String: [String]]
    ) {
        self.id = id
        self.line = line
        self.designWeight = designWeight
        self.stratum = stratum
        self.cluster = cluster
        self.profile = profile
        self.answers = answers
    }
}

/// The respondents of one actor in one wave.
public struct SurveyResponses: Sendable {
    public var wave: SurveyWave
    public var actor: ActorCode
    public var respondents: [SurveyRespondent]

    public init(wave: SurveyWave, actor: ActorCode, respondents: [SurveyRespondent]) {
        self.wave = wave
        self.actor = actor
        self.respondents = respondents
    }

    /// The sample design of the respondents: design weights, and strata and clusters when the
    /// response file gave them.
    public func design() throws(SurveyDesignError) -> SurveyDesign {
        let stratified = respondents.contains { $0.stratum != nil }
        let clustered = respondents.contains { $0.cluster != nil }
        return try SurveyDesign(
            weights: respondents.map(\.designWeight),
            strata: stratified ? respondents.map { $0.stratum ?? "" } : nil,
            clusters: clustered ? respondents.map { $0.cluster ?? "" } : nil
        )
    }

    /// Each respondent's value of a profile variable, or of several crossed (`region*taille_commune`
    /// gives `44*500-1999`); nil when one is missing.
    public func profileValues(_ variable: String) -> [String?] {
        let parts = variable.split(separator: "*").map { $0.trimmingCharacters(in: .whitespaces) }
        return respondents.map { respondent in
            var values: [String] = []
            for part in parts {
                guard let value = respondent.profile[part] else { return nil }
                values.append(value)
            }
            return values.joined(separator: "*")
        }
    }
}
