import Foundation
import PhareTestSupport
import Testing

/// An import killed with SIGKILL at any moment leaves the database intact (`PRAGMA
/// integrity_check` = ok) and the values it held before unchanged: the built `phare` imports a
/// large generated file and is killed at five moments spread over the import.
@Suite(.serialized) struct ImportCrashTests {
    static let territories = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/PhareCore/Resources/territories.tsv").path

    /// Every commune of the bundled tree × `variables` counts, value `seed + row + column`.
    static func write(folder: String, variables: Int, seed: Int) throws -> (wide: String, mapping: String) {
        let tree = try String(contentsOfFile: territories, encoding: .utf8)
        let communes = tree.split(separator: "\n").dropFirst().compactMap { line -> Substring? in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count > 1 && fields[0] == "commune" ? fields[1] : nil
        }
        var wide = "CODGEO;" + (0..<variables).map { "V\($0)" }.joined(separator: ";") + "\n"
        for (row, code) in communes.enumerated() {
            wide += code + ";" + (0..<variables).map { String(seed + row + $0) }.joined(separator: ";") + "\n"
        }
        let mapping = "column;indicator;year\n" + (0..<variables).map { "V\($0);crash-\($0);2021\n" }.joined()
        let widePath = folder + "/wide-\(seed).csv"
        let mappingPath = folder + "/mapping.csv"
        try wide.write(toFile: widePath, atomically: true, encoding: .utf8)
        try mapping.write(toFile: mappingPath, atomically: true, encoding: .utf8)
        return (widePath, mappingPath)
    }

    /// `integrity_check` and a digest of every indicator table, read by Python's sqlite3 (which,
    /// like any client, first rolls back the journal a killed writer left behind).
    static func state(_ database: String) throws -> (integrity: String, digest: String) {
        let script = """
            import hashlib, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
            h = hashlib.sha256()
            for table in ("indicator", "indicator_dataset", "indicator_column", "indicator_aggregate_column"):
                for row in db.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3"):
                    h.update(repr(row).encode())
            print(integrity, h.hexdigest())
            """
        let run = try ProcessOutput.run("python3", ["-c", script, database])
        let words = run.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard run.status == 0, words.count == 2 else { return ("python3 failed: \(run.stderr)", "") }
        return (words[0], words[1])
    }

    @Test func killedImportsLeaveThePreviousValues() throws {
        let folder = try PhareProcess.temporaryFolder()
        let database = folder + "/obs.sqlite"
        let variables = 40
        let catalogue =
            "code;label_fr;label_en;domain;unit;polarity;aggregation;source;vintage;levels;diagnosed\n"
            + (0..<variables).map {
                "crash-\($0);Effectif \($0);Count \($0);;personnes;higher-is-fragile;sum;test;2021;commune;non\n"
            }.joined()
        try catalogue.write(toFile: folder + "/catalogue.csv", atomically: true, encoding: .utf8)
        for arguments in [
            ["init", "--db", database],
            ["indicators", "catalogue", "import", "--db", database, folder + "/catalogue.csv"],
        ] {
            let run = try PhareProcess.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        let first = try Self.write(folder: folder, variables: variables, seed: 1)
        let imported = try PhareProcess.run([
            "indicators", "import", "--db", database, first.wide, "--mapping", first.mapping, "--level", "commune",
        ])
        try #require(imported.status == 0, "\(imported.stderr)")
        let before = try Self.state(database)
        #expect(before.integrity == "ok")

        // How long a whole import of the second file takes, then kills spread over it.
        let second = try Self.write(folder: folder, variables: variables, seed: 1000)
        let arguments = [
            "indicators", "import", "--db", database, second.wide, "--mapping", second.mapping, "--level", "commune",
        ]
        let copy = folder + "/timing.sqlite"
        try FileManager.default.copyItem(atPath: database, toPath: copy)
        let start = Date()
        let timed = try PhareProcess.run(arguments.map { $0 == database ? copy : $0 })
        #expect(timed.status == 0, "\(timed.stderr)")
        let duration = Date().timeIntervalSince(start)
        var killed = 0
        for fraction in [0.05, 0.2, 0.35, 0.5, 0.65] {
            let process = Process()
            process.executableURL = PhareProcess.executable
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: duration * fraction)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            let after = try Self.state(database)
            #expect(after.integrity == "ok", "killed at \(fraction) of the import")
            if process.terminationReason == .uncaughtSignal {
                #expect(after.digest == before.digest, "killed at \(fraction): the previous values changed")
            } else {
                // The import ended before the signal: it is complete, and becomes the state to keep.
                Issue.record("the import ended before the kill at \(fraction) of \(duration) s")
                break
            }
        }
        #expect(killed == 5)
    }
}
