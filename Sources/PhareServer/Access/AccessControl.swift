import Foundation
import PhareStore

/// Who is asking: nobody signed in, the local user of a laptop deployment, or a signed-in account.
public enum Viewer: Sendable, Equatable {
    case anonymous
    /// On a loopback address with no account defined: the local user is admin.
    case localAdmin
    case user(UserAccount, SessionRecord)

    public var role: Role? {
        switch self {
        case .anonymous: nil
        case .localAdmin: .admin
        case .user(let account, _): account.role
        }
    }

    /// How the audit log names this viewer.
    public var actor: String {
        switch self {
        case .anonymous: "anonymous"
        case .localAdmin: "local"
        case .user(let account, _): "user:" + account.login
        }
    }
}

/// What a route asks of its viewer, declared in the route table.
enum Access: Sendable, Equatable {
    /// Anyone, signed in or not (login page, assets, OpenAPI document, health).
    case anyone
    /// An admin, or any request whose socket peer is a loopback address (a metrics scraper on the
    /// machine itself). The peer is the TCP connection's: no forwarded header is read, so behind a
    /// reverse proxy on the same machine the proxy must not pass these paths on.
    case adminOrLoopbackPeer
    /// A signed-in account of at least this role; anonymous visitors too when an admin made `publicAs` public.
    case role(Role, publicAs: PublicationKind?)

    /// A page, table or resource of the dashboard: readers, and the public once the dashboard is published.
    static let dashboard = Access.role(.reader, publicAs: .dashboard)
    /// A documentation page: readers, and the public once the methodology (or the whole dashboard) is published.
    static let methodology = Access.role(.reader, publicAs: .methodology)
    static let analyst = Access.role(.analyst, publicAs: nil)
    static let admin = Access.role(.admin, publicAs: nil)
}

/// The limits of sessions and logins.
public struct AccessSettings: Sendable {
    /// Whether the server listens on a loopback address only (127.0.0.1, ::1, localhost).
    public var loopback: Bool
    /// Whether cookies carry `Secure` (when not served over plain HTTP on loopback).
    public var secureCookies: Bool
    public var sessionLifetime: TimeInterval = 12 * 3600
    public var idleTimeout: TimeInterval = 30 * 60
    /// Failed logins allowed for one login, and from one address, within `throttleWindow`.
    public var failuresPerLogin = 5
    public var failuresPerAddress = 20
    public var throttleWindow: TimeInterval = 15 * 60
    /// The largest upload accepted, in bytes.
    public var maxUploadBytes = 50 * 1024 * 1024

    public init(loopback: Bool, secureCookies: Bool) {
        self.loopback = loopback
        self.secureCookies = secureCookies
    }

    /// Whether `host` names this machine only.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.") || host.hasPrefix("::ffff:127.")
    }
}

/// What a login attempt gave.
enum LoginOutcome: Sendable, Equatable {
    /// The cookie token to hand to the browser (the store keeps only its hash).
    case signedIn(token: String, session: SessionRecord)
    case refused
    /// Too many failures: retry at this instant.
    case throttled(until: Date)
}

/// Sessions, logins, authorisation and publication over an `AccessStore`. Every decision is taken
/// here; the store only keeps the records, so that several servers on one database agree.
public struct AccessControl: Sendable {
    public static let sessionCookie = "phare_session"
    public static let loginCookie = "phare_login"

    public let store: any ObservatoryStore
    public let settings: AccessSettings
    /// The CSRF secret of the local admin (no session on a laptop deployment): new at each start.
    let localSecret: String
    let clock: @Sendable () -> Date
    let bcryptCost: UInt8
    /// A hash of a random password, verified when the login is unknown, so that an unknown login
    /// takes as long to refuse as a wrong password.
    let decoy: String

    public init(
        store: any ObservatoryStore, settings: AccessSettings, bcryptCost: UInt8 = Passwords.cost,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.settings = settings
        self.localSecret = Tokens.random()
        self.clock = clock
        self.bcryptCost = bcryptCost
        self.decoy = Passwords.hash(Tokens.random(), cost: bcryptCost)
    }

    var now: Date { clock() }

    /// The viewer of a request with these cookies. A session that is revoked, expired, idle for
    /// longer than the idle timeout or whose account is gone is no session.
    func viewer(cookies: [String: String]) throws -> Viewer {
        if let token = cookies[Self.sessionCookie], let session = try store.session(idHash: Tokens.sha256(token)) {
            let now = self.now
            if session.revokedAt == nil, session.expiresAt > now,
                now.timeIntervalSince(session.lastSeenAt) < settings.idleTimeout,
                let account = try store.user(login: session.login)
            {
                // Moved at most once a minute, so that reading pages does not write at every request.
                if now.timeIntervalSince(session.lastSeenAt) >= 60 {
                    try store.touchSession(idHash: session.idHash, at: now)
                }
                return .user(account, session)
            }
        }
        if settings.loopback, try store.users().isEmpty { return .localAdmin }
        return .anonymous
    }

