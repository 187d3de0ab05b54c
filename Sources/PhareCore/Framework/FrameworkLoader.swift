import Foundation

/// One problem found in a framework file, located by its path in the file
/// (for example `domains[3].label.en`).
public struct FrameworkProblem: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}

/// A framework file that could not be loaded, with every problem found in it.
public struct FrameworkError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var problems: [FrameworkProblem]

    public var description: String {
        let lines = problems.map { "  \(source): \($0)" }
        return "invalid framework file \(source) (\(problems.count) problem\(problems.count > 1 ? "s" : "")):\n"
            + lines.joined(separator: "\n")
    }
}

/// Reads and validates a framework file (JSON). Every problem is collected, not only the
/// first, so that an observatory editing its own framework fixes them in one pass.
public enum FrameworkLoader {
    /// The PHARE framework bundled with Phare.
    public static func bundled() throws -> Framework {
        guard let url = Bundle.module.url(forResource: "framework", withExtension: "json") else {
            throw FrameworkError(
                source: "framework.json",
                problems: [
                    FrameworkProblem(path: "$", message: "the bundled framework resource is missing from this build")
                ])
        }
        return try load(data: Data(contentsOf: url), source: "framework.json (bundled)")
    }

    public static func load(file path: String) throws -> Framework {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FrameworkError(source: path, problems: [FrameworkProblem(path: "$", message: "cannot read the file")])
        }
        return try load(data: data, source: path)
    }

    public static func load(data: Data, source: String) throws -> Framework {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "malformed JSON"
            throw FrameworkError(
                source: source, problems: [FrameworkProblem(path: "$", message: "not valid JSON (\(detail))")])
        }
        var reader = Reader()
        let framework = reader.framework(root)
        if !reader.problems.isEmpty || framework == nil {
            throw FrameworkError(source: source, problems: reader.problems)
        }
        return framework!
    }

    /// Walks the untyped JSON tree, recording a problem with its path for each defect.
    private struct Reader {
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
            guard let text = value as? String else {
                fail(path, "must be a string")
                return nil
            }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                fail(path, "is empty")
                return nil
            }
            return text
        }

        mutating func code(_ value: Any?, _ path: String) -> String? {
            guard let text = string(value, path) else { return nil }
            let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-_")
            if text.unicodeScalars.contains(where: { !allowed.contains($0) }) {
                fail(path, "code \"\(text)\" may only hold lower-case letters, digits, '-' and '_'")
                return nil
            }
            return text
        }

        mutating func localized(_ value: Any?, _ path: String) -> LocalizedText? {
            guard let object = object(value, path) else { return nil }
            let fr = string(object["fr"], path + ".fr")
            let en = string(object["en"], path + ".en")
            guard let fr, let en else { return nil }
            return LocalizedText(fr: fr, en: en)
        }

        mutating func array(_ value: Any?, _ path: String) -> [Any]? {
            guard let value else {
                fail(path, "is missing")
                return nil
            }
            guard let array = value as? [Any] else {
                fail(path, "must be a list")
                return nil
            }
            if array.isEmpty { fail(path, "must not be empty") }
            return array
        }

        /// Reports every code used more than once in a list.
        mutating func checkUnique(_ codes: [(String, String)], _ what: String) {
            var seen: [String: String] = [:]
            for (code, path) in codes {
                if let first = seen[code] {
                    fail(path + ".code", "duplicate \(what) code \"\(code)\" (first used at \(first))")
                } else {
                    seen[code] = path
                }
            }
        }

        mutating func entries(_ value: Any?, _ path: String, what: String) -> [FrameworkEntry] {
            guard let items = array(value, path) else { return [] }
            var result: [FrameworkEntry] = []
            var codes: [(String, String)] = []
            for (index, item) in items.enumerated() {
                let itemPath = "\(path)[\(index)]"
                guard let object = object(item, itemPath) else { continue }
                let code = code(object["code"], itemPath + ".code")
                let label = localized(object["label"], itemPath + ".label")
                var description: LocalizedText?
                var shortLabel: LocalizedText?
                if object["description"] != nil {
                    description = localized(object["description"], itemPath + ".description")
                }
                if object["shortLabel"] != nil {
                    shortLabel = localized(object["shortLabel"], itemPath + ".shortLabel")
                }
                if let code { codes.append((code, itemPath)) }
                if let code, let label {
                    result.append(
                        FrameworkEntry(code: code, label: label, shortLabel: shortLabel, description: description))
                }
            }
            checkUnique(codes, what)
            return result
        }

        mutating func framework(_ root: Any) -> Framework? {
            guard let top = object(root, "$") else { return nil }
            let id = code(top["id"], "id")
            let version = string(top["version"], "version")
            let name = localized(top["name"], "name")

            var axes: [Axis] = []
            var axisCodes: [(String, String)] = []
            for (index, item) in (array(top["axes"], "axes") ?? []).enumerated() {
                let path = "axes[\(index)]"
                guard let object = object(item, path) else { continue }
                let code = code(object["code"], path + ".code")
                let label = localized(object["label"], path + ".label")
                if let code { axisCodes.append((code, path)) }
                if let code, let label { axes.append(Axis(code: code, label: label)) }
            }
            checkUnique(axisCodes, "axis")
            let knownAxes = Set(axes.map(\.code))

            var domains: [Domain] = []
            var domainCodes: [(String, String)] = []
            for (index, item) in (array(top["domains"], "domains") ?? []).enumerated() {
                let path = "domains[\(index)]"
                guard let object = object(item, path) else { continue }
                let code = code(object["code"], path + ".code")
                let label = localized(object["label"], path + ".label")
                let shortLabel =
                    object["shortLabel"] == nil ? label : localized(object["shortLabel"], path + ".shortLabel")
                var axis: String?
                if object["axis"] == nil {
                    fail(path + ".axis", "domain \"\(code ?? "?")\" has no axis")
                } else if let axisCode = self.code(object["axis"], path + ".axis") {
                    if knownAxes.contains(axisCode) {
                        axis = axisCode
                    } else if !axisCodes.contains(where: { $0.0 == axisCode }) {
                        fail(
                            path + ".axis",
                            "unknown axis \"\(axisCode)\" (known: \(axes.map(\.code).joined(separator: ", ")))")
                    }
                }
                if let code { domainCodes.append((code, path)) }
                if let code, let label, let shortLabel, let axis {
                    domains.append(Domain(code: code, axis: axis, label: label, shortLabel: shortLabel))
                }
            }
            checkUnique(domainCodes, "domain")
            for (index, axis) in axes.enumerated() where !domains.contains(where: { $0.axis == axis.code }) {
                fail("axes[\(index)]", "axis \"\(axis.code)\" has no domain")
            }

            var actors = entries(top["actors"], "actors", what: "actor").map { entry in
                FrameworkActor(
                    code: ActorCode(entry.code), label: entry.label, shortLabel: entry.shortLabel,
                    description: entry.description
                )
            }
            for (index, item) in (top["actors"] as? [Any] ?? []).enumerated() {
                guard let object = item as? [String: Any], let unit = object["respondentUnit"] else { continue }
                let path = "actors[\(index)].respondentUnit"
                guard let text = unit as? String, let value = RespondentUnit(rawValue: text) else {
                    fail(path, "respondentUnit must be \"commune\" (or absent for people and organisations)")
                    continue
                }
                if let position = actors.firstIndex(where: { $0.code.rawValue == object["code"] as? String }) {
                    actors[position].respondentUnit = value
                }
            }
            let types = entries(top["partnershipTypes"], "partnershipTypes", what: "partnership type")
            let scopes = entries(top["partnershipScopes"], "partnershipScopes", what: "partnership scope")
            let dynamic = entries(top["coConstructionDynamic"], "coConstructionDynamic", what: "dynamic level")
            let stages = entries(top["innovationStages"], "innovationStages", what: "innovation stage")
            let levers = entries(top["supportLevers"], "supportLevers", what: "support lever")
            let impacts = entries(top["allianceImpacts"], "allianceImpacts", what: "alliance impact")

            let known: Set<String> = [
                "id", "version", "name", "axes", "domains", "actors", "partnershipTypes", "partnershipScopes",
                "coConstructionDynamic", "innovationStages", "supportLevers", "allianceImpacts",
            ]
            for key in top.keys.sorted() where !known.contains(key) {
                fail(key, "unknown key (known: \(known.sorted().joined(separator: ", ")))")
            }

            guard let id, let version, let name, problems.isEmpty else { return nil }
            return Framework(
                id: id, version: version, name: name, axes: axes, domains: domains, actors: actors,
                partnershipTypes: types, partnershipScopes: scopes, coConstructionDynamic: dynamic,
                innovationStages: stages, supportLevers: levers, allianceImpacts: impacts
            )
        }
    }
}
