import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection to a PostgreSQL server, used synchronously.
///
/// The store's interfaces are synchronous (`throws`), like the SQLite store's. The connection runs on
/// an event loop of its own (`PostgresSession.eventLoops`, one thread for the whole process, never
/// the HTTP server's) and every call waits for its answer on the caller's thread. NIO refuses a wait
/// on an event-loop thread, so a caller on the server's event loops fails loudly instead of
/// stalling it; the server calls the store only from its snapshot loader, off the event loops.
final class PostgresSession: @unchecked Sendable {
    /// The event loop every PostgreSQL connection of the process runs on.
    static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    let url: PostgresURL
    private let connection: PostgresConnection
    private let logger = Logger(label: "phare.postgres")

    init(_ url: PostgresURL) throws {
        self.url = url
        var configuration: PostgresConnection.Configuration
        if let folder = url.socketFolder {
            configuration = .init(
                unixSocketPath: folder + "/.s.PGSQL.\(url.port)", username: url.user, password: url.password,
                database: url.database)
        } else {
            configuration = .init(
                host: url.host ?? "localhost", port: url.port, username: url.user, password: url.password,
                database: url.database, tls: .disable)
        }
        configuration.options.connectTimeout = .seconds(5)
        do {
            connection = try PostgresConnection.connect(
                on: Self.eventLoops.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw Self.connectionError(error, url: url)
        }
    }

    deinit {
        // Waited for, so that the connection is closed before it is released.
        try? connection.close().wait()
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
        do {
            return try Array(connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait().rows)
        } catch {
            throw StoreError("PostgreSQL at \(url) failed: \(Self.reason(error))")
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN")
        do {
            let result = try body()
            try query("COMMIT")
            return result
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    /// The server's own words for an error (its message and SQL state), or the client's.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQL state \($0))" } ?? ""
            return message + state
        }
        if let underlying = error.underlying { return "\(underlying)" }
        return error.code.description
    }

    /// One sentence for a failed connection: unreachable server, refused credentials, no database.
    static func connectionError(_ error: any Error, url: PostgresURL) -> StoreError {
        let psql = error as? PSQLError
        switch psql?.serverInfo?[.sqlState] {
        case "28P01", "28000":
            return StoreError(
                "PostgreSQL at \(url.server) refused the credentials of user \(url.user) "
                    + "(\(reason(error))): check the user and password in the URL")
        case "3D000":
            return StoreError(
                "there is no database \(url.database) on the PostgreSQL server at \(url.server): "
                    + "create it with `createdb \(url.database)`, then `phare init --db \(url)`")
        case .some:
            return StoreError("PostgreSQL at \(url.server) refused the connection: \(reason(error))")
        case nil:
            if psql?.code == .authMechanismRequiresPassword {
                return StoreError(
                    "PostgreSQL at \(url.server) asks for a password for user \(url.user): put it in the URL "
                        + "(postgres://\(url.user):PASSWORD@…)")
            }
            return StoreError(
                "cannot reach the PostgreSQL server at \(url.server) (\(reason(error))): "
                    + "check that it is running and that the host and port are right")
        }
    }
}

extension PostgresRow {
    /// The cells in order, without their column lookup.
    var cells: [PostgresCell] { Array(self) }
}
