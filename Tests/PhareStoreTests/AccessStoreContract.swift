import Foundation
import PhareTestSupport
import Testing

@testable import PhareCore
@testable import PhareStore

/// What every `AccessStore` must do, whatever its database: each check takes a new, empty store.
/// The suite below runs them all on both stores.
enum AccessStoreContract {
    static let checks: [(name: String, run: @Sendable (any AccessStore) throws -> Void)] = [
        ("users round trip and are audited in the same step", usersRoundTrip),
        ("updating a password revokes the sessions", passwordChangeRevokesSessions),
        ("removing an account ends its sessions", removeUserEndsSessions),
        ("sessions are stored, touched, revoked and cleaned", sessionsLifecycle),
        ("login failures are counted per login and per address", loginFailures),
        ("publication marks are set and taken away", publication),
        ("the audit log keeps order, counts, since and limit", auditLog),
        ("markup and SQL strings are stored as they are", inertStrings),
        ("a checked upload is taken once, by its owner, before it expires", uploadTakenOnceByItsOwner),
        ("expired uploads and an owner's oldest beyond the limit are purged", uploadsPurged),
    ]

    static let t0 = Date(unixSeconds: 1_800_000_000)

    static func account(_ login: String, _ role: Role = .analyst) -> UserAccount {
        UserAccount(login: login, role: role, passwordHash: "$2b$10$hash-of-\(login)", createdAt: t0, changedAt: t0)
    }

    static func audit(_ action: String, at: Date = t0, detail: String = "") -> AuditEntry {
        AuditEntry(at: at, actor: "cli:test", action: action, detail: detail)
    }

    static func session(_ id: String, login: String, at: Date = t0) -> SessionRecord {
        SessionRecord(
            idHash: id, login: login, csrfSecret: "csrf-\(id)", createdAt: at, lastSeenAt: at,
            expiresAt: at.addingTimeInterval(3600))
    }

