import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PhareRender
import PhareServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the dashboard and the open data API over HTTP.",
        discussion: """
            Pages, downloads and the JSON API (/api/v1, described at /openapi.json) are answered from \
            an analysed snapshot of the observatory, rebuilt when the database file changes. \
            Stops cleanly on Ctrl-C or SIGTERM. One access-log line per request goes to stderr. \
            On a loopback address with no account defined, the local user is admin; on any other \
            address an account must exist (`phare users add`), and visitors sign in at /login.
            """
    )

    @OptionGroup var database: DatabaseOption

    @Option(help: "Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).")
    var host = "127.0.0.1"

    @Option(help: "TCP port.")
    var port = 8080

    @Flag(help: "No access log.")
    var quiet = false

    @Option(
        name: .customLong("cache-mb"),
        help: "Memory for the answers already rendered, in MiB (least recently used dropped first; 0: none).")
    var cacheMB = SnapshotHolder.defaultCacheBytes >> 20

    func run() async throws {
        let snapshot: DashboardSnapshot
        let state: DatabaseFileState
        let assets: DashboardAssetData
        let loader: SnapshotLoader
        do {
            loader = try SnapshotLoader(location: database.location())
            (snapshot, state) = try loader.load()
            assets = try DashboardAssetData.bundled()
            if let analysis = snapshot.analysis {
                note(
                    "analysis computed in \(String(format: "%.2f", analysis.buildSeconds)) s "
                        + "(\(analysis.analysis.profiles.count) region profiles, \(analysis.measures.count) survey "
                        + "estimates)"
                )
            }
        } catch {
            note("phare: error: \(error)")
            throw ExitCode.failure
        }
        guard (1...65535).contains(port) else {
            note("phare: error: --port must be from 1 to 65535, not \(port)")
            throw ExitCode.failure
        }
        guard (0...1_048_576).contains(cacheMB) else {
            note("phare: error: --cache-mb must be from 0 to 1048576 (MiB), not \(cacheMB)")
            throw ExitCode.failure
        }
        let loopback = AccessSettings.isLoopback(host)
        let access: AccessControl
        do {
            let store = try database.open()
            let accounts = try store.users()
            guard loopback || !accounts.isEmpty else {
                note(
                    "phare: error: no account is defined, and \(host) is not a loopback address: anyone who reaches "
                        + "the port would be admin. Create an admin first: `phare users add LOGIN --role admin --db "
                        + "\(database.path)` (the password is read from standard input), then start the server again.")
                throw ExitCode.failure
            }
            // Cookies are Secure unless the browser talks plain HTTP to this machine; behind a TLS
            // proxy on another address they must be.
            access = AccessControl(store: store, settings: AccessSettings(loopback: loopback, secureCookies: !loopback))
            if accounts.isEmpty { note("no account defined: the local user (on \(host)) is admin") }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            note("phare: error: \(error)")
            throw ExitCode.failure
        }
        var logger = Logger(label: "phare")
        logger.logLevel = .notice
        let holder = SnapshotHolder(snapshot, cacheBytes: cacheMB << 20)
        let accessLog: (@Sendable (String) -> Void)? = quiet ? nil : { @Sendable line in note(line) }
        let server = DashboardServer(holder: holder, assets: assets, access: access, accessLog: accessLog)
        let watcher = SnapshotWatcher(
            loader: loader, holder: holder, initialState: state, metrics: server.metrics, logger: logger)
        let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
        let banner = "Phare dashboard: \(url)  (data \(database.shown); Ctrl-C to stop)"
        let app = Application(
            router: server.router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "Phare"),
            services: [watcher],
            onServerRunning: { @Sendable _ in note(banner) },
            logger: logger
        )
        do {
            try await app.runService()
        } catch {
            note("phare: error: cannot serve on \(host):\(port): \(error)")
            throw ExitCode.failure
        }
        note("phare: server stopped")
    }
}
