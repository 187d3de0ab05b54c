import Foundation
import PhareTestSupport
import Testing

/// `phare stats` against R's survey package, run for real on R's own `api` data sets: every estimate,
/// standard error and confidence bound must agree to 1e-6 relative.
@Suite(.serialized) struct StatsAgainstRTests {
    struct Case {
        var id: String
        var phare: [String]
        /// R expression returning a data.frame (group, variable, level, estimate, se, ci_lower, ci_upper).
        var r: String
    }

    static let marginsClus1 = """
        variable,category,population
        stype,E,4421
        stype,H,755
        stype,M,1018
        sch.wide,No,1072
        sch.wide,Yes,5122

        """
    static let marginsStype = """
        variable,category,population
        stype,E,4421
        stype,H,755
        stype,M,1018

        """

    static func cases(_ fx: String) -> [Case] {
        let strat = ["--data", fx + "/apistrat.csv", "--weight", "pw", "--strata", "stype", "--fpc", "fpc"]
        let clus1 = ["--data", fx + "/apiclus1.csv", "--weight", "pw", "--cluster", "dnum", "--fpc", "fpc"]
        let clus2 = ["--data", fx + "/apiclus2.csv", "--weight", "pw", "--cluster", "dnum"]
        let srs = ["--data", fx + "/apisrs.csv", "--fpc", "fpc"]
        let stratClus = ["--data", fx + "/apistrat.csv", "--weight", "pw", "--strata", "stype", "--cluster", "dnum"]
        return [
            Case(
                id: "strat-mean", phare: ["mean", "--var", "api00", "--var", "api99"] + strat,
                r: "rbind(ref_estimate(dstrat, 'api00'), ref_estimate(dstrat, 'api99'))"),
            Case(
                id: "strat-mean-by", phare: ["mean", "--var", "api00", "--by", "awards"] + strat,
                r: "ref_estimate(dstrat, 'api00', by = 'awards')"),
            Case(
                id: "strat-total", phare: ["total", "--var", "enroll"] + strat,
                r: "ref_estimate(dstrat, 'enroll', stat = svytotal)"),
            Case(
                id: "strat-total-by", phare: ["total", "--var", "enroll", "--by", "awards"] + strat,
                r: "ref_estimate(dstrat, 'enroll', by = 'awards', stat = svytotal)"),
            Case(
                id: "strat-prop", phare: ["prop", "--var", "sch.wide", "--level", "Yes"] + strat,
                r: "ref_prop(dstrat, 'sch.wide', 'Yes')"),
            Case(
                id: "strat-prop-by", phare: ["prop", "--var", "sch.wide", "--level", "Yes", "--by", "stype"] + strat,
                r: "ref_prop(dstrat, 'sch.wide', 'Yes', by = 'stype')"),
            Case(
                id: "clus1-mean", phare: ["mean", "--var", "api00", "--var", "enroll"] + clus1,
                r: "rbind(ref_estimate(dclus1, 'api00'), ref_estimate(dclus1, 'enroll'))"),
            Case(
                id: "clus1-mean-by", phare: ["mean", "--var", "api00", "--by", "stype"] + clus1,
                r: "ref_estimate(dclus1, 'api00', by = 'stype')"),
            Case(
                id: "clus1-missing", phare: ["mean", "--var", "acs.46", "--by", "stype"] + clus1,
                r: "ref_estimate(dclus1, 'acs.46', by = 'stype')"),
            Case(
                id: "clus1-total", phare: ["total", "--var", "enroll", "--by", "stype"] + clus1,
                r: "rbind(ref_estimate(dclus1, 'enroll', by = 'stype', stat = svytotal))"),
            Case(
                id: "clus1-distribution", phare: ["prop", "--var", "awards"] + clus1,
                r: "rbind(ref_prop(dclus1, 'awards', 'No'), ref_prop(dclus1, 'awards', 'Yes'))"),
            Case(
                id: "clus1-prop-by", phare: ["prop", "--var", "sch.wide", "--level", "Yes", "--by", "stype"] + clus1,
                r: "ref_prop(dclus1, 'sch.wide', 'Yes', by = 'stype')"),
            Case(
                id: "clus2-mean-by", phare: ["mean", "--var", "api00", "--by", "stype"] + clus2,
                r: "ref_estimate(dclus2, 'api00', by = 'stype')"),
            Case(
                id: "clus2-mean", phare: ["mean", "--var", "api00"] + clus2,
                r: "ref_estimate(dclus2, 'api00')"),
            Case(
                id: "clus2-prop", phare: ["prop", "--var", "both", "--level", "Yes"] + clus2,
                r: "ref_prop(dclus2, 'both', 'Yes')"),
            Case(
                id: "srs-mean-total", phare: ["mean", "--var", "api00"] + srs,
                r: "ref_estimate(dsrs, 'api00')"),
            Case(
                id: "srs-total", phare: ["total", "--var", "enroll"] + srs,
                r: "ref_estimate(dsrs, 'enroll', stat = svytotal)"),
            Case(
                id: "stratclus-mean", phare: ["mean", "--var", "api00", "--by", "awards"] + stratClus,
                r: "rbind(ref_estimate(dstratclus, 'api00', by = 'awards'))"),
            Case(
                id: "stratclus-prop", phare: ["prop", "--var", "sch.wide", "--level", "Yes"] + stratClus,
                r: "ref_prop(dstratclus, 'sch.wide', 'Yes')"),
            Case(
                id: "raked-mean", phare: ["mean", "--var", "api00", "--margins", "margins-clus1.csv"] + clus1,
                r: "ref_estimate(dclus1r, 'api00')"),
            Case(
                id: "raked-mean-by",
                phare: [
                    "mean", "--var", "api00", "--var", "enroll", "--by", "awards", "--margins", "margins-clus1.csv",
                ] + clus1,
                r:
                    "rbind(ref_estimate(dclus1r, 'api00', by = 'awards'), ref_estimate(dclus1r, 'enroll', by = 'awards'))"
            ),
            Case(
                id: "raked-total", phare: ["total", "--var", "enroll", "--margins", "margins-clus1.csv"] + clus1,
                r: "ref_estimate(dclus1r, 'enroll', stat = svytotal)"),
            Case(
                id: "raked-prop-by",
                phare: ["prop", "--var", "awards", "--level", "Yes", "--by", "stype", "--margins", "margins-clus1.csv"]
                    + clus1,
                r: "ref_prop(dclus1r, 'awards', 'Yes', by = 'stype')"),
            Case(
                id: "raked-converged",
                phare: [
                    "mean", "--var", "api00", "--by", "awards", "--margins", "margins-clus1.csv", "--epsilon", "1e-10",
                    "--max-iterations", "100",
                ] + clus1,
                r: "ref_estimate(dclus1rc, 'api00', by = 'awards')"),
            Case(
                id: "poststratified",
                phare: [
                    "mean", "--var", "api00", "--by", "awards", "--margins", "margins-stype.csv", "--method",
                    "poststratify",
                ] + clus1,
                r: "ref_estimate(dclus1p, 'api00', by = 'awards')"),
            Case(
                id: "poststratified-mean",
                phare: ["mean", "--var", "api00", "--margins", "margins-stype.csv", "--method", "poststratify"] + clus1,
                r: "ref_estimate(dclus1p, 'api00')"),
            Case(
                id: "poststratified-prop",
                phare: [
                    "prop", "--var", "sch.wide", "--level", "Yes", "--margins", "margins-stype.csv", "--method",
                    "poststratify",
                ] + clus1,
                r: "ref_prop(dclus1p, 'sch.wide', 'Yes')"),
        ]
    }

