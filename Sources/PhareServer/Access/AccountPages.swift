import Foundation
import PhareCore
import PhareRender
import PhareStore

/// The login page, logout, and the admin pages (accounts, publication, audit log).
enum AccountPages {
    static func text(_ match: SessionMatch, _ fr: String, _ en: String) -> String {
        match.request.language == .fr ? fr : en
    }

    static func page(_ match: SessionMatch, title: String, body: String, status: Int = 200) -> DashboardReply {
        DashboardReply(
            status: status, contentType: DashboardRoutes.html,
            body: Data(DashboardPage.standalone(match.request, title: title, body: body).utf8), cacheable: false)
    }

    static func csrfField(_ match: SessionMatch) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(match.csrf))\">"
    }

    static func redirect(_ location: String, cookie: String? = nil) -> DashboardReply {
        var headers = [("Location", location)]
        if let cookie { headers.append(("Set-Cookie", cookie)) }
        return DashboardReply(
            status: 303, contentType: DashboardRoutes.html, body: Data(), headers: headers, cacheable: false)
    }

    /// Where to go after logging in: a path of this site only (never `//host` or a full URL).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    // MARK: login and logout

    static func loginPage(_ match: SessionMatch) -> DashboardReply {
        loginForm(match, message: nil, status: 200)
    }

    static func loginForm(_ match: SessionMatch, message: String?, status: Int, headers: [(String, String)] = [])
        -> DashboardReply
    {
        var body = ""
        if case .localAdmin = match.viewer {
            body +=
                "<p class=\"note\">"
                + HTML.escape(
                    text(
                        match,
                        "Aucun compte n’est défini : sur cette machine, vous êtes déjà administrateur. Créez un compte avec « phare users add ».",
                        "No account is defined: on this machine you are already admin. Create one with \"phare users add\"."
                    ))
                + "</p>"
        }
        if let message { body += "<p class=\"error-message\" role=\"alert\">\(HTML.escape(message))</p>" }
        let next = safeNext(match.form["next"] ?? match.request.query["next"])
        body += """
            <form class="account-form" method="post" action="\(HTML.escape(match.request.links.page("/login")))">
            \(csrfField(match))<input type="hidden" name="next" value="\(HTML.escape(next))">
            <label>\(HTML.escape(text(match, "Identifiant", "Login"))) <input name="login" autocomplete="username" required value="\(HTML.escape(match.form["login"] ?? ""))"></label>
            <label>\(HTML.escape(text(match, "Mot de passe", "Password"))) <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">\(HTML.escape(text(match, "Se connecter", "Sign in")))</button>
            </form>
            """
        var reply = page(match, title: text(match, "Connexion", "Sign in"), body: body, status: status)
        reply.headers += headers
        return reply
    }

    static func login(_ match: SessionMatch) throws -> DashboardReply {
        let login = match.form["login"] ?? ""
        let password = match.form["password"] ?? ""
        switch try match.access.login(login, password: password, address: match.address) {
        case .signedIn(let token, _):
            let next = safeNext(match.form["next"])
            let location =
                match.request.language == .en && !next.contains("lang=")
                ? next + (next.contains("?") ? "&" : "?") + "lang=en" : next
            var reply = redirect(location, cookie: match.access.sessionCookie(token))
            reply.headers.append(("Set-Cookie", match.access.cookie(AccessControl.loginCookie, nil, maxAge: 0)))
            return reply
        case .refused:
            return loginForm(
                match, message: text(match, "Identifiant ou mot de passe incorrect.", "Wrong login or password."),
                status: 401)
        case .throttled(let until):
            let minutes = max(1, Int((until.timeIntervalSince(match.access.now) / 60).rounded(.up)))
            let time = ISO8601DateFormatter().string(from: until)
            return loginForm(
                match,
                message: text(
                    match,
                    "Trop d’échecs de connexion : réessayez après \(time) (dans \(minutes) min).",
                    "Too many failed logins: try again after \(time) (in \(minutes) min)."),
                status: 429,
                headers: [("Retry-After", String(Int(until.timeIntervalSince(match.access.now).rounded(.up))))])
        }
    }

    static func logout(_ match: SessionMatch) throws -> DashboardReply {
        try match.access.logout(match.viewer)
        return redirect(match.request.links.page("/login"), cookie: match.access.sessionCookie(nil))
    }

    // MARK: admin

    static func adminNavigation(_ match: SessionMatch) -> String {
        let links = match.request.links
        return "<nav class=\"parts\" aria-label=\"Administration\"><ol>"
            + [
                ("/admin/users", text(match, "Comptes", "Accounts")),
                ("/admin/publication", text(match, "Publication", "Publication")),
                ("/admin/audit", text(match, "Journal", "Audit log")),
                ("/import", text(match, "Imports", "Imports")),
            ].map { "<li><a href=\"\(HTML.escape(links.page($0.0)))\">\(HTML.escape($0.1))</a></li>" }.joined()
            + "</ol></nav>"
    }

    static func adminNavigationIfAdmin(_ match: SessionMatch) -> String {
        (match.viewer.role ?? .reader) >= .admin ? adminNavigation(match) : ""
    }

    static func roleOptions(_ match: SessionMatch, selected: Role) -> String {
        Role.allCases.reversed().map { role in
            "<option value=\"\(role.rawValue)\"\(role == selected ? " selected" : "")>"
                + HTML.escape(SessionRoutes.roleName(role, match.request.language)) + "</option>"
        }.joined()
    }

    static func usersPage(_ match: SessionMatch, message: String? = nil, status: Int = 200) throws -> DashboardReply {
        let users = try match.access.store.users()
        var body = adminNavigation(match)
        if let message { body += "<p class=\"error-message\" role=\"alert\">\(HTML.escape(message))</p>" }
        if users.isEmpty {
            body +=
                "<p class=\"note\">"
                + HTML.escape(
                    text(
                        match,
                        "Aucun compte : seul l’utilisateur local (sur 127.0.0.1) peut entrer, en administrateur. Dès qu’un compte existe, chacun doit se connecter.",
                        "No account: only the local user (on 127.0.0.1) may enter, as admin. As soon as one account exists, everyone must sign in."
                    ))
                + "</p>"
        }
        body +=
            "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>"
            + [
                text(match, "Identifiant", "Login"), text(match, "Rôle", "Role"), text(match, "Créé", "Created"),
                text(match, "Modifié", "Changed"), "",
            ].map(HTML.escape).joined(separator: "</th><th>")
            + "</th></tr></thead><tbody>"
        for user in users {
            body +=
                "<tr><td>\(HTML.escape(user.login))</td><td>"
                + "<form method=\"post\" action=\"\(HTML.escape(match.request.links.page("/admin/users")))\">\(csrfField(match))"
                + "<input type=\"hidden\" name=\"action\" value=\"role\"><input type=\"hidden\" name=\"login\" value=\"\(HTML.escape(user.login))\">"
                + "<select name=\"role\" aria-label=\"\(HTML.escape(text(match, "Rôle", "Role")))\">\(roleOptions(match, selected: user.role))</select> "
                + "<button type=\"submit\">\(HTML.escape(text(match, "Changer", "Change")))</button></form></td>"
                + "<td>\(HTML.escape(AuditFormat.instant(user.createdAt)))</td><td>\(HTML.escape(AuditFormat.instant(user.changedAt)))</td><td>"
                + "<form method=\"post\" action=\"\(HTML.escape(match.request.links.page("/admin/users")))\">\(csrfField(match))"
                + "<input type=\"hidden\" name=\"action\" value=\"remove\"><input type=\"hidden\" name=\"login\" value=\"\(HTML.escape(user.login))\">"
                + "<button type=\"submit\" class=\"danger\">\(HTML.escape(text(match, "Supprimer", "Remove")))</button></form></td></tr>"
        }
        body += "</tbody></table></div>"
        body += """
            <h2>\(HTML.escape(text(match, "Nouveau compte", "New account")))</h2>
            <form class="account-form" method="post" action="\(HTML.escape(match.request.links.page("/admin/users")))">\(csrfField(match))
            <input type="hidden" name="action" value="add">
            <label>\(HTML.escape(text(match, "Identifiant", "Login"))) <input name="login" required autocomplete="off"></label>
            <label>\(HTML.escape(text(match, "Rôle", "Role"))) <select name="role">\(roleOptions(match, selected: .reader))</select></label>
            <label>\(HTML.escape(text(match, "Mot de passe (10 caractères au moins)", "Password (at least 10 characters)"))) <input name="password" type="password" required autocomplete="new-password"></label>
            <button type="submit">\(HTML.escape(text(match, "Créer", "Create")))</button>
            </form>
            """
        return page(match, title: text(match, "Comptes", "Accounts"), body: body, status: status)
    }

    static func changeUsers(_ match: SessionMatch) throws -> DashboardReply {
        let login = match.form["login"] ?? ""
        let now = match.access.now
        do {
            switch match.form["action"] ?? "" {
            case "add":
                guard let role = Role(rawValue: match.form["role"] ?? "") else { throw StoreError("unknown role") }
                try AccountRules.check(login: login)
                if let problem = Passwords.problem(with: match.form["password"] ?? "") { throw StoreError(problem) }
                let hash = Passwords.hash(match.form["password"] ?? "", cost: match.access.bcryptCost)
                try match.access.store.addUser(
                    UserAccount(login: login, role: role, passwordHash: hash, createdAt: now, changedAt: now),
                    audit: AuditEntry(
                        at: now, actor: match.viewer.actor, action: "user.add", detail: "\(login) as \(role.rawValue)"))
            case "role":
                guard let role = Role(rawValue: match.form["role"] ?? "") else { throw StoreError("unknown role") }
                try AccountRules.keepsAnAdmin(match.access.store, changing: login, to: role)
                try match.access.store.updateUser(
                    login: login, role: role, passwordHash: nil, at: now,
                    audit: AuditEntry(
                        at: now, actor: match.viewer.actor, action: "user.role", detail: "\(login) to \(role.rawValue)")
                )
            case "remove":
                try AccountRules.keepsAnAdmin(match.access.store, changing: login, to: nil)
                try match.access.store.removeUser(
                    login: login,
                    audit: AuditEntry(at: now, actor: match.viewer.actor, action: "user.remove", detail: login))
            default:
                throw StoreError("unknown action")
            }
        } catch let error as StoreError {
            return try usersPage(match, message: error.message, status: 400)
        }
        return redirect(match.request.links.page("/admin/users"))
    }

    static func publicationPage(_ match: SessionMatch) throws -> DashboardReply {
        let marks = Dictionary(uniqueKeysWithValues: try match.access.store.publicationMarks().map { ($0.kind, $0) })
        var body = adminNavigation(match)
        body +=
            "<p class=\"lead\">"
            + HTML.escape(
                text(
                    match,
                    "Ce qui est public se lit sans compte. Par défaut, rien n’est public : un nouvel observatoire n’est ouvert qu’à ses comptes.",
                    "What is public can be read without an account. By default nothing is: a new observatory is open to its accounts only."
                ))
            + "</p><div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>"
            + HTML.escape(text(match, "Contenu", "Content")) + "</th><th>" + HTML.escape(text(match, "État", "State"))
            + "</th><th></th></tr></thead><tbody>"
        for kind in PublicationKind.allCases {
            let mark = marks[kind]
            let label: String
            switch kind {
            case .methodology:
                label = text(
                    match, "Documentation : référentiel, méthodologie, sources, catalogue des indicateurs",
                    "Documentation: framework, methodology, sources, indicator catalogue")
            case .dashboard:
                label = text(
                    match,
                    "Tout le tableau de bord : pages, tableaux, téléchargements et API (indicateurs et enquêtes)",
                    "The whole dashboard: pages, tables, downloads and API (indicators and surveys)")
            }
            let state =
                mark.map {
                    text(match, "public depuis ", "public since ") + AuditFormat.instant($0.markedAt) + " ("
                        + $0.markedBy + ")"
                } ?? text(match, "réservé aux comptes", "accounts only")
            body +=
                "<tr><td>\(HTML.escape(label))</td><td>\(HTML.escape(state))</td><td>"
                + "<form method=\"post\" action=\"\(HTML.escape(match.request.links.page("/admin/publication")))\">\(csrfField(match))"
                + "<input type=\"hidden\" name=\"kind\" value=\"\(kind.rawValue)\">"
                + "<input type=\"hidden\" name=\"public\" value=\"\(mark == nil ? "1" : "0")\">"
                + "<button type=\"submit\">\(HTML.escape(mark == nil ? text(match, "Rendre public", "Make public") : text(match, "Retirer", "Withdraw")))</button>"
                + "</form></td></tr>"
        }
        body += "</tbody></table></div>"
        return page(match, title: text(match, "Publication", "Publication"), body: body)
    }

    static func changePublication(_ match: SessionMatch) throws -> DashboardReply {
        guard let kind = PublicationKind(rawValue: match.form["kind"] ?? "") else {
            throw DashboardError.badRequest(LocalizedText(fr: "Contenu inconnu.", en: "Unknown content."))
        }
        let now = match.access.now
        let publish = match.form["public"] == "1"
        try match.access.store.setPublication(
            kind: kind, mark: publish ? PublicationMark(kind: kind, markedBy: match.viewer.actor, markedAt: now) : nil,
            audit: AuditEntry(
                at: now, actor: match.viewer.actor, action: publish ? "publication.set" : "publication.unset",
                detail: kind.rawValue))
        return redirect(match.request.links.page("/admin/publication"))
    }

    static func auditPage(_ match: SessionMatch) throws -> DashboardReply {
        let entries = try match.access.store.auditEntries(since: nil, limit: 500)
        var body = adminNavigation(match)
        body +=
            "<p class=\"note\">"
            + HTML.escape(
                text(
                    match,
                    "Les 500 dernières entrées, les plus récentes d’abord ; toutes avec « phare audit » ou /api/v1/audit.",
                    "The last 500 entries, newest first; all of them with \"phare audit\" or /api/v1/audit."))
            + "</p>"
        body += AuditFormat.table(entries.reversed(), language: match.request.language)
        return page(match, title: text(match, "Journal d’audit", "Audit log"), body: body)
    }

    static func auditJSON(_ match: SessionMatch) throws -> DashboardReply {
        let since = try match.request.query["since"].map { text in
            guard let date = AuditFormat.parseDay(text) else {
                throw DashboardError.badRequest(
                    LocalizedText(fr: "since : une date AAAA-MM-JJ.", en: "since: a date YYYY-MM-DD."))
            }
            return date
        }
        let entries = try match.access.store.auditEntries(since: since, limit: nil)
        return DashboardReply(
            contentType: DashboardRoutes.json, body: Data(DashboardRoutes.markupSafe(AuditFormat.json(entries)).utf8),
            cacheable: false)
    }
}

/// The rules an account follows, whoever changes it (the CLI or the admin page).
public enum AccountRules {
    /// A login: 1 to 64 letters, digits, `.`, `_`, `-` or `@`.
    public static func check(login: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-@"))
        guard (1...64).contains(login.count), login.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw StoreError(
                "the login \"\(login)\" is not valid: 1 to 64 letters, digits, '.', '_', '-' or '@'")
        }
    }

    /// Refuses to remove or demote the last admin (nobody could manage the accounts any more).
    public static func keepsAnAdmin(_ store: any AccessStore, changing login: String, to role: Role?) throws {
        let users = try store.users()
        guard let user = users.first(where: { $0.login == login }) else {
            throw StoreError("there is no account \(login)")
        }
        let admins = users.filter { $0.role == .admin }
        if user.role == .admin, role != .admin, admins.count == 1 {
            throw StoreError(
                "\(login) is the last admin: give another account the admin role first")
        }
    }
}
