import ArgumentParser
import Foundation
import PhareStore

/// `phare store copy`: moving a whole observatory between stores.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Move a whole observatory between stores (SQLite ↔ PostgreSQL).",
        subcommands: [Copy.self]
    )

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every table of one observatory into another, checked by row counts and checksums.",
            discussion: """
                SOURCE and TARGET are SQLite paths or postgres://user@host[:port]/database URLs. The target \
                is written in one step (a file moved into place, or one PostgreSQL transaction); one that \
                already holds an observatory is refused unless --force. Prints, table by table, the rows \
                and the checksum both sides hold.
                """
        )

        @Option(help: "The observatory to copy.")
        var from: String
        @Option(help: "Where to copy it.")
        var to: String
        @Flag(help: "Replace an observatory already at the target.")
        var force = false

        func run() throws {
            try reportingErrors {
                let source = try ObservatoryLocation(from)
                let target = try ObservatoryLocation(to)
                let digest = try ObservatoryCopy.copy(from: source, to: target, force: force)
                emit("table\trows\tchecksum\n" + digest.description + "\n")
                let rows = digest.tables.reduce(0) { $0 + $1.rows }
                note("copied \(source) to \(target): \(digest.tables.count) tables, \(rows) rows, checksums equal")
            }
        }
    }
}

/// `phare backup --out FILE`.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write the whole observatory to one backup file (format in docs/DATA-FORMATS.md).",
        discussion: "Prints, table by table, the rows and the checksum the backup holds."
    )

    @OptionGroup var database: DatabaseOption
    @Option(help: "The backup file to write.")
    var out: String

    func run() throws {
        try reportingErrors {
            let digest = try ObservatoryBackup.write(from: database.location(), to: out)
            emit("table\trows\tchecksum\n" + digest.description + "\n")
            note("backed up \(database.shown) to \(out): \(digest.tables.reduce(0) { $0 + $1.rows }) rows")
        }
    }
}

/// `phare restore FILE [--force]`.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the observatory by a backup file.",
        discussion: """
            The file is checked whole first (header, length, SHA-256, database); a truncated file or one \
            from another program is refused before anything is written. An observatory already at --db \
            is refused unless --force.
            """
    )

    @OptionGroup var database: DatabaseOption
    @Argument(help: "The backup file (written by `phare backup`).")
    var file: String
    @Flag(help: "Replace an observatory already at --db.")
    var force = false

    func run() throws {
        try reportingErrors {
            let digest = try ObservatoryBackup.restore(file, to: database.location(), force: force)
            emit("table\trows\tchecksum\n" + digest.description + "\n")
            note("restored \(file) into \(database.shown): \(digest.tables.reduce(0) { $0 + $1.rows }) rows")
        }
    }
}
