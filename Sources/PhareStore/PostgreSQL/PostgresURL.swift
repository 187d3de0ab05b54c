import Foundation

/// Where a PostgreSQL observatory lives: `postgres://user[:password]@host[:port]/database`, or
/// `postgres://user@/database?host=/run/postgresql` for a Unix socket folder.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    public var password: String?
    /// A host name or address; nil with a Unix socket.
    public var host: String?
    public var port: Int
    /// The folder of the server's Unix socket (`.s.PGSQL.<port>` in it); nil over TCP.
    public var socketFolder: String?
    public var database: String

    /// Whether `text` names a PostgreSQL observatory rather than an SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(_ text: String) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw StoreError("\(text) is not a PostgreSQL URL: write postgres://user@host[:port]/database")
        }
        let redacted = Self.redact(text)
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw StoreError("the PostgreSQL URL \(redacted) names no user: write postgres://user@host[:port]/database")
        }
        let database = String(components.percentEncodedPath.dropFirst()).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError(
                "the PostgreSQL URL \(redacted) names no database: write postgres://user@host[:port]/database")
        }
        self.user = user
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.database = database
        port = components.port ?? 5432
        socketFolder = components.queryItems?.first(where: { $0.name == "host" })?.value
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        guard host != nil || socketFolder != nil else {
            throw StoreError("the PostgreSQL URL \(redacted) names no host: write postgres://user@host[:port]/database")
        }
        self.host = socketFolder == nil ? host : nil
    }

    /// The URL without its password, for messages.
    public var description: String {
        if let socketFolder { return "postgres://\(user)@/\(database)?host=\(socketFolder)" }
        return "postgres://\(user)@\(host ?? ""):\(port)/\(database)"
    }

    /// Where the server is, for messages.
    var server: String {
        socketFolder.map { "\($0)/.s.PGSQL.\(port)" } ?? "\(host ?? ""):\(port)"
    }

    static func redact(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }
}
