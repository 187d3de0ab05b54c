import Foundation
import GRDB
import PhareCore

/// How many respondents a wave holds for an actor, and whether they are weighted.
public struct SurveyWaveContent: Sendable, Hashable {
    public var actor: String
    public var respondents: Int
    public var weighted: Bool
}

/// A wave and what it holds.
public struct SurveyWaveSummary: Sendable, Hashable {
    public var wave: SurveyWave
    public var content: [SurveyWaveContent]
}

/// A weighting recorded for a wave × actor.
public struct StoredWeighting: Sendable, Hashable {
    public var plan: WeightingPlan
    public var report: WeightingReport
    public var createdAt: String
}

/// The surveys of the observatory, in its own terms: waves, respondents and their answers, weightings.
public protocol SurveyStore: Sendable {
    func surveyWaves() throws -> [SurveyWaveSummary]
    /// Records the respondents of a wave × actor in one transaction; the wave is created when new.
    /// With `replace`, respondents already there (and their weighting) are dropped first; without it,
    /// a wave × actor that already holds respondents is refused.
    func saveResponses(_ responses: SurveyResponses, replace: Bool) throws
    /// The respondents of a wave × actor, in the order they were imported.
    func responses(wave: String, actor: String) throws -> SurveyResponses
    /// Records a weighting and the calibrated weights (one per respondent, in `responses` order).
    func saveWeighting(wave: String, actor: String, plan: WeightingPlan, report: WeightingReport, weights: [Double]) throws
    func weighting(wave: String, actor: String) throws -> StoredWeighting?
    /// Calibrated weights of a wave × actor in `responses` order, nil when not weighted.
    func calibratedWeights(wave: String, actor: String) throws -> [Double]?
}

