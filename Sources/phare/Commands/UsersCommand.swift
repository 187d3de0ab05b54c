import ArgumentParser
import Foundation
import PhareServer
import PhareStore

/// `phare users add|remove|list|passwd`: the accounts of the observatory.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage the accounts that sign in to `phare serve` (admin, analyst, reader).",
        discussion: """
            Passwords are read from standard input (one line) or, on a terminal, typed without echo; \
            never as an argument. They are stored as bcrypt hashes. Every change is written to the \
            audit log as cli:$USER.
            """,
        subcommands: [Add.self, Remove.self, List.self, Passwd.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account.")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The login (letters, digits, '.', '_', '-', '@').") var login: String
        @Option(help: "admin, analyst or reader.") var role: Role = .reader

        func run() throws {
            try reportingErrors {
                try AccountRules.check(login: login)
                let store = try database.open()
                let password = try readPassword(prompt: "Password for \(login): ")
                let now = Date()
                try store.addUser(
                    UserAccount(
                        login: login, role: role, passwordHash: Passwords.hash(password), createdAt: now, changedAt: now
                    ),
                    audit: AuditEntry(
                        at: now, actor: cliActor(), action: "user.add", detail: "\(login) as \(role.rawValue)"))
                note("created the account \(login) (\(role.rawValue))")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account and end its sessions.")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The login.") var login: String

        func run() throws {
            try reportingErrors {
                let store = try database.open()
                try AccountRules.keepsAnAdmin(store, changing: login, to: nil)
                try store.removeUser(
                    login: login, audit: AuditEntry(at: Date(), actor: cliActor(), action: "user.remove", detail: login)
                )
                note("removed the account \(login)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts (login, role, created, changed).")
        @OptionGroup var database: DatabaseOption

        func run() throws {
            try reportingErrors {
                let users = try database.open().users()
                var lines = ["login\trole\tcreated\tchanged"]
                lines += users.map {
                    "\($0.login)\t\($0.role.rawValue)\t\(AuditFormat.instant($0.createdAt))\t\(AuditFormat.instant($0.changedAt))"
                }
                emit(lines.joined(separator: "\n") + "\n")
            }
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an account's password (and optionally its role); its sessions end.")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The login.") var login: String
        @Option(help: "A new role as well: admin, analyst or reader.") var role: Role?

        func run() throws {
            try reportingErrors {
                let store = try database.open()
                guard try store.user(login: login) != nil else { throw StoreError("there is no account \(login)") }
                if let role { try AccountRules.keepsAnAdmin(store, changing: login, to: role) }
                let password = try readPassword(prompt: "New password for \(login): ")
                let now = Date()
                try store.updateUser(
                    login: login, role: role, passwordHash: Passwords.hash(password), at: now,
                    audit: AuditEntry(
                        at: now, actor: cliActor(), action: "user.passwd",
                        detail: login + (role.map { " role \($0.rawValue)" } ?? "")))
                note("changed the password of \(login)")
            }
        }
    }
}

extension Role: ExpressibleByArgument {}

/// How the audit log names the CLI's user: `cli:` and the OS login.
func cliActor() -> String {
    let environment = ProcessInfo.processInfo.environment
    return "cli:" + (environment["USER"] ?? environment["LOGNAME"] ?? NSUserName())
}

/// One password line: typed without echo on a terminal, else the first line of standard input.
func readPassword(prompt: String) throws -> String {
    let password: String
    if isatty(STDIN_FILENO) == 1 {
        guard let typed = getpass(prompt) else { throw StoreError("no password typed") }
        password = String(cString: typed)
    } else {
        password = readLine(strippingNewline: true) ?? ""
    }
    if let problem = Passwords.problem(with: password) { throw StoreError(problem) }
    return password
}

/// `phare audit`: the audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the audit log: who imported, weighted, published or changed an account, when, with which file."
    )
    @OptionGroup var database: DatabaseOption
    @Option(help: "Only entries at or after this day (YYYY-MM-DD) or instant (ISO 8601).") var since: String?
    @Option(help: "table, csv or json (default: table on a terminal, csv otherwise).") var format: String?

    func run() throws {
        try reportingErrors {
            let from = try since.map { text in
                guard let date = AuditFormat.parseDay(text) else {
                    throw ValidationError("--since must be a day YYYY-MM-DD or an ISO 8601 instant, not \"\(text)\"")
                }
                return date
            }
            let resolved = format ?? (isatty(STDOUT_FILENO) == 1 ? "table" : "csv")
            let entries = try database.open().auditEntries(since: from, limit: nil)
            switch resolved {
            case "table": emit(AuditFormat.text(entries))
            case "csv": emit(AuditFormat.csv(entries))
            case "json": emit(AuditFormat.json(entries))
            default: throw ValidationError("--format must be table, csv or json, not \"\(resolved)\"")
            }
        }
    }
}

/// Appends a CLI change to the audit log, with the file's name and SHA-256 when there is one: just
/// after the change, in a transaction of its own (the indicator and survey writes keep theirs).
func recordAudit(
    _ store: any AccessStore, action: String, file: String?, counts: [String: Int], detail: String
) throws {
    let checksum = try file.map { Tokens.sha256(try Data(contentsOf: URL(fileURLWithPath: $0))) }
    try store.recordAudit(
        AuditEntry(
            at: Date(), actor: cliActor(), action: action,
            fileName: file.map { URL(fileURLWithPath: $0).lastPathComponent },
            sha256: checksum, counts: counts, detail: detail))
}
