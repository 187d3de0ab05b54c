import Foundation
import PhareTestSupport
import Testing

/// `phare survey compare` on the demo's two synthetic waves against R's survey package, and the
/// published figures of past waves (import, bad input, approximate comparisons).
@Suite(.serialized) struct WaveCompareTests {
    static var folder: String { get throws { try PhareProcess.demoFolder(.sqlite) } }

    func phare(_ arguments: [String], in folder: String? = nil) throws -> PhareRun {
        try PhareProcess.run(arguments, in: folder ?? Self.folder)
    }

    static let citizenMeasures = [
        "mean_rating", "share_rating_above_6", "share_top3", "share_mobilise_entreprises",
        "share_mobilise_associations", "share_mobilise_citoyens", "share_impact", "cocon_relevant",
        "innovation_agree",
    ]

    /// Every measure of the citizens, nationally and by region: both estimates, the difference, its SE and
    /// interval agree to 1e-6 with R's survey package on the two waves stacked (strata and raking margins
    /// crossed with the wave, which is each wave raked on its own), the domain means and their difference
    /// by `svycontrast` on `svytotal` (see the script for why not `svyby(covmat = TRUE)`).
    @Test func comparisonOfTheTwoDemoWavesMatchesR() throws {
        let folder = try Self.folder
        for wave in ["2015", "2025"] {
            let export = try phare([
                "survey", "export", "--wave", wave, "--actor", "citoyens", "--out", "compare-citoyens-\(wave).csv",
            ])
            #expect(export.status == 0, "\(export.stderr)")
            let margins = try phare(["survey", "margins", "--wave", wave, "--actor", "citoyens", "--format", "csv"])
            try margins.stdout.write(
                toFile: folder + "/compare-margins-citoyens-\(wave).csv", atomically: true, encoding: .utf8)
        }
        let domains = [
            "emploi", "developpement-economique", "niveau-de-vie", "pauvrete", "logement", "handicap", "vieillissement",
            "lien-social", "education", "sante", "securite", "mobilite", "numerique", "culture", "environnement",
            "transition-energetique",
        ]
        let script = """
            waves <- c("2015", "2025")
            data <- do.call(rbind, lapply(waves, function(w) {
              d <- read.csv(paste0("compare-citoyens-", w, ".csv"), colClasses = "character", check.names = FALSE)
              d$wave <- w
              d
            }))
            data$weight <- as.numeric(data$weight)
            data$wave_stratum <- paste(data$wave, data$stratum)
            m <- do.call(rbind, lapply(waves, function(w) {
              x <- read.csv(paste0("compare-margins-citoyens-", w, ".csv"), colClasses = c("character", "character", "numeric"))
              x$wave <- w
              x
            }))
            vars <- unique(m$variable)
            for (v in vars) data[[paste0("w_", v)]] <- paste(data$wave, data[[v]])
            pop <- lapply(vars, function(v) {
              x <- m[m$variable == v, ]
              out <- data.frame(paste(x$wave, x$category), x$population)
              names(out) <- c(paste0("w_", v), "Freq")
              out
            })
            d <- svydesign(id = ~1, strata = ~wave_stratum, weights = ~weight, data = data)
            d <- rake(d, lapply(vars, function(v) as.formula(paste0("~w_", v))), pop,
                      control = list(maxit = 50, epsilon = 1e-9))
            chosen <- function(column, code) ifelse(column == "", NA, sapply(strsplit(column, "|", fixed = TRUE), function(x) as.numeric(code %in% x)))
            level <- function(column, codes) ifelse(column == "", NA, as.numeric(column %in% codes))
            domains <- c(\(domains.map { "\"\($0)\"" }.joined(separator: ", ")))
            regions <- sort(unique(data$region))
            out <- NULL
            # The mean over the respondents of a wave (and region) who answered is a domain mean: the ratio of
            # the totals of y and of "answered" over that wave (and region). svytotal gives these totals with
            # their covariance on the stacked design, svycontrast the ratios and their difference by the delta
            # method (the linearisation of svymean on a domain). svyby(covmat = TRUE) would give the same but
            # fails on raked designs in this version of the survey package ("number of items to replace").
            compare <- function(measure, item, values, by_region = FALSE) {
              answered <- as.numeric(!is.na(values))
              y <- ifelse(is.na(values), 0, values)
              groups <- if (by_region) c("FR", regions) else "FR"
              columns <- list()
              for (g in groups) {
                inside <- if (g == "FR") rep(1, length(y)) else as.numeric(d$variables$region == g)
                for (w in waves) {
                  columns[[paste0("y", w, "_", g)]] <- y * inside * (d$variables$wave == w)
                  columns[[paste0("a", w, "_", g)]] <- answered * inside * (d$variables$wave == w)
                }
              }
              # Only these columns: the design (strata, raking steps) is kept apart from its variables.
              stacked <- d
              stacked$variables <- as.data.frame(columns, check.names = FALSE)
              totals <- svytotal(as.formula(paste("~", paste0("`", names(columns), "`", collapse = " + "))), stacked)
              for (g in groups) {
                r <- function(w) paste0("`y", w, "_", g, "`/`a", w, "_", g, "`")
                e <- svycontrast(totals, list(
                  estimate_1 = parse(text = r("2015"))[[1]], estimate_2 = parse(text = r("2025"))[[1]],
                  difference = parse(text = paste(r("2025"), "-", r("2015")))[[1]]))
                ci <- confint(e)
                out <<- rbind(out, data.frame(measure = measure, item = item, territory = g,
                  estimate_1 = unname(coef(e))[1], estimate_2 = unname(coef(e))[2], difference = unname(coef(e))[3],
                  se = unname(SE(e))[3], ci_lower = ci[3, 1], ci_upper = ci[3, 2]))
              }
            }
            # Every item of every measure nationally; by region, the domains the 2025 wave moves (and
            # innovation): the variance of raked designs costs R about 0.05 s per column.
            regional <- c("emploi", "sante", "transition-energetique")
            v <- d$variables
            for (dom in domains) {
              frag <- as.numeric(v[[paste0("FRAG_", dom)]])
              by <- dom %in% regional
              compare("mean_rating", dom, frag, by)
              compare("share_rating_above_6", dom, as.numeric(frag >= 7), by)
              compare("share_top3", dom, chosen(v$PRIO, dom), by)
              for (target in c("entreprises", "associations", "citoyens")) {
                compare(paste0("share_mobilise_", target), dom, chosen(v[[paste0("MOBIL_", target)]], dom), by)
              }
              compare("share_impact", dom, level(v[[paste0("IMPACT_", dom)]], "fort"), by)
              compare("cocon_relevant", dom, level(v[[paste0("COCON_", dom)]], "oui"), by)
            }
            compare("innovation_agree", "all", level(v$INNOV, c("tout-a-fait", "plutot")), TRUE)
            write.csv(out, stdout(), row.names = FALSE, na = "")

            """
        let reference = RReference.rows(try RReference.run("options(digits = 17)\n" + script, in: folder))
        #expect(reference.count == 8 * 16 + 1 + (8 * 3 + 1) * 13)
        var ours: [String: [String: String]] = [:]
        for measure in Self.citizenMeasures {
            let run = try phare([
                "survey", "compare", "--actor", "citoyens", "--measure", measure, "--waves", "2015,2025", "--by",
                "region", "--format", "csv",
            ])
            #expect(run.status == 0, "\(measure): \(run.stderr)")
            for row in RReference.rows(run.stdout) {
                ours["\(row["measure"] ?? "")|\(row["item"] ?? "")|\(row["territory"] ?? "")"] = row
                #expect(row["synthetic"] == "true" && row["approximate"] == "false")
            }
        }
        var compared = 0
        var significant = 0
        for row in reference {
            let key = "\(row["measure"] ?? "")|\(row["item"] ?? "")|\(row["territory"] ?? "")"
            guard let mine = ours[key] else {
                Issue.record("\(key): no Phare row")
                continue
            }
            // A difference (and an interval bound) near 0 is compared to 1e-6 of the estimates it is the
            // difference of: its own relative error measures the cancellation, not the method (the two
            // rakings stop a sweep apart, which moves the estimates by about 1e-9).
            let scale = max(abs(Double(row["estimate_1"] ?? "") ?? 0), abs(Double(row["estimate_2"] ?? "") ?? 0))
            for column in ["estimate_1", "estimate_2", "difference", "se", "ci_lower", "ci_upper"] {
                let a = Double(mine[column] ?? "") ?? .nan
                let b = Double(row[column] ?? "") ?? .nan
                let close =
                    ["estimate_1", "estimate_2", "se"].contains(column)
                    ? RReference.close(a, b) : abs(a - b) <= 1e-6 * scale
                #expect(close, "\(key) \(column): Phare \(a), R \(b)")
                compared += 1
            }
            let lower = Double(row["ci_lower"] ?? "") ?? .nan
            let upper = Double(row["ci_upper"] ?? "") ?? .nan
            #expect((mine["significant"] == "true") == (lower > 0 || upper < 0), "\(key) significance")
            if mine["significant"] == "true" { significant += 1 }
        }
        #expect(compared == 6 * reference.count)
        // The assumed changes of the 2025 wave show: health rated more fragile, employment less.
        #expect(ours["mean_rating|sante|FR"]?["significant"] == "true")
        #expect((Double(ours["mean_rating|emploi|FR"]?["difference"] ?? "") ?? 0) < -0.3)
        #expect(significant > 0 && significant < reference.count)
    }

