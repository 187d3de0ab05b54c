import Foundation
import PhareTestSupport
import Testing

/// Replicate-weight standard errors of `phare stats mean|total|prop` against R survey's
/// `as.svrepdesign` (jackknife replicates made from the design) and `svrepdesign` (replicate weights
/// read from a file, here written by R: bootstrap draws differ between programs, so Phare reads R's).
@Suite(.serialized) struct ReplicateAgainstRTests {
    static let prelude = """
        options(digits = 17)
        apiclus1 <- read.csv(file.path(fx, "apiclus1.csv"))
        apistrat <- read.csv(file.path(fx, "apistrat.csv"))
        dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
        dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
        rclus1 <- as.svrepdesign(dclus1, type = "JK1")
        rstrat <- as.svrepdesign(dstrat, type = "JKn")
        set.seed(20261202)
        boot <- as.svrepdesign(dclus1, type = "bootstrap", replicates = 50)
        reps <- weights(boot, "analysis")
        colnames(reps) <- paste0("rep", seq_len(ncol(reps)))
        write.csv(cbind(apiclus1, reps), "clus1-boot.csv", row.names = FALSE)
        rboot <- svrepdesign(data = apiclus1, repweights = reps, weights = ~pw, type = "bootstrap", combined.weights = TRUE)
        rbootmse <- svrepdesign(data = apiclus1, repweights = reps, weights = ~pw, type = "bootstrap",
                                combined.weights = TRUE, mse = TRUE)
        rbrr <- svrepdesign(data = apiclus1, repweights = reps, weights = ~pw, type = "BRR", combined.weights = TRUE)
        rfay <- svrepdesign(data = apiclus1, repweights = reps, weights = ~pw, type = "Fay", rho = 0.3,
                            combined.weights = TRUE)
        jk <- weights(rclus1, "analysis")
        colnames(jk) <- paste0("jk", seq_len(ncol(jk)))
        write.csv(cbind(apiclus1, jk), "clus1-jk.csv", row.names = FALSE)
        rjk <- svrepdesign(data = apiclus1, repweights = jk, weights = ~pw, type = "JK1", scale = 14 / 15,
                           combined.weights = TRUE)

        """

