import Foundation
import PhareTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Moving and keeping an observatory (`phare store copy`, `phare backup`, `phare restore`), the same
/// analysis on both stores, and several servers on one PostgreSQL database.
@Suite struct StoreTransferTests {
    /// The table of rows and checksums a copy, a backup or a restore prints.
    static func digest(_ run: PhareRun) -> String {
        run.stdout
    }

    /// The demo observatory copied from SQLite into PostgreSQL answers byte for byte alike: the
    /// diagnosis, the region profiles, the cross view and a report page.
    @Test func theSameObservatoryGivesByteIdenticalAnalysisOnBothStores() throws {
        let sqlite = try PhareProcess.demoFolder(.sqlite)
        let postgres = try PhareProcess.temporaryFolder(.postgres)
        let copy = try PhareProcess.run(
            ["store", "copy", "--from", sqlite + "/phare.sqlite", "--to", PhareProcess.database(of: postgres)])
        #expect(copy.status == 0, "\(copy.stderr)")
        let commands: [[String]] = [
            ["diagnose", "--level", "region", "--format", "json"],
            ["diagnose", "--level", "departement", "--domain", "emploi", "--format", "csv"],
            ["profile", "--format", "json"],
            ["crossview", "--territory", "44", "--format", "json"],
            ["survey", "measures", "--actor", "citoyens", "--format", "csv"],
            ["indicators", "values", "--level", "commune", "--format", "csv"],
        ]
        for command in commands {
            let onSQLite = try PhareProcess.run(command, in: sqlite)
            let onPostgres = try PhareProcess.run(command, in: postgres)
            #expect(onSQLite.status == 0, "\(command): \(onSQLite.stderr)")
            #expect(!onSQLite.stdout.isEmpty)
            #expect(onSQLite.stdout == onPostgres.stdout, "\(command.joined(separator: " ")) differs")
        }
        for folder in [sqlite, postgres] {
            let report = try PhareProcess.run(
                ["report", "--territory", "44", "--format", "html", "--out", folder + "/r44.html"], in: folder)
            #expect(report.status == 0, "\(report.stderr)")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: sqlite + "/r44.html"))
        let b = try Data(contentsOf: URL(fileURLWithPath: postgres + "/r44.html"))
        #expect(a == b, "the report of Grand Est differs between the stores")
    }

    /// SQLite → PostgreSQL → SQLite keeps every table (the printed counts and checksums agree at
    /// each step); a target that already holds an observatory is refused unless --force.
    @Test func storeCopyRoundTripsAndRefusesAnOccupiedTarget() throws {
        let source = try PhareProcess.demoFolder(.sqlite) + "/phare.sqlite"
        let folder = try PhareProcess.temporaryFolder()
        let postgres = try PostgresTestServer.newDatabase()
        let there = try PhareProcess.run(["store", "copy", "--from", source, "--to", postgres])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.hasPrefix("table\trows\tchecksum\n"))
        #expect(there.stdout.contains("\nterritory\t"))
        #expect(there.stderr.contains("checksums equal"))
        let back = try PhareProcess.run(["store", "copy", "--from", postgres, "--to", folder + "/back.sqlite"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout == there.stdout)

        let refused = try PhareProcess.run(["store", "copy", "--from", source, "--to", postgres])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already holds an observatory: add --force to replace it"), "\(refused.stderr)")
        let forced = try PhareProcess.run([
            "store", "copy", "--from", folder + "/back.sqlite", "--to", postgres, "--force",
        ])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout == there.stdout)
    }

