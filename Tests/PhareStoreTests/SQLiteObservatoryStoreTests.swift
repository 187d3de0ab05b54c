import Foundation
import Testing

@testable import PhareCore
@testable import PhareStore

@Suite struct SQLiteObservatoryStoreTests {
    static let framework = try! FrameworkLoader.bundled()
    static let tree = try! TerritoryTree.bundled()

    func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phare-store-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func initCreatesAndReopensTheObservatory() throws {
        let path = try temporaryFolder() + "/obs.sqlite"
        let outcome = try SQLiteObservatoryStore.initialise(
            path: path, framework: Self.framework, frameworkSource: "bundled", territories: Self.tree, force: false)
        #expect(outcome == .created)
        let store = try SQLiteObservatoryStore(path: path)
        #expect(try store.framework() == Self.framework)
        let tree = try store.territoryTree()
        #expect(tree.territories.count == Self.tree.territories.count)
        #expect(tree[TerritoryID(.region, "44")]?.population == Self.tree[TerritoryID(.region, "44")]?.population)
        let description = try store.description()
        #expect(
            description.migrations == [
                "v1-framework-and-territories", "v2-indicators", "v3-surveys", "v4-calibration-steps",
                "v5-indicator-columns", "v6-access", "v7-alliances", "v8-published-figures",
                "v9-pending-uploads",
            ])
        #expect(description.schemaVersion == 9)
        #expect(description.territoryCount == Self.tree.territories.count)
        #expect(description.frameworkID == "phare")
    }

    /// The server rebuilds its analysis when the data version moves: a data write moves it, a sign-in
    /// (session, failed login, audit entry) does not.
    @Test func dataVersionMovesWithDataWritesOnly() throws {
        let path = try temporaryFolder() + "/obs.sqlite"
        try SQLiteObservatoryStore.initialise(
            path: path, framework: Self.framework, frameworkSource: "bundled", territories: Self.tree, force: false)
        let created = try SQLiteObservatoryStore.dataState(path: path)
        #expect(created.version == 1 && !created.changedAt.isEmpty)
        let store = try SQLiteObservatoryStore(path: path)
        let now = Date(unixSeconds: 1_800_000_000)
        try store.addUser(
            UserAccount(login: "ana", role: .analyst, passwordHash: "$2b$10$x", createdAt: now, changedAt: now),
            audit: AuditEntry(at: now, actor: "cli:test", action: "user.add"))
        try store.createSession(
            SessionRecord(
                idHash: "h", login: "ana", csrfSecret: "c", createdAt: now, lastSeenAt: now,
                expiresAt: now.addingTimeInterval(3600)))
        try store.touchSession(idHash: "h", at: now.addingTimeInterval(60))
        try store.recordLoginFailure(LoginFailure(login: "ana", address: "127.0.0.1", at: now))
        try store.revokeSession(idHash: "h", at: now.addingTimeInterval(120))
        #expect(try SQLiteObservatoryStore.dataState(path: path).version == 1)
        try store.saveAlliances([])
        #expect(try SQLiteObservatoryStore.dataState(path: path).version == 2)
    }

    @Test func initTwiceChangesNothingAndForceRebuilds() throws {
        let folder = try temporaryFolder()
        let path = folder + "/obs.sqlite"
        try SQLiteObservatoryStore.initialise(
            path: path, framework: Self.framework, frameworkSource: "bundled", territories: Self.tree, force: false)
        let created = try SQLiteObservatoryStore(path: path).description().createdAt
        let again = try SQLiteObservatoryStore.initialise(
            path: path, framework: Self.framework, frameworkSource: "bundled", territories: Self.tree, force: false)
        #expect(again == .alreadyInitialised(appliedMigrations: []))
        #expect(try SQLiteObservatoryStore(path: path).description().territoryCount == Self.tree.territories.count)
        let later = Date().addingTimeInterval(3600)
        let forced = try SQLiteObservatoryStore.initialise(
            path: path, framework: Self.framework, frameworkSource: "bundled", territories: Self.tree, force: true,
            now: later)
        #expect(forced == .rebuilt)
        let rebuilt = try SQLiteObservatoryStore(path: path).description()
        #expect(rebuilt.createdAt != created)
        #expect(rebuilt.territoryCount == Self.tree.territories.count)
        // No temporary file is left beside the database.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test func aFailingPopulateStepLeavesNothingBehind() throws {
        struct DemoFailure: Error {}
        let folder = try temporaryFolder()
        let path = folder + "/obs.sqlite"
        var populated: String?
        #expect(throws: DemoFailure.self) {
            try SQLiteObservatoryStore.initialise(
                path: path, framework: Self.framework, frameworkSource: "bundled", territories: Self.tree, force: false
            ) { temporary in
                populated = temporary
                // The step sees a complete observatory at the temporary path…
                #expect(
                    try SQLiteObservatoryStore(path: temporary).description().territoryCount
                        == Self.tree.territories.count)
                throw DemoFailure()
            }
        }
        // …and when it fails, neither the observatory nor the temporary file remains.
        #expect(populated != nil && populated != path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func missingFolderIsOneClearSentence() throws {
        #expect(throws: StoreError.self) {
            try SQLiteObservatoryStore.initialise(
                path: "/nonexistent-\(UUID().uuidString)/obs.sqlite", framework: Self.framework,
                frameworkSource: "bundled", territories: Self.tree, force: false)
        }
        do {
            try SQLiteObservatoryStore.initialise(
                path: "/etc/hostname/obs.sqlite", framework: Self.framework, frameworkSource: "bundled",
                territories: Self.tree, force: false)
        } catch {
            #expect("\(error)" == "cannot create the database /etc/hostname/obs.sqlite: /etc/hostname is not a folder")
        }
    }

    @Test func openingSomethingElseIsRefused() throws {
        let folder = try temporaryFolder()
        #expect(throws: StoreError.self) { try SQLiteObservatoryStore(path: folder + "/absent.sqlite") }
        let text = folder + "/notes.sqlite"
        try "hello, this is not a database at all, just some text".write(
            toFile: text, atomically: true, encoding: .utf8)
        do {
            _ = try SQLiteObservatoryStore(path: text)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("not an SQLite database") || "\(error)".contains("cannot open"))
        }
    }
}
