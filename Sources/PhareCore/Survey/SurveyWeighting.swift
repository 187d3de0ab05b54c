import Foundation

/// Known population counts of a profile variable (or of crossed variables, `region*taille_commune`).
public struct PopulationMargin: Sendable, Hashable, Codable {
    public var variable: String
    public var categories: [String]
    public var counts: [Double]

    public init(variable: String, categories: [String], counts: [Double]) {
        self.variable = variable
        self.categories = categories
        self.counts = counts
    }
}

/// How a wave × actor is weighted: method, margins and settings, kept in the observatory so that
/// the calibration (and its effect on variances) is reproduced at every estimate.
public struct WeightingPlan: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable { case rake, poststratify }
    public var method: Method
    public var margins: [PopulationMargin]
    public var settings: RakingSettings
    public var trimLower: Double?
    public var trimUpper: Double?
    public var strictTrim: Bool
    /// Where the margins come from (a file, the territory tree…).
    public var source: String

    public init(
        method: Method, margins: [PopulationMargin], settings: RakingSettings = RakingSettings(),
        trimLower: Double? = nil, trimUpper: Double? = nil, strictTrim: Bool = false, source: String
    ) {
        self.method = method
        self.margins = margins
        self.settings = settings
        self.trimLower = trimLower
        self.trimUpper = trimUpper
        self.strictTrim = strictTrim
        self.source = source
    }
}

/// What weighting did: convergence, trimming, weight diagnostics and margins reached.
public struct WeightingReport: Sendable, Hashable, Codable {
    public var converged: Bool
    public var sweeps: Int
    public var changes: [Double]
    public var trimmed: Int
    public var before: WeightDiagnostics
    public var after: WeightDiagnostics
    public var margins: [MarginCheck]
}

/// Weighting of the respondents of a wave × actor to population margins.
public enum SurveyWeighting {
    /// Calibrates the design of `responses` by `plan` (raking or post-stratification, then optional
    /// trimming; see `Calibration`). A respondent without a category of a margin is an error naming it.
    public static func apply(_ plan: WeightingPlan, to responses: SurveyResponses) throws -> (
        design: SurveyDesign, report: WeightingReport
    ) {
        let design = try responses.design()
        let margins = try plan.margins.map { margin throws(CalibrationError) -> CalibrationMargin in
            let index = Dictionary(
                margin.categories.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
            let values = responses.profileValues(margin.variable)
            var cells = [Int32](repeating: -1, count: values.count)
            for (row, value) in values.enumerated() {
                let respondent = responses.respondents[row]
                guard let value else {
                    throw CalibrationError(
                        "respondent \(respondent.id)\(respondent.line > 0 ? " (line \(respondent.line))" : "") has no "
                            + "\(margin.variable): every respondent needs a category of each margin"
                    )
                }
                guard let cell = index[value] else {
                    throw CalibrationError(
                        "respondent \(respondent.id)\(respondent.line > 0 ? " (line \(respondent.line))" : ""): "
                            + "\(margin.variable) \"\(value)\" is not among the categories of the margin"
                    )
                }
                cells[row] = cell
            }
            return CalibrationMargin(
                variable: margin.variable, categories: margin.categories, targets: margin.counts, cells: cells)
        }
        var calibrated: SurveyDesign
        var converged = true
        var sweeps = 1
        var changes: [Double] = []
        switch plan.method {
        case .poststratify:
            guard margins.count == 1, let margin = margins.first else {
                throw CalibrationError(
                    "post-stratification takes one margin (cross variables as a*b), the plan has \(margins.count)")
            }
            calibrated = try Calibration.postStratify(design, margin: margin)
        case .rake:
            let result = try Calibration.rake(design, margins: margins, settings: plan.settings)
            calibrated = result.design
            converged = result.converged
            sweeps = result.sweeps
            changes = result.changes
        }
        var trimmed = 0
        if plan.trimLower != nil || plan.trimUpper != nil {
            let result = try Calibration.trim(
                calibrated, lower: plan.trimLower ?? -.infinity, upper: plan.trimUpper ?? .infinity,
                strict: plan.strictTrim)
            calibrated = result.design
            trimmed = result.trimmed
        }
        let report = WeightingReport(
            converged: converged, sweeps: sweeps, changes: changes, trimmed: trimmed,
            before: WeightDiagnostics(weights: design.weights), after: WeightDiagnostics(weights: calibrated.weights),
            margins: MarginCheck.check(margins, weights: calibrated.weights)
        )
        return (calibrated, report)
    }

    /// Mayors' margins from the territory tree: the number of communes of each region and of each
    /// population class (two margins, for raking), or of each region × class cell (`crossed`, one
    /// margin, for post-stratification). Only communes of `regions` (all when nil) with a known
    /// population are counted; the second value is the number of communes left out for lack of one.
    public static func mayorMargins(
        tree: TerritoryTree, sizeClasses: ProfileVariable, regions: Set<String>? = nil, crossed: Bool = false
    ) -> (margins: [PopulationMargin], communesWithoutPopulation: Int) {
        var regionOfDepartement: [String: String] = [:]
        for departement in tree.territories(at: .departement) {
            if let parent = departement.parent { regionOfDepartement[departement.code] = parent.code }
        }
        var byRegion: [String: Double] = [:]
        var byClass: [String: Double] = [:]
        var byCell: [String: Double] = [:]
        var skipped = 0
        for commune in tree.territories(at: .commune) {
            guard let departement = commune.parent?.code, let region = regionOfDepartement[departement] else {
                continue
            }
            if let regions, !regions.contains(region) { continue }
            guard let population = commune.population, let sizeClass = sizeClasses.populationClass(population) else {
                skipped += 1
                continue
            }
            byRegion[region, default: 0] += 1
            byClass[sizeClass, default: 0] += 1
            byCell[region + "*" + sizeClass, default: 0] += 1
        }
        let regionCodes = byRegion.keys.sorted()
        let classCodes = sizeClasses.levels.map(\.code)
        if crossed {
            let cells = regionCodes.flatMap { region in classCodes.map { region + "*" + $0 } }.filter {
                byCell[$0] != nil
            }
            return (
                [
                    PopulationMargin(
                        variable: "region*" + sizeClasses.variable, categories: cells,
                        counts: cells.map { byCell[$0] ?? 0 })
                ], skipped
            )
        }
        return (
            [
                PopulationMargin(
                    variable: "region", categories: regionCodes, counts: regionCodes.map { byRegion[$0] ?? 0 }),
                PopulationMargin(
                    variable: sizeClasses.variable, categories: classCodes, counts: classCodes.map { byClass[$0] ?? 0 }),
            ], skipped
        )
    }
}