    static func usersRoundTrip(_ store: any AccessStore) throws {
        #expect(try store.users().isEmpty)
        try store.addUser(account("zoe", .reader), audit: audit("user.add", detail: "zoe"))
        try store.addUser(account("alice", .admin), audit: audit("user.add", detail: "alice"))
        #expect(try store.users() == [account("alice", .admin), account("zoe", .reader)])
        #expect(try store.user(login: "zoe") == account("zoe", .reader))
        #expect(try store.user(login: "nobody") == nil)
        #expect(throws: StoreError.self) { try store.addUser(account("zoe"), audit: audit("user.add")) }
        let later = t0.addingTimeInterval(60)
        try store.updateUser(login: "zoe", role: .analyst, passwordHash: nil, at: later, audit: audit("user.role"))
        let zoe = try #require(try store.user(login: "zoe"))
        #expect(zoe.role == .analyst && zoe.passwordHash == account("zoe").passwordHash)
        #expect(zoe.createdAt == t0 && zoe.changedAt == later)
        #expect(throws: StoreError.self) {
            try store.updateUser(login: "nobody", role: .admin, passwordHash: nil, at: later, audit: audit("user.role"))
        }
        #expect(throws: StoreError.self) { try store.removeUser(login: "nobody", audit: audit("user.remove")) }
        // The refused changes left no audit entry; the three accepted ones did.
        #expect(try store.auditEntries(since: nil, limit: nil).map(\.action) == ["user.add", "user.add", "user.role"])
    }

    static func passwordChangeRevokesSessions(_ store: any AccessStore) throws {
        try store.addUser(account("bob"), audit: audit("user.add"))
        try store.createSession(session("s1", login: "bob"))
        let later = t0.addingTimeInterval(120)
        try store.updateUser(
            login: "bob", role: nil, passwordHash: "$2b$10$new", at: later, audit: audit("user.passwd"))
        #expect(try store.session(idHash: "s1")?.revokedAt == later)
        #expect(try store.user(login: "bob")?.passwordHash == "$2b$10$new")
        #expect(try store.user(login: "bob")?.role == .analyst)
    }

    static func removeUserEndsSessions(_ store: any AccessStore) throws {
        try store.addUser(account("carol"), audit: audit("user.add"))
        try store.createSession(session("s2", login: "carol"))
        try store.removeUser(login: "carol", audit: audit("user.remove"))
        #expect(try store.user(login: "carol") == nil)
        #expect(try store.session(idHash: "s2") == nil)
        // A new account with the same login does not inherit the old sessions.
        try store.addUser(account("carol"), audit: audit("user.add"))
        #expect(try store.session(idHash: "s2") == nil)
    }

    static func sessionsLifecycle(_ store: any AccessStore) throws {
        try store.addUser(account("dan"), audit: audit("user.add"))
        let first = session("a", login: "dan")
        try store.createSession(first)
        try store.createSession(session("b", login: "dan", at: t0.addingTimeInterval(7200)))
        #expect(try store.session(idHash: "a") == first)
        #expect(try store.session(idHash: "zzz") == nil)
        try store.touchSession(idHash: "a", at: t0.addingTimeInterval(30))
        #expect(try store.session(idHash: "a")?.lastSeenAt == t0.addingTimeInterval(30))
        try store.revokeSession(idHash: "a", at: t0.addingTimeInterval(40))
        try store.revokeSession(idHash: "a", at: t0.addingTimeInterval(50))
        #expect(try store.session(idHash: "a")?.revokedAt == t0.addingTimeInterval(40))
        #expect(try store.session(idHash: "b")?.revokedAt == nil)
        // "a" was revoked at t0+40 and expires at t0+3600; "b" expires at t0+10800.
        try store.deleteSessions(endedBefore: t0.addingTimeInterval(41))
        #expect(try store.session(idHash: "a") == nil)
        #expect(try store.session(idHash: "b") != nil)
        try store.deleteSessions(endedBefore: t0.addingTimeInterval(10801))
        #expect(try store.session(idHash: "b") == nil)
    }

    static func loginFailures(_ store: any AccessStore) throws {
        for second in [0, 10, 20] {
            try store.recordLoginFailure(LoginFailure(login: "eve", address: "10.0.0.1", at: t0 + Double(second)))
        }
        try store.recordLoginFailure(LoginFailure(login: "frank", address: "10.0.0.1", at: t0 + 30))
        try store.recordLoginFailure(LoginFailure(login: "eve", address: "10.0.0.2", at: t0 + 40))
        #expect(try store.loginFailures(login: "eve", since: t0 + 10) == [t0 + 10, t0 + 20, t0 + 40])
        #expect(try store.loginFailures(address: "10.0.0.1", since: t0) == [t0, t0 + 10, t0 + 20, t0 + 30])
        try store.clearLoginFailures(login: "eve")
        #expect(try store.loginFailures(login: "eve", since: t0).isEmpty)
        #expect(try store.loginFailures(address: "10.0.0.1", since: t0).count == 4)
        try store.recordLoginFailure(LoginFailure(login: "eve", address: "10.0.0.3", at: t0 + 50))
        #expect(try store.loginFailures(login: "eve", since: t0) == [t0 + 50])
        #expect(try store.loginFailures(login: "frank", since: t0) == [t0 + 30])
    }

    static func publication(_ store: any AccessStore) throws {
        #expect(try store.publicationMarks().isEmpty)
        let methodology = PublicationMark(kind: .methodology, markedBy: "user:alice", markedAt: t0)
        let dashboard = PublicationMark(kind: .dashboard, markedBy: "local", markedAt: t0 + 5)
        try store.setPublication(kind: .methodology, mark: methodology, audit: audit("publication.set"))
        try store.setPublication(kind: .dashboard, mark: dashboard, audit: audit("publication.set"))
        try store.setPublication(kind: .methodology, mark: methodology, audit: audit("publication.set"))
        #expect(try store.publicationMarks() == [dashboard, methodology])
        try store.setPublication(kind: .methodology, mark: nil, audit: audit("publication.unset"))
        #expect(try store.publicationMarks() == [dashboard])
        #expect(try store.auditEntries(since: nil, limit: nil).count == 4)
    }

    static func auditLog(_ store: any AccessStore) throws {
        let entry = AuditEntry(
            at: t0 + 100, actor: "user:alice", action: "indicators.import", fileName: "valeurs.csv",
            sha256: String(repeating: "ab", count: 32), counts: ["rows": 1200, "indicators": 3],
            detail: "replace")
        try store.recordAudit(audit("survey.import", at: t0))
        try store.recordAudit(entry)
        try store.recordAudit(audit("survey.weight", at: t0 + 200))
        let all = try store.auditEntries(since: nil, limit: nil)
        #expect(all.map(\.action) == ["survey.import", "indicators.import", "survey.weight"])
        #expect(Set(all.compactMap(\.id)).count == 3)
        var stored = try #require(all.dropFirst().first)
        #expect(stored.id != nil)
        stored.id = nil
        #expect(stored == entry)
        #expect(
            try store.auditEntries(since: t0 + 100, limit: nil).map(\.action) == ["indicators.import", "survey.weight"])
        #expect(try store.auditEntries(since: nil, limit: 2).map(\.action) == ["indicators.import", "survey.weight"])
    }

    static func inertStrings(_ store: any AccessStore) throws {
        let hostile = "x'); DROP TABLE app_user; -- <script>alert(1)</script> \"é\""
        try store.addUser(account(hostile), audit: audit("user.add", detail: hostile))
        #expect(try store.user(login: hostile)?.login == hostile)
        let entry = AuditEntry(
            at: t0, actor: hostile, action: "indicators.import", fileName: hostile, counts: [hostile: 1],
            detail: hostile)
        try store.recordAudit(entry)
        let read = try store.auditEntries(since: nil, limit: 1)
        #expect(read.first?.fileName == hostile && read.first?.counts == [hostile: 1] && read.first?.detail == hostile)
        #expect(try store.users().count == 1)
    }
}

