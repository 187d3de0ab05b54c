import ArgumentParser
import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareRender
import PhareStore

struct AlliancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alliances",
        abstract: "The registry of alliances and innovation projects: import, export, list, coverage of a region.",
        subcommands: [
            AlliancesImport.self, AlliancesExport.self, AlliancesList.self, AlliancesCoverage.self,
        ]
    )
}

struct AlliancesImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check a registry CSV and record its alliances (an id already registered is replaced).",
        discussion: "Every problem is reported with its file, line and column; nothing is written if there is one."
    )
    @OptionGroup var database: DatabaseOption
    @Argument(help: "The registry file (docs/DATA-FORMATS.md, \"Alliance registry\").")
    var file: String
    @Flag(help: "Check the file only; write nothing.")
    var dryRun = false

    func run() throws {
        try reportingErrors {
            let store = try database.open()
            let alliances = try AllianceFile.read(
                path: file, framework: store.framework(), territories: store.territoryTree())
            if dryRun {
                note("\(file): \(alliances.count) alliances checked, nothing written (--dry-run)")
                return
            }
            let (added, replaced) = try store.saveAlliances(alliances)
            note("\(file): \(added) alliances added, \(replaced) replaced")
        }
    }
}

struct AlliancesExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the whole registry as CSV (the import format) to standard output.")
    @OptionGroup var database: DatabaseOption

    func run() throws {
        try reportingErrors { emit(AllianceFile.csv(try database.open().alliances())) }
    }
}

struct AlliancesList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the registered alliances, optionally in a territory or on a domain.")
    @OptionGroup var database: DatabaseOption
    @Option(help: "Only alliances in this territory or inside it (e.g. 44, departement:79, commune:94018).")
    var territory: String?
    @Option(help: "Only alliances acting on this domain (e.g. emploi).")
    var domain: String?
    @OptionGroup var output: FormatOption

    func run() throws {
        try reportingErrors {
            let store = try database.open()
            let tree = try store.territoryTree()
            var alliances = try store.alliances()
            if let territory {
                let place = try tree.resolve(territory)
                alliances = alliances.filter {
                    $0.territory == place.id || tree.ancestors(of: $0.territory).contains(place.id)
                }
            }
            if let domain {
                guard try store.framework().domain(domain) != nil else {
                    throw ValidationError("unknown domain \"\(domain)\" (see `phare framework show`)")
                }
                alliances = alliances.filter { $0.domains.contains(domain) }
            }
            if output.resolved == .json {
                emit(try encodeJSON(alliances))
                return
            }
            var table = DataTable(columns: [
                "id", "title", "territory", "territory_name", "category", "stage", "domains", "partners", "start",
                "end",
                "example",
            ])
            for alliance in alliances {
                table.rows.append([
                    .text(alliance.id), .text(alliance.title), .text(alliance.territory.description),
                    .text(tree[alliance.territory]?.name ?? ""), .text(alliance.category.rawValue),
                    .text(alliance.stage.rawValue), .text(alliance.domains.joined(separator: "|")),
                    .text(alliance.partners.map { "\($0.name) [\($0.kind.rawValue)]" }.joined(separator: " | ")),
                    .text(alliance.start.description), .text(alliance.end?.description ?? ""),
                    .text(alliance.example ? "yes" : "no"),
                ])
            }
            emit(table.render(output.resolved))
        }
    }
}

struct AlliancesCoverage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract:
            "A region's fragile domains (measured or felt) with the alliances acting on them, and those with none."
    )
    @OptionGroup var analysis: AnalysisArguments
    @Option(help: "The region (INSEE code, e.g. 44), or a territory inside it.")
    var territory: String
    @OptionGroup var output: FormatOption

    func run() throws {
        try reportingErrors {
            let result = try analysis.analyse()
            let profile = try analysis.profile(territory, in: result)
            let coverage = try result.allianceCoverage(profile)
            var table = DataTable(columns: ["domain", "measured", "felt", "alliances", "without_alliance"])
            for item in coverage.fragile {
                table.rows.append([
                    .text(item.domain), .text(item.measured ? "fragile" : ""), .text(item.felt ? "felt" : ""),
                    .text(item.alliances.map(\.id).joined(separator: "|")),
                    .text(item.alliances.isEmpty ? "yes" : "no"),
                ])
            }
            emit(table.render(output.resolved))
            note(
                "\(profile.name): \(coverage.fragile.count) fragile domains, \(coverage.withoutAlliance.count) without "
                    + "an alliance; \(coverage.alliances.count) alliances registered in the region")
        }
    }
}

