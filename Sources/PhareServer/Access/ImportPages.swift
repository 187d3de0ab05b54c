import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareRender
import PhareStore

/// What an analyst can import from the browser: the files of `phare indicators catalogue import`,
/// `phare indicators import` (long layout) and `phare survey import`, read by the same readers.
enum UploadKind: String, Sendable, CaseIterable {
    case catalogue, values, responses
}

/// A file checked and waiting for its confirmation, kept in memory under a random token.
struct PendingUpload: Sendable {
    var kind: UploadKind
    var file: UploadedFile
    var options: [String: String]
    var owner: String
    var checkedAt: Date
}

/// The checked uploads of this server process (a confirmation must come back to the server that
/// checked the file); each lives 30 minutes and belongs to the viewer who sent it.
final class PendingUploads: @unchecked Sendable {
    private var uploads: [String: PendingUpload] = [:]
    private let lock = NSLock()
    static let lifetime: TimeInterval = 30 * 60
    static let capacity = 32

    func keep(_ upload: PendingUpload) -> String {
        let token = Tokens.random()
        lock.withLock {
            uploads = uploads.filter { upload.checkedAt.timeIntervalSince($0.value.checkedAt) < Self.lifetime }
            if uploads.count >= Self.capacity, let oldest = uploads.min(by: { $0.value.checkedAt < $1.value.checkedAt })
            {
                uploads[oldest.key] = nil
            }
            uploads[token] = upload
        }
        return token
    }

    /// The upload under `token` if it belongs to `owner` and has not expired; it is taken out.
    func take(_ token: String, owner: String, now: Date) -> PendingUpload? {
        lock.withLock {
            guard let upload = uploads[token], upload.owner == owner,
                now.timeIntervalSince(upload.checkedAt) < Self.lifetime
            else { return nil }
            uploads[token] = nil
            return upload
        }
    }
}

enum ImportPages {
    static func text(_ match: SessionMatch, _ fr: String, _ en: String) -> String {
        HTML.escape(match.request.language == .fr ? fr : en)
    }

    static func kindLabel(_ kind: UploadKind, _ match: SessionMatch) -> String {
        switch kind {
        case .catalogue: text(match, "Catalogue des indicateurs", "Indicator catalogue")
        case .values: text(match, "Valeurs d’indicateurs (format long)", "Indicator values (long layout)")
        case .responses: text(match, "Réponses d’une enquête", "Survey responses")
        }
    }

    static func form(_ match: SessionMatch) -> DashboardReply {
        let limit = String(format: "%.0f", Double(match.access.settings.maxUploadBytes) / 1_048_576)
        let actors = match.snapshot.framework.actors.map {
            "<option value=\"\(HTML.escape($0.code.rawValue))\">\(HTML.escape(match.request.language == .fr ? $0.label.fr : $0.label.en))</option>"
        }.joined()
        let kinds = UploadKind.allCases.map { "<option value=\"\($0.rawValue)\">\(kindLabel($0, match))</option>" }
            .joined()
        let body =
            AccountPages.adminNavigationIfAdmin(match) + """
                <p class="lead">\(text(match, "Le fichier est d’abord vérifié, avec les mêmes contrôles et les mêmes messages que la commande phare ; rien n’est écrit avant votre confirmation.", "The file is checked first, with the same checks and messages as the phare command; nothing is written before you confirm."))</p>
                <form class="account-form upload" method="post" action="\(HTML.escape(match.request.links.page("/import/check")))" enctype="multipart/form-data" data-progress="upload-progress">
                \(AccountPages.csrfField(match))
                <label>\(text(match, "Contenu", "Content")) <select name="kind">\(kinds)</select></label>
                <label>\(text(match, "Fichier (CSV, au plus \(limit) Mio)", "File (CSV, at most \(limit) MiB)")) <input type="file" name="file" required accept=".csv,.tsv,.txt,text/csv"></label>
                <fieldset><legend>\(text(match, "Réponses d’enquête seulement", "Survey responses only"))</legend>
                <label>\(text(match, "Vague", "Wave")) <input name="wave" pattern="[A-Za-z0-9._-]{1,32}"></label>
                <label>\(text(match, "Acteur", "Actor")) <select name="actor">\(actors)</select></label>
                <label class="check"><input type="checkbox" name="replace" value="1"> \(text(match, "Remplacer les répondants déjà importés", "Replace respondents already imported"))</label>
                </fieldset>
                <button type="submit">\(text(match, "Vérifier le fichier", "Check the file"))</button>
                <progress id="upload-progress" max="100" value="0" hidden></progress>
                </form>
                """
        return AccountPages.page(
            match, title: match.request.language == .fr ? "Importer un fichier" : "Import a file", body: body)
    }