extension AccessStoreContract {
    static func upload(_ token: String, owner: String = "user:bob", at: Date = t0, lifetime: TimeInterval = 3600)
        -> PendingUpload
    {
        // Bytes that are not UTF-8 (a NUL, a lone continuation byte), and hostile option values.
        PendingUpload(
            tokenHash: token, owner: owner, kind: "margins", fileName: "marges 'x'); --.csv",
            options: ["wave": "2025", "actor": "<b>citoyens</b>", "replace": "1"],
            content: Data([0x76, 0x61, 0x72, 0x00, 0x80, 0xFF]) + Data(token.utf8), createdAt: at,
            expiresAt: at.addingTimeInterval(lifetime))
    }

    static func uploadTakenOnceByItsOwner(_ store: any AccessStore) throws {
        try store.keepUpload(upload("u1"), perOwner: 8)
        // Someone else's confirmation does not get it, nor take it away from its owner.
        #expect(try store.takeUpload(tokenHash: "u1", owner: "user:alice", at: t0) == nil)
        #expect(try store.takeUpload(tokenHash: "u1", owner: "user:bob", at: t0.addingTimeInterval(60)) == upload("u1"))
        #expect(try store.takeUpload(tokenHash: "u1", owner: "user:bob", at: t0.addingTimeInterval(61)) == nil)
        // At its expiry instant it is gone.
        try store.keepUpload(upload("u2"), perOwner: 8)
        #expect(try store.takeUpload(tokenHash: "u2", owner: "user:bob", at: t0.addingTimeInterval(3600)) == nil)
        #expect(
            try store.takeUpload(tokenHash: "u2", owner: "user:bob", at: t0.addingTimeInterval(3599)) == upload("u2"))
    }

    static func uploadsPurged(_ store: any AccessStore) throws {
        try store.keepUpload(upload("old", owner: "user:carl"), perOwner: 8)
        try store.keepUpload(upload("b1", at: t0.addingTimeInterval(1)), perOwner: 2)
        try store.keepUpload(upload("b2", at: t0.addingTimeInterval(2)), perOwner: 2)
        try store.keepUpload(upload("b3", at: t0.addingTimeInterval(3)), perOwner: 2)
        // bob keeps his two newest; carl's is another owner's and stays.
        let soon = t0.addingTimeInterval(10)
        #expect(try store.takeUpload(tokenHash: "b1", owner: "user:bob", at: soon) == nil)
        #expect(try store.takeUpload(tokenHash: "b2", owner: "user:bob", at: soon) != nil)
        #expect(try store.takeUpload(tokenHash: "b3", owner: "user:bob", at: soon) != nil)
        // A new upload after carl's expired deletes it: asked for at an earlier instant, it is not there.
        try store.keepUpload(upload("b4", at: t0.addingTimeInterval(3600)), perOwner: 2)
        #expect(try store.takeUpload(tokenHash: "old", owner: "user:carl", at: soon) == nil)
        #expect(try store.takeUpload(tokenHash: "b4", owner: "user:bob", at: t0.addingTimeInterval(3601)) != nil)
    }
}

/// The contract on both stores.
@Suite struct AccessStoreTests {
    @Test(arguments: StoreKind.allCases, AccessStoreContract.checks.map(\.name))
    func contract(_ kind: StoreKind, _ name: String) throws {
        let check = try #require(AccessStoreContract.checks.first { $0.name == name })
        try check.run(try StoreFixture.initialised(kind).store)
    }
}
