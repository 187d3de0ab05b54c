import ArgumentParser
import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareRender

struct FrameworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework",
        abstract: "The observatory's framework: axes, domains, actors, typologies and scales.",
        subcommands: [Show.self, Check.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the framework recorded in the observatory.")

        @OptionGroup var database: DatabaseOption
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let framework = try database.open().framework()
                switch output.resolved {
                case .json:
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    emit(String(decoding: try encoder.encode(framework), as: UTF8.self) + "\n")
                case .csv:
                    emit(FrameworkTable.entries(framework).render(.csv))
                case .table:
                    emit(FrameworkTable.sections(framework))
                }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a framework file and list every problem in it.")

        @Argument(help: "The framework file (JSON).")
        var file: String

        func run() throws {
            try reportingErrors {
                let framework = try FrameworkLoader.load(file: file)
                note(
                    "\(file): valid framework \(framework.id) \(framework.version): \(framework.axes.count) axes, "
                        + "\(framework.domains.count) domains, \(framework.actors.count) actors"
                )
            }
        }
    }
}

/// The framework as tables: one row per coded entry, tagged by its section.
enum FrameworkTable {
    static func sectionEntries(_ framework: Framework) -> [(
        section: String, entries: [(code: String, parent: String, label: LocalizedText)]
    )] {
        func plain(_ entries: [FrameworkEntry]) -> [(code: String, parent: String, label: LocalizedText)] {
            entries.map { ($0.code, "", $0.label) }
        }
        return [
            ("axis", framework.axes.map { ($0.code, "", $0.label) }),
            ("domain", framework.domains.map { ($0.code, $0.axis, $0.label) }),
            ("actor", framework.actors.map { ($0.code.rawValue, "", $0.label) }),
            ("partnership_type", plain(framework.partnershipTypes)),
            ("partnership_scope", plain(framework.partnershipScopes)),
            ("coconstruction_dynamic", plain(framework.coConstructionDynamic)),
            ("innovation_stage", plain(framework.innovationStages)),
            ("support_lever", plain(framework.supportLevers)),
            ("alliance_impact", plain(framework.allianceImpacts)),
        ]
    }

    static func entries(_ framework: Framework) -> DataTable {
        var table = DataTable(columns: ["section", "code", "parent", "label_fr", "label_en"])
        for (section, entries) in sectionEntries(framework) {
            for entry in entries {
                table.rows.append([
                    .text(section), .text(entry.code), Cell(entry.parent.isEmpty ? nil : entry.parent),
                    .text(entry.label.fr), .text(entry.label.en),
                ])
            }
        }
        return table
    }

    static func sections(_ framework: Framework) -> String {
        var text = "\(framework.name.fr) (\(framework.id) \(framework.version))\n"
        for (section, entries) in sectionEntries(framework) {
            let hasParent = entries.contains { !$0.parent.isEmpty }
            var table = DataTable(
                columns: hasParent ? ["code", "axis", "label_fr", "label_en"] : ["code", "label_fr", "label_en"])
            table.rows = entries.map { entry in
                (hasParent ? [.text(entry.code), .text(entry.parent)] : [.text(entry.code)]) + [
                    .text(entry.label.fr), .text(entry.label.en),
                ]
            }
            text += "\n\(section) (\(entries.count))\n" + table.render(.table)
        }
        return text
    }
}