    /// What a checked file holds, in the CLI's words, or its errors.
    struct Checked {
        var summary: String
        var counts: [String: Int]
        var write: (any ObservatoryStore, AuditEntry) throws -> Void
    }

    static func check(_ kind: UploadKind, _ file: UploadedFile, options: [String: String], store: any ObservatoryStore)
        throws -> Checked
    {
        let name = file.fileName
        switch kind {
        case .catalogue:
            let document = try CSVDocument.parse(data: file.data, file: name)
            let definitions = try IndicatorCatalogueFile.read(
                document, framework: store.framework(), existing: store.indicatorCatalogue())
            return Checked(
                summary: "\(name): \(definitions.count) valid indicator definitions",
                counts: ["definitions": definitions.count]
            ) { store, audit in
                let summary = try store.saveCatalogue(definitions)
                var audit = audit
                audit.counts = ["added": summary.added, "replaced": summary.replaced]
                try store.recordAudit(audit)
            }
        case .values:
            let catalogue = try store.indicatorCatalogue()
            guard catalogue.count > 0 else {
                throw StoreError("the catalogue is empty: import a catalogue first")
            }
            let index = TerritoryIndex(tree: try store.territoryTree())
            let contents = try IndicatorValueFile.readLong(
                CSVDocument.parse(data: file.data, file: name), level: nil, index: index, catalogue: catalogue,
                options: TranslationOptions(history: try CommuneHistory.bundled()))
            let lines = contents.translation.lines.map { "\(name): \($0)" }
            return Checked(
                summary: (lines + [
                    "\(name): valid: \(contents.records) lines, \(contents.observations.count) values, \(contents.emptyCells) empty cells skipped"
                ]).joined(separator: "\n"),
                counts: ["lines": contents.records, "values": contents.observations.count]
            ) { store, audit in
                let summary = try store.importIndicatorValues(
                    contents.observations,
                    dataset: NewIndicatorDataset(name: name, sourceFile: name, format: "long", illustrative: false),
                    index: index, catalogue: catalogue,
                    aggregate: AnalysisPipeline.treeAggregator(catalogue: catalogue, index: index))
                var audit = audit
                audit.counts = [
                    "lines": contents.records, "values": contents.observations.count,
                    "replaced": summary.replacedValues,
                ]
                audit.detail = "dataset \(summary.datasetID)"
                try store.recordAudit(audit)
            }
        case .responses:
            let framework = try store.framework()
            let wave = options["wave"] ?? ""
            guard wave.range(of: "^[A-Za-z0-9._-]{1,32}$", options: .regularExpression) != nil else {
                throw StoreError("give the wave: 1 to 32 letters, digits, '.', '_' or '-'")
            }
            guard let actor = framework.actor(ActorCode(options["actor"] ?? ""))?.code else {
                throw StoreError("unknown actor \"\(options["actor"] ?? "")\"")
            }
            guard let year = Int(wave.prefix(4)) else {
                throw StoreError("the wave \(wave) does not start with a year")
            }
            let questionnaire = try QuestionnaireLoader.bundled(framework: framework)
            let respondents = try ResponseFile.read(
                CSVDocument.parse(data: file.data, file: name), actor: actor, questionnaire: questionnaire,
                framework: framework, territories: try store.territoryTree())
            let replace = options["replace"] == "1"
            if !replace,
                let existing = try store.surveyWaves().first(where: { $0.wave.code == wave })?.content.first(where: {
                    $0.actor == actor
                })
            {
                throw StoreError(
                    "wave \(wave) already holds \(existing.respondents) \(actor) respondents: tick “replace” to replace them"
                )
            }
            let surveyWave = SurveyWave(
                code: wave, year: year, label: "Vague \(wave)", synthetic: false, questionnaireID: questionnaire.id,
                questionnaireVersion: questionnaire.version)
            return Checked(
                summary: "\(name): \(respondents.count) valid \(actor) respondents for wave \(wave)",
                counts: ["respondents": respondents.count]
            ) { store, audit in
                try store.saveResponses(
                    SurveyResponses(wave: surveyWave, actor: actor, respondents: respondents), replace: replace)
                var audit = audit
                audit.action = replace ? "survey.replace" : "survey.import"
                audit.detail = "wave \(wave) \(actor)"
                try store.recordAudit(audit)
            }
        }
    }

    static func problems(_ error: Error) -> [String] {
        if let errors = error as? InputErrors { return errors.errors.map(\.description) }
        return ["\(error)"]
    }

