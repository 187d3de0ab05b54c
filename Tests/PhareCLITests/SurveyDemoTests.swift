import Foundation
import PhareTestSupport
import Testing

/// The demo observatory's surveys: shape of the published tables, agreement with the figures the
/// PHARE programme published, and agreement with R's survey package on the same data.
@Suite(.serialized) struct SurveyDemoTests {

    func phare(_ kind: StoreKind, _ arguments: [String]) throws -> PhareRun {
        try PhareProcess.run(arguments, in: PhareProcess.demoFolder(kind))
    }

    @Test(arguments: StoreKind.allCases) func meanRatingGivesTheSixteenDomainsWithTheirBase(_ kind: StoreKind) throws {
        let run = try phare(
            kind,
            [
                "survey", "estimate", "--wave", "2015", "--actor", "citoyens", "--measure", "mean_rating", "--format",
                "csv",
            ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("SYNTHETIC"))
        let rows = RReference.rows(run.stdout)
        #expect(rows.count == 16)
        #expect(Set(rows.compactMap { $0["item"] }).count == 16)
        for row in rows {
            let estimate = Double(row["estimate"] ?? "") ?? .nan
            let lower = Double(row["ci_lower"] ?? "") ?? .nan
            let upper = Double(row["ci_upper"] ?? "") ?? .nan
            let n = Int(row["n"] ?? "") ?? 0
            let effective = Double(row["n_eff"] ?? "") ?? .nan
            #expect(lower < estimate && estimate < upper)
            #expect(n > 1900 && n <= 2000)
            #expect(effective > 1000 && effective < Double(n))
            #expect(row["synthetic"] == "true" && row["territory"] == "FR" && row["below_threshold"] == "false")
        }
        // By region: 13 metropolitan regions × 16 domains, thin cells flagged.
        let regional = RReference.rows(
            try phare(
                kind,
                [
                    "survey", "estimate", "--wave", "2015", "--actor", "maires", "--measure", "mean_rating", "--by",
                    "region", "--format", "csv",
                ]
            ).stdout)
        #expect(regional.count == 13 * 16)
        #expect(
            regional.contains { $0["below_threshold"] == "true" }
                && regional.contains { $0["below_threshold"] == "false" })
        for row in regional where (Int(row["n"] ?? "") ?? 0) < 30 { #expect(row["below_threshold"] == "true") }
    }

    @Test(arguments: StoreKind.allCases) func everyMeasureOfEveryActorIsComputed(_ kind: StoreKind) throws {
        for actor in ["citoyens", "associations", "entreprises", "maires"] {
            let run = try phare(
                kind,
                [
                    "survey", "estimate", "--wave", "2015", "--actor", actor, "--measure", "all", "--format", "json",
                ])
            #expect(run.status == 0, "\(actor): \(run.stderr)")
            let rows = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count > 60)
            for row in rows {
                let measure = row["measure"] as? String ?? ""
                guard let estimate = row["estimate"] as? Double else {
                    Issue.record("\(actor) \(measure): no estimate")
                    continue
                }
                if measure != "mean_rating" { #expect(estimate >= 0 && estimate <= 1, "\(actor) \(measure)") }
            }
        }
        let wrong = try phare(
            kind, ["survey", "estimate", "--wave", "2015", "--actor", "citoyens", "--measure", "dynamic"])
        #expect(wrong.status != 0 && wrong.stderr.contains("not asked to citoyens"))
        let unknown = try phare(
            kind, ["survey", "estimate", "--wave", "2015", "--actor", "citoyens", "--measure", "bonheur"])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown measure \"bonheur\""))
    }

    /// Every figure of ../shared/reference/phare-published-figures.csv that respondents' answers can
    /// give (all but the counts of partnerships) lies inside the 95 % interval of the weighted demo estimate
    /// (or equals it, for a published 100 % whose estimate of 1 has no logit interval).
    @Test(arguments: StoreKind.allCases) func weightedDemoEstimatesAgreeWithThePublishedFigures(_ kind: StoreKind)
        throws
    {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = repository.deletingLastPathComponent().appendingPathComponent(
            "shared/reference/phare-published-figures.csv"
        ).path
        let published = RReference.rows(try String(contentsOfFile: path, encoding: .utf8))
        #expect(published.count > 130)
        let items = [
            "dynamic|anchored": "ancree", "dynamic|emerging": "emergente", "dynamic|not_at_all": "pas-du-tout",
            "dynamic|any_dynamic": "positive",
            "role_agree|experiment": "experimenter",
            "role_agree|public_private_partnerships": "partenariats-public-prive",
            "partnership_status|none_no_intention": "aucun",
        ]
        var tables: [String: [[String: String]]] = [:]
        func table(_ actor: String, by: String?) throws -> [[String: String]] {
            let key = actor + (by ?? "")
            if let cached = tables[key] { return cached }
            let run = try phare(
                kind,
                ["survey", "estimate", "--wave", "2015", "--actor", actor, "--measure", "all", "--format", "csv"]
                    + (by.map { ["--by", $0] } ?? []))
            #expect(run.status == 0, "\(run.stderr)")
            tables[key] = RReference.rows(run.stdout)
            return tables[key] ?? []
        }
        var checked = 0
        for figure in published {
            let measure = figure["measure"] ?? ""
            let item = figure["domain_or_item"] ?? ""
            let territory = figure["territory"] ?? ""
            if measure == "partnerships_count" { continue }
            let value = (Double(figure["value"] ?? "") ?? .nan) / (figure["unit"] == "percent" ? 100 : 1)
            for actor in figure["actor"] == "all" ? ["associations", "entreprises"] : [figure["actor"] ?? ""] {
                var by: String? = territory == "FR" ? nil : "region"
                var group = territory
                var code = items["\(measure)|\(item)"] ?? item
                if measure == "partnership_rate" && item == "employer" {
                    by = "employeur"
                    group = "oui"
                    code = "all"
                }
                let row = try table(actor, by: by).first {
                    $0["measure"] == measure && $0["item"] == code && $0[by ?? "territory"] == group
                }
                guard let row, let estimate = Double(row["estimate"] ?? "") else {
                    Issue.record("no estimate for \(actor) \(measure) \(item) \(territory)")
                    continue
                }
                guard let lower = Double(row["ci_lower"] ?? ""), let upper = Double(row["ci_upper"] ?? "") else {
                    // A share of 0 or 1 has no logit interval: the estimate must then be the figure itself.
                    #expect(
                        estimate == value,
                        "\(actor) \(measure) \(item) \(territory): published \(value), estimate \(estimate) without interval"
                    )
                    checked += 1
                    continue
                }
                #expect(
                    lower <= value && value <= upper,
                    "\(actor) \(measure) \(item) \(territory): published \(value), estimate \(row["estimate"] ?? "") [\(lower), \(upper)]"
                )
                checked += 1
            }
        }
        #expect(checked == 137)
    }

    /// The demo data exported and analysed by R's survey package (same raking, same design): every
    /// estimate, standard error and confidence bound agrees to 1e-6 relative.
    @Test(arguments: StoreKind.allCases) func demoEstimatesMatchR(_ kind: StoreKind) throws {
        let folder = try PhareProcess.demoFolder(kind)
        for actor in ["citoyens", "associations", "maires"] {
            #expect(
                try phare(kind, ["survey", "export", "--wave", "2015", "--actor", actor, "--out", "\(actor).csv"])
                    .status == 0
            )
            let margins = try phare(kind, ["survey", "margins", "--wave", "2015", "--actor", actor, "--format", "csv"])
            try margins.stdout.write(toFile: folder + "/margins-\(actor).csv", atomically: true, encoding: .utf8)
        }
        let domains = [
            "emploi", "developpement-economique", "niveau-de-vie", "pauvrete", "logement", "handicap", "vieillissement",
            "lien-social",
            "education", "sante", "securite", "mobilite", "numerique", "culture", "environnement",
            "transition-energetique",
        ]
        let script = """
            demo <- function(actor) {
              data <- read.csv(paste0(actor, ".csv"), colClasses = "character", check.names = FALSE)
              data$weight <- as.numeric(data$weight)
              m <- read.csv(paste0("margins-", actor, ".csv"), colClasses = c("character", "character", "numeric"))
              vars <- unique(m$variable)
              pop <- lapply(vars, function(v) { x <- m[m$variable == v, c("category", "population")]; names(x) <- c(v, "Freq"); x })
              d <- svydesign(id = ~1, strata = ~stratum, weights = ~weight, data = data)
              rake(d, lapply(vars, function(v) as.formula(paste0("~", v))), pop, control = list(maxit = 50, epsilon = 1e-9))
            }
            chosen <- function(column, code) ifelse(column == "", NA, sapply(strsplit(column, "|", fixed = TRUE), function(x) as.numeric(code %in% x)))
            level <- function(column, codes) ifelse(column == "", NA, as.numeric(column %in% codes))
            domains <- c(\(domains.map { "\"\($0)\"" }.joined(separator: ", ")))
            # xlogit: R's logit interval without its glm fit, which diverges on some regions of the raked
            # design (see reference.R); the formula is the same.
            prop <- function(...) ref_prop(..., method = "xlogit")
            out <- NULL
            add <- function(case, rows) out <<- rbind(out, cbind(case = case, rows))
            cit <- demo("citoyens")
            for (dom in domains) {
              cit$variables[[paste0("FRAG_", dom)]] <- as.numeric(cit$variables[[paste0("FRAG_", dom)]])
              cit$variables[[paste0("top3_", dom)]] <- chosen(cit$variables$PRIO, dom)
              cit$variables[[paste0("impact_", dom)]] <- level(cit$variables[[paste0("IMPACT_", dom)]], "fort")
              add("mean_rating", ref_estimate(cit, paste0("FRAG_", dom)))
              add("mean_rating", ref_estimate(cit, paste0("FRAG_", dom), by = "region"))
              add("share_top3", prop(cit, paste0("top3_", dom), "1"))
              add("share_top3", prop(cit, paste0("top3_", dom), "1", by = "region"))
              add("share_impact", prop(cit, paste0("impact_", dom), "1"))
            }
            cit$variables$innov <- level(cit$variables$INNOV, c("tout-a-fait", "plutot"))
            add("innovation_agree", prop(cit, "innov", "1", by = "age"))
            asso <- demo("associations")
            asso$variables$partner <- level(asso$variables$PRACTICE, "partenariat")
            add("partnership_rate", prop(asso, "partner", "1", by = "employeur"))
            for (type in c("mecenat", "pratiques-responsables", "cooperation-economique", "innovation-societale")) {
              asso$variables[[paste0("type_", type)]] <- chosen(asso$variables$TYPES, type)
              add("partnership_type_share", prop(asso, paste0("type_", type), "1"))
            }
            maires <- demo("maires")
            for (dyn in c("ancree", "croissante", "emergente", "pas-vraiment", "pas-du-tout")) {
              maires$variables[[paste0("dyn_", dyn)]] <- level(maires$variables$DYNAMIC, dyn)
              add("dynamic", prop(maires, paste0("dyn_", dyn), "1", by = "region"))
            }
            write.csv(out, stdout(), row.names = FALSE, na = "")

            """
        let reference = RReference.rows(try RReference.run("options(digits = 17)\n" + script, in: folder))
        #expect(reference.count == 16 * (1 + 13 + 1 + 13 + 1) + 5 + 2 + 4 + 5 * 13)

        func ours(_ actor: String, _ measure: String, by: String?) throws -> [[String: String]] {
            let run = try phare(
                kind,
                ["survey", "estimate", "--wave", "2015", "--actor", actor, "--measure", measure, "--format", "csv"]
                    + (by.map { ["--by", $0] } ?? []))
            #expect(run.status == 0, "\(run.stderr)")
            return RReference.rows(run.stdout)
        }
        let tables:
            [String: (
                actor: String, prefix: String, national: [[String: String]], byGroup: [[String: String]], by: String?
            )] = [
                "mean_rating": (
                    "citoyens", "FRAG_", try ours("citoyens", "mean_rating", by: nil),
                    try ours("citoyens", "mean_rating", by: "region"), "region"
                ),
                "share_top3": (
                    "citoyens", "top3_", try ours("citoyens", "share_top3", by: nil),
                    try ours("citoyens", "share_top3", by: "region"), "region"
                ),
                "share_impact": ("citoyens", "impact_", try ours("citoyens", "share_impact", by: nil), [], nil),
                "innovation_agree": (
                    "citoyens", "innov", [], try ours("citoyens", "innovation_agree", by: "age"), "age"
                ),
                "partnership_rate": (
                    "associations", "partner", [], try ours("associations", "partnership_rate", by: "employeur"),
                    "employeur"
                ),
                "partnership_type_share": (
                    "associations", "type_", try ours("associations", "partnership_type_share", by: nil), [], nil
                ),
                "dynamic": ("maires", "dyn_", [], try ours("maires", "dynamic", by: "region"), "region"),
            ]
        var compared = 0
        for row in reference {
            guard let measure = row["case"], let table = tables[measure], let variable = row["variable"],
                let group = row["group"]
            else { continue }
            let item =
                variable.hasPrefix(table.prefix) && variable != table.prefix
                ? String(variable.dropFirst(table.prefix.count)) : "all"
            let source = group.isEmpty ? table.national : table.byGroup
            let column = group.isEmpty ? "territory" : (table.by ?? "")
            let key = group.isEmpty ? "FR" : group
            guard let match = source.first(where: { $0["item"] == item && $0[column] == key }) else {
                Issue.record("\(measure) \(item) \(key): no Phare row")
                continue
            }
            for column in ["estimate", "se", "ci_lower", "ci_upper"] {
                let mine = Double(match[column] ?? "") ?? .nan
                let theirs = Double(row[column] ?? "") ?? .nan
                #expect(
                    RReference.close(mine, theirs), "\(measure) \(item) \(key) \(column): Phare \(mine), R \(theirs)")
                compared += 1
            }
        }
        #expect(compared == 4 * reference.count)
    }
}
