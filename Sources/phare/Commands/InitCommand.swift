import ArgumentParser
import PhareAnalysis
import PhareCore
import PhareStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the observatory database with its framework and the French territory tree.",
        discussion:
            "Safe to run again: an existing observatory is only brought to the current schema. --force rebuilds it from scratch."
    )

    @OptionGroup var database: DatabaseOption

    @Flag(help: "Rebuild the database from scratch, discarding what it holds.")
    var force = false

    @Flag(
        help:
            "Load the demo observatory: the bundled indicator catalogue with ILLUSTRATIVE (not real) values for every département, region and France, and SYNTHETIC surveys of the four actors (wave 2015)."
    )
    var demo = false

    @Option(
        help: "A framework file of your own (JSON, see docs/DATA-FORMATS.md) instead of the bundled PHARE framework.")
    var framework: String?

    func run() throws {
        try reportingErrors {
            let loaded = try framework.map { try FrameworkLoader.load(file: $0) } ?? FrameworkLoader.bundled()
            let territories = try TerritoryTree.bundled()
            let outcome = try SQLiteObservatoryStore.initialise(
                path: database.path, framework: loaded, frameworkSource: framework ?? "bundled PHARE framework",
                territories: territories, force: force,
                populate: demo ? { path in try DemoInstall.install(at: path) } : nil
            )
            switch outcome {
            case .created:
                note(
                    "created the observatory \(database.path): framework \(loaded.id) \(loaded.version), \(territories.territories.count) territories"
                )
            case .rebuilt:
                note(
                    "rebuilt the observatory \(database.path): framework \(loaded.id) \(loaded.version), \(territories.territories.count) territories"
                )
            case .alreadyInitialised(let applied):
                if framework != nil {
                    note(
                        "phare: warning: \(database.path) already exists, --framework ignored (use --force to rebuild with it)"
                    )
                }
                note(
                    applied.isEmpty
                        ? "\(database.path) is already an observatory and up to date; nothing changed (use --force to rebuild)"
                        : "\(database.path) brought up to date: applied \(applied.joined(separator: ", "))")
            }
            if demo, case .alreadyInitialised = outcome {
                note(
                    "phare: note: demo data is loaded only into a new observatory; \(database.path) is left as it is (use --force to rebuild it with the demo)"
                )
            }
        }
    }
}