    static func checkUpload(_ match: SessionMatch) throws -> DashboardReply {
        guard let kind = UploadKind(rawValue: match.form["kind"] ?? "") else {
            throw DashboardError.badRequest(LocalizedText(fr: "Contenu inconnu.", en: "Unknown content."))
        }
        guard let file = match.files["file"] else {
            throw DashboardError.badRequest(LocalizedText(fr: "Aucun fichier envoyé.", en: "No file sent."))
        }
        let title = match.request.language == .fr ? "Vérification du fichier" : "File check"
        var body =
            "<dl class=\"facts\"><div><dt>\(text(match, "Fichier", "File"))</dt><dd>\(HTML.escape(file.fileName))</dd></div>"
            + "<div><dt>\(text(match, "Contenu", "Content"))</dt><dd>\(kindLabel(kind, match))</dd></div>"
            + "<div><dt>SHA-256</dt><dd class=\"hash\">\(Tokens.sha256(file.data).prefix(16))…</dd></div></dl>"
        let checked: Checked
        do {
            checked = try check(kind, file, options: match.form, store: match.access.store)
        } catch {
            body +=
                "<p class=\"error-message\" role=\"alert\">\(text(match, "Le fichier a des erreurs ; rien n’a été écrit :", "The file has errors; nothing was written:"))</p>"
                + "<ul class=\"problems\">"
                + problems(error).map { "<li><code>\(HTML.escape($0))</code></li>" }.joined() + "</ul>"
                + "<p><a href=\"\(HTML.escape(match.request.links.page("/import")))\">\(text(match, "Envoyer un autre fichier", "Send another file"))</a></p>"
            return AccountPages.page(match, title: title, body: body, status: 422)
        }
        let token = match.access.uploads.keep(
            PendingUpload(
                kind: kind, file: file, options: match.form, owner: match.viewer.actor, checkedAt: match.access.now))
        body +=
            "<pre class=\"summary\">\(HTML.escape(checked.summary))</pre>"
            + "<form method=\"post\" action=\"\(HTML.escape(match.request.links.page("/import/confirm")))\">\(AccountPages.csrfField(match))"
            + "<input type=\"hidden\" name=\"token\" value=\"\(token)\">"
            + "<button type=\"submit\">\(text(match, "Confirmer l’import", "Confirm the import"))</button> "
            + "<a href=\"\(HTML.escape(match.request.links.page("/import")))\">\(text(match, "Annuler", "Cancel"))</a></form>"
        return AccountPages.page(match, title: title, body: body)
    }

    static func confirm(_ match: SessionMatch) throws -> DashboardReply {
        guard
            let upload = match.access.uploads.take(
                match.form["token"] ?? "", owner: match.viewer.actor, now: match.access.now)
        else {
            throw DashboardError(
                status: 410,
                message: LocalizedText(
                    fr:
                        "Ce fichier vérifié n’est plus en attente (confirmé, expiré après 30 minutes, ou envoyé par quelqu’un d’autre) : envoyez-le de nouveau.",
                    en:
                        "This checked file is no longer waiting (confirmed, expired after 30 minutes, or sent by someone else): send it again."
                ))
        }
        let store = match.access.store
        let checked: Checked
        do {
            checked = try check(upload.kind, upload.file, options: upload.options, store: store)
        } catch {
            let body =
                "<p class=\"error-message\" role=\"alert\">\(text(match, "Le fichier n’est plus valable (l’observatoire a changé) ; rien n’a été écrit :", "The file is no longer valid (the observatory changed); nothing was written:"))</p><ul class=\"problems\">"
                + problems(error).map { "<li><code>\(HTML.escape($0))</code></li>" }.joined() + "</ul>"
            return AccountPages.page(
                match, title: match.request.language == .fr ? "Import" : "Import", body: body, status: 422)
        }
        let action: String
        switch upload.kind {
        case .catalogue: action = "catalogue.import"
        case .values: action = "indicators.import"
        case .responses: action = "survey.import"
        }
        try checked.write(
            store,
            AuditEntry(
                at: match.access.now, actor: match.viewer.actor, action: action, fileName: upload.file.fileName,
                sha256: Tokens.sha256(upload.file.data), counts: checked.counts, detail: ""))
        let body =
            "<p class=\"lead\">\(text(match, "Import enregistré ; le tableau de bord se met à jour dans quelques secondes.", "Import recorded; the dashboard updates within a few seconds."))</p>"
            + "<pre class=\"summary\">\(HTML.escape(checked.summary))</pre>"
            + "<p><a href=\"\(HTML.escape(match.request.links.page("/import")))\">\(text(match, "Importer un autre fichier", "Import another file"))</a></p>"
        return AccountPages.page(
            match, title: match.request.language == .fr ? "Import enregistré" : "Import recorded", body: body)
    }
}
