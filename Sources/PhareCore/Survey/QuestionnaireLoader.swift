import Foundation

/// A questionnaire file that could not be loaded, with every problem found in it (path in the file
/// and message, as for framework files).
public struct QuestionnaireError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var problems: [FrameworkProblem]

    public var description: String {
        "invalid questionnaire file \(source) (\(problems.count) problem\(problems.count > 1 ? "s" : "")):\n"
            + problems.map { "  \(source): \($0)" }.joined(separator: "\n")
    }
}

/// Reads and validates a questionnaire file (JSON) against a framework: every reference to a scale,
/// an option list, an actor, a domain list or a condition must resolve. Lists may be taken from the
/// framework with `"framework:partnershipTypes"`, `"framework:partnershipScopes"`,
/// `"framework:coConstructionDynamic"` or `"framework:actors"`.
public enum QuestionnaireLoader {
    /// The PHARE common questionnaire bundled with Phare.
    public static func bundled(framework: Framework) throws -> Questionnaire {
        guard let url = Bundle.module.url(forResource: "questionnaire", withExtension: "json") else {
            throw QuestionnaireError(
                source: "questionnaire.json",
                problems: [
                    FrameworkProblem(
                        path: "$", message: "the bundled questionnaire resource is missing from this build")
                ])
        }
        return try load(data: Data(contentsOf: url), source: "questionnaire.json (bundled)", framework: framework)
    }

