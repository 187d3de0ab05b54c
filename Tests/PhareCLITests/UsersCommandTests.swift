import Foundation
import PhareTestSupport
import Testing

/// `phare users` and `phare audit`, and `phare serve` refusing a non-loopback address without accounts.
@Suite struct UsersCommandTests {
    @Test func accountsAreManagedAndAudited() throws {
        let folder = try PhareProcess.initialisedFolder()
        let user = ["USER": "marie"]
        let added = try PhareProcess.run(
            ["users", "add", "alice", "--role", "admin"], in: folder, environment: user,
            input: "correct horse battery\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("created the account alice (admin)"))
        // The password never appears in the arguments: there is no option for it.
        let withOption = try PhareProcess.run(["users", "add", "bob", "--password", "x"], in: folder)
        #expect(withOption.status != 0)
        let short = try PhareProcess.run(["users", "add", "bob"], in: folder, input: "short\n")
        #expect(short.status == 1)
        #expect(short.stderr.contains("the password must have at least 10 characters"))
        let twice = try PhareProcess.run(["users", "add", "alice"], in: folder, input: "another password\n")
        #expect(twice.stderr.contains("the account alice already exists"))
        let badLogin = try PhareProcess.run(["users", "add", "<b>x</b>"], in: folder, input: "another password\n")
        #expect(badLogin.status == 1 && badLogin.stderr.contains("is not valid"))
        #expect(
            try PhareProcess.run(["users", "add", "bob", "--role", "analyst"], in: folder, input: "bob's password\n")
                .status == 0)

        let list = try PhareProcess.run(["users", "list"], in: folder)
        let rows = list.stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(2).joined(separator: " ") }
        #expect(rows == ["login role", "alice admin", "bob analyst"])
        // The hash is bcrypt, cost 12, and not the password.
        let database = try String(contentsOfFile: folder + "/phare.sqlite", encoding: .isoLatin1)
        #expect(database.contains("$2b$12$") && !database.contains("correct horse battery"))

        #expect(
            try PhareProcess.run(["users", "passwd", "bob", "--role", "reader"], in: folder, input: "a new password\n")
                .status == 0)
        let lastAdmin = try PhareProcess.run(["users", "remove", "alice"], in: folder)
        #expect(lastAdmin.status == 1 && lastAdmin.stderr.contains("alice is the last admin"))
        #expect(try PhareProcess.run(["users", "remove", "bob"], in: folder, environment: user).status == 0)
        let unknown = try PhareProcess.run(["users", "remove", "bob"], in: folder)
        #expect(unknown.stderr.contains("there is no account bob"))

        let audit = try PhareProcess.run(["audit", "--format", "csv"], in: folder)
        let lines = audit.stdout.split(separator: "\n")
        #expect(lines.first == "id,at,actor,action,file_name,sha256,counts,detail")
        let actions = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[3] }
        #expect(actions == ["user.add", "user.add", "user.passwd", "user.remove"])
        #expect(lines[1].contains(",cli:marie,user.add,") && lines[1].hasSuffix(",alice as admin"))
        let json = try PhareProcess.run(["audit", "--format", "json", "--since", "2000-01-01"], in: folder)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 4 && decoded?.last?["detail"] as? String == "bob")
        let future = try PhareProcess.run(["audit", "--format", "json", "--since", "2999-01-01"], in: folder)
        #expect(future.stdout == "[]\n")
        let badDate = try PhareProcess.run(["audit", "--since", "yesterday"], in: folder)
        #expect(badDate.status != 0 && badDate.stderr.contains("--since must be a day YYYY-MM-DD"))
    }

    @Test func importsAreAuditedWithTheFileChecksum() throws {
        let folder = try PhareProcess.initialisedFolder()
        let catalogue = folder + "/catalogue.csv"
        let bundledPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/PhareCore/Resources/indicators.csv").path
        let bundled = try String(contentsOfFile: bundledPath, encoding: .utf8)
        try bundled.write(toFile: catalogue, atomically: true, encoding: .utf8)
        let imported = try PhareProcess.run(
            ["indicators", "catalogue", "import", catalogue], in: folder, environment: ["USER": "marie"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let json = try PhareProcess.run(["audit", "--format", "json"], in: folder)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let entry = try #require(entries.last)
        #expect(entry["action"] as? String == "catalogue.import")
        #expect(entry["actor"] as? String == "cli:marie")
        #expect(entry["file_name"] as? String == "catalogue.csv")
        let sha = try ProcessOutput.run("sha256sum", [catalogue]).stdout.split(separator: " ").first.map(String.init)
        #expect(entry["sha256"] as? String == sha)
        let counts = entry["counts"] as? [String: Int]
        #expect(counts?["added"] ?? 0 > 0 && counts?["replaced"] == 0)
    }

    @Test func serveRefusesAnOpenAddressWithoutAccounts() throws {
        let folder = try PhareProcess.initialisedFolder()
        let refused = try PhareProcess.run(["serve", "--host", "0.0.0.0", "--port", "18998"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no account is defined, and 0.0.0.0 is not a loopback address"))
        #expect(refused.stderr.contains("phare users add LOGIN --role admin"))
    }
}