    /// A backup of either store restores into either store with the same counts and checksums.
    @Test(arguments: StoreKind.allCases) func backupAndRestore(_ kind: StoreKind) throws {
        let source = try PhareProcess.demoFolder(kind)
        let folder = try PhareProcess.temporaryFolder()
        let backup = try PhareProcess.run(["backup", "--out", folder + "/demo.pharebak"], in: source)
        #expect(backup.status == 0, "\(backup.stderr)")
        let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: folder + "/demo.pharebak")).readData(
            ofLength: 8)
        #expect(String(decoding: header, as: UTF8.self) == "PHAREBAK")
        for target in StoreKind.allCases {
            let into = try PhareProcess.temporaryFolder(target)
            let restored = try PhareProcess.run(["restore", folder + "/demo.pharebak"], in: into)
            #expect(restored.status == 0, "\(restored.stderr)")
            #expect(restored.stdout == backup.stdout)
            let again = try PhareProcess.run(["restore", folder + "/demo.pharebak"], in: into)
            #expect(again.status == 1)
            #expect(again.stderr.contains("already holds an observatory"), "\(again.stderr)")
            let forced = try PhareProcess.run(["restore", folder + "/demo.pharebak", "--force"], in: into)
            #expect(forced.status == 0, "\(forced.stderr)")
            let profile = try PhareProcess.run(["profile", "--format", "json"], in: into)
            #expect(profile.stdout == (try PhareProcess.run(["profile", "--format", "json"], in: source)).stdout)
        }
    }

    /// A truncated backup, a damaged one and a file from another program are refused before
    /// anything is written: the observatory there keeps its data.
    @Test(arguments: StoreKind.allCases) func badBackupsAreRefusedAndWriteNothing(_ kind: StoreKind) throws {
        let folder = try PhareProcess.initialisedFolder(kind)
        let backupFolder = try PhareProcess.temporaryFolder()
        let file = backupFolder + "/obs.pharebak"
        #expect(try PhareProcess.run(["backup", "--out", file], in: folder).status == 0)
        let before = try PhareProcess.run(["backup", "--out", backupFolder + "/before.pharebak"], in: folder).stdout
        let data = try Data(contentsOf: URL(fileURLWithPath: file))

        try data.prefix(data.count - 100).write(to: URL(fileURLWithPath: backupFolder + "/truncated.pharebak"))
        var damaged = data
        damaged[damaged.count - 10] ^= 0xFF
        try damaged.write(to: URL(fileURLWithPath: backupFolder + "/damaged.pharebak"))
        try Data("respondent_id;weight\nm1;1\n".utf8).write(to: URL(fileURLWithPath: backupFolder + "/other.csv"))
        let cases = [
            ("truncated.pharebak", "is truncated: its header announces"),
            ("damaged.pharebak", "is damaged (its SHA-256 does not match)"),
            ("other.csv", "is not a Phare backup (it does not start with PHAREBAK)"),
        ]
        for (name, message) in cases {
            let result = try PhareProcess.run(["restore", backupFolder + "/" + name, "--force"], in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        let after = try PhareProcess.run(["backup", "--out", backupFolder + "/after.pharebak"], in: folder).stdout
        #expect(after == before)
    }

    /// Bad PostgreSQL URLs through the command line: one sentence each, exit status 1.
    @Test func badPostgresLocationsAreOneSentence() throws {
        let unreachable = try PhareProcess.run(["indicators", "list", "--db", "postgres://phare@127.0.0.1:1/phare"])
        #expect(unreachable.status == 1)
        #expect(
            unreachable.stderr.contains("cannot reach the PostgreSQL server at 127.0.0.1:1"), "\(unreachable.stderr)")
        let url = try PostgresTestServer.newDatabase()
        let wrong = url.replacingOccurrences(of: "phare:phare@", with: "phare:wrong@")
        let refused = try PhareProcess.run(["indicators", "list", "--db", wrong])
        #expect(refused.stderr.contains("refused the credentials of user phare"), "\(refused.stderr)")
        let empty = try PhareProcess.run(["indicators", "list", "--db", url])
        #expect(empty.stderr.contains("is empty, not yet an observatory"), "\(empty.stderr)")
    }

    /// Two servers on one PostgreSQL database: an import for the first is served by the second
    /// within a few seconds, and never a half-built state in between.
    @Test func anImportIsSeenByASecondServer() async throws {
        let folder = try PhareProcess.initialisedFolder(.postgres)
        let database = PhareProcess.database(of: folder)
        let ports = (0..<2).map { _ in Int.random(in: 20000...40000) }
        var servers: [(Process, OutputCollector)] = []
        defer { for (process, _) in servers where process.isRunning { process.terminate() } }
        for port in ports {
            let process = Process()
            process.executableURL = PhareProcess.executable
            process.arguments = ["serve", "--db", database, "--port", String(port), "--quiet"]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            let collected = OutputCollector()
            errors.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
            try process.run()
            servers.append((process, collected))
        }
        for (port, (_, collected)) in zip(ports, servers) {
            var started = false
            for _ in 0..<600 where !started {
                try await Task.sleep(for: .milliseconds(50))
                started = collected.text.contains("Phare dashboard: http://127.0.0.1:\(port)/")
            }
            #expect(started, "no banner: \(collected.text)")
        }
        func status(_ port: Int) async throws -> String {
            let (data, _) = try await URLSession.shared.data(
                from: URL(string: "http://127.0.0.1:\(port)/api/v1/status")!)
            return String(decoding: data, as: UTF8.self)
        }
        let before = try await status(ports[1])
        #expect(try await status(ports[0]) == before)

        let catalogue = try PhareProcess.run(
            ["indicators", "catalogue", "import", IndicatorCommandTests.bundledCatalogue], in: folder)
        #expect(catalogue.status == 0, "\(catalogue.stderr)")
        try "territory;indicator;year;value\nregion:44;actifs-15-64;2021;2500000\n".write(
            toFile: folder + "/arrivee-second-serveur.csv", atomically: true, encoding: .utf8)
        let imported = try PhareProcess.run(["indicators", "import", "arrivee-second-serveur.csv"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")

        var seen = false
        for _ in 0..<60 where !seen {
            try await Task.sleep(for: .milliseconds(250))
            seen = try await status(ports[1]) != before
        }
        #expect(seen, "the second server did not reload within 15 s")
        var same = false
        for _ in 0..<60 where !same {
            same = try await status(ports[0]) == status(ports[1])
            if !same { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(same, "both servers serve the same data version")
    }
}
