import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareRender
import PhareStore

/// What an analyst can import from the browser: the files of `phare indicators catalogue import`,
/// `phare indicators import` (long layout), `phare survey import` and `phare survey weight
/// --margins`, read by the same readers.
enum UploadKind: String, Sendable, CaseIterable {
    case catalogue, values, responses, margins

    /// The audit log's name of the change.
    var action: String {
        switch self {
        case .catalogue: "catalogue.import"
        case .values: "indicators.import"
        case .responses: "survey.import"
        case .margins: "survey.weight"
        }
    }
}

/// A checked file waits for its confirmation in the store (`PendingUpload`), so that with several
/// servers on one database the confirmation may reach any of them.
enum ImportPages {
    /// How long a checked file waits for its confirmation.
    static let lifetime: TimeInterval = 3600
    /// How many checked files one account may have waiting (the oldest goes first).
    static let waitingPerAccount = 8
    /// The form's fields that go with the file.
    static let optionFields = ["wave", "actor", "replace"]

    static func text(_ match: SessionMatch, _ fr: String, _ en: String) -> String {
        HTML.escape(match.request.language == .fr ? fr : en)
    }

    static func kindLabel(_ kind: UploadKind, _ match: SessionMatch) -> String {
        switch kind {
        case .catalogue: text(match, "Catalogue des indicateurs", "Indicator catalogue")
        case .values: text(match, "Valeurs d’indicateurs (format long)", "Indicator values (long layout)")
        case .responses: text(match, "Réponses d’une enquête", "Survey responses")
        case .margins: text(match, "Marges de pondération d’une enquête", "Survey weighting margins")
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
                <form class="account-form upload" method="post" action="\(HTML.escape(match.request.links.page("/import/check")))" enctype="multipart/form-data" data-progress="upload-progress" data-sending="\(text(match, "Envoi du fichier :", "Sending the file:"))" data-checking="\(text(match, "Fichier envoyé ; vérification en cours…", "File sent; checking it…"))">
                \(AccountPages.csrfField(match))
                <label>\(text(match, "Contenu", "Content")) <select name="kind">\(kinds)</select></label>
                <label>\(text(match, "Fichier (CSV, au plus \(limit) Mio)", "File (CSV, at most \(limit) MiB)")) <input type="file" name="file" required accept=".csv,.tsv,.txt,text/csv"></label>
                <fieldset><legend>\(text(match, "Réponses d’enquête et marges seulement", "Survey responses and margins only"))</legend>
                <label>\(text(match, "Vague", "Wave")) <input name="wave" pattern="[A-Za-z0-9._-]{1,32}"></label>
                <label>\(text(match, "Acteur", "Actor")) <select name="actor">\(actors)</select></label>
                <label class="check"><input type="checkbox" name="replace" value="1"> \(text(match, "Remplacer les répondants déjà importés (réponses)", "Replace respondents already imported (responses)"))</label>
                </fieldset>
                <button type="submit">\(text(match, "Vérifier le fichier", "Check the file"))</button>
                <p class="upload-status" hidden><progress id="upload-progress" max="100" value="0"></progress> <output for="upload-progress"></output></p>
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
            let (wave, actor) = try waveAndActor(options, framework: framework)
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
        case .margins:
            let (wave, actor) = try waveAndActor(options, framework: try store.framework())
            let responses = try store.responses(wave: wave, actor: actor)
            let margins = try MarginsFile.parse(CSVDocument.parse(data: file.data, file: name))
            try margins.requireProfileVariables(of: try store.questionnaire(), actor: actor)
            // `phare survey weight --margins FILE` with its defaults: raking, R's 10 sweeps and epsilon 1.
            let plan = WeightingPlan(
                method: .rake,
                margins: margins.populationMargins(total: responses.respondents.reduce(0) { $0 + $1.designWeight }),
                settings: RakingSettings(maxIterations: 10, epsilon: 1), trimLower: nil, trimUpper: nil,
                strictTrim: false, source: "margins file \(name)")
            let (weights, report) = try WaveWeighting.weight(responses, plan: plan)
            let table = SurveyTables.margins(report.margins, format: .table).render(.table)
            return Checked(
                summary: (SurveyTables.weightingNotes(report, plan: plan).map { "\(name): \($0)" } + ["", table])
                    .joined(separator: "\n"),
                counts: ["respondents": responses.respondents.count, "margins": plan.margins.count]
            ) { store, audit in
                try store.saveWeighting(wave: wave, actor: actor, plan: plan, report: report, weights: weights)
                var audit = audit
                audit.counts = ["respondents": responses.respondents.count]
                audit.detail = "wave \(wave) \(actor)"
                try store.recordAudit(audit)
            }
        }
    }

