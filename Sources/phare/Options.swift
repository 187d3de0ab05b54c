import ArgumentParser
import Foundation
import PhareImport
import PhareRender
import PhareStore

extension OutputFormat: ExpressibleByArgument {}

/// `--db PATH|postgres://user@host[:port]/database`, shared by every command.
struct DatabaseOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Observatory: an SQLite file or postgres://user@host[:port]/database (default: $PHARE_DB, else "
                + "./phare.sqlite)")
    )
    var db: String?

    var path: String {
        if let db { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["PHARE_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "phare.sqlite"
    }

    /// The observatory named, as a location (a PostgreSQL URL or an SQLite path).
    func location() throws -> ObservatoryLocation {
        try ObservatoryLocation(path)
    }

    /// The observatory for messages (a URL without its password).
    var shown: String {
        (try? location().description) ?? path
    }

    /// The one way a command opens its store, SQLite or PostgreSQL.
    func open() throws -> any ObservatoryStore {
        try location().open()
    }
}

/// `--format table|csv|json`, shared by every command that prints data.
struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv or json (default: table on a terminal, csv otherwise).")
    var format: OutputFormat?

    var resolved: OutputFormat {
        format ?? (isatty(STDOUT_FILENO) == 1 ? .table : .csv)
    }
}

/// Writes data to standard output.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes a diagnostic line to standard error.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs a command body, turning every error into one clear sentence on stderr and exit code 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        note("phare: error: \(error)")
        throw ExitCode.failure
    }
}
