import Foundation

/// Replicate weights and how the replicate estimates combine into a variance:
///
///   V(θ̂) = scale · Σ_r rscale_r (θ̂_r − c)²,   c = θ̂ with `mse`, else the mean of the θ̂_r,
///
/// θ̂_r the estimate recomputed with the r-th set of weights (Wolter 2007, *Introduction to Variance
/// Estimation*, 2nd ed., Springer, ch. 3–5; R survey's `svrepdesign`, `as.svrepdesign`, `svrVar`).
public struct ReplicateWeights: Sendable {
    /// The replication method, which fixes scale and rscales as R's `svrepdesign` does.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Delete-one jackknife: scale (R − 1)/R (times 1 − n/N with a finite population correction).
        case jk1
        /// Stratified jackknife: rscale_r = (1 − n_h/N_h)(n_h − 1)/n_h for a replicate dropping a PSU of h.
        case jkn
        /// Balanced repeated replication: scale 1/R.
        case brr
        /// Fay's BRR with perturbation ρ: scale 1/(R (1 − ρ)²).
        case fay
        /// Bootstrap (e.g. Rao–Wu rescaled): scale 1/(R − 1).
        case bootstrap
    }

    public let kind: Kind
    /// Full (analysis) replicate weights, replicate by replicate: weights[r][i].
    public let weights: [[Double]]
    public let scale: Double
    public let rscales: [Double]
    /// Centre the squares on the full-sample estimate (true) or on the mean of the replicates.
    public let mse: Bool
    /// Degrees of freedom of intervals (R's `degf` of a replicate design).
    public let degreesOfFreedom: Int

    /// Replicate weights read from a file (R `svrepdesign(repweights =, combined.weights = TRUE, type =)`);
    /// df = rank of the replicate weights − 1, as R. JKn needs `rscales`; Fay needs `rho`.
    public init(
        kind: Kind, weights: [[Double]], rho: Double? = nil, scale given: Double? = nil, rscales: [Double]? = nil,
        mse: Bool
    ) throws(SurveyDesignError) {
        let count = weights.count
        guard count >= 2 else {
            throw SurveyDesignError(field: "replicate", message: "replicate weights need at least two replicates")
        }
        let rows = weights[0].count
        for (replicate, column) in weights.enumerated() where column.count != rows {
            throw SurveyDesignError(
                field: "replicate",
                message: "replicate \(replicate + 1) has \(column.count) weights, replicate 1 has \(rows)")
        }
        var scale: Double
        switch kind {
        case .jk1: scale = Double(count - 1) / Double(count)
        case .jkn:
            guard rscales != nil else {
                throw SurveyDesignError(
                    field: "replicate", message: "JKn replicate weights need their rscales ((n_h − 1)/n_h each)")
            }
            scale = 1
        case .brr: scale = 1 / Double(count)
        case .fay:
            guard let rho, rho >= 0, rho < 1 else {
                throw SurveyDesignError(field: "replicate", message: "Fay replicate weights need ρ in [0, 1) (--rho)")
            }
            scale = 1 / (Double(count) * (1 - rho) * (1 - rho))
        case .bootstrap: scale = 1 / Double(count - 1)
        }
        if let given { scale = given }
        if let rscales, rscales.count != count {
            throw SurveyDesignError(
                field: "replicate", message: "\(rscales.count) rscales for \(count) replicates")
        }
        self.kind = kind
        self.weights = weights
        self.scale = scale
        self.rscales = rscales ?? [Double](repeating: 1, count: count)
        self.mse = mse
        degreesOfFreedom = SymmetricMatrix.rank(ofColumns: weights) - 1
    }

    init(kind: Kind, weights: [[Double]], scale: Double, rscales: [Double], mse: Bool, degreesOfFreedom: Int) {
        self.kind = kind
        self.weights = weights
        self.scale = scale
        self.rscales = rscales
        self.mse = mse
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// Jackknife replicates of a design, as R's `as.svrepdesign(design, type = "JK1" | "JKn")`: replicate
    /// r drops PSU r and multiplies the weights of the other PSUs of its stratum by n_h/(n_h − 1). JK1
    /// (unstratified designs only): scale (1 − n/N)(n − 1)/n; JKn: rscale (1 − n_h/N_h)(n_h − 1)/n_h. The
    /// degrees of freedom are the design's (PSUs − strata).
    public static func jackknife(_ design: SurveyDesign, kind: Kind, mse: Bool) throws(SurveyDesignError)
        -> ReplicateWeights
    {
        guard kind == .jk1 || kind == .jkn else {
            throw SurveyDesignError(field: "replicate", message: "a jackknife is jk1 or jkn, not \(kind.rawValue)")
        }
        if kind == .jk1 && design.isStratified {
            throw SurveyDesignError(
                field: "replicate", message: "JK1 is for unstratified designs: use jkn for a stratified one")
        }
        var replicates: [[Double]] = []
        var rscales: [Double] = []
        for psu in 0..<design.psuTotal {
            let stratum = Int(design.stratumOfPSU[psu])
            let n = Double(design.psuCount[stratum])
            var remaining = 1.0
            if let population = design.populationPSUCount, population[stratum].isFinite {
                remaining = (population[stratum] - n) / population[stratum]
            }
            var weights = design.weights
            for row in 0..<design.count where Int(design.stratumOfRow[row]) == stratum {
                weights[row] = Int(design.psuOfRow[row]) == psu ? 0 : weights[row] * n / (n - 1)
            }
            replicates.append(weights)
            rscales.append(remaining * (n - 1) / n)
        }
        if kind == .jk1 {
            return ReplicateWeights(
                kind: kind, weights: replicates, scale: rscales[0], rscales: rscales.map { _ in 1 }, mse: mse,
                degreesOfFreedom: design.degreesOfFreedom())
        }
        return ReplicateWeights(
            kind: kind, weights: replicates, scale: 1, rscales: rscales, mse: mse,
            degreesOfFreedom: design.degreesOfFreedom())
    }

    /// scale · Σ_r rscale_r (θ̂_r − c)².
    public func variance(estimate: Double, replicates: [Double]) -> Double {
        let centre = mse ? estimate : replicates.reduce(0, +) / Double(replicates.count)
        var sum = 0.0
        for (r, value) in replicates.enumerated() { sum += rscales[r] * (value - centre) * (value - centre) }
        return scale * sum
    }
}