    /// The wave and the actor a survey file goes to, from the form.
    static func waveAndActor(_ options: [String: String], framework: Framework) throws -> (String, ActorCode) {
        let wave = options["wave"] ?? ""
        guard wave.range(of: "^[A-Za-z0-9._-]{1,32}$", options: .regularExpression) != nil else {
            throw StoreError("give the wave: 1 to 32 letters, digits, '.', '_' or '-'")
        }
        guard let actor = framework.actor(ActorCode(options["actor"] ?? ""))?.code else {
            throw StoreError("unknown actor \"\(options["actor"] ?? "")\"")
        }
        return (wave, actor)
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
        let token = Tokens.random()
        let now = match.access.now
        try match.access.store.keepUpload(
            PendingUpload(
                tokenHash: Tokens.sha256(token), owner: match.viewer.actor, kind: kind.rawValue,
                fileName: file.fileName, options: match.form.filter { optionFields.contains($0.key) },
                content: file.data, createdAt: now, expiresAt: now.addingTimeInterval(lifetime)),
            perOwner: waitingPerAccount)
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
            let upload = try match.access.store.takeUpload(
                tokenHash: Tokens.sha256(match.form["token"] ?? ""), owner: match.viewer.actor, at: match.access.now),
            let kind = UploadKind(rawValue: upload.kind)
        else {
            throw DashboardError(
                status: 410,
                message: LocalizedText(
                    fr:
                        "Ce fichier vérifié n’est plus en attente (confirmé, expiré après une heure, remplacé par des envois plus récents, ou envoyé par quelqu’un d’autre) : envoyez-le de nouveau.",
                    en:
                        "This checked file is no longer waiting (confirmed, expired after an hour, replaced by newer uploads, or sent by someone else): send it again."
                ))
        }
        let store = match.access.store
        let file = UploadedFile(fileName: upload.fileName, data: upload.content)
        let checked: Checked
        do {
            checked = try check(kind, file, options: upload.options, store: store)
        } catch {
            let body =
                "<p class=\"error-message\" role=\"alert\">\(text(match, "Le fichier n’est plus valable (l’observatoire a changé) ; rien n’a été écrit :", "The file is no longer valid (the observatory changed); nothing was written:"))</p><ul class=\"problems\">"
                + problems(error).map { "<li><code>\(HTML.escape($0))</code></li>" }.joined() + "</ul>"
            return AccountPages.page(
                match, title: match.request.language == .fr ? "Import" : "Import", body: body, status: 422)
        }
        try checked.write(
            store,
            AuditEntry(
                at: match.access.now, actor: match.viewer.actor, action: kind.action, fileName: file.fileName,
                sha256: Tokens.sha256(file.data), counts: checked.counts, detail: ""))
        let body =
            "<p class=\"lead\">\(text(match, "Import enregistré ; le tableau de bord se met à jour dans quelques secondes.", "Import recorded; the dashboard updates within a few seconds."))</p>"
            + "<pre class=\"summary\">\(HTML.escape(checked.summary))</pre>"
            + "<p><a href=\"\(HTML.escape(match.request.links.page("/import")))\">\(text(match, "Importer un autre fichier", "Import another file"))</a></p>"
        return AccountPages.page(
            match, title: match.request.language == .fr ? "Import enregistré" : "Import recorded", body: body)
    }
}
