import Foundation
import PhareCore

/// A response file: one row per respondent of one actor, columns `respondent_id`, optional
/// `weight`, `stratum`, `cluster`, the actor's profile variables and one column per answer
/// (see `Questionnaire.columns(for:framework:)` and docs/DATA-FORMATS.md). Reading it checks every
/// value against the questionnaire and lists every problem with its line and column.
public enum ResponseFile {
    /// Columns that describe the respondent rather than an answer.
    public static let designColumns = ["respondent_id", "weight", "stratum", "cluster"]

    public static func read(
        _ document: CSVDocument, actor: ActorCode, questionnaire: Questionnaire, framework: Framework,
        territories: TerritoryTree
    ) throws -> [SurveyRespondent] {
        let file = document.file
        var errors: [InputError] = []
        func fail(_ line: Int, _ column: String?, _ message: String) {
            errors.append(InputError(file: file, line: line, column: column, message: message))
        }
        guard framework.actor(actor) != nil else {
            throw InputError(
                file: file,
                message:
                    "unknown actor \"\(actor)\" (known: "
                    + "\(framework.actors.map(\.code.rawValue).joined(separator: ", ")))"
            )
        }

        // Header: every column must be known for this actor.
        let answerColumns = questionnaire.columns(for: actor, framework: framework)
        let answerIndex = Dictionary(uniqueKeysWithValues: answerColumns.map { ($0.name, $0) })
        let profiles = questionnaire.profiles(for: actor)
        let otherActors = framework.actors.map(\.code).filter { $0 != actor }
        let otherColumns = Set(otherActors.flatMap { questionnaire.columns(for: $0, framework: framework).map(\.name) })
        let otherProfiles = Set(otherActors.flatMap { questionnaire.profiles(for: $0).map(\.variable) })
        for name in document.header
        where !designColumns.contains(name) && answerIndex[name] == nil
            && !profiles.contains(where: { $0.variable == name })
        {
            if otherColumns.contains(name) || otherProfiles.contains(name) {
                fail(1, name, "\(name) is not asked to \(actor)")
            } else {
                fail(
                    1, name,
                    "unknown column \(name): neither a profile variable nor an answer column of the questionnaire "
                        + "\(questionnaire.id) for \(actor)"
                )
            }
        }
        if document.column("respondent_id") == nil {
            fail(1, "respondent_id", "missing column respondent_id (one identifier per respondent)")
        }
        for profile in profiles where profile.requiredFor.contains(actor) && document.column(profile.variable) == nil {
            fail(1, profile.variable, "missing column \(profile.variable), required for \(actor)")
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        try document.requireDataLines("respondent")

        let idColumn = document.column("respondent_id") ?? 0
        let weightColumn = document.column("weight")
        let stratumColumn = document.column("stratum")
        let clusterColumn = document.column("cluster")
        let presentProfiles = profiles.compactMap { profile in document.column(profile.variable).map { (profile, $0) } }
        let presentAnswers = answerColumns.compactMap { column in document.column(column.name).map { (column, $0) } }
        let separator = Character(questionnaire.choiceSeparator)
        let regions = Set(territories.territories(at: .region).map(\.code))
        var firstLine: [String: Int] = [:]
        var respondents: [SurveyRespondent] = []
        respondents.reserveCapacity(document.records.count)

        for record in document.records {
            let line = record.line
            let id = record.fields[idColumn].trimmedField
            if id.isEmpty {
                fail(line, "respondent_id", "missing respondent id")
            } else if let first = firstLine[id] {
                fail(line, "respondent_id", "duplicate respondent id \(id) (first on line \(first))")
            } else {
                firstLine[id] = line
            }

            var weight = 1.0
            if let weightColumn {
                let raw = record.fields[weightColumn]
                if let value = NumberText.parse(raw), value > 0 {
                    weight = value
                } else {
                    fail(line, "weight", "\"\(raw)\" is not a positive design weight")
                }
            }
            func optionalText(_ column: Int?) -> String? {
                guard let column else { return nil }
                let value = record.fields[column].trimmedField
                return value.isEmpty ? nil : value
            }
            let stratum = optionalText(stratumColumn)
            let cluster = optionalText(clusterColumn)
            if stratumColumn != nil && stratum == nil { fail(line, "stratum", "missing stratum") }
            if clusterColumn != nil && cluster == nil { fail(line, "cluster", "missing cluster") }

            var profile: [String: String] = [:]
            for (variable, column) in presentProfiles {
                let value = record.fields[column].trimmedField
                if value.isEmpty {
                    if variable.requiredFor.contains(actor) {
                        fail(line, variable.variable, "missing \(variable.variable), required for \(actor)")
                    }
                    continue
                }
                switch variable.kind {
                case .region:
                    if !regions.contains(value) {
                        fail(
                            line, variable.variable,
                            "unknown region \"\(value)\" (an INSEE region code: "
                                + "\(regions.sorted().joined(separator: ", ")))"
                        )
                        continue
                    }
                case .departement:
                    guard let departement = territories[TerritoryID(.departement, value)] else {
                        fail(line, variable.variable, "unknown département \"\(value)\"")
                        continue
                    }
                    if let region = profile["region"], departement.parent?.code != region {
                        fail(line, variable.variable, "département \(value) is not in region \(region)")
                    }
                case .levels, .populationClass:
                    if !variable.levels.contains(where: { $0.code == value }) {
                        fail(
                            line, variable.variable,
                            "unknown \(variable.variable) \"\(value)\" (known: "
                                + "\(variable.levels.map(\.code).joined(separator: ", ")))"
                        )
                        continue
                    }
                }
                profile[variable.variable] = value
            }

            var answers: [String: [String]] = [:]
            for (column, index) in presentAnswers {
                let raw = record.fields[index].trimmedField
                if raw.isEmpty { continue }
                switch column.accepts {
                case .rating(let minimum, let maximum):
                    guard let value = Int(raw).map(Double.init) ?? NumberText.parse(raw), value == value.rounded()
                    else {
                        fail(line, column.name, "\"\(raw)\" is not a whole rating from \(minimum) to \(maximum)")
                        continue
                    }
                    guard value >= Double(minimum) && value <= Double(maximum) else {
                        fail(line, column.name, "rating \(raw) out of range \(minimum) to \(maximum)")
                        continue
                    }
                    answers[column.name] = [String(Int(value))]
                case .level(let codes):
                    guard codes.contains(raw) else {
                        fail(line, column.name, "unknown answer \"\(raw)\" (known: \(codes.joined(separator: ", ")))")
                        continue
                    }
                    answers[column.name] = [raw]
                case .choices(let codes, let maximum):
                    let choices = raw.split(separator: separator).map { String($0).trimmedField }.filter { !$0.isEmpty }
                    var valid: [String] = []
                    for choice in choices {
                        if !codes.contains(choice) {
                            fail(
                                line, column.name,
                                "unknown code \"\(choice)\" (known: \(codes.joined(separator: ", ")))")
                        } else if valid.contains(choice) {
                            fail(line, column.name, "\(choice) is given twice")
                        } else {
                            valid.append(choice)
                        }
                    }
                    if let maximum, choices.count > maximum {
                        fail(line, column.name, "\(choices.count) choices given, at most \(maximum) allowed")
                    }
                    if !valid.isEmpty { answers[column.name] = valid }
                }
            }
            // Conditional items: only answered when the condition holds.
            for item in questionnaire.items(for: actor) {
                guard let condition = item.condition else { continue }
                let given = answers[condition.item]?.first
                let holds = given.map { condition.values.contains($0) } ?? false
                if !holds {
                    for (column, _) in presentAnswers where column.item == item.id && answers[column.name] != nil {
                        fail(
                            line, column.name,
                            "\(column.name) is answered although \(condition.item) is "
                                + "\(given.map { "\"\($0)\"" } ?? "empty") (only asked when \(condition.item) is "
                                + "\(condition.values.joined(separator: " or ")))"
                        )
                    }
                }
            }
            respondents.append(
                SurveyRespondent(
                    id: id, line: line, designWeight: weight, stratum: stratum, cluster: cluster, profile: profile,
                    answers: answers))
        }
        if let row = SurveyDesign.firstOverflowingWeight(respondents.map(\.designWeight)) {
            fail(respondents[row].line, "weight", SurveyDesign.overflowMessage(respondents[row].designWeight))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return respondents
    }

    /// Respondents as a response file (the same columns as read; design weights, and the calibrated
    /// weights as `calibrated_weight` when given).
    public static func render(
        _ respondents: [SurveyRespondent], actor: ActorCode, questionnaire: Questionnaire, framework: Framework,
        calibratedWeights: [Double]? = nil
    ) -> String {
        let profiles = questionnaire.profiles(for: actor).map(\.variable)
        let answers = questionnaire.columns(for: actor, framework: framework).map(\.name)
        let stratified = respondents.contains { $0.stratum != nil }
        let clustered = respondents.contains { $0.cluster != nil }
        var header =
            ["respondent_id", "weight"] + (stratified ? ["stratum"] : []) + (clustered ? ["cluster"] : []) + profiles
            + answers
        if calibratedWeights != nil { header.append("calibrated_weight") }
        func escape(_ field: String) -> String {
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        var lines = [header.joined(separator: ",")]
        lines.reserveCapacity(respondents.count + 1)
        for (offset, respondent) in respondents.enumerated() {
            var fields = [respondent.id, "\(respondent.designWeight)"]
            if stratified { fields.append(respondent.stratum ?? "") }
            if clustered { fields.append(respondent.cluster ?? "") }
            fields += profiles.map { respondent.profile[$0] ?? "" }
            fields += answers.map { (respondent.answers[$0] ?? []).joined(separator: questionnaire.choiceSeparator) }
            if let calibratedWeights { fields.append("\(calibratedWeights[offset])") }
            lines.append(fields.map(escape).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
