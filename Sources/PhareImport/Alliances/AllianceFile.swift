import Foundation
import PhareCore

/// The registry file of alliances and innovation projects (docs/DATA-FORMATS.md, "Alliance registry"):
/// one alliance a line, `;` separated, columns
/// `id;title;partners;category;domains;territory;stage;start;end;description;link;example`.
/// Partners are `Name [kind]` separated by `|`; domains are framework codes separated by `|`.
public enum AllianceFile {
    public static let columns = [
        "id", "title", "partners", "category", "domains", "territory", "stage", "start", "end", "description", "link",
        "example",
    ]
    static let required: Set<String> = [
        "id", "title", "partners", "category", "domains", "territory", "stage", "start",
    ]

    public static func read(path: String, framework: Framework, territories: TerritoryTree) throws -> [Alliance] {
        try parse(document: CSVDocument.read(path: path), framework: framework, territories: territories)
    }

    /// Checks every line and returns the alliances, or throws every problem found (file, line, column).
    public static func parse(document: CSVDocument, framework: Framework, territories: TerritoryTree) throws
        -> [Alliance]
    {
        var errors: [InputError] = []
        for name in columns where document.column(name) == nil && required.contains(name) {
            errors.append(
                InputError(
                    file: document.file, line: 1, column: name,
                    message:
                        "missing column \"\(name)\" (a registry file has the columns \(columns.joined(separator: ";")))"
                ))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        var alliances: [Alliance] = []
        var seen: [String: Int] = [:]
        for record in document.records {
            func field(_ name: String) -> String {
                guard let index = document.column(name), index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            func problem(_ column: String, _ message: String) {
                errors.append(InputError(file: document.file, line: record.line, column: column, message: message))
            }
            let id = field("id")
            if id.isEmpty { problem("id", "the id is empty") }
            if let first = seen[id], !id.isEmpty { problem("id", "the id \"\(id)\" is already used on line \(first)") }
            seen[id] = record.line
            let title = field("title")
            if title.isEmpty { problem("title", "the title is empty") }

            var partners: [AlliancePartner] = []
            for item in split(field("partners")) {
                guard let open = item.lastIndex(of: "["), item.hasSuffix("]") else {
                    problem("partners", "partner \"\(item)\" must be written Name [kind]")
                    continue
                }
                let name = item[..<open].trimmingCharacters(in: .whitespaces)
                let kindText = item[item.index(after: open)..<item.index(before: item.endIndex)]
                    .trimmingCharacters(in: .whitespaces)
                guard let kind = PartnerKind(rawValue: kindText) else {
                    problem(
                        "partners",
                        "unknown partner kind \"\(kindText)\" for \(name) (one of "
                            + PartnerKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                    continue
                }
                if name.isEmpty { problem("partners", "a partner of kind \(kindText) has no name") }
                partners.append(AlliancePartner(name: name, kind: kind))
            }
            if partners.isEmpty && !field("partners").contains("[") {
                problem("partners", "an alliance needs at least one partner, written Name [kind]")
            }

            let category = PartnershipCategory(rawValue: field("category"))
            if category == nil {
                problem(
                    "category",
                    "unknown partnership category \"\(field("category"))\" (one of "
                        + PartnershipCategory.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            let domains = split(field("domains"))
            if domains.isEmpty { problem("domains", "an alliance acts on at least one domain") }
            for domain in domains where framework.domain(domain) == nil {
                problem("domains", "unknown domain \"\(domain)\" (see `phare framework show`)")
            }
            var territory: Territory?
            do {
                territory = try territories.resolve(field("territory"))
            } catch {
                problem(
                    "territory",
                    "unknown territory \"\(field("territory"))\" (write level:code, e.g. region:44, commune:94018)")
            }
            let stage = InnovationStage(rawValue: field("stage"))
            if stage == nil {
                problem(
                    "stage",
                    "unknown stage \"\(field("stage"))\" (one of "
                        + InnovationStage.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            let start = PartialDate(field("start"))
            if start == nil {
                problem("start", "the start date must be YYYY, YYYY-MM or YYYY-MM-DD, found \"\(field("start"))\"")
            }
            var end: PartialDate?
            if !field("end").isEmpty {
                end = PartialDate(field("end"))
                if end == nil {
                    problem("end", "the end date must be YYYY, YYYY-MM or YYYY-MM-DD, found \"\(field("end"))\"")
                } else if let start, let end, end < start {
                    problem("end", "the end (\(end)) is before the start (\(start))")
                }
            }
            let link = field("link")
            if !link.isEmpty && !(link.hasPrefix("https://") || link.hasPrefix("http://")) {
                problem("link", "the public link must start with https:// or http://, found \"\(link)\"")
            }
            let exampleText = field("example").lowercased()
            if !["", "0", "1", "oui", "non", "yes", "no", "true", "false"].contains(exampleText) {
                problem("example", "example must be 1 or 0, found \"\(field("example"))\"")
            }
            if let category, let territory, let stage, let start {
                alliances.append(
                    Alliance(
                        id: id, title: title, partners: partners, category: category, domains: domains,
                        territory: territory.id, stage: stage, start: start, end: end,
                        description: field("description"), link: link.isEmpty ? nil : link,
                        example: ["1", "oui", "yes", "true"].contains(exampleText)))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return alliances
    }

    /// The registry as CSV in the same format (so an export reads back as it was).
    public static func csv(_ alliances: [Alliance]) -> String {
        func escape(_ field: String) -> String {
            if field.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return field
        }
        var lines = [columns.joined(separator: ";")]
        for alliance in alliances {
            let fields = [
                alliance.id, alliance.title,
                alliance.partners.map { "\($0.name) [\($0.kind.rawValue)]" }.joined(separator: " | "),
                alliance.category.rawValue, alliance.domains.joined(separator: "|"), alliance.territory.description,
                alliance.stage.rawValue, alliance.start.description, alliance.end?.description ?? "",
                alliance.description, alliance.link ?? "", alliance.example ? "1" : "0",
            ]
            lines.append(fields.map(escape).joined(separator: ";"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func split(_ text: String) -> [String] {
        text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