    /// Regions with too few respondents in either wave are flagged, at the documented threshold.
    @Test func thinRegionsAreFlagged() throws {
        let run = try phare([
            "survey", "compare", "--actor", "maires", "--measure", "dynamic", "--waves", "2015,2025", "--by", "region",
            "--format", "csv",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = RReference.rows(run.stdout).filter { $0["territory"] != "FR" }
        #expect(rows.count == 13 * 6)
        for row in rows {
            let n = min(Int(row["n_1"] ?? "") ?? 0, Int(row["n_2"] ?? "") ?? 0)
            #expect((row["below_threshold"] == "true") == (n < 30))
        }
        #expect(rows.contains { $0["below_threshold"] == "true" })
    }

    /// The bundled ARPEA and PHARE figures are a past wave: compared with the synthetic 2025 wave with an
    /// SE √(SE₂² + p(1 − p)/n) flagged approximate.
    @Test func publishedFiguresAreComparedWithAnApproximateStandardError() throws {
        let waves = RReference.rows(try phare(["survey", "waves", "--format", "csv"]).stdout)
        #expect(waves.contains { $0["wave"] == "PHARE-2015" && $0["actor"] == "entreprises" })
        #expect(waves.contains { $0["wave"] == "ARPEA-2011" })
        let run = try phare([
            "survey", "compare", "--actor", "entreprises", "--measure", "partnership_rate", "--waves",
            "ARPEA-2011,2025", "--format", "csv",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("approximate"))
        let row = try #require(RReference.rows(run.stdout).first)
        let p = 0.285
        let n = Double(row["n_1"] ?? "") ?? .nan
        let se1 = (p * (1 - p) / n).squareRoot()
        let se2 = Double(row["se_2"] ?? "") ?? .nan
        #expect(row["approximate"] == "true" && row["estimate_1"] == "0.285")
        #expect(RReference.close(Double(row["se_1"] ?? "") ?? .nan, se1))
        #expect(RReference.close(Double(row["se"] ?? "") ?? .nan, (se1 * se1 + se2 * se2).squareRoot()))
        let difference = Double(row["difference"] ?? "") ?? .nan
        #expect(difference > 0.1 && row["significant"] == "true")
        // A published mean rating has no SE (its spread is not published): the difference has none either.
        let rating = try phare([
            "survey", "compare", "--actor", "citoyens", "--measure", "mean_rating", "--waves", "PHARE-2015,2025",
            "--format", "csv",
        ])
        let ratings = RReference.rows(rating.stdout)
        #expect(ratings.count == 16 && ratings.allSatisfy { $0["se"] == "" && $0["difference"] != "" })
    }

    @Test func badPublishedFiguresAreRefusedWithWhereAndNothingIsWritten() throws {
        let folder = try PhareProcess.temporaryFolder()
        #expect(try phare(["init", "--empty"], in: folder).status == 0)
        let header = "wave,year,actor,measure,item,territory,value,n,source\n"
        let cases: [(String, String)] = [
            ("W,2011,entreprises,partnership_rate,all,FR,128.5,500,report\n", "figures.csv:3 column value"),
            ("W,2011,entreprises,partnership_rate,all,FR,28.5,0,report\n", "figures.csv:3 column n"),
            ("W,2011,entreprises,bonheur,all,FR,28.5,500,report\n", "unknown measure \"bonheur\""),
            ("W,2011,entreprises,partnership_rate,all,99,28.5,500,report\n", "unknown territory \"99\""),
            ("W,2011,entreprises,partnership_rate,tout,FR,28.5,500,report\n", "figures.csv:3 column item"),
            ("W,2011,citoyens,partnership_rate,all,FR,28.5,500,report\n", "not asked to citoyens"),
            ("W,2011,citoyens,mean_rating,emploi,FR,12,500,report\n", "outside the rating scale"),
            (
                "W,2011,entreprises,partnership_rate,all,FR,28.5,500,report\nW,2011,entreprises,partnership_rate,all,FR,30,500,x\n",
                "figures.csv:4 column item: W entreprises partnership_rate all FR is already given on line 3"
            ),
        ]
        for (rows, expected) in cases {
            try (header + "W,2011,maires,innovation_agree,all,FR,80,300,report\n" + rows).write(
                toFile: folder + "/figures.csv", atomically: true, encoding: .utf8)
            let run = try phare(["survey", "import-published", "figures.csv"], in: folder)
            #expect(run.status != 0 && run.stderr.contains(expected), "\(expected): \(run.stderr)")
        }
        let waves = try phare(["survey", "waves", "--format", "csv"], in: folder)
        #expect(RReference.rows(waves.stdout).isEmpty, "nothing written: \(waves.stdout)")
        // A wave already held as microdata is refused.
        try (header + "2015,2015,entreprises,partnership_rate,all,FR,28.5,500,report\n").write(
            toFile: Self.folder + "/held.csv", atomically: true, encoding: .utf8)
        let held = try phare(["survey", "import-published", "held.csv"])
        #expect(held.status != 0 && held.stderr.contains("wave 2015 is already held as microdata"))
        // A good file imports, then a second import of the same wave needs --replace.
        try (header + "W,2011,entreprises,partnership_rate,all,FR,28.5,500,report\n").write(
            toFile: folder + "/figures.csv", atomically: true, encoding: .utf8)
        #expect(try phare(["survey", "import-published", "figures.csv"], in: folder).status == 0)
        let again = try phare(["survey", "import-published", "figures.csv"], in: folder)
        #expect(again.status != 0 && again.stderr.contains("--replace"))
        #expect(try phare(["survey", "import-published", "figures.csv", "--replace"], in: folder).status == 0)
    }
}

extension WaveCompareTests {
    /// The national report compares the published ARPEA/PHARE figures with the synthetic 2025 wave, and the
    /// regional report has an evolution section.
    @Test func reportsHaveAnEvolutionSection() throws {
        let national = try phare(["report", "--kind", "national", "--format", "html", "--out", "national.html"])
        #expect(national.status == 0, "\(national.stderr)")
        let html = try String(contentsOfFile: Self.folder + "/national.html", encoding: .utf8)
        #expect(html.contains("Évolution depuis les vagues passées"))
        #expect(html.contains("PHARE-2015") && html.contains("ARPEA-2011"))
        #expect(html.contains("id=\"evolution-published-impact\"") && html.contains("ET approchée"))
        #expect(html.contains("id=\"evolution-citoyens\""))
        let regional = try phare(["report", "--territory", "44", "--format", "html", "--out", "region-44.html"])
        #expect(regional.status == 0, "\(regional.stderr)")
        let region = try String(contentsOfFile: Self.folder + "/region-44.html", encoding: .utf8)
        #expect(region.contains("6. Évolution 2015 → 2025") && region.contains("id=\"evolution-citoyens-44\""))
    }
}
