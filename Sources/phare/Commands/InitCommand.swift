import ArgumentParser
import PhareAnalysis
import PhareCore
import PhareStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the observatory database with its framework and the French territory tree.",
        discussion:
            "Safe to run again: an existing observatory is only brought to the current schema. --force rebuilds it "
            + "from scratch."
    )

    @OptionGroup var database: DatabaseOption

    @Flag(help: "Rebuild the database from scratch, discarding what it holds.")
    var force = false

    @Flag(
        help: """
            Add the demo surveys: SYNTHETIC respondents of the four actors (wave 2015), and ILLUSTRATIVE values, \
            flagged as such, for the indicators that have no real source.
            """
    )
    var demo = false

    @Flag(
        help: """
            An empty observatory: the framework and the territory tree only, without the catalogue and the \
            real open-data baseline (for those who bring all their own data).
            """
    )
    var empty = false

    func validate() throws {
        if empty && demo { throw ValidationError("--empty and --demo exclude each other") }
    }

    @Option(
        help: "A framework file of your own (JSON, see docs/DATA-FORMATS.md) instead of the bundled PHARE framework.")
    var framework: String?

    func run() throws {
        try reportingErrors {
            let loaded = try framework.map { try FrameworkLoader.load(file: $0) } ?? FrameworkLoader.bundled()
            let territories = try TerritoryTree.bundled()
            let outcome = try database.location().initialise(
                framework: loaded, frameworkSource: framework ?? "bundled PHARE framework",
                territories: territories, force: force,
                populate: empty
                    ? nil
                    : { path in
                        let store = try SQLiteObservatoryStore(path: path)
                        // The bundled catalogue and baseline are written for the PHARE framework's domains.
                        if framework == nil {
                            try DemoInstall.installBaseline(store)
                        } else {
                            note(
                                "phare: note: with a framework of your own, no catalogue nor open-data baseline is "
                                    + "loaded"
                            )
                        }
                        if demo { try DemoInstall.installDemo(store) }
                    }
            )
            switch outcome {
            case .created:
                note(
                    "created the observatory \(database.shown): framework \(loaded.id) \(loaded.version), "
                        + "\(territories.territories.count) territories"
                )
            case .rebuilt:
                note(
                    "rebuilt the observatory \(database.shown): framework \(loaded.id) \(loaded.version), "
                        + "\(territories.territories.count) territories"
                )
            case .alreadyInitialised(let applied):
                if framework != nil {
                    note(
                        "phare: warning: \(database.shown) already exists, --framework ignored (use --force to rebuild "
                            + "with it)"
                    )
                }
                note(
                    applied.isEmpty
                        ? "\(database.shown) is already an observatory and up to date; nothing changed (use --force to "
                            + "rebuild)"
                        : "\(database.shown) brought up to date: applied \(applied.joined(separator: ", "))")
            }
            if demo, case .alreadyInitialised = outcome {
                note(
                    "phare: note: demo data is loaded only into a new observatory; \(database.shown) is left as it is "
                        + "(use --force to rebuild it with the demo)"
                )
            }
        }
    }
}