    /// The synchroniser token the forms of this viewer carry (nil for anonymous visitors, whose only
    /// form is the login form, protected by its own cookie).
    func csrfToken(for viewer: Viewer) -> String? {
        switch viewer {
        case .anonymous: nil
        case .localAdmin: localSecret
        case .user(_, let session): session.csrfSecret
        }
    }

    /// Whether a form's token is the one of its viewer's session.
    func validCSRF(_ token: String?, viewer: Viewer) -> Bool {
        guard let token, let expected = csrfToken(for: viewer) else { return false }
        return Tokens.equal(token, expected)
    }

    enum Decision: Equatable { case allowed, unauthenticated, forbidden }

    /// What `viewer`, connected from the socket peer `address`, may do with a route of this access.
    func decide(_ access: Access, viewer: Viewer, address: String) throws -> Decision {
        switch access {
        case .anyone:
            return .allowed
        case .adminOrLoopbackPeer:
            if AccessSettings.isLoopback(address) { return .allowed }
            return try decide(.admin, viewer: viewer, address: address)
        case .role(let minimum, let publicAs):
            if let role = viewer.role { return role >= minimum ? .allowed : .forbidden }
            if let publicAs, try isPublic(publicAs) { return .allowed }
            return .unauthenticated
        }
    }

    /// Whether `kind` is public; publishing the whole dashboard publishes the methodology too.
    func isPublic(_ kind: PublicationKind) throws -> Bool {
        let marked = Set(try store.publicationMarks().map(\.kind))
        return marked.contains(kind) || (kind == .methodology && marked.contains(.dashboard))
    }

    /// Checks a login and password, throttled per login and per address; a success opens a session.
    func login(_ login: String, password: String, address: String) throws -> LoginOutcome {
        let now = self.now
        let since = now.addingTimeInterval(-settings.throttleWindow)
        let byLogin = try store.loginFailures(login: login, since: since)
        let byAddress = try store.loginFailures(address: address, since: since)
        var retry: Date?
        if byLogin.count >= settings.failuresPerLogin {
            retry = byLogin[byLogin.count - settings.failuresPerLogin].addingTimeInterval(settings.throttleWindow)
        }
        if byAddress.count >= settings.failuresPerAddress {
            let addressRetry = byAddress[byAddress.count - settings.failuresPerAddress]
                .addingTimeInterval(settings.throttleWindow)
            retry = max(retry ?? addressRetry, addressRetry)
        }
        if let retry, retry > now { return .throttled(until: retry) }

        let account = try store.user(login: login)
        let matches = Passwords.verify(password, hash: account?.passwordHash ?? decoy)
        guard let account, matches else {
            try store.recordLoginFailure(LoginFailure(login: login, address: address, at: now))
            return .refused
        }
        try store.clearLoginFailures(login: login)
        let token = Tokens.random()
        let session = SessionRecord(
            idHash: Tokens.sha256(token), login: account.login, csrfSecret: Tokens.random(), createdAt: now,
            lastSeenAt: now, expiresAt: now.addingTimeInterval(settings.sessionLifetime))
        try store.createSession(session)
        try store.deleteSessions(endedBefore: now.addingTimeInterval(-7 * 24 * 3600))
        return .signedIn(token: token, session: session)
    }

    func logout(_ viewer: Viewer) throws {
        if case .user(_, let session) = viewer { try store.revokeSession(idHash: session.idHash, at: now) }
    }

    /// The `Set-Cookie` value of a session cookie (or of its removal with nil).
    func sessionCookie(_ token: String?) -> String {
        cookie(Self.sessionCookie, token, maxAge: Int(settings.sessionLifetime))
    }

    func cookie(_ name: String, _ value: String?, maxAge: Int) -> String {
        var parts = ["\(name)=\(value ?? "")", "Path=/", "HttpOnly", "SameSite=Strict"]
        parts.append(value == nil ? "Max-Age=0" : "Max-Age=\(maxAge)")
        if settings.secureCookies { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    /// The cookies of a `Cookie` header.
    static func cookies(_ header: String?) -> [String: String] {
        var cookies: [String: String] = [:]
        for pair in (header ?? "").split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, cookies[parts[0]] == nil { cookies[parts[0]] = parts[1] }
        }
        return cookies
    }
}