    @Test func replicateStandardErrorsMatchR() throws {
        let folder = try PhareProcess.temporaryFolder()
        let fx = RReference.fixtures
        let clus1 = ["--data", fx + "/apiclus1.csv", "--weight", "pw", "--cluster", "dnum", "--fpc", "fpc"]
        let strat = ["--data", fx + "/apistrat.csv", "--weight", "pw", "--strata", "stype", "--fpc", "fpc"]
        let boot = ["--data", "clus1-boot.csv", "--weight", "pw", "--replicate-weights", "rep*"]
        let jk = ["--data", "clus1-jk.csv", "--weight", "pw", "--replicate-weights", "jk*", "--replicate-type", "jk1"]
        let cases: [(id: String, phare: [String], r: String)] = [
            ("jk1-mean", ["mean", "--var", "api00", "--replicates", "jk1"] + clus1, "ref_estimate(rclus1, 'api00')"),
            (
                "jk1-total-by", ["total", "--var", "enroll", "--by", "stype", "--replicates", "jk1"] + clus1,
                "ref_estimate(rclus1, 'enroll', by = 'stype', stat = svytotal)"
            ),
            (
                "jk1-prop",
                ["prop", "--var", "sch.wide", "--level", "Yes", "--ci", "xlogit", "--replicates", "jk1"]
                    + clus1, "ref_prop(rclus1, 'sch.wide', 'Yes', method = 'xlogit')"
            ),
            (
                "jkn-mean-by", ["mean", "--var", "api00", "--by", "awards", "--replicates", "jkn"] + strat,
                "ref_estimate(rstrat, 'api00', by = 'awards')"
            ),
            (
                "jkn-prop",
                ["prop", "--var", "sch.wide", "--level", "Yes", "--ci", "mean", "--replicates", "jkn"]
                    + strat, "ref_prop(rstrat, 'sch.wide', 'Yes', method = 'mean')"
            ),
            (
                "boot-mean", ["mean", "--var", "api00", "--replicate-type", "bootstrap"] + boot,
                "ref_estimate(rboot, 'api00')"
            ),
            (
                "boot-mse-total", ["total", "--var", "enroll", "--replicate-type", "bootstrap", "--mse"] + boot,
                "ref_estimate(rbootmse, 'enroll', stat = svytotal)"
            ),
            (
                "boot-prop",
                [
                    "prop", "--var", "awards", "--level", "Yes", "--ci", "xlogit", "--replicate-type",
                    "bootstrap",
                ] + boot,
                "ref_prop(rboot, 'awards', 'Yes', method = 'xlogit')"
            ),
            (
                "brr-mean-by", ["mean", "--var", "api00", "--by", "stype", "--replicate-type", "brr"] + boot,
                "ref_estimate(rbrr, 'api00', by = 'stype')"
            ),
            (
                "fay-mean", ["mean", "--var", "api00", "--replicate-type", "fay", "--rho", "0.3"] + boot,
                "ref_estimate(rfay, 'api00')"
            ),
            ("jk1-read-mean", ["mean", "--var", "api00"] + jk, "ref_estimate(rjk, 'api00')"),
            (
                "jk1-read-prop", ["prop", "--var", "sch.wide", "--level", "Yes", "--ci", "xlogit"] + jk,
                "ref_prop(rjk, 'sch.wide', 'Yes', method = 'xlogit')"
            ),
        ]
        var script = "fx <- \"\(fx)\"\n" + Self.prelude + "out <- NULL\n"
        for item in cases { script += "out <- rbind(out, cbind(case = '\(item.id)', \(item.r)))\n" }
        script += "write.csv(out, stdout(), row.names = FALSE, na = '')\n"
        let reference = RReference.rows(try RReference.run(script, in: folder))
        var compared = 0
        for item in cases {
            let run = try PhareProcess.run(["stats"] + item.phare + ["--format", "csv"], in: folder)
            try #require(run.status == 0, "\(item.id): \(run.stderr)")
            let byColumn = item.phare.firstIndex(of: "--by").map { item.phare[$0 + 1] }
            let ours = RReference.rows(run.stdout)
            let expected = reference.filter { $0["case"] == item.id }
            #expect(!expected.isEmpty && ours.count == expected.count, "\(item.id)")
            for row in expected {
                let group = row["group"] ?? ""
                guard let match = ours.first(where: { candidate in (byColumn.map { candidate[$0] } ?? "") == group })
                else {
                    Issue.record("\(item.id): no Phare row for group \(row["group"] ?? "")")
                    continue
                }
                for column in ["estimate", "se", "ci_lower", "ci_upper"] {
                    let mine = Double(match[column] ?? "") ?? .nan
                    let theirs = Double(row[column] ?? "") ?? .nan
                    #expect(
                        RReference.close(mine, theirs),
                        "\(item.id) \(row["group"] ?? "") \(column): Phare \(mine), R \(theirs)")
                    compared += 1
                }
            }
        }
        #expect(compared == 17 * 4)
    }

    /// A row whose replicate weights are fewer than the others' is refused with its line and column.
    @Test func replicateWeightsMissingOnARowAreRefused() throws {
        let folder = try PhareProcess.temporaryFolder()
        let data = """
            id,y,w,r1,r2,r3
            1,1,2,2,2,0
            2,0,2,2,,2
            3,1,2,0,2,2

            """
        try data.write(toFile: folder + "/reps.csv", atomically: true, encoding: .utf8)
        let run = try PhareProcess.run(
            [
                "stats", "mean", "--data", "reps.csv", "--var", "y", "--weight", "w", "--replicate-weights", "r1,r2,r3",
                "--replicate-type", "jk1",
            ], in: folder)
        #expect(run.status != 0)
        #expect(run.stderr.contains("reps.csv:3 column r2"), "\(run.stderr)")
        #expect(run.stderr.contains("the number of replicate weights differs between rows"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
