import ArgumentParser

@main
struct Phare: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "phare",
        abstract:
            "Phare, a territorial observatory: fragilities, perceptions and partnerships, territory by territory.",
        discussion: """
            Data goes to standard output, diagnostics to standard error. Every command takes \
            --db PATH or --db postgres://user@host[:port]/database (default: $PHARE_DB, else \
            phare.sqlite in the working directory).
            """,
        version: version,
        subcommands: [
            InitCommand.self, FrameworkCommand.self, TerritoriesCommand.self, IndicatorsCommand.self,
            DiagnoseCommand.self,
            StatsCommand.self, SurveyCommand.self,
            CrossViewCommand.self, CoConstructionCommand.self, PracticesCommand.self, ProfileCommand.self,
            ReportCommand.self,
            ServeCommand.self,
            StoreCommand.self, BackupCommand.self, RestoreCommand.self,
            AlliancesCommand.self, StageCommand.self, DeckCommand.self, ToolkitCommand.self,
            UsersCommand.self, AuditCommand.self,
        ]
    )
}
