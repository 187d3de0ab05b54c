import Foundation
import PhareTestSupport
import Testing

/// `phare stats calibrate` against R survey's `calibrate(design, ~stype + sch.wide, population, bounds, calfun)`
/// on the `api` one-stage cluster sample: every calibrated weight must agree to 1e-6 relative.
@Suite(.serialized) struct CalibrateAgainstRTests {
    static let margins = """
        variable,category,population
        stype,E,4421
        stype,H,755
        stype,M,1018
        sch.wide,No,1072
        sch.wide,Yes,5122

        """

    /// (name, calfun, bounds): unbounded, bounds that bind above (0.8, 1.6: the unbounded ratios reach 1.86)
    /// and bounds that bind on both sides (0.89, 1.7: the unbounded ratios go down to 0.879).
    static let cases: [(name: String, calfun: String, bounds: [Double]?)] = [
        ("linear", "linear", nil), ("raking", "raking", nil),
        ("linear_upper", "linear", [0.8, 1.6]), ("raking_upper", "raking", [0.8, 1.6]),
        ("logit_upper", "logit", [0.8, 1.6]),
        ("linear_both", "linear", [0.89, 1.7]), ("raking_both", "raking", [0.89, 1.7]),
        ("logit_both", "logit", [0.89, 1.7]),
    ]

    @Test func calibratedWeightsMatchR() throws {
        let folder = try PhareProcess.temporaryFolder()
        try Self.margins.write(toFile: folder + "/margins.csv", atomically: true, encoding: .utf8)
        let fx = RReference.fixtures
        var script = """
            options(digits = 17)
            apiclus1 <- read.csv(file.path("\(fx)", "apiclus1.csv"))
            dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
            pop <- c(6194, 755, 1018, 5122)
            out <- data.frame(row = seq_len(nrow(apiclus1)))

            """
        for item in Self.cases {
            let bounds = item.bounds.map { "c(\($0[0]), \($0[1]))" } ?? "c(-Inf, Inf)"
            script +=
                "out$\(item.name) <- weights(calibrate(dclus1, ~stype + sch.wide, pop, calfun = '\(item.calfun)', "
                + "bounds = \(bounds)))\n"
        }
        script += "write.csv(out, stdout(), row.names = FALSE)\n"
        let reference = RReference.rows(try RReference.run(script, in: folder))
        try #require(reference.count == 183)

        for item in Self.cases {
            var arguments = [
                "stats", "calibrate", "--data", fx + "/apiclus1.csv", "--weight", "pw", "--margins", "margins.csv",
                "--calfun", item.calfun, "--out", "\(item.name).csv", "--new-weight", "w", "--format", "json",
            ]
            if let bounds = item.bounds { arguments += ["--bounds", "\(bounds[0]),\(bounds[1])"] }
            let run = try PhareProcess.run(arguments, in: folder)
            try #require(run.status == 0, "\(item.name): \(run.stderr)")
            let written = RReference.rows(try String(contentsOfFile: folder + "/\(item.name).csv", encoding: .utf8))
            try #require(written.count == reference.count)
            var differing = 0
            var ratios: [Double] = []
            for (mine, theirs) in zip(written, reference) {
                let ours = Double(mine["w"] ?? "") ?? .nan
                if !RReference.close(ours, Double(theirs[item.name] ?? "") ?? .nan) { differing += 1 }
                ratios.append(ours / (Double(mine["pw"] ?? "") ?? .nan))
            }
            #expect(differing == 0, "\(item.name): \(differing) weights differ from R")
            // The report: converged, the margins reached, the ratios inside the bounds.
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(report["converged"] as? Bool == true && (report["iterations"] as? Int ?? 0) >= 1)
            #expect((report["largest_gap"] as? Double ?? 1) < 1e-3, "\(item.name): \(report)")
            let low = try #require(report["ratio_min"] as? Double)
            let high = try #require(report["ratio_max"] as? Double)
            #expect(RReference.close(low, ratios.min() ?? 0) && RReference.close(high, ratios.max() ?? 0))
            if let bounds = item.bounds {
                #expect(low >= bounds[0] - 1e-9 && high <= bounds[1] + 1e-9, "\(item.name): \(low) \(high)")
            }
            #expect(run.stderr.contains("\(item.calfun) calibration converged in"), "\(run.stderr)")
        }
    }

    /// Bounds the margins cannot be reached within (R: "Calibration failed"), bounds that exclude 1 and a
    /// logit calibration without bounds: a sentence, and no file written.
    @Test func impossibleOrInvalidBoundsAreRefused() throws {
        let folder = try PhareProcess.temporaryFolder()
        try Self.margins.write(toFile: folder + "/margins.csv", atomically: true, encoding: .utf8)
        let base = [
            "stats", "calibrate", "--data", RReference.fixtures + "/apiclus1.csv", "--weight", "pw", "--margins",
            "margins.csv", "--out", "out.csv",
        ]
        let cases: [([String], String)] = [
            (["--calfun", "linear", "--bounds", "0.7,1.5"], "the bounds cannot be met"),
            (["--calfun", "raking", "--bounds", "0.7,1.5"], "the bounds cannot be met"),
            (["--calfun", "logit", "--bounds", "0.7,1.5"], "the bounds cannot be met"),
            (["--calfun", "linear", "--bounds", "1.1,2"], "exclude 1"),
            (["--calfun", "raking", "--bounds", "0.5,0.9"], "exclude 1"),
            (["--calfun", "linear", "--bounds", "0.5"], "--bounds takes two numbers"),
            (["--calfun", "logit"], "logit calibration needs finite bounds"),
        ]
        for (options, message) in cases {
            let run = try PhareProcess.run(base + options, in: folder)
            #expect(run.status != 0, "\(options)")
            #expect(run.stderr.contains(message), "\(options): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out.csv"), "\(options)")
        }
    }
}
