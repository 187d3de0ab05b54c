import Foundation
import GRDB
import PhareAnalysis
import PhareCore

/// The surveys of the observatory, in its own terms: waves, respondents and their answers, weightings.
public protocol SurveyStore: Sendable {
    /// Records the respondents of a wave × actor in one transaction; the wave is created when new.
    /// With `replace`, respondents already there (and their weighting) are dropped first; without it,
    /// a wave × actor that already holds respondents is refused.
    func saveResponses(_ responses: SurveyResponses, replace: Bool) throws
    /// Records a weighting with its calibrated weights (one per respondent, in `responses` order) and
    /// calibration steps, replacing any earlier one of the wave × actor; one transaction.
    func saveWeighting(
        wave: String, actor: ActorCode, plan: WeightingPlan, report: WeightingReport, weights: CalibratedWeights) throws
    /// Records published figures (no microdata) in one transaction; see `SQLiteObservatoryStore`.
    func savePublishedFigures(_ set: PublishedFigureSet, replace: Bool) throws
}

extension SQLiteObservatoryStore {
    /// Migration `v3-surveys`: waves, respondents, profiles, answers, weightings.
    static func registerSurveyMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-surveys") { db in
            try db.execute(
                sql: """
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

    /// Migration `v4-calibration-steps`: the calibration steps of each weighting and the fingerprint
    /// of the responses it was computed from, so that the analysis reads the weights as stored.
    static func registerCalibrationMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-calibration-steps") { db in
            try db.execute(
                sql: """
                    ALTER TABLE survey_weighting ADD COLUMN responses_fingerprint TEXT;
                    CREATE TABLE survey_calibration_step (
                        wave TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('poststratify', 'rake-margin')),
                        sweep_step INTEGER NOT NULL,
                        cell_count INTEGER NOT NULL,
                        cells BLOB NOT NULL,
                        weights_before BLOB,
                        weights_after BLOB NOT NULL,
                        PRIMARY KEY (wave, actor, position, sweep_step),
                        FOREIGN KEY (wave, actor) REFERENCES survey_weighting(wave, actor) ON DELETE CASCADE
                    ) WITHOUT ROWID;
                    """)
        }
    }

    public func surveyWaves() throws -> [SurveyWaveSummary] {
        try queue.read { db in
            let waves = try Row.fetchAll(db, sql: "SELECT * FROM survey_wave ORDER BY year, code").map(Self.wave)
            let counts = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.wave, r.actor, COUNT(*) AS n, EXISTS (SELECT 1 FROM survey_weighting w WHERE w.wave = r.wave AND w.actor = r.actor) AS weighted
                    FROM survey_respondent r GROUP BY r.wave, r.actor
                    """)
            let actorOrder = try String.fetchAll(db, sql: "SELECT code FROM actor ORDER BY position")
            return waves.map { wave in
                let content = counts.filter { ($0["wave"] as String) == wave.code }
                    .map {
                        SurveyWaveContent(
                            actor: ActorCode($0["actor"] as String), respondents: $0["n"], weighted: $0["weighted"])
                    }
                    .sorted {
                        (actorOrder.firstIndex(of: $0.actor.rawValue) ?? 99)
                            < (actorOrder.firstIndex(of: $1.actor.rawValue) ?? 99)
                    }
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
        let actor = responses.actor.rawValue
        try writeData { db in
            guard
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM actor WHERE code = ?)", arguments: [actor])
                    == true
            else {
                throw StoreError("unknown actor \(actor) in this observatory")
            }
            if try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM published_figure WHERE wave = ?)", arguments: [wave.code])
                == true
            {
                throw StoreError(
                    "wave \(wave.code) holds published figures (no microdata): import responses into another wave code")
            }
            if let existing = try Row.fetchOne(
                db, sql: "SELECT * FROM survey_wave WHERE code = ?", arguments: [wave.code]
            ).map(Self.wave) {
                if existing.synthetic != wave.synthetic {
                    throw StoreError(
                        existing.synthetic
                            ? "wave \(wave.code) holds synthetic demo data: import real responses into another wave code"
                            : "wave \(wave.code) holds real responses: synthetic data cannot be added to it")
                }
            } else {
                try db.execute(
                    sql:
                        "INSERT INTO survey_wave(code, year, label, synthetic, questionnaire_id, questionnaire_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        wave.code, wave.year, wave.label, wave.synthetic, wave.questionnaireID,
                        wave.questionnaireVersion, ISO8601DateFormatter().string(from: Date()),
                    ]
                )
            }
            let present =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM survey_respondent WHERE wave = ? AND actor = ?",
                    arguments: [wave.code, actor]) ?? 0
            if present > 0 {
                guard replace else {
                    throw StoreError(
                        "wave \(wave.code) already holds \(present) \(actor) respondents: use --replace to replace them"
                    )
                }
                try db.execute(
                    sql: "DELETE FROM survey_weighting WHERE wave = ? AND actor = ?", arguments: [wave.code, actor])
                try db.execute(
                    sql: "DELETE FROM survey_respondent WHERE wave = ? AND actor = ?", arguments: [wave.code, actor])
            }
            let respondent = try db.makeStatement(
                sql: """
                    INSERT INTO survey_respondent(wave, actor, respondent_id, position, source_line, design_weight, stratum, cluster)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let profile = try db.makeStatement(
                sql: "INSERT INTO survey_profile(wave, actor, respondent_id, variable, value) VALUES (?, ?, ?, ?, ?)")
            let answer = try db.makeStatement(
                sql:
                    "INSERT INTO survey_answer(wave, actor, respondent_id, question, choice, value) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for (position, item) in responses.respondents.enumerated() {
                try respondent.execute(arguments: [
                    wave.code, actor, item.id, position, item.line, item.designWeight, item.stratum, item.cluster,
                ])
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

    public func responses(wave code: String, actor typed: ActorCode) throws -> SurveyResponses {
        let actor = typed.rawValue
        return try queue.read { db in
            guard
                let wave = try Row.fetchOne(db, sql: "SELECT * FROM survey_wave WHERE code = ?", arguments: [code]).map(
                    Self.wave)
            else {
                let known = try String.fetchAll(db, sql: "SELECT code FROM survey_wave ORDER BY year, code")
                throw StoreError(
                    "no survey wave \(code) in this observatory (waves: \(known.isEmpty ? "none; import responses with `phare survey import`" : known.joined(separator: ", ")))"
                )
            }
            var respondents: [SurveyRespondent] = []
            var index: [String: Int] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT respondent_id, source_line, design_weight, stratum, cluster FROM survey_respondent
                    WHERE wave = ? AND actor = ? ORDER BY position
                    """, arguments: [code, actor])
            while let row = try rows.next() {
                let id: String = row["respondent_id"]
                index[id] = respondents.count
                respondents.append(
                    SurveyRespondent(
                        id: id, line: row["source_line"], designWeight: row["design_weight"], stratum: row["stratum"],
                        cluster: row["cluster"],
                        profile: [:], answers: [:]
                    ))
            }
            guard !respondents.isEmpty else {
                throw StoreError("wave \(code) holds no \(actor) respondent")
            }
            let profiles = try Row.fetchCursor(
                db, sql: "SELECT respondent_id, variable, value FROM survey_profile WHERE wave = ? AND actor = ?",
                arguments: [code, actor])
            while let row = try profiles.next() {
                if let position = index[row["respondent_id"]] {
                    respondents[position].profile[row["variable"]] = row["value"]
                }
            }
            let answers = try Row.fetchCursor(
                db,
                sql: """
                    SELECT respondent_id, question, value FROM survey_answer WHERE wave = ? AND actor = ?
                    ORDER BY respondent_id, question, choice
                    """, arguments: [code, actor])
            while let row = try answers.next() {
                if let position = index[row["respondent_id"]] {
                    respondents[position].answers[row["question"], default: []].append(row["value"])
                }
            }
            return SurveyResponses(wave: wave, actor: typed, respondents: respondents)
        }
    }

    public func saveWeighting(
        wave: String, actor typed: ActorCode, plan: WeightingPlan, report: WeightingReport,
        weights calibrated: CalibratedWeights
    ) throws {
        let actor = typed.rawValue
        let weights = calibrated.weights
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let planJSON = String(decoding: try encoder.encode(plan), as: UTF8.self)
        let reportJSON = String(decoding: try encoder.encode(report), as: UTF8.self)
        try writeData { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT respondent_id FROM survey_respondent WHERE wave = ? AND actor = ? ORDER BY position",
                arguments: [wave, actor])
            guard ids.count == weights.count else {
                throw StoreError(
                    "the weighting has \(weights.count) weights for \(ids.count) respondents of \(wave) \(actor)")
            }
            try db.execute(sql: "DELETE FROM survey_weighting WHERE wave = ? AND actor = ?", arguments: [wave, actor])
            try db.execute(
                sql: """
                    INSERT INTO survey_weighting(wave, actor, plan_json, report_json, created_at, responses_fingerprint)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    wave, actor, planJSON, reportJSON, ISO8601DateFormatter().string(from: Date()),
                    calibrated.responsesFingerprint,
                ]
            )
            let update = try db.makeStatement(
                sql:
                    "UPDATE survey_respondent SET calibrated_weight = ? WHERE wave = ? AND actor = ? AND respondent_id = ?"
            )
            for (id, weight) in zip(ids, weights) { try update.execute(arguments: [weight, wave, actor, id]) }
            let step = try db.makeStatement(
                sql: """
                    INSERT INTO survey_calibration_step(wave, actor, position, kind, sweep_step, cell_count, cells, weights_before, weights_after)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for (position, calibration) in calibrated.steps.enumerated() {
                switch calibration {
                case .postStratification(let cells):
                    try step.execute(arguments: [
                        wave, actor, position, "poststratify", 0, cells.cellCount, Self.blob(cells.cells),
                        Self.blob(cells.weightsBefore), Self.blob(cells.weightsAfter),
                    ])
                case .raking(let margins):
                    for (offset, margin) in margins.enumerated() {
                        try step.execute(arguments: [
                            wave, actor, position, "rake-margin", offset, margin.cellCount, Self.blob(margin.cells),
                            nil,
                            Self.blob(margin.weightsAfter),
                        ])
                    }
                }
            }
        }
    }

    public func weighting(wave: String, actor typed: ActorCode) throws -> StoredWeighting? {
        let actor = typed.rawValue
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try queue.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM survey_weighting WHERE wave = ? AND actor = ?", arguments: [wave, actor])
            else { return nil }
            var calibrated: CalibratedWeights?
            if let fingerprint = row["responses_fingerprint"] as String? {
                let weights = try Double?.fetchAll(
                    db,
                    sql:
                        "SELECT calibrated_weight FROM survey_respondent WHERE wave = ? AND actor = ? ORDER BY position",
                    arguments: [wave, actor]
                )
                var steps: [CalibrationStep] = []
                var margins: [RakingMarginStep] = []
                var marginsPosition: Int?
                func closeRaking() {
                    if !margins.isEmpty { steps.append(.raking(margins)) }
                    margins = []
                }
                let rows = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT * FROM survey_calibration_step WHERE wave = ? AND actor = ? ORDER BY position, sweep_step",
                    arguments: [wave, actor]
                )
                for step in rows {
                    let position: Int = step["position"]
                    let cells = Self.int32s(step["cells"])
                    let after = Self.doubles(step["weights_after"])
                    let cellCount: Int = step["cell_count"]
                    if marginsPosition != position { closeRaking() }
                    marginsPosition = position
                    if (step["kind"] as String) == "poststratify" {
                        steps.append(
                            .postStratification(
                                PostStratificationStep(
                                    cells: cells, cellCount: cellCount,
                                    weightsBefore: Self.doubles(step["weights_before"]), weightsAfter: after
                                )))
                    } else {
                        margins.append(RakingMarginStep(cells: cells, cellCount: cellCount, weightsAfter: after))
                    }
                }
                closeRaking()
                if !weights.isEmpty, weights.allSatisfy({ $0 != nil }) {
                    calibrated = CalibratedWeights(
                        weights: weights.compactMap { $0 }, steps: steps, responsesFingerprint: fingerprint)
                }
            }
            return StoredWeighting(
                plan: try decoder.decode(WeightingPlan.self, from: Data((row["plan_json"] as String).utf8)),
                report: try decoder.decode(WeightingReport.self, from: Data((row["report_json"] as String).utf8)),
                createdAt: row["created_at"], calibrated: calibrated
            )
        }
    }

    /// Numbers as the bytes of their IEEE representation, little-endian: stored exactly.
    static func blob(_ values: [Double]) -> Data {
        var data = Data(capacity: values.count * 8)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func blob(_ values: [Int32]) -> Data {
        var data = Data(capacity: values.count * 4)
        for value in values { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func doubles(_ data: Data?) -> [Double] {
        guard let data else { return [] }
        return stride(from: 0, to: data.count - 7, by: 8).map { offset in
            var bits: UInt64 = 0
            for byte in (0..<8).reversed() { bits = bits << 8 | UInt64(data[data.startIndex + offset + byte]) }
            return Double(bitPattern: bits)
        }
    }

    static func int32s(_ data: Data?) -> [Int32] {
        guard let data else { return [] }
        return stride(from: 0, to: data.count - 3, by: 4).map { offset in
            var bits: UInt32 = 0
            for byte in (0..<4).reversed() { bits = bits << 8 | UInt32(data[data.startIndex + offset + byte]) }
            return Int32(bitPattern: bits)
        }
    }
}