    static func prelude(_ fx: String) -> String {
        """
        fx <- "\(fx)"
        apistrat <- read.csv(file.path(fx, "apistrat.csv"))
        apiclus1 <- read.csv(file.path(fx, "apiclus1.csv"))
        apiclus2 <- read.csv(file.path(fx, "apiclus2.csv"))
        apisrs <- read.csv(file.path(fx, "apisrs.csv"))
        dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
        dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
        dclus2 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus2)
        dsrs <- svydesign(id = ~1, fpc = ~fpc, data = apisrs)
        dstratclus <- svydesign(id = ~dnum, strata = ~stype, weights = ~pw, data = apistrat, nest = TRUE)
        dclus1r <- ref_rake(dclus1, "margins-clus1.csv")
        dclus1rc <- ref_rake(dclus1, "margins-clus1.csv", control = list(maxit = 100, epsilon = 1e-10))
        dclus1p <- ref_poststratify(dclus1, "margins-stype.csv")

        """
    }

    @Test func estimatesAndStandardErrorsMatchR() throws {
        let folder = try PhareProcess.temporaryFolder()
        try Self.marginsClus1.write(toFile: folder + "/margins-clus1.csv", atomically: true, encoding: .utf8)
        try Self.marginsStype.write(toFile: folder + "/margins-stype.csv", atomically: true, encoding: .utf8)
        let fx = RReference.fixtures
        let cases = Self.cases(fx)
        var script = Self.prelude(fx) + "out <- NULL\n"
        for item in cases {
            script += "out <- rbind(out, cbind(case = '\(item.id)', \(item.r)))\n"
        }
        script += "write.csv(out, stdout(), row.names = FALSE, na = '')\n"
        let reference = RReference.rows(try RReference.run("options(digits = 17)\n" + script, in: folder))
        #expect(reference.count > 40)

        var compared = 0
        for item in cases {
            let run = try PhareProcess.run(["stats"] + item.phare + ["--format", "csv"], in: folder)
            try #require(run.status == 0, "\(item.id): \(run.stderr)")
            let byColumn = item.phare.firstIndex(of: "--by").map { item.phare[$0 + 1] }
            let ours = RReference.rows(run.stdout)
            let expected = reference.filter { $0["case"] == item.id }
            #expect(ours.count == expected.count, "\(item.id): \(ours.count) rows, R has \(expected.count)")
            for row in expected {
                let match = ours.first { candidate in
                    (byColumn.map { candidate[$0] } ?? "") == row["group"] && candidate["variable"] == row["variable"]
                        && (candidate["level"] ?? "") == row["level"]
                }
                guard let match else {
                    Issue.record(
                        "\(item.id): no Phare row for group \(row["group"] ?? "") variable \(row["variable"] ?? "") level \(row["level"] ?? "")"
                    )
                    continue
                }
                if match["n"] == "0" {
                    // No respondent of the group answered: Phare gives no estimate (R prints a degenerate 0).
                    #expect(match["estimate"] == "" && match["se"] == "", "\(item.id): \(match)")
                    continue
                }
                for (ourColumn, rColumn) in [
                    ("estimate", "estimate"), ("se", "se"), ("ci_lower", "ci_lower"), ("ci_upper", "ci_upper"),
                ] {
                    let mine = Double(match[ourColumn] ?? "") ?? .nan
                    let theirs = Double(row[rColumn] ?? "") ?? .nan
                    #expect(
                        RReference.close(mine, theirs),
                        "\(item.id) \(row["group"] ?? "") \(row["variable"] ?? "") \(row["level"] ?? "") \(ourColumn): Phare \(mine), R \(theirs)"
                    )
                    compared += 1
                }
            }
        }
        #expect(compared >= 160)
    }

    /// Every interval method of R's `svyciprop` (survey 4.1), on stratified, one- and two-stage cluster
    /// designs, overall and by group. The likelihood interval is compared at 2e-4: R interpolates a spline
    /// through a ten-step profile where Phare solves for the exact roots (see ProportionInterval.likelihood);
    /// on these domains the two differ by 1e-6 to 7e-5 relative.
    @Test func proportionIntervalsMatchR() throws {
        let folder = try PhareProcess.temporaryFolder()
        let fx = RReference.fixtures
        let strat = ["--data", fx + "/apistrat.csv", "--weight", "pw", "--strata", "stype", "--fpc", "fpc"]
        let clus1 = ["--data", fx + "/apiclus1.csv", "--weight", "pw", "--cluster", "dnum", "--fpc", "fpc"]
        let clus2 = ["--data", fx + "/apiclus2.csv", "--weight", "pw", "--cluster", "dnum"]
        let stratClus = ["--data", fx + "/apistrat.csv", "--weight", "pw", "--strata", "stype", "--cluster", "dnum"]
        let designs: [(id: String, phare: [String], r: String)] = [
            ("strat", ["--var", "sch.wide", "--level", "Yes"] + strat, "ref_prop(dstrat, 'sch.wide', 'Yes', METHOD)"),
            (
                "strat-by", ["--var", "sch.wide", "--level", "Yes", "--by", "stype"] + strat,
                "ref_prop(dstrat, 'sch.wide', 'Yes', by = 'stype', METHOD)"
            ),
            (
                "clus1-by", ["--var", "awards", "--level", "Yes", "--by", "stype"] + clus1,
                "ref_prop(dclus1, 'awards', 'Yes', by = 'stype', METHOD)"
            ),
            ("clus2", ["--var", "both", "--level", "Yes"] + clus2, "ref_prop(dclus2, 'both', 'Yes', METHOD)"),
            (
                "stratclus", ["--var", "sch.wide", "--level", "Yes"] + stratClus,
                "ref_prop(dstratclus, 'sch.wide', 'Yes', METHOD)"
            ),
        ]
        let methods = ["logit", "xlogit", "beta", "likelihood", "asin", "mean"]
        try Self.marginsClus1.write(toFile: folder + "/margins-clus1.csv", atomically: true, encoding: .utf8)
        try Self.marginsStype.write(toFile: folder + "/margins-stype.csv", atomically: true, encoding: .utf8)
        var script = Self.prelude(fx) + "out <- NULL\n"
        for method in methods {
            for design in designs {
                let call = design.r.replacingOccurrences(of: "METHOD", with: "method = '\(method)'")
                script += "out <- rbind(out, cbind(case = '\(design.id)-\(method)', \(call)))\n"
            }
        }
        script += "write.csv(out, stdout(), row.names = FALSE, na = '')\n"
        let reference = RReference.rows(try RReference.run("options(digits = 17)\n" + script, in: folder))
        var compared = 0
        for method in methods {
            for design in designs {
                let run = try PhareProcess.run(
                    ["stats", "prop"] + design.phare + ["--ci", method, "--format", "csv"], in: folder)
                try #require(run.status == 0, "\(design.id) \(method): \(run.stderr)")
                let byColumn = design.phare.firstIndex(of: "--by").map { design.phare[$0 + 1] }
                let ours = RReference.rows(run.stdout)
                let expected = reference.filter { $0["case"] == "\(design.id)-\(method)" }
                #expect(!expected.isEmpty && ours.count == expected.count, "\(design.id) \(method)")
                for row in expected {
                    guard
                        let match = ours.first(where: { candidate in
                            (byColumn.map { candidate[$0] } ?? "") == row["group"]
                        })
                    else {
                        Issue.record("\(design.id) \(method): no Phare row for group \(row["group"] ?? "")")
                        continue
                    }
                    #expect(match["ci_method"] == method)
                    for column in ["estimate", "se", "ci_lower", "ci_upper"] {
                        let mine = Double(match[column] ?? "") ?? .nan
                        let theirs = Double(row[column] ?? "") ?? .nan
                        let tolerance = method == "likelihood" && column.hasPrefix("ci") ? 2e-4 : 1e-6
                        #expect(
                            RReference.close(mine, theirs, tolerance: tolerance),
                            "\(design.id) \(method) \(row["group"] ?? "") \(column): Phare \(mine), R \(theirs)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == 6 * 9 * 4)
    }

    /// An interval method is for proportions: on a mean it is refused with a sentence, nothing printed.
    @Test func intervalMethodOnAMeanIsRefused() throws {
        let fx = RReference.fixtures
        let run = try PhareProcess.run([
            "stats", "mean", "--data", fx + "/apistrat.csv", "--var", "api00", "--weight", "pw", "--ci", "wilson",
        ])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--ci wilson is an interval method for proportions"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    /// R's published example: svymean(~api00, dstrat) prints 662.29 with SE 9.4089.
    @Test func stratifiedMeanPrintsRPublishedValues() throws {
        let fx = RReference.fixtures
        let run = try PhareProcess.run([
            "stats", "mean", "--data", fx + "/apistrat.csv", "--var", "api00", "--weight", "pw", "--strata", "stype",
            "--fpc", "fpc", "--format", "table",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let row = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(row.contains(" 662.29 ") && row.contains(" 9.4089 "), "\(run.stdout)")
        let json = try #require(
            JSONSerialization.jsonObject(
                with: Data(
                    try PhareProcess.run([
                        "stats", "mean", "--data", fx + "/apistrat.csv", "--var", "api00", "--weight", "pw", "--strata",
                        "stype", "--fpc", "fpc", "--format", "json",
                    ]).stdout.utf8)) as? [[String: Any]])
        #expect(json.first?["n"] as? Int == 200)
    }

    @Test func rakedPostStratifiedAndTrimmedWeightsMatchR() throws {
        let folder = try PhareProcess.temporaryFolder()
        try Self.marginsClus1.write(toFile: folder + "/margins-clus1.csv", atomically: true, encoding: .utf8)
        try Self.marginsStype.write(toFile: folder + "/margins-stype.csv", atomically: true, encoding: .utf8)
        let fx = RReference.fixtures
        let script =
            Self.prelude(fx) + """
                trimmed <- trimWeights(dclus1rc, lower = 25, upper = 40)
                strict <- trimWeights(dclus1rc, lower = 25, upper = 40, strict = TRUE)
                out <- data.frame(raked = weights(dclus1r), converged = weights(dclus1rc), post = weights(dclus1p),
                                  trimmed = weights(trimmed), strict = weights(strict))
                write.csv(out, stdout(), row.names = FALSE)

                """
        let reference = RReference.rows(try RReference.run("options(digits = 17)\n" + script, in: folder))
        #expect(reference.count == 183)

        let clus1 = ["--data", fx + "/apiclus1.csv", "--weight", "pw"]
        let runs: [(String, [String])] = [
            ("raked", ["--margins", "margins-clus1.csv"]),
            ("converged", ["--margins", "margins-clus1.csv", "--epsilon", "1e-10", "--max-iterations", "100"]),
            ("post", ["--margins", "margins-stype.csv", "--method", "poststratify"]),
            (
                "trimmed",
                [
                    "--margins", "margins-clus1.csv", "--epsilon", "1e-10", "--max-iterations", "100", "--trim-lower",
                    "25", "--trim-upper", "40",
                ]
            ),
            (
                "strict",
                [
                    "--margins", "margins-clus1.csv", "--epsilon", "1e-10", "--max-iterations", "100", "--trim-lower",
                    "25", "--trim-upper", "40", "--strict-trim",
                ]
            ),
        ]
        for (name, options) in runs {
            let run = try PhareProcess.run(
                ["stats", "rake"] + clus1 + options + ["--out", "\(name).csv", "--new-weight", "w", "--format", "csv"],
                in: folder)
            try #require(run.status == 0, "\(name): \(run.stderr)")
            let written = RReference.rows(try String(contentsOfFile: folder + "/\(name).csv", encoding: .utf8))
            try #require(written.count == reference.count)
            var differing = 0
            for (mine, theirs) in zip(written, reference) {
                if !RReference.close(Double(mine["w"] ?? "") ?? .nan, Double(theirs[name] ?? "") ?? .nan) {
                    differing += 1
                }
            }
            #expect(differing == 0, "\(name): \(differing) weights differ from R")
            if name == "converged" {
                // Every margin reached.
                for row in RReference.rows(run.stdout) {
                    #expect(abs(Double(row["difference"] ?? "") ?? 1) < 1e-6, "\(row)")
                }
            }
        }
    }
}
