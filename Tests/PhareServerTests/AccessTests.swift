import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PhareStore
import PhareTestSupport
import Testing

@testable import PhareServer

final class PulledChunks: @unchecked Sendable {
    private let lock = NSLock()
    private var pulled = 0
    var count: Int { lock.withLock { pulled } }
    func add() { lock.withLock { pulled += 1 } }
}

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var instant = Date(timeIntervalSince1970: 1_900_000_000)
    var now: Date { lock.withLock { instant } }
    func advance(_ seconds: TimeInterval) { lock.withLock { instant += seconds } }
}

/// An observatory with three accounts (alice admin, bob analyst, carl reader) served on an
/// open address (so nobody is admin by default), with cookies marked Secure. In a new SQLite file,
/// or at `location` (a PostgreSQL database, say).
struct AccessFixture {
    static let passwords = ["alice": "alice password", "bob": "bob password", "carl": "carl password"]
    let store: any ObservatoryStore
    let access: AccessControl
    let location: String
    let clock: TestClock

    init(users: Bool = true, loopback: Bool = false, maxUpload: Int = 50 * 1024 * 1024, location: String? = nil)
        throws
    {
        let location = location ?? ServerFixture.temporaryFolder() + "/access.sqlite"
        try ObservatoryLocation(location).initialise(
            framework: ServerFixture.framework, frameworkSource: "bundled", territories: ServerFixture.tree,
            force: false)
        try self.init(opening: location, loopback: loopback, maxUpload: maxUpload, clock: TestClock())
        if users {
            for (login, role) in [("alice", Role.admin), ("bob", .analyst), ("carl", .reader)] {
                try store.addUser(
                    UserAccount(
                        login: login, role: role, passwordHash: Passwords.hash(Self.passwords[login]!, cost: 4),
                        createdAt: clock.now, changedAt: clock.now),
                    audit: AuditEntry(at: clock.now, actor: "test", action: "user.add", detail: login))
            }
        }
    }

    /// A second server on the observatory of `other` (its own store and access control, the same clock).
    init(sharing other: AccessFixture) throws {
        try self.init(
            opening: other.location, loopback: other.access.settings.loopback,
            maxUpload: other.access.settings.maxUploadBytes, clock: other.clock)
    }

    private init(opening location: String, loopback: Bool, maxUpload: Int, clock: TestClock) throws {
        self.location = location
        self.clock = clock
        store = try ObservatoryLocation(location).open()
        var settings = AccessSettings(loopback: loopback, secureCookies: !loopback)
        settings.maxUploadBytes = maxUpload
        access = AccessControl(store: store, settings: settings, bcryptCost: 4, clock: { clock.now })
    }

    func application() -> some ApplicationProtocol {
        Application(
            router: DashboardServer(
                holder: SnapshotHolder(ServerFixture.snapshot), assets: ServerFixture.assets, access: access,
                accessLog: nil
            ).router())
    }
}

/// A browser's cookies and the CSRF token of its last page.
struct Browser {
    var cookies: [String: String] = [:]
    var csrf = ""
    /// Headers sent with every request besides the cookies.
    var headers = HTTPFields()