    public static func load(data: Data, source: String, framework: Framework) throws -> Questionnaire {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw QuestionnaireError(source: source, problems: [FrameworkProblem(path: "$", message: "not valid JSON")])
        }
        var reader = Reader(framework: framework)
        let questionnaire = reader.questionnaire(root)
        guard reader.problems.isEmpty, let questionnaire else {
            throw QuestionnaireError(source: source, problems: reader.problems)
        }
        return questionnaire
    }

    private struct Reader {
        let framework: Framework
        var problems: [FrameworkProblem] = []

        mutating func fail(_ path: String, _ message: String) {
            problems.append(FrameworkProblem(path: path, message: message))
        }

        mutating func object(_ value: Any?, _ path: String) -> [String: Any]? {
            guard let value else {
                fail(path, "is missing")
                return nil
            }
            guard let object = value as? [String: Any] else {
                fail(path, "must be an object")
                return nil
            }
            return object
        }

        mutating func string(_ value: Any?, _ path: String) -> String? {
            guard let value else {
                fail(path, "is missing")
                return nil
            }
            guard let text = value as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                fail(path, "must be a non-empty string")
                return nil
            }
            return text
        }

        mutating func integer(_ value: Any?, _ path: String) -> Int? {
            guard let value else { return nil }
            guard let number = value as? NSNumber, number.doubleValue == number.doubleValue.rounded() else {
                fail(path, "must be an integer")
                return nil
            }
            return number.intValue
        }

        mutating func strings(_ value: Any?, _ path: String) -> [String] {
            guard let value else {
                fail(path, "is missing")
                return []
            }
            guard let list = value as? [Any] else {
                fail(path, "must be a list")
                return []
            }
            return list.enumerated().compactMap { string($1, "\(path)[\($0)]") }
        }

        mutating func localized(_ value: Any?, _ path: String) -> LocalizedText? {
            guard let object = object(value, path) else { return nil }
            let fr = string(object["fr"], path + ".fr")
            let en = string(object["en"], path + ".en")
            guard let fr, let en else { return nil }
            return LocalizedText(fr: fr, en: en)
        }

        /// A list of coded entries, inline or taken from the framework.
        mutating func entries(_ value: Any?, _ path: String) -> [FrameworkEntry] {
            if let reference = value as? String {
                switch reference {
                case "framework:partnershipTypes": return framework.partnershipTypes
                case "framework:partnershipScopes": return framework.partnershipScopes
                case "framework:coConstructionDynamic": return framework.coConstructionDynamic
                case "framework:actors":
                    return framework.actors.map {
                        FrameworkEntry(
                            code: $0.code.rawValue, label: $0.label, shortLabel: $0.shortLabel,
                            description: $0.description)
                    }
                default:
                    fail(
                        path,
                        "unknown list \"\(reference)\" (known: framework:partnershipTypes, "
                            + "framework:partnershipScopes, framework:coConstructionDynamic, framework:actors)"
                    )
                    return []
                }
            }
            guard let list = value as? [Any], !list.isEmpty else {
                fail(path, "must be a non-empty list or a framework: reference")
                return []
            }
            var result: [FrameworkEntry] = []
            var seen: Set<String> = []
            for (index, item) in list.enumerated() {
                let itemPath = "\(path)[\(index)]"
                guard let object = object(item, itemPath) else { continue }
                let code = string(object["code"], itemPath + ".code")
                let label = localized(object["label"], itemPath + ".label")
                if let code, !seen.insert(code).inserted { fail(itemPath + ".code", "duplicate code \"\(code)\"") }
                if let code, let label { result.append(FrameworkEntry(code: code, label: label)) }
            }
            return result
        }

        mutating func checkActors(_ actors: [String], _ path: String) {
            let known = Set(framework.actors.map(\.code.rawValue))
            for (index, actor) in actors.enumerated() where !known.contains(actor) {
                fail(
                    "\(path)[\(index)]",
                    "unknown actor \"\(actor)\" (known: "
                        + "\(framework.actors.map(\.code.rawValue).joined(separator: ", ")))"
                )
            }
        }

        mutating func questionnaire(_ root: Any) -> Questionnaire? {
            guard let top = object(root, "$") else { return nil }
            let id = string(top["id"], "id")
            let version = string(top["version"], "version")
            let name = localized(top["name"], "name")
            let separator = string(top["choiceSeparator"], "choiceSeparator")
            if let separator, separator.count != 1 || separator == "," || separator == ";" {
                fail("choiceSeparator", "must be one character other than , and ; (which separate columns)")
            }

            var scales: [AnswerScale] = []
            for (index, value) in ((top["scales"] as? [Any]) ?? []).enumerated() {
                let path = "scales[\(index)]"
                guard let object = object(value, path) else { continue }
                let code = string(object["code"], path + ".code")
                let label = localized(object["label"], path + ".label")
                let kindText = string(object["kind"], path + ".kind")
                let kind = kindText.flatMap(AnswerScale.Kind.init(rawValue:))
                if kindText != nil && kind == nil { fail(path + ".kind", "must be rating or levels") }
                var scale = AnswerScale(
                    code: code ?? "", kind: kind ?? .levels, label: label ?? LocalizedText(fr: "", en: ""),
                    minimum: nil, maximum: nil, levels: [], positive: [])
                if kind == .rating {
                    scale.minimum = integer(object["min"], path + ".min")
                    scale.maximum = integer(object["max"], path + ".max")
                    if let low = scale.minimum, let high = scale.maximum, low >= high {
                        fail(path + ".max", "must be above min")
                    }
                    if scale.minimum == nil || scale.maximum == nil {
                        fail(path, "a rating scale needs integer min and max")
                    }
                } else if kind == .levels {
                    scale.levels = entries(object["levels"], path + ".levels")
                    scale.positive = object["positive"] == nil ? [] : strings(object["positive"], path + ".positive")
                    let codes = Set(scale.levels.map(\.code))
                    for (offset, level) in scale.positive.enumerated() where !codes.contains(level) {
                        fail("\(path).positive[\(offset)]", "\"\(level)\" is not a level of the scale")
                    }
                }
                if scales.contains(where: { $0.code == scale.code }) {
                    fail(path + ".code", "duplicate scale \"\(scale.code)\"")
                }
                if code != nil && label != nil && kind != nil { scales.append(scale) }
            }
            if top["scales"] as? [Any] == nil { fail("scales", "must be a list") }

            var optionLists: [OptionList] = []
            for (index, value) in ((top["optionLists"] as? [Any]) ?? []).enumerated() {
                let path = "optionLists[\(index)]"
                guard let object = object(value, path) else { continue }
                let code = string(object["code"], path + ".code")
                let label = localized(object["label"], path + ".label")
                let options = entries(object["options"], path + ".options")
                if let code, optionLists.contains(where: { $0.code == code }) {
                    fail(path + ".code", "duplicate option list \"\(code)\"")
                }
                if let code, let label { optionLists.append(OptionList(code: code, label: label, options: options)) }
            }

            var items: [QuestionItem] = []
            let itemList = (top["items"] as? [Any]) ?? []
            if itemList.isEmpty { fail("items", "must be a non-empty list") }
            for (index, value) in itemList.enumerated() {
                let path = "items[\(index)]"
                guard let object = object(value, path) else { continue }
                let id = string(object["id"], path + ".id")
                if let id, id.contains("_") || id.contains(" ") {
                    fail(path + ".id", "an item id may not hold \"_\" or spaces (it names columns ITEM_part)")
                }
                if let id, items.contains(where: { $0.id == id }) { fail(path + ".id", "duplicate item \"\(id)\"") }
                let formText = string(object["form"], path + ".form")
                let form = formText.flatMap(ItemForm.init(rawValue:))
                if formText != nil && form == nil {
                    fail(
                        path + ".form",
                        "unknown form \"\(formText ?? "")\" (known: single, per-domain, per-option, domain-choice, "
                            + "multiple-choice, per-domain-choice)"
                    )
                }
                let question = localized(object["question"], path + ".question")
                let actors = strings(object["actors"], path + ".actors")
                checkActors(actors, path + ".actors")
                let scale = object["scale"] == nil ? nil : string(object["scale"], path + ".scale")
                let options = object["options"] == nil ? nil : string(object["options"], path + ".options")
                let maxChoices = integer(object["maxChoices"], path + ".maxChoices")
                let targets = object["targets"] == nil ? [] : strings(object["targets"], path + ".targets")
                checkActors(targets, path + ".targets")
                if let form {
                    let needsScale = [ItemForm.single, .perDomain, .perOption].contains(form)
                    let needsOptions = [ItemForm.perOption, .multipleChoice, .perDomainChoice].contains(form)
                    if needsScale && scale == nil { fail(path + ".scale", "a \(form.rawValue) item needs a scale") }
                    if needsOptions && options == nil {
                        fail(path + ".options", "a \(form.rawValue) item needs an option list")
                    }
                    if form == .domainChoice && (maxChoices ?? 0) < 1 {
                        fail(path + ".maxChoices", "a domain-choice item needs maxChoices ≥ 1")
                    }
                }
                if let scale, !scales.contains(where: { $0.code == scale }) {
                    fail(path + ".scale", "unknown scale \"\(scale)\"")
                }
                if let options, !optionLists.contains(where: { $0.code == options }) {
                    fail(path + ".options", "unknown option list \"\(options)\"")
                }
                var condition: ItemCondition?
                if object["condition"] != nil,
                    let conditionObject = self.object(object["condition"], path + ".condition")
                {
                    let item = string(conditionObject["item"], path + ".condition.item")
                    let values = strings(conditionObject["in"], path + ".condition.in")
                    if let item {
                        if let target = items.first(where: { $0.id == item }) {
                            let levels =
                                target.scale.flatMap { code in scales.first { $0.code == code } }?.levels.map(\.code)
                                ?? []
                            for (offset, value) in values.enumerated() where !levels.contains(value) {
                                fail("\(path).condition.in[\(offset)]", "\"\(value)\" is not a level of \(item)")
                            }
                            if target.form != .single {
                                fail(path + ".condition.item", "a condition must name a single-answer item")
                            }
                        } else {
                            fail(
                                path + ".condition.item", "unknown item \"\(item)\" (a condition names an earlier item)"
                            )
                        }
                        condition = ItemCondition(item: item, values: values)
                    }
                }
                if let id, let form, let question {
                    items.append(
                        QuestionItem(
                            id: id, form: form, question: question, actors: actors.map(ActorCode.init), scale: scale,
                            options: options, maxChoices: maxChoices, targets: targets.map(ActorCode.init),
                            condition: condition))
                }
            }

            var profiles: [ProfileVariable] = []
            for (index, value) in ((top["profiles"] as? [Any]) ?? []).enumerated() {
                let path = "profiles[\(index)]"
                guard let object = object(value, path) else { continue }
                let variable = string(object["variable"], path + ".variable")
                if let variable, profiles.contains(where: { $0.variable == variable }) {
                    fail(path + ".variable", "duplicate profile variable \"\(variable)\"")
                }
                if let variable, items.contains(where: { variable == $0.id || variable.hasPrefix($0.id + "_") }) {
                    fail(path + ".variable", "\"\(variable)\" collides with an item's column")
                }
                let kindText = string(object["kind"], path + ".kind")
                let kind = kindText.flatMap(ProfileVariable.Kind.init(rawValue:))
                if kindText != nil && kind == nil {
                    fail(path + ".kind", "must be region, departement, population-class or levels")
                }
                let label = localized(object["label"], path + ".label")
                let actors = strings(object["actors"], path + ".actors")
                checkActors(actors, path + ".actors")
                let required = strings(object["requiredFor"], path + ".requiredFor")
                for (offset, actor) in required.enumerated() where !actors.contains(actor) {
                    fail("\(path).requiredFor[\(offset)]", "\"\(actor)\" is not among the actors of the variable")
                }
                var levels: [ProfileVariable.Level] = []
                if kind == .levels || kind == .populationClass {
                    let list = (object["levels"] as? [Any]) ?? []
                    if list.isEmpty { fail(path + ".levels", "must be a non-empty list") }
                    for (offset, item) in list.enumerated() {
                        let levelPath = "\(path).levels[\(offset)]"
                        guard let levelObject = self.object(item, levelPath) else { continue }
                        let code = string(levelObject["code"], levelPath + ".code")
                        let levelLabel = localized(levelObject["label"], levelPath + ".label")
                        let minimum = integer(levelObject["min"], levelPath + ".min")
                        let maximum = integer(levelObject["max"], levelPath + ".max")
                        if kind == .populationClass && minimum == nil {
                            fail(levelPath + ".min", "a population class needs min")
                        }
                        if let code, levels.contains(where: { $0.code == code }) {
                            fail(levelPath + ".code", "duplicate level \"\(code)\"")
                        }
                        if let code, let levelLabel {
                            levels.append(
                                ProfileVariable.Level(code: code, label: levelLabel, minimum: minimum, maximum: maximum)
                            )
                        }
                    }
                    if kind == .populationClass {
                        for pair in zip(levels, levels.dropFirst())
                        where (pair.0.maximum ?? Int.max) + 1 != pair.1.minimum {
                            fail(
                                path + ".levels",
                                "population classes \(pair.0.code) and \(pair.1.code) must follow each other without "
                                    + "gap or overlap"
                            )
                        }
                    }
                }
                if let variable, let kind, let label {
                    profiles.append(
                        ProfileVariable(
                            variable: variable, kind: kind, label: label, actors: actors.map(ActorCode.init),
                            requiredFor: required.map(ActorCode.init), levels: levels))
                }
            }
            if !profiles.contains(where: { $0.kind == .region }) {
                fail("profiles", "a region profile variable is required (estimates by region and weighting use it)")
            }

            let known: Set<String> = [
                "id", "version", "name", "choiceSeparator", "scales", "optionLists", "items", "profiles",
            ]
            for key in top.keys.sorted() where !known.contains(key) { fail(key, "unknown key") }
            guard let id, let version, let name, let separator else { return nil }
            return Questionnaire(
                id: id, version: version, name: name, choiceSeparator: separator, scales: scales,
                optionLists: optionLists, items: items, profiles: profiles)
        }
    }
}
