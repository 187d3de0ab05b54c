import Foundation

/// The two stores the store and CLI suites run against: each parameterised test runs once with each.
public enum StoreKind: String, CaseIterable, Sendable {
    case sqlite
    case postgres

    /// A new, empty place for an observatory: an SQLite path in `folder`, or a new database on the
    /// test PostgreSQL server.
    public func newLocation(in folder: String, name: String = "phare.sqlite") throws -> String {
        switch self {
        case .sqlite: return folder + "/" + name
        case .postgres: return try PostgresTestServer.newDatabase()
        }
    }
}

/// The throw-away PostgreSQL server `scripts/test` starts, named by `PHARE_TEST_POSTGRES`.
public enum PostgresTestServer {
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String {
            "PHARE_TEST_POSTGRES is not set, so the PostgreSQL cases cannot run: run the suite with scripts/test, "
                + "which starts a throw-away PostgreSQL cluster and sets it (or set it to "
                + "postgres://user:password@host:port/database of a user that may create databases)"
        }
    }

    /// The server's URL (its administrative database).
    public static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["PHARE_TEST_POSTGRES"], !url.isEmpty else {
            throw NotConfigured()
        }
        return url
    }

    /// Creates a new empty database and returns its URL.
    public static func newDatabase() throws -> String {
        let base = try url()
        let name = "phare_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try psql(base, "CREATE DATABASE \(name)")
        guard let slash = base.lastIndex(of: "/") else { throw NotConfigured() }
        return String(base[...slash]) + name
    }

    /// Runs one SQL command with psql on the database at `url`; throws with psql's words on failure.
    public static func psql(_ url: String, _ sql: String) throws {
        let result = try ProcessOutput.run("psql", [url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard result.status == 0 else {
            throw PSQLFailure(description: "psql failed on \(sql): \(result.stderr)")
        }
    }

    /// Runs one query and returns its output, unaligned and without headers.
    public static func value(_ url: String, _ sql: String) throws -> String {
        let result = try ProcessOutput.run("psql", [url, "-qtA", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard result.status == 0 else { throw PSQLFailure(description: "psql failed on \(sql): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public struct PSQLFailure: Error, CustomStringConvertible {
        public var description: String
    }
}