extension SQLiteObservatoryStore: SurveyStore {
    /// Migration `v3-surveys`: waves, respondents, profiles, answers, weightings.
    static func registerSurveyMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-surveys") { db in
            try db.execute(sql: """
                CREATE TABLE survey_wave (
                    code TEXT PRIMARY KEY NOT NULL,
                    year INTEGER NOT NULL,
                    label TEXT NOT NULL,
                    synthetic INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
                    questionnaire_id TEXT NOT NULL,
                    questionnaire_version TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE survey_respondent (
                    wave TEXT NOT NULL REFERENCES survey_wave(code) ON DELETE CASCADE,
                    actor TEXT NOT NULL REFERENCES actor(code),
                    respondent_id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    source_line INTEGER NOT NULL,
                    design_weight REAL NOT NULL CHECK (design_weight > 0),
                    stratum TEXT,
                    cluster TEXT,
                    calibrated_weight REAL,
                    PRIMARY KEY (wave, actor, respondent_id)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX survey_respondent_position ON survey_respondent(wave, actor, position);
                CREATE TABLE survey_profile (
                    wave TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    respondent_id TEXT NOT NULL,
                    variable TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (wave, actor, respondent_id, variable),
                    FOREIGN KEY (wave, actor, respondent_id) REFERENCES survey_respondent(wave, actor, respondent_id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE TABLE survey_answer (
                    wave TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    respondent_id TEXT NOT NULL,
                    question TEXT NOT NULL,
                    choice INTEGER NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (wave, actor, respondent_id, question, choice),
                    FOREIGN KEY (wave, actor, respondent_id) REFERENCES survey_respondent(wave, actor, respondent_id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE TABLE survey_weighting (
                    wave TEXT NOT NULL REFERENCES survey_wave(code) ON DELETE CASCADE,
                    actor TEXT NOT NULL REFERENCES actor(code),
                    plan_json TEXT NOT NULL,
                    report_json TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (wave, actor)
                );
                """)
        }
    }

    public func surveyWaves() throws -> [SurveyWaveSummary] {
        try queue.read { db in
            let waves = try Row.fetchAll(db, sql: "SELECT * FROM survey_wave ORDER BY year, code").map(Self.wave)
            let counts = try Row.fetchAll(db, sql: """
                SELECT r.wave, r.actor, COUNT(*) AS n, EXISTS (SELECT 1 FROM survey_weighting w WHERE w.wave = r.wave AND w.actor = r.actor) AS weighted
                FROM survey_respondent r GROUP BY r.wave, r.actor
                """)
            let actorOrder = try String.fetchAll(db, sql: "SELECT code FROM actor ORDER BY position")
            return waves.map { wave in
                let content = counts.filter { ($0["wave"] as String) == wave.code }
                    .map { SurveyWaveContent(actor: $0["actor"], respondents: $0["n"], weighted: $0["weighted"]) }
                    .sorted { (actorOrder.firstIndex(of: $0.actor) ?? 99) < (actorOrder.firstIndex(of: $1.actor) ?? 99) }
                return SurveyWaveSummary(wave: wave, content: content)
            }
        }
    }

    static func wave(_ row: Row) -> SurveyWave {
        SurveyWave(
            code: row["code"], year: row["year"], label: row["label"], synthetic: row["synthetic"],
            questionnaireID: row["questionnaire_id"], questionnaireVersion: row["questionnaire_version"]
        )
    }

    public func saveResponses(_ responses: SurveyResponses, replace: Bool) throws {
        let wave = responses.wave
        let actor = responses.actor
        try queue.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM actor WHERE code = ?)", arguments: [actor]) == true else {
                throw StoreError("unknown actor \(actor) in this observatory")
            }
            if let existing = try Row.fetchOne(db, sql: "SELECT * FROM survey_wave WHERE code = ?", arguments: [wave.code]).map(Self.wave) {
                if existing.synthetic != wave.synthetic {
                    throw StoreError(existing.synthetic
                        ? "wave \(wave.code) holds synthetic demo data: import real responses into another wave code"
                        : "wave \(wave.code) holds real responses: synthetic data cannot be added to it")
                }
            } else {
                try db.execute(
                    sql: "INSERT INTO survey_wave(code, year, label, synthetic, questionnaire_id, questionnaire_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [wave.code, wave.year, wave.label, wave.synthetic, wave.questionnaireID, wave.questionnaireVersion, ISO8601DateFormatter().string(from: Date())]
                )
            }
            let present = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM survey_respondent WHERE wave = ? AND actor = ?", arguments: [wave.code, actor]) ?? 0
            if present > 0 {
                guard replace else {
                    throw StoreError("wave \(wave.code) already holds \(present) \(actor) respondents: use --replace to replace them")
                }
                try db.execute(sql: "DELETE FROM survey_weighting WHERE wave = ? AND actor = ?", arguments: [wave.code, actor])
                try db.execute(sql: "DELETE FROM survey_respondent WHERE wave = ? AND actor = ?", arguments: [wave.code, actor])
            }
            let respondent = try db.makeStatement(sql: """
                INSERT INTO survey_respondent(wave, actor, respondent_id, position, source_line, design_weight, stratum, cluster)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let profile = try db.makeStatement(sql: "INSERT INTO survey_profile(wave, actor, respondent_id, variable, value) VALUES (?, ?, ?, ?, ?)")
            let answer = try db.makeStatement(sql: "INSERT INTO survey_answer(wave, actor, respondent_id, question, choice, value) VALUES (?, ?, ?, ?, ?, ?)")
            for (position, item) in responses.respondents.enumerated() {
                try respondent.execute(arguments: [wave.code, actor, item.id, position, item.line, item.designWeight, item.stratum, item.cluster])
                for (variable, value) in item.profile.sorted(by: { $0.key < $1.key }) {
                    try profile.execute(arguments: [wave.code, actor, item.id, variable, value])
                }
                for (question, values) in item.answers.sorted(by: { $0.key < $1.key }) {
                    for (choice, value) in values.enumerated() {
                        try answer.execute(arguments: [wave.code, actor, item.id, question, choice, value])
                    }
                }
            }
        }
    }

    public func responses(wave code: String, actor: String) throws -> SurveyResponses {
        try queue.read { db in
            guard let wave = try Row.fetchOne(db, sql: "SELECT * FROM survey_wave WHERE code = ?", arguments: [code]).map(Self.wave) else {
                let known = try String.fetchAll(db, sql: "SELECT code FROM survey_wave ORDER BY year, code")
                throw StoreError("no survey wave \(code) in this observatory (waves: \(known.isEmpty ? "none; import responses with `phare survey import`" : known.joined(separator: ", ")))")
            }
            var respondents: [SurveyRespondent] = []
            var index: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT respondent_id, source_line, design_weight, stratum, cluster FROM survey_respondent
                WHERE wave = ? AND actor = ? ORDER BY position
                """, arguments: [code, actor])
            while let row = try rows.next() {
                let id: String = row["respondent_id"]
                index[id] = respondents.count
                respondents.append(SurveyRespondent(
                    id: id, line: row["source_line"], designWeight: row["design_weight"], stratum: row["stratum"], cluster: row["cluster"],
                    profile: [:], answers: [:]
                ))
            }
            guard !respondents.isEmpty else {
                throw StoreError("wave \(code) holds no \(actor) respondent")
            }
            let profiles = try Row.fetchCursor(db, sql: "SELECT respondent_id, variable, value FROM survey_profile WHERE wave = ? AND actor = ?", arguments: [code, actor])
            while let row = try profiles.next() {
                if let position = index[row["respondent_id"]] { respondents[position].profile[row["variable"]] = row["value"] }
            }
            let answers = try Row.fetchCursor(db, sql: """
                SELECT respondent_id, question, value FROM survey_answer WHERE wave = ? AND actor = ?
                ORDER BY respondent_id, question, choice
                """, arguments: [code, actor])
            while let row = try answers.next() {
                if let position = index[row["respondent_id"]] { respondents[position].answers[row["question"], default: []].append(row["value"]) }
            }
            return SurveyResponses(wave: wave, actor: actor, respondents: respondents)
        }
    }

    public func saveWeighting(wave: String, actor: String, plan: WeightingPlan, report: WeightingReport, weights: [Double]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let planJSON = String(decoding: try encoder.encode(plan), as: UTF8.self)
        let reportJSON = String(decoding: try encoder.encode(report), as: UTF8.self)
        try queue.write { db in
            let ids = try String.fetchAll(db, sql: "SELECT respondent_id FROM survey_respondent WHERE wave = ? AND actor = ? ORDER BY position", arguments: [wave, actor])
            guard ids.count == weights.count else {
                throw StoreError("the weighting has \(weights.count) weights for \(ids.count) respondents of \(wave) \(actor)")
            }
            try db.execute(sql: "INSERT OR REPLACE INTO survey_weighting(wave, actor, plan_json, report_json, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [wave, actor, planJSON, reportJSON, ISO8601DateFormatter().string(from: Date())])
            let update = try db.makeStatement(sql: "UPDATE survey_respondent SET calibrated_weight = ? WHERE wave = ? AND actor = ? AND respondent_id = ?")
            for (id, weight) in zip(ids, weights) { try update.execute(arguments: [weight, wave, actor, id]) }
        }
    }

    public func weighting(wave: String, actor: String) throws -> StoredWeighting? {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try queue.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM survey_weighting WHERE wave = ? AND actor = ?", arguments: [wave, actor]) else { return nil }
            return StoredWeighting(
                plan: try decoder.decode(WeightingPlan.self, from: Data((row["plan_json"] as String).utf8)),
                report: try decoder.decode(WeightingReport.self, from: Data((row["report_json"] as String).utf8)),
                createdAt: row["created_at"]
            )
        }
    }

    public func calibratedWeights(wave: String, actor: String) throws -> [Double]? {
        try queue.read { db in
            let weights = try Double?.fetchAll(db, sql: "SELECT calibrated_weight FROM survey_respondent WHERE wave = ? AND actor = ? ORDER BY position", arguments: [wave, actor])
            guard !weights.isEmpty, weights.allSatisfy({ $0 != nil }) else { return nil }
            return weights.compactMap { $0 }
        }
    }
}