struct StageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage",
        abstract: "The stage diagnostic of a societal innovation project.",
        subcommands: [StageDiagnose.self, StageQuestions.self]
    )
}

struct StageQuestions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questions", abstract: "Print the twelve questions as an answers file to fill in (CSV).")
    @Option(help: "Language: fr or en.")
    var lang: Language = .fr

    func run() throws {
        try reportingErrors {
            let diagnostic = try StageDiagnostic.bundled()
            var lines = ["question;answer;text"]
            for question in diagnostic.questions {
                lines.append(
                    "\(question.code);;\"\(question.text.text(lang).replacingOccurrences(of: "\"", with: "\"\""))\"")
            }
            emit(lines.joined(separator: "\n") + "\n")
        }
    }
}

struct StageDiagnose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Place a project in one of the five stages, name the passage ahead and the levers it needs.",
        discussion: """
            The answers file has the columns question;answer (Q1…Q12; oui, en-partie or non). \
            `phare stage questions` prints one to fill in. With --out, writes a printable result (HTML, or PDF \
            through WeasyPrint when the name ends in .pdf).
            """
    )
    @Option(help: "The answers file (CSV: question;answer).")
    var answers: String
    @Option(help: "Language: fr or en.")
    var lang: Language = .fr
    @Option(help: "Write the printable result here (.html or .pdf).")
    var out: String?
    @OptionGroup var output: FormatOption

    func run() throws {
        try reportingErrors {
            let diagnostic = try StageDiagnostic.bundled()
            let document = try CSVDocument.read(path: answers)
            let question = try document.requireColumn("question")
            let answer = try document.requireColumn("answer")
            var given: [String: String] = [:]
            for record in document.records {
                let code = record.fields[question].trimmingCharacters(in: .whitespaces).uppercased()
                let value = answer < record.fields.count ? record.fields[answer] : ""
                guard diagnostic.questions.contains(where: { $0.code == code }) else {
                    throw InputError(
                        file: document.file, line: record.line, column: "question",
                        message: "unknown question \"\(code)\" (the questions are Q1 to Q\(diagnostic.questions.count))"
                    )
                }
                if !value.trimmingCharacters(in: .whitespaces).isEmpty && diagnostic.choice(value) == nil {
                    throw InputError(
                        file: document.file, line: record.line, column: "answer",
                        message: "answer \"\(value)\" is not one of "
                            + diagnostic.answers.map(\.code).joined(separator: ", "))
                }
                given[code] = value
            }
            let placement: StagePlacement
            do {
                placement = try diagnostic.place(
                    given.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty })
            } catch let missing as StageAnswersMissing {
                throw InputError(file: document.file, message: missing.description)
            }
            if let out {
                let html = StageResultPage(diagnostic: diagnostic, language: lang).document(placement)
                if out.lowercased().hasSuffix(".pdf") {
                    _ = try PDFExport.write(html: html, to: out)
                } else {
                    try AtomicFile.write(html, to: out)
                }
                note("wrote \(out)")
            }
            if output.resolved == .json {
                emit(try encodeJSON(placement))
                return
            }
            var table = DataTable(columns: ["stage", "passage_ahead", "lever", "intensity", "qualifier", "partners"])
            for need in placement.recommendations {
                table.rows.append([
                    .text(placement.stage.rawValue), .text(placement.passage.rawValue), .text(need.lever),
                    .integer(need.intensity), .text(need.qualifier?.text(lang) ?? ""),
                    .text(need.partners.map(\.rawValue).joined(separator: "|")),
                ])
            }
            emit(table.render(output.resolved))
            note(
                "stage: \(placement.stage.label.text(lang)); passage ahead: \(placement.passage.label.text(lang)); "
                    + "partners to look for: \(placement.partnerKinds.map { $0.label.text(lang) }.joined(separator: ", "))"
            )
        }
    }
}