    var cookieHeader: HTTPFields {
        var fields = headers
        if !cookies.isEmpty {
            fields[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        return fields
    }

    mutating func absorb(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if field.value.contains("Max-Age=0") {
                cookies[pair[0]] = nil
            } else if pair.count == 2 {
                cookies[pair[0]] = pair[1]
            }
        }
        let text = response.text
        if let range = text.range(of: "name=\"csrf\" value=\"") {
            csrf = String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    mutating func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: cookieHeader)
        absorb(response)
        return response
    }

    mutating func post(_ client: some TestClientProtocol, _ uri: String, _ fields: [(String, String)]) async throws
        -> TestResponse
    {
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        absorb(response)
        return response
    }

    mutating func upload(
        _ client: some TestClientProtocol, _ uri: String, fields: [(String, String)],
        file: (name: String, content: String)
    ) async throws -> TestResponse {
        let boundary = "phare-test-boundary"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body +=
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\n"
            + "Content-Type: text/csv\r\n\r\n\(file.content)\r\n--\(boundary)--\r\n"
        var headers = cookieHeader
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        absorb(response)
        return response
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// Signs in through the login form; returns the answer to the POST.
    @discardableResult
    mutating func login(_ client: some TestClientProtocol, _ login: String, _ password: String? = nil) async throws
        -> TestResponse
    {
        _ = try await get(client, "/login")
        let response = try await post(
            client, "/login",
            [
                ("csrf", csrf), ("login", login), ("password", password ?? AccessFixture.passwords[login] ?? ""),
                ("next", "/"),
            ])
        if response.status == .seeOther { _ = try await get(client, "/") }
        return response
    }
}

@Suite struct AccessTests {
    @Test func anonymousVisitorsAreAskedToSignIn() async throws {
        let fixture = try AccessFixture()
        try await fixture.application().test(.router) { client in
            var browser = Browser()
            let page = try await browser.get(client, "/region/44")
            #expect(page.status == .unauthorized)
            #expect(page.text.contains("href=\"/login?next=%2Fregion%2F44\""))
            let api = try await browser.get(client, "/api/v1/status")
            #expect(api.status == .unauthorized && api.text.contains("\"status\":401"))
            #expect(try await browser.get(client, "/download/regions.csv").status == .unauthorized)
            #expect(try await browser.get(client, "/methodology").status == .unauthorized)
            // What anyone may ask for.
            #expect(try await browser.get(client, "/login").status == .ok)
            #expect(try await browser.get(client, "/healthz").status == .ok)
            #expect(try await browser.get(client, "/openapi.json").status == .ok)
            #expect(try await browser.get(client, "/assets/dashboard.css").status == .ok)
            // Writes.
            for uri in ["/admin/users", "/admin/publication", "/import/check", "/import/confirm", "/logout"] {
                let refused = try await browser.post(client, uri, [("csrf", browser.csrf), ("action", "add")])
                #expect(refused.status == .unauthorized, "\(uri)")
            }
            #expect(try fixture.store.users().count == 3)
        }
    }

    @Test func rolesDecideWhatEachAccountMayDo() async throws {
        let fixture = try AccessFixture()
        try await fixture.application().test(.router) { client in
            var reader = Browser()
            try await reader.login(client, "carl")
            let home = try await reader.get(client, "/region/44")
            #expect(home.status == .ok)
            #expect(home.text.contains("<span class=\"who\">carl · lecteur</span>"))
            #expect(try await reader.get(client, "/api/v1/status").status == .ok)
            #expect(try await reader.get(client, "/import").status == .forbidden)
            #expect(try await reader.get(client, "/admin/users").status == .forbidden)
            #expect(try await reader.get(client, "/api/v1/audit").status == .forbidden)
            let write = try await reader.post(
                client, "/admin/users",
                [
                    ("csrf", reader.csrf), ("action", "add"), ("login", "mallory"), ("role", "admin"),
                    ("password", "mallory password"),
                ])
            #expect(write.status == .forbidden)
            let upload = try await reader.upload(
                client, "/import/check", fields: [("csrf", reader.csrf), ("kind", "catalogue")],
                file: ("a.csv", "code\n"))
            #expect(upload.status == .forbidden)

            var analyst = Browser()
            try await analyst.login(client, "bob")
            #expect(try await analyst.get(client, "/import").status == .ok)
            #expect(try await analyst.get(client, "/admin/users").status == .forbidden)
            #expect(try await analyst.get(client, "/api/v1/audit?lang=en").status == .forbidden)

            var admin = Browser()
            try await admin.login(client, "alice")
            #expect(try await admin.get(client, "/admin/users").status == .ok)
            let audit = try await admin.get(client, "/api/v1/audit")
            #expect(audit.status == .ok)
            let entries = try JSONSerialization.jsonObject(with: Data(audit.text.utf8)) as? [[String: Any]]
            #expect(entries?.map { $0["detail"] as? String } == ["alice", "bob", "carl"])
            #expect(try fixture.store.user(login: "mallory") == nil)
        }
    }

    @Test func sessionCookiesAreFlaggedAndLogoutRevokes() async throws {
        let fixture = try AccessFixture()
        try await fixture.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.get(client, "/login")
            let login = try await browser.post(
                client, "/login", [("csrf", browser.csrf), ("login", "carl"), ("password", "carl password")])
            #expect(login.status == .seeOther)
            let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("phare_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Secure"))
            #expect(cookie.contains("Max-Age=43200"))
            // The store keeps the token's hash only.
            let token = try #require(browser.cookies["phare_session"])
            #expect(try fixture.store.session(idHash: token) == nil)
            #expect(try fixture.store.session(idHash: Tokens.sha256(token)) != nil)
            _ = try await browser.get(client, "/")
            let stolen = browser
            let logout = try await browser.post(client, "/logout", [("csrf", browser.csrf)])
            #expect(logout.status == .seeOther)
            #expect(
                logout.headers[values: .setCookie].contains {
                    $0.hasPrefix("phare_session=;") && $0.contains("Max-Age=0")
                })
            // The copied cookie of the ended session is refused: replay after logout.
            var replay = stolen
            #expect(try await replay.get(client, "/region/44").status == .unauthorized)
            #expect(try await replay.get(client, "/api/v1/status").status == .unauthorized)
            #expect(try await replay.post(client, "/logout", [("csrf", stolen.csrf)]).status == .unauthorized)
        }
    }

    @Test func expiredAndIdleSessionsAreRefused() async throws {
        let fixture = try AccessFixture()
        try await fixture.application().test(.router) { client in
            var browser = Browser()
            try await browser.login(client, "carl")
            fixture.clock.advance(29 * 60)
            #expect(try await browser.get(client, "/").status == .ok)
            fixture.clock.advance(29 * 60)
            // Seen 29 minutes ago: still within the idle timeout of 30 minutes.
            #expect(try await browser.get(client, "/").status == .ok)
            fixture.clock.advance(31 * 60)
            #expect(try await browser.get(client, "/").status == .unauthorized)

            var steady = Browser()
            try await steady.login(client, "carl")
            for _ in 0..<26 {
                fixture.clock.advance(28 * 60)
                _ = try await steady.get(client, "/")
            }
            // 12 hours and more after the login: expired however active.
            #expect(try await steady.get(client, "/").status == .unauthorized)
        }
    }

    @Test func formsWithoutTheSessionTokenAreRefused() async throws {
        let fixture = try AccessFixture()
        try await fixture.application().test(.router) { client in
            var admin = Browser()
            try await admin.login(client, "alice")
            let fields = [("action", "add"), ("login", "dora"), ("role", "reader"), ("password", "dora password")]
            let missing = try await admin.post(client, "/admin/users", fields)
            #expect(missing.status == .forbidden && missing.text.contains("Ce formulaire a expiré"))
            let wrong = try await admin.post(
                client, "/admin/users", [("csrf", String(repeating: "0", count: 64))] + fields)
            #expect(wrong.status == .forbidden)
            // Another session's token is not this session's.
            var other = Browser()
            try await other.login(client, "carl")
            #expect(try await admin.post(client, "/admin/users", [("csrf", other.csrf)] + fields).status == .forbidden)
            #expect(try fixture.store.user(login: "dora") == nil)
            var stranger = Browser()
            let login = try await stranger.post(
                client, "/login", [("login", "alice"), ("password", "alice password")])
            #expect(login.status == .forbidden)
            let _ = try await admin.get(client, "/admin/users")
            let accepted = try await admin.post(client, "/admin/users", [("csrf", admin.csrf)] + fields)
            #expect(accepted.status == .seeOther)
            #expect(try fixture.store.user(login: "dora")?.role == .reader)
            #expect(try fixture.store.auditEntries(since: nil, limit: 1).first?.actor == "user:alice")
        }
    }

    @Test func bruteForceIsThrottledPerLoginAndPerAddress() async throws {
        let fixture = try AccessFixture()
        try await fixture.application().test(.router) { client in
            var browser = Browser()
            for _ in 0..<5 {
                #expect(try await browser.login(client, "alice", "guess").status == .unauthorized)
            }
            // The right password is refused too while throttled, with when to retry.
            let throttled = try await browser.login(client, "alice", "alice password")
            #expect(throttled.status == .tooManyRequests)
            #expect(
                throttled.text.contains(
                    "Trop d’échecs de connexion : réessayez après 2030-03-17T18:01:40Z (dans 15 min)."))
            #expect(throttled.headers[.retryAfter] == "900")
            fixture.clock.advance(15 * 60 + 1)
            #expect(try await browser.login(client, "alice", "alice password").status == .seeOther)

            // 20 failures from one address, on any logins, close it to every login.
            for index in 0..<20 {
                var stranger = Browser()
                _ = try await stranger.login(client, "nobody\(index)", "guess")
            }
            var fresh = Browser()
            #expect(try await fresh.login(client, "carl").status == .tooManyRequests)
        }
    }

    /// The failures are counted per socket peer: a client that sends a new X-Forwarded-For (or
    /// X-Real-IP) with each attempt is still one address.
    @Test func throttlingCountsTheSocketPeerNotAForwardedHeader() async throws {
        let fixture = try AccessFixture()
        try await fixture.application().test(.router) { client in
            for index in 0..<20 {
                var stranger = Browser()
                stranger.headers[HTTPField.Name("X-Forwarded-For")!] = "203.0.113.\(index)"
                stranger.headers[HTTPField.Name("X-Real-IP")!] = "203.0.113.\(index)"
                let status = try await stranger.login(client, "nobody\(index)", "guess").status
                #expect(status == .unauthorized)
            }
            var fresh = Browser()
            fresh.headers[HTTPField.Name("X-Forwarded-For")!] = "198.51.100.7"
            #expect(try await fresh.login(client, "carl").status == .tooManyRequests)
        }
        let addresses = try fixture.store.loginFailures(address: "203.0.113.1", since: .distantPast)
        #expect(addresses.isEmpty)
    }

    /// /healthz answers anyone; /metrics answers admins, and a client on the server's own machine
    /// (its socket peer, not a header) for a scraper there.
    @Test func metricsAnswerAdminsAndTheServersOwnMachine() async throws {
        let fixture = try AccessFixture()
        #expect(RouteTable.route(for: ["metrics"])?.route.access == .adminOrLoopbackPeer)
        #expect(RouteTable.route(for: ["healthz"])?.route.access == .anyone)
        try await fixture.application().test(.router) { client in
            var anonymous = Browser()
            anonymous.headers[HTTPField.Name("X-Forwarded-For")!] = "127.0.0.1"
            #expect(try await anonymous.get(client, "/healthz").status == .ok)
            #expect(try await anonymous.get(client, "/metrics").status == .unauthorized)
            var reader = Browser()
            try await reader.login(client, "carl")
            #expect(try await reader.get(client, "/metrics").status == .forbidden)
            var admin = Browser()
            try await admin.login(client, "alice")
            let metrics = try await admin.get(client, "/metrics")
            #expect(metrics.status == .ok && metrics.text.contains("phare_http_requests_total"))
        }
        // Over a real socket from 127.0.0.1, nobody signed in.
        try await fixture.application().test(.live) { client in
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok && metrics.text.contains("phare_http_requests_total"))
        }
    }

    @Test func anOversizedUploadIsRefusedBeforeItIsRead() async throws {
        let fixture = try AccessFixture(maxUpload: 1000)
        try await fixture.application().test(.router) { client in
            var analyst = Browser()
            try await analyst.login(client, "bob")
            // Too large on the wire: refused with 413 and the limit named.
            let streamed = try await analyst.upload(
                client, "/import/check", fields: [("csrf", analyst.csrf), ("kind", "catalogue")],
                file: ("big.csv", String(repeating: "x", count: 5000)))
            #expect(streamed.status == .contentTooLarge)
            #expect(streamed.text.contains("Envoi refusé : il dépasse la limite de 1000 octets."))
            // Anonymous forms are limited to 64 KiB.
            var stranger = Browser()
            let big = try await stranger.post(client, "/login", [("login", String(repeating: "a", count: 70_000))])
            #expect(big.status == .contentTooLarge)
        }
    }

    /// The body is counted as it streams in: past the limit, reading stops, the rest is never pulled.
    @Test func anUndeclaredBodyStopsBeingReadAtTheLimit() async throws {
        let pulled = PulledChunks()
        let chunks = AsyncThrowingStream<ByteBuffer, any Error> { continuation in
            for _ in 0..<100 {
                continuation.yield(ByteBuffer(repeating: 0x61, count: 100))
            }
            continuation.finish()
        }
        let counted = chunks.map { chunk -> ByteBuffer in
            pulled.add()
            return chunk
        }
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/import/check"),
            body: RequestBody(asyncSequence: counted))
        #expect(try await SessionRoutes.readBody(request, limit: 1000) == nil)
        #expect(pulled.count == 11)
        // Declared too large: refused on its Content-Length before a single byte is pulled.
        let unread = PulledChunks()
        let declared = Request(
            head: HTTPRequest(
                method: .post, scheme: "http", authority: "localhost", path: "/import/check",
                headerFields: [.contentLength: "5000"]),
            body: RequestBody(
                asyncSequence: AsyncThrowingStream<ByteBuffer, any Error> { continuation in
                    continuation.yield(ByteBuffer(string: "x"))
                    continuation.finish()
                }.map { chunk -> ByteBuffer in
                    unread.add()
                    return chunk
                }))
        #expect(try await SessionRoutes.readBody(declared, limit: 1000) == nil)
        #expect(unread.count == 0)
        let small = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/import/check"),
            body: RequestBody(buffer: ByteBuffer(string: "login=a")))
        #expect(try await SessionRoutes.readBody(small, limit: 1000) == Data("login=a".utf8))
    }

    static let hostile = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR '1'='1' --",
        "x'); DROP TABLE app_user; --", "</textarea><svg onload=alert(1)>",
    ]

    /// Every field of every form, and the upload's name and content, take hostile strings: nothing
    /// is run, the tables are intact, and whatever is shown back is escaped.
    @Test func hostileStringsInEveryFormStayInert() async throws {
        let fixture = try AccessFixture()
        try await fixture.application().test(.router) { client in
            var admin = Browser()
            try await admin.login(client, "alice")
            var analyst = Browser()
            try await analyst.login(client, "bob")
            for text in Self.hostile {
                var anonymous = Browser()
                _ = try await anonymous.get(client, "/login")
                let login = try await anonymous.post(
                    client, "/login", [("csrf", anonymous.csrf), ("login", text), ("password", text), ("next", text)])
                #expect(login.status == .unauthorized)
                let answers = [
                    login,
                    try await admin.post(
                        client, "/admin/users",
                        [("csrf", admin.csrf), ("action", "add"), ("login", text), ("role", text), ("password", text)]),
                    try await admin.post(
                        client, "/admin/users",
                        [("csrf", admin.csrf), ("action", text), ("login", text), ("role", "admin")]),
                    try await admin.post(
                        client, "/admin/users", [("csrf", admin.csrf), ("action", "remove"), ("login", text)]),
                    try await admin.post(
                        client, "/admin/publication", [("csrf", admin.csrf), ("kind", text), ("public", text)]),
                    try await analyst.upload(
                        client, "/import/check",
                        fields: [("csrf", analyst.csrf), ("kind", "responses"), ("wave", text), ("actor", text)],
                        file: (text + ".csv", "respondent_id;\(text)\n\(text);\(text)\n")),
                    try await analyst.upload(
                        client, "/import/check",
                        fields: [("csrf", analyst.csrf), ("kind", "margins"), ("wave", text), ("actor", text)],
                        file: (text + ".csv", "variable;category;share\n\(text);\(text);\(text)\n")),
                    try await analyst.upload(
                        client, "/import/check", fields: [("csrf", analyst.csrf), ("kind", "catalogue")],
                        file: (text + ".csv", "code;\(text)\n\(text);\(text)\n")),
                    try await analyst.upload(
                        client, "/import/check", fields: [("csrf", analyst.csrf), ("kind", "values")],
                        file: (text + ".csv", "code;\(text)\n\(text);\(text)\n")),
                    try await analyst.upload(
                        client, "/import/check", fields: [("csrf", analyst.csrf), ("kind", text)],
                        file: (text + ".csv", text)),
                    try await analyst.post(client, "/import/confirm", [("csrf", analyst.csrf), ("token", text)]),
                    try await admin.get(client, "/api/v1/audit?since=" + Browser.encode(text)),
                ]
                for answer in answers {
                    #expect(!answer.text.contains("<script>alert"), "\(answer.text.prefix(200))")
                    #expect(!answer.text.contains("<img src=x"))
                    #expect(!answer.text.contains("<svg onload"))
                    #expect(answer.status.code < 500, "\(answer.status)")
                }
                #expect(try fixture.store.users().map(\.login) == ["alice", "bob", "carl"])
            }
            // A hostile file name on a file with errors is shown escaped with the reader's messages.
            let shown = try await analyst.upload(
                client, "/import/check", fields: [("csrf", analyst.csrf), ("kind", "catalogue")],
                file: ("<b>x</b>.csv", "nothing;useful\n1;2\n"))
            #expect(shown.status.code == 422)
            #expect(shown.text.contains("&lt;b&gt;x&lt;/b&gt;.csv"))
            #expect(try fixture.store.indicatorCatalogue().count == 0)
            // The audit page shows what admins did, escaped.
            try fixture.store.recordAudit(
                AuditEntry(
                    at: fixture.clock.now, actor: "user:bob", action: "indicators.import", fileName: Self.hostile[0],
                    detail: Self.hostile[1]))
            let audit = try await admin.get(client, "/admin/audit")
            #expect(
                audit.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !audit.text.contains("<script>alert"))
        }
    }

    static let hostileFileName = "x'); DROP TABLE audit_entry; -- <script>alert(1)</script>.csv"

    @Test func anUploadIsCheckedThenConfirmedAndAudited() async throws {
        let fixture = try AccessFixture()
        let catalogue = try String(
            contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Sources/PhareCore/Resources/indicators.csv").path,
            encoding: .utf8)
        try await fixture.application().test(.router) { client in
            var analyst = Browser()
            try await analyst.login(client, "bob")
            _ = try await analyst.get(client, "/import")
            let checked = try await analyst.upload(
                client, "/import/check", fields: [("csrf", analyst.csrf), ("kind", "catalogue")],
                file: (Self.hostileFileName, catalogue))
            #expect(checked.status == .ok)
            #expect(checked.text.contains("valid indicator definitions"))
            // Checked, not written.
            #expect(try fixture.store.indicatorCatalogue().count == 0)
            let token = try #require(
                checked.text.range(of: "name=\"token\" value=\"").map {
                    String(checked.text[$0.upperBound...].prefix(64))
                })
            // Another account cannot confirm it, nor can a form without the token.
            var other = Browser()
            try await other.login(client, "alice")
            #expect(try await analyst.post(client, "/import/confirm", [("token", token)]).status == .forbidden)
            #expect(
                try await other.post(client, "/import/confirm", [("csrf", other.csrf), ("token", token)]).status.code
                    == 410)
            let confirmed = try await analyst.post(
                client, "/import/confirm", [("csrf", analyst.csrf), ("token", token)])
            #expect(confirmed.status == .ok, "\(confirmed.text)")
            let count = try fixture.store.indicatorCatalogue().count
            #expect(count > 0)
            let entry = try #require(try fixture.store.auditEntries(since: nil, limit: 1).first)
            #expect(entry.action == "catalogue.import" && entry.actor == "user:bob")
            // Stored as sent, shown inert.
            #expect(entry.fileName == Self.hostileFileName)
            let page = try await other.get(client, "/admin/audit")
            #expect(page.text.contains("x&#39;); DROP TABLE audit_entry; -- &lt;script&gt;alert(1)&lt;/script&gt;.csv"))
            #expect(!page.text.contains("<script>alert"))
            #expect(entry.sha256 == Tokens.sha256(Data(catalogue.utf8)) && entry.counts["added"] == count)
            #expect(
                try await analyst.post(client, "/import/confirm", [("csrf", analyst.csrf), ("token", token)]).status
                    .code == 410)
        }
    }

    /// The token of a checked file, from the check page.
    static func token(_ checked: TestResponse) throws -> String {
        try #require(
            checked.text.range(of: "name=\"token\" value=\"").map { String(checked.text[$0.upperBound...].prefix(64)) })
    }

    /// Margins from the browser: the CLI's checks and messages (file, line, column), nothing written
    /// on error, then the weighting computed and recorded on confirmation. The sample crosses region
    /// and sex as a product (30 + 30 by region, 20 men: 10 in each), so raking reaches both margins in
    /// one sweep and each weight is T_r × T_s / (T × n_rs) by hand: targets region 44 = 0.6 × 60 = 36,
    /// 52 = 24, women 0.52 × 60 = 31.2, men 28.8.
    @Test func marginsAreCheckedThenTheWeightingIsRecorded() async throws {
        let fixture = try AccessFixture()
        try await fixture.application().test(.router) { client in
            var analyst = Browser()
            try await analyst.login(client, "bob")
            _ = try await analyst.get(client, "/import")
            let survey = [("csrf", analyst.csrf), ("wave", "2025"), ("actor", "citoyens")]
            // Margins before the responses: the wave is not there.
            let early = try await analyst.upload(
                client, "/import/check", fields: survey + [("kind", "margins")],
                file: ("m.csv", "variable;category;share\nregion;44;1\n"))
            #expect(early.status.code == 422)
            let responses = try await analyst.upload(
                client, "/import/check", fields: survey + [("kind", "responses")],
                file: ("c.csv", SurveyFixtures.citizens(60)))
            #expect(responses.status == .ok, "\(responses.text)")
            #expect(
                try await analyst.post(
                    client, "/import/confirm", [("csrf", analyst.csrf), ("token", try Self.token(responses))]
                ).status == .ok)

            let unknown = try await analyst.upload(
                client, "/import/check", fields: survey + [("kind", "margins")],
                file: ("m.csv", "variable,category,population\ncouleur,bleu,100\n"))
            #expect(unknown.status.code == 422)
            #expect(unknown.text.contains("m.csv column variable: couleur is not a profile variable of citoyens"))
            let malformed = try await analyst.upload(
                client, "/import/check", fields: survey + [("kind", "margins")],
                file: ("m.csv", "variable;category;share\nregion;44;0,6\nregion;52;beaucoup\nsexe;;1\n"))
            #expect(malformed.status.code == 422)
            #expect(malformed.text.contains("m.csv:3 column share: &quot;beaucoup&quot; is not a number ≥ 0"))
            #expect(malformed.text.contains("m.csv:4 column category: missing category"))
            let empty = try await analyst.upload(
                client, "/import/check", fields: survey + [("kind", "margins")],
                file: ("m.csv", "variable,category,population\nregion,44,100\nregion,52,100\nregion,11,50\n"))
            #expect(empty.text.contains("category 11 of margin region has a population of 50.0 but no respondent"))
            #expect(try fixture.store.weighting(wave: "2025", actor: "citoyens") == nil)

            let checked = try await analyst.upload(
                client, "/import/check", fields: survey + [("kind", "margins")],
                file: ("m.csv", "variable;category;share\nregion;44;0,6\nregion;52;0,4\nsexe;femme;52\nsexe;homme;48\n")
            )
            #expect(checked.status == .ok, "\(checked.text)")
            #expect(checked.text.contains("m.csv: raking converged after"))
            #expect(checked.text.contains("Kish deff"))
            // Checked, not written.
            #expect(try fixture.store.weighting(wave: "2025", actor: "citoyens") == nil)
            let confirmed = try await analyst.post(
                client, "/import/confirm", [("csrf", analyst.csrf), ("token", try Self.token(checked))])
            #expect(confirmed.status == .ok, "\(confirmed.text)")
        }
        let weighting = try #require(try fixture.store.weighting(wave: "2025", actor: "citoyens"))
        #expect(weighting.plan.method == .rake && weighting.plan.source == "margins file m.csv")
        #expect(weighting.plan.settings.maxIterations == 10 && weighting.plan.settings.epsilon == 1)
        let weights = try #require(weighting.calibrated?.weights)
        #expect(weights.count == 60)
        for (index, weight) in weights.enumerated() {
            // T_r × T_s / T over the n_rs respondents of the cell.
            let regionTarget: Double = index % 2 == 0 ? 36 : 24
            let sexTarget: Double = index % 3 == 0 ? 28.8 : 31.2
            let cellCount: Double = index % 3 == 0 ? 10 : 20
            let expected = regionTarget * sexTarget / 60 / cellCount
            #expect(abs(weight - expected) < 1e-9, "respondent \(index): \(weight), by hand \(expected)")
        }
        let entry = try #require(try fixture.store.auditEntries(since: nil, limit: 1).first)
        #expect(entry.action == "survey.weight" && entry.actor == "user:bob" && entry.fileName == "m.csv")
        #expect(entry.detail == "wave 2025 citoyens" && entry.counts == ["respondents": 60])
    }

    /// Two servers on one PostgreSQL database: a file checked on the first is confirmed on the
    /// second (the session and the checked file are in the database), once only; the database
    /// keeps the token's hash, not the token.
    @Test func aFileCheckedOnOneServerIsConfirmedOnAnother() async throws {
        let url = try PostgresTestServer.newDatabase()
        let first = try AccessFixture(location: url)
        let second = try AccessFixture(sharing: first)
        let catalogue = try String(
            contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Sources/PhareCore/Resources/indicators.csv").path,
            encoding: .utf8)
        let (analyst, token) = try await first.application().test(.router) { client in
            var analyst = Browser()
            try await analyst.login(client, "bob")
            _ = try await analyst.get(client, "/import")
            let checked = try await analyst.upload(
                client, "/import/check", fields: [("csrf", analyst.csrf), ("kind", "catalogue")],
                file: ("indicators.csv", catalogue))
            #expect(checked.status == .ok, "\(checked.text)")
            return (analyst, try Self.token(checked))
        }
        #expect(
            try PostgresTestServer.value(url, "SELECT count(*) FROM pending_upload WHERE token_hash = '\(token)'")
                == "0")
        #expect(
            try PostgresTestServer.value(
                url,
                "SELECT count(*) FROM pending_upload WHERE token_hash = '\(Tokens.sha256(token))' AND owner = 'user:bob'"
            )
                == "1")
        try await second.application().test(.router) { client in
            var browser = analyst
            let confirmed = try await browser.post(
                client, "/import/confirm", [("csrf", browser.csrf), ("token", token)])
            #expect(confirmed.status == .ok, "\(confirmed.text)")
            #expect(confirmed.text.contains("valid indicator definitions"))
        }
        #expect(try second.store.indicatorCatalogue().count > 0)
        try await first.application().test(.router) { client in
            var browser = analyst
            let again = try await browser.post(client, "/import/confirm", [("csrf", browser.csrf), ("token", token)])
            #expect(again.status.code == 410)
        }
        #expect(try PostgresTestServer.value(url, "SELECT count(*) FROM pending_upload") == "0")
        let entry = try #require(try first.store.auditEntries(since: nil, limit: 1).first)
        #expect(entry.action == "catalogue.import" && entry.actor == "user:bob")
    }

    @Test func publicationOpensPagesToTheAnonymousPublic() async throws {
        let fixture = try AccessFixture()
        try await fixture.application().test(.router) { client in
            var admin = Browser()
            try await admin.login(client, "alice")
            _ = try await admin.get(client, "/admin/publication")
            #expect(
                try await admin.post(
                    client, "/admin/publication", [("csrf", admin.csrf), ("kind", "methodology"), ("public", "1")]
                ).status == .seeOther)
            var visitor = Browser()
            #expect(try await visitor.get(client, "/methodology").status == .ok)
            #expect(try await visitor.get(client, "/region/44").status == .unauthorized)
            _ = try await admin.get(client, "/admin/publication")
            _ = try await admin.post(
                client, "/admin/publication", [("csrf", admin.csrf), ("kind", "dashboard"), ("public", "1")])
            #expect(try await visitor.get(client, "/region/44").status == .ok)
            #expect(try await visitor.get(client, "/api/v1/status").status == .ok)
            #expect(try await visitor.get(client, "/admin/audit").status == .unauthorized)
            #expect(try await visitor.get(client, "/import").status == .unauthorized)
            #expect(
                try fixture.store.auditEntries(since: nil, limit: 2).map(\.action) == [
                    "publication.set", "publication.set",
                ])
        }
    }

    @Test func onLoopbackWithoutAccountsTheLocalUserIsAdmin() async throws {
        let local = try AccessFixture(users: false, loopback: true)
        try await local.application().test(.router) { client in
            var browser = Browser()
            let page = try await browser.get(client, "/admin/users")
            #expect(page.status == .ok && page.text.contains("Utilisateur local · admin"))
            let added = try await browser.post(
                client, "/admin/users",
                [
                    ("csrf", browser.csrf), ("action", "add"), ("login", "alice"), ("role", "admin"),
                    ("password", "alice password"),
                ])
            #expect(added.status == .seeOther)
            #expect(try local.store.auditEntries(since: nil, limit: 1).first?.actor == "local")
            // Once an account exists, the local user must sign in like everyone.
            #expect(try await browser.get(client, "/admin/users").status == .unauthorized)
        }
        let open = try AccessFixture(users: false, loopback: false)
        try await open.application().test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .unauthorized)
        }
    }

    @Test func theOpenAPIDocumentDeclaresTheSecurity() throws {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json(version: "1").utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let audit = try #require(paths["/api/v1/audit"]?["get"])
        #expect((audit["security"] as? [[String: [String]]])?.count == 1)
        #expect((audit["responses"] as? [String: Any])?["403"] != nil)
        let status = try #require(paths["/api/v1/status"]?["get"])
        #expect((status["security"] as? [[String: [String]]])?.count == 2)
        #expect((status["responses"] as? [String: Any])?["401"] != nil)
        #expect(paths["/healthz"]?["get"]?["security"] == nil)
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: [String: String]]
        #expect(schemes?["sessionCookie"]?["in"] == "cookie")
    }
}
