import Foundation
import PhareCore

/// A synthetic sample for one actor, with the weighting plan that goes with it.
public struct SurveyDemoSample: Sendable {
    public var responses: SurveyResponses
    public var plan: WeightingPlan
}

/// Synthetic survey data for the demo observatory: SYNTHETIC respondents of the four actors, drawn
/// deterministically (SplitMix64, fixed seeds) over the 13 metropolitan regions of the real territory
/// tree, with a deliberately unbalanced sample (small regions, older people, employer associations,
/// larger companies and communes over-represented) that weighting corrects.
///
/// Answers are generated so that the weighted national estimates reproduce the figures the PHARE
/// programme published (`survey-demo-targets.csv`): within each region × segment cell, answers are
/// spread over the respondents ordered by their profile with a low-discrepancy (golden-ratio Weyl)
/// sequence, so that every profile group of the cell gets the cell's distribution and the weighted
/// estimate lands on the target rather than near it.
public enum SurveyDemo {
    /// The first demo wave (the one that reproduces the published figures).
    public static let waveCode = "2015"

    /// The actors of the demo with their sample sizes (close to the programme's), from
    /// `demo-actors.json`, in that file's order.
    public static func sampleSizes() throws -> [(actor: ActorCode, size: Int)] {
        try DemoActorParameters.bundled().map { ($0.code, $0.sampleSize) }
    }

    /// Generates the sample of `actor` (default size from `sampleSizes`) for a demo wave (the first
    /// by default, with `seed`; a later wave uses its own seed and moved targets), with a share
    /// `itemNonresponse` of the per-domain answers left blank at random.
    public static func generate(
        actor: ActorCode, size: Int? = nil, seed: UInt64 = 2015, itemNonresponse: Double = 0.01,
        framework: Framework, questionnaire: Questionnaire, territories: TerritoryTree, wave: DemoWave? = nil
    ) throws -> SurveyDemoSample {
        let all = try DemoActorParameters.bundled()
        guard let position = all.firstIndex(where: { $0.code == actor }) else {
            throw DemoError.unknownActor(actor)
        }
        let demoWave = try wave ?? DemoWave.first()
        let base = wave?.seed ?? seed
        var generator = try DemoGenerator(
            parameters: all[position], size: size ?? all[position].sampleSize,
            seed: base &+ UInt64(position) &* 1_000_003,
            framework: framework, questionnaire: questionnaire, territories: territories,
            targets: try DemoTargets.bundled().applying(demoWave.changes)
        )
        generator.drawProfiles()
        try generator.drawAnswers(itemNonresponse: itemNonresponse)
        return SurveyDemoSample(
            responses: SurveyResponses(
                wave: demoWave.surveyWave(questionnaire: questionnaire), actor: actor,
                respondents: generator.respondents),
            plan: generator.plan()
        )
    }
}

/// A SYNTHETIC demo wave (`Resources/demo-waves.json`): its code, year, seed and the assumed changes
/// of the published targets since the first wave.
public struct DemoWave: Sendable, Decodable {
    public var code: String
    public var year: Int
    public var seed: UInt64
    public var label: String
    public var changes: [DemoTargetChange]

    public static func bundled() throws -> [DemoWave] {
        guard let url = Bundle.module.url(forResource: "demo-waves", withExtension: "json") else {
            throw DemoError.missingResource("demo-waves.json")
        }
        struct File: Decodable { var waves: [DemoWave] }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).waves
    }

    static func first() throws -> DemoWave {
        guard let first = try bundled().first else { throw DemoError.missingResource("demo-waves.json (no wave)") }
        return first
    }

    public func surveyWave(questionnaire: Questionnaire) -> SurveyWave {
        SurveyWave(
            code: code, year: year, label: label, synthetic: true, questionnaireID: questionnaire.id,
            questionnaireVersion: questionnaire.version)
    }
}

/// An assumed change of a demo target between waves: `change` points (shares, in percent) or rating
/// points (mean ratings), on the target of `territory` (`FR`, a region, `variable:level`) or on
/// every target of the item when it is `*`.
public struct DemoTargetChange: Sendable, Decodable, Hashable {
    public var actor: String
    public var measure: String
    public var item: String
    public var territory: String
    public var change: Double
    /// Why the change is plausible (the trend it extrapolates).
    public var why: String
}

/// A profile variable of the demo: its levels, their share in the universe and in the sample.
struct DemoProfile: Decodable {
    var variable: String
    var levels: [String]
    var population: [Double]
    var sample: [Double]
}

/// How one actor's demo sample is drawn and answers (`Resources/demo-actors.json`).
struct DemoActorParameters: Decodable {
    struct Universe: Decodable {
        /// `residents` (population × factor), `national-total` (total shared ∝ population) or
        /// `communes` (one unit per commune: the actor answers for its commune).
        var kind: String
        var factor: Double?
        var total: Double?
    }

    /// Which domains mayors most often give this actor a role on (WHO item).
    struct WhoRole: Decodable {
        var domains: [String]
        var axes: [String]
        var share: Double
        var otherShare: Double
    }

    var code: ActorCode
    var sampleSize: Int
    var idPrefix: String
    var universe: Universe
    var profiles: [DemoProfile]
    /// The profile variable whose levels shift the partnership rate; the population class when absent.
    var segmentVariable: String?
    /// Added to the assumed share expecting a strong impact.
    var impactBonus: Double
    /// Assumed share finding partnerships relevant, and its bonus on employment.
    var coconRelevant: Double
    var coconEmploiBonus: Double
    /// Partnership-rate effects of segment levels, fixed or read from a published target.
    var partnershipEffects: [String: Double]
    var partnershipEffectTargets: [String: String]
    /// Relevance of each axis when this actor is the target of MOBIL (1 for the other axes).
    var mobiliseAxisWeights: [String: Double]
    var whoRole: WhoRole?

    static func bundled() throws -> [DemoActorParameters] {
        guard let url = Bundle.module.url(forResource: "demo-actors", withExtension: "json") else {
            throw DemoError.missingResource("demo-actors.json")
        }
        struct File: Decodable { var actors: [DemoActorParameters] }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).actors
    }
}

struct DemoGenerator {
    static let golden = 0.6180339887498949

    let parameters: DemoActorParameters
    /// Every actor's parameters (the targets of MOBIL and the roles of WHO are actors too).
    let allActors: [DemoActorParameters]
    var actor: ActorCode { parameters.code }
    /// Whether the actor answers for its commune (mayors): one respondent per commune drawn.
    let answersForCommune: Bool
    let size: Int
    let framework: Framework
    let questionnaire: Questionnaire
    let targets: DemoTargets
    var random: SeededRandom

    /// Metropolitan regions and their universe size (adults, associations, companies, communes).
    let regions: [String]
    let universe: [Double]
    /// Communes (code, département, population) of each region.
    let communes: [[(code: String, departement: String, population: Int)]]
    let profiles: [DemoProfile]
    /// The profile variable whose levels shift the partnership rate (segment), if any.
    let segmentVariable: String?
    let sizeClasses: ProfileVariable?

    var respondents: [SurveyRespondent] = []
    var regionOf: [Int] = []
    /// Cell (region × segment) of each respondent, members of each cell, sort key of each respondent.
    var cellOf: [Int] = []
    var cells: [(region: Int, segment: String)] = []
    var sortKey: [Int] = []

    init(
        parameters: DemoActorParameters, size: Int, seed: UInt64, framework: Framework, questionnaire: Questionnaire,
        territories: TerritoryTree, targets: DemoTargets
    ) throws {
        self.parameters = parameters
        self.allActors = try DemoActorParameters.bundled()
        self.answersForCommune = framework.actor(parameters.code)?.isLocalAuthority ?? false
        self.size = size
        self.framework = framework
        self.questionnaire = questionnaire
        self.targets = targets
        self.random = SeededRandom(seed: seed)
        self.sizeClasses = questionnaire.profiles.first { $0.kind == .populationClass }

        let metropolitan = territories.territories(at: .region).filter { !$0.isOverseas }.map(\.code).sorted()
        var regionOfDepartement: [String: String] = [:]
        for departement in territories.territories(at: .departement) {
            regionOfDepartement[departement.code] = departement.parent?.code
        }
        var communes = [[(code: String, departement: String, population: Int)]](
            repeating: [], count: metropolitan.count)
        let regionIndex = Dictionary(uniqueKeysWithValues: metropolitan.enumerated().map { ($1, $0) })
        for commune in territories.territories(at: .commune) {
            guard let departement = commune.parent?.code, let region = regionOfDepartement[departement],
                let index = regionIndex[region],
                let population = commune.population, population > 0
            else { continue }
            communes[index].append((commune.code, departement, population))
        }
        guard communes.allSatisfy({ !$0.isEmpty }) else { throw DemoError.noCommunes }
        self.regions = metropolitan
        self.communes = communes
        let population = communes.map { Double($0.reduce(0) { $0 + $1.population }) }
        let totalPopulation = population.reduce(0, +)

        switch parameters.universe.kind {
        case "residents":
            universe = population.map { $0 * (parameters.universe.factor ?? 1) }
        case "national-total":
            universe = population.map { (parameters.universe.total ?? 0) * $0 / totalPopulation }
        default:
            universe = communes.map { Double($0.count) }
        }
        profiles = parameters.profiles
        segmentVariable = parameters.segmentVariable ?? (parameters.profiles.isEmpty ? sizeClasses?.variable : nil)
    }

    /// Share of each region in the actor's universe.
    var regionShares: [Double] {
        let total = universe.reduce(0, +)
        return universe.map { $0 / total }
    }

    /// Sample allocation to regions ∝ √(universe size), at least 8 each, by largest remainders.
    func allocation() -> [Int] {
        let roots = universe.map { $0.squareRoot() }
        let total = roots.reduce(0, +)
        let floorCount = 8
        let free = size - floorCount * regions.count
        let exact = roots.map { Double(free) * $0 / total }
        var counts = exact.map { Int($0) + floorCount }
        let order = exact.indices.sorted { exact[$0] - exact[$0].rounded(.down) > exact[$1] - exact[$1].rounded(.down) }
        for index in order.prefix(size - counts.reduce(0, +)) { counts[index] += 1 }
        return counts
    }

    mutating func categorical(_ shares: [Double]) -> Int {
        var x = random.nextUniform() * shares.reduce(0, +)
        for (index, share) in shares.enumerated() {
            x -= share
            if x < 0 { return index }
        }
        return shares.count - 1
    }

    /// Citizens' socio-professional category drawn given the age class.
    static let cspGivenAge: [[Double]] = [
        [0.005, 0.01, 0.06, 0.15, 0.30, 0.13, 0.00, 0.345],
        [0.01, 0.04, 0.20, 0.24, 0.25, 0.13, 0.00, 0.13],
        [0.01, 0.06, 0.22, 0.23, 0.22, 0.14, 0.00, 0.12],
        [0.015, 0.07, 0.19, 0.20, 0.20, 0.13, 0.12, 0.075],
        [0.005, 0.01, 0.01, 0.01, 0.01, 0.005, 0.90, 0.05],
    ]

    mutating func drawProfiles() {
        let counts = allocation()
        let prefix = parameters.idPrefix
        for (region, count) in counts.enumerated() {
            let pool = communes[region]
            var chosen: [Int]
            if answersForCommune {
                // One mayor per commune: communes drawn without replacement ∝ √population
                // (Efraimidis & Spirakis 2006 keys u^(1/w)).
                var keyed = pool.indices.map {
                    (index: $0, key: pow(random.nextUniform(), 1 / Double(pool[$0].population).squareRoot()))
                }
                keyed.sort { $0.key > $1.key }
                chosen = keyed.prefix(count).map(\.index)
            } else {
                // Communes of residence or seat ∝ population.
                var cumulative: [Double] = []
                var running = 0.0
                for commune in pool {
                    running += Double(commune.population)
                    cumulative.append(running)
                }
                chosen = (0..<count).map { _ in
                    let x = random.nextUniform() * running
                    var low = 0
                    var high = cumulative.count - 1
                    while low < high {
                        let middle = (low + high) / 2
                        if cumulative[middle] <= x { low = middle + 1 } else { high = middle }
                    }
                    return low
                }
            }
            for commune in chosen.map({ pool[$0] }) {
                var profile = ["region": regions[region], "departement": commune.departement]
                if let sizeClasses, let sizeClass = sizeClasses.populationClass(commune.population) {
                    profile[sizeClasses.variable] = sizeClass
                }
                var ageIndex = 0
                for variable in profiles {
                    if variable.variable == "csp" {
                        profile["csp"] = variable.levels[categorical(Self.cspGivenAge[ageIndex])]
                    } else {
                        let level = categorical(variable.sample)
                        if variable.variable == "age" { ageIndex = level }
                        profile[variable.variable] = variable.levels[level]
                    }
                }
                let id = prefix + String(format: "%05d", respondents.count + 1)
                respondents.append(
                    SurveyRespondent(
                        id: id, line: 0, designWeight: universe[region] / Double(count), stratum: regions[region],
                        cluster: nil, profile: profile, answers: [:]
                    ))
                regionOf.append(region)
            }
        }
        // Cells region × segment; respondents sorted inside by their other profile variables.
        var cellIndex: [String: Int] = [:]
        var keyIndex: [String: Int] = [:]
        let keyVariables =
            (["sexe", "csp", "secteur_association", "secteur_naf"]
                + (answersForCommune ? [] : [sizeClasses?.variable ?? ""]) + ["departement"])
        for (row, respondent) in respondents.enumerated() {
            let segment = segmentVariable.flatMap { respondent.profile[$0] } ?? ""
            let cellKey = "\(regionOf[row])|\(segment)"
            if cellIndex[cellKey] == nil {
                cellIndex[cellKey] = cells.count
                cells.append((regionOf[row], segment))
            }
            cellOf.append(cellIndex[cellKey] ?? 0)
            let key = keyVariables.map { respondent.profile[$0] ?? "" }.joined(separator: "|")
            if keyIndex[key] == nil { keyIndex[key] = keyIndex.count }
            sortKey.append(keyIndex[key] ?? 0)
        }
        // Sort keys rank in text order so that neighbours share their leading variables.
        let ranked = keyIndex.sorted { $0.key < $1.key }.enumerated().map { ($1.value, $0) }
        let rank = Dictionary(uniqueKeysWithValues: ranked)
        sortKey = sortKey.map { rank[$0] ?? 0 }
    }

    /// A low-discrepancy uniform for each eligible respondent: inside each cell, respondents ordered
    /// by profile (ties in random order) get frac(u + k φ).
    mutating func uniforms(eligible: (Int) -> Bool) -> [(row: Int, cell: Int, x: Double)] {
        var draws: [(row: Int, cell: Int, x: Double)] = []
        var members = [[Int]](repeating: [], count: cells.count)
        for row in respondents.indices where eligible(row) { members[cellOf[row]].append(row) }
        for (cell, rows) in members.enumerated() where !rows.isEmpty {
            let ordered = rows.map { ($0, random.nextUniform()) }.sorted {
                (sortKey[$0.0], $0.1) < (sortKey[$1.0], $1.1)
            }.map(\.0)
            let start = random.nextUniform()
            for (rank, row) in ordered.enumerated() {
                let value = start + Double(rank) * Self.golden
                draws.append((row, cell, value - value.rounded(.down)))
            }
        }
        return draws
    }

    /// Values by region averaging to `national` over the universe: published regions fixed, the others
    /// shifted by a centred pseudo-random amount within ±spread.
    mutating func byRegion(national: Double, fixed: [String: Double], spread: Double, bounds: ClosedRange<Double>)
        -> [Double]
    {
        let shares = regionShares
        let noise = regions.map { _ in spread * (2 * random.nextUniform() - 1) }
        let free = regions.indices.filter { fixed[regions[$0]] == nil }
        let freeShare = free.reduce(0) { $0 + shares[$1] }
        let fixedMass = regions.indices.reduce(0.0) { $0 + shares[$1] * (fixed[regions[$1]] ?? 0) }
        let noiseMean = freeShare > 0 ? free.reduce(0) { $0 + shares[$1] * noise[$1] } / freeShare : 0
        let base = freeShare > 0 ? (national - fixedMass) / freeShare : national
        return regions.indices.map { index in
            if let value = fixed[regions[index]] { return value }
            return min(max(base + noise[index] - noiseMean, bounds.lowerBound), bounds.upperBound)
        }
    }

    func publishedByRegion(_ measure: String, _ item: String) -> [String: Double] {
        targets.regional(actor, measure, item, regions: regions)
    }

    // MARK: Answers

    mutating func drawAnswers(itemNonresponse: Double) throws {
        let domains = framework.domains.map(\.code)
        for item in questionnaire.items(for: actor) {
            let scale = item.scale.flatMap { questionnaire.scale($0) }
            let options = item.options.flatMap { questionnaire.optionList($0) }?.options.map(\.code) ?? []
            let eligible = eligibility(item)
            switch item.form {
            case .perDomain where scale?.kind == .rating:
                for domain in domains {
                    rating(column: "\(item.id)_\(domain)", domain: domain, scale: scale, eligible: eligible)
                }
            case .perDomain:
                for domain in domains {
                    let measure = item.id == "IMPACT" ? "share_impact" : "cocon_relevant"
                    levels(
                        column: "\(item.id)_\(domain)", scale: scale,
                        national: positiveDefault(measure: measure, item: domain),
                        fixed: publishedByRegion(measure, domain), eligible: eligible)
                }
            case .perOption:
                let measure = item.id == "ROLE" ? "role_agree" : "objectives_agree"
                for option in options {
                    levels(
                        column: "\(item.id)_\(option)", scale: scale,
                        national: targets.value(actor, measure, option) ?? 0.7, fixed: [:], eligible: eligible)
                }
            case .single where item.id == "PRACTICE":
                practice(column: item.id, eligible: eligible)
            case .single where item.id == "DYNAMIC":
                dynamic(column: item.id, scale: scale, eligible: eligible)
            case .single:
                levels(
                    column: item.id, scale: scale, national: targets.value(actor, "innovation_agree", "all") ?? 0.75,
                    fixed: publishedByRegion("innovation_agree", "all"), eligible: eligible)
            case .domainChoice:
                if item.targets.isEmpty {
                    choices(column: item.id, measure: "share_top3", eligible: eligible, maximum: item.maxChoices ?? 3)
                } else {
                    for target in item.targets {
                        choices(
                            column: "\(item.id)_\(target)", measure: "share_mobilise_\(target)", eligible: eligible,
                            maximum: item.maxChoices ?? 3, target: allActors.first { $0.code == target })
                    }
                }
            case .multipleChoice:
                let measure = item.id == "TYPES" ? "partnership_type_share" : "partnership_scope"
                multiple(
                    column: item.id, options: options, shares: options.map { targets.value(actor, measure, $0) ?? 0.3 },
                    eligible: eligible)
            case .perDomainChoice:
                for domain in domains {
                    multiple(
                        column: "\(item.id)_\(domain)", options: options,
                        shares: options.map { whoDefault(domain: domain, actor: $0, all: allActors) },
                        eligible: eligible)
                }
            }
        }
        // A little item non-response on the per-domain questions, independent of the answers.
        for row in respondents.indices {
            for key in respondents[row].answers.keys.sorted()
            where key.hasPrefix("FRAG_") || key.hasPrefix("IMPACT_") || key.hasPrefix("COCON_") {
                if random.nextUniform() < itemNonresponse { respondents[row].answers[key] = nil }
            }
        }
    }

    /// Respondents asked an item (its condition, when it has one, holds).
    func eligibility(_ item: QuestionItem) -> [Bool] {
        guard let condition = item.condition else { return [Bool](repeating: true, count: respondents.count) }
        return respondents.map { respondent in
            respondent.answers[condition.item]?.first.map { condition.values.contains($0) } ?? false
        }
    }

    func domainRating(_ domain: String) -> Double {
        targets.value(actor, "mean_rating", domain) ?? 5.5
    }

    /// Assumed share of positive answers where nothing was published.
    func positiveDefault(measure: String, item: String) -> Double {
        if let value = targets.value(actor, measure, item) { return value }
        switch measure {
        case "share_impact":
            return min(0.6, max(0.15, 0.30 + 0.04 * (domainRating(item) - 5) + parameters.impactBonus))
        case "cocon_relevant":
            return parameters.coconRelevant + (item == "emploi" ? parameters.coconEmploiBonus : 0)
        default:
            return 0.5
        }
    }

    /// Assumed share of mayors giving an actor a role on a domain.
    /// The role's entry of `demo-actors.json` gives it; 0.80 for a role that is no surveyed actor
    /// (the local authorities themselves).
    func whoDefault(domain: String, actor role: String, all: [DemoActorParameters]) -> Double {
        let axis = framework.domain(domain)?.axis ?? ""
        guard let who = all.first(where: { $0.code.rawValue == role })?.whoRole else { return 0.80 }
        return who.axes.contains(axis) || who.domains.contains(domain) ? who.share : who.otherShare
    }

    /// Split of a cell's positive share p over the levels of a scale: positive levels first.
    static func levelShares(scale: AnswerScale, positive p: Double) -> [Double] {
        let positives = scale.levels.filter { scale.positive.contains($0.code) }.count
        let negatives = scale.levels.count - positives
        let positiveSplit: [Double] =
            positives == 2 ? [0.4, 0.6] : [Double](repeating: 1 / Double(max(positives, 1)), count: positives)
        let negativeSplit: [Double] =
            switch negatives {
            case 4: [0.5, 0.25, 0.10, 0.15]
            case 2: [0.7, 0.3]
            default: [Double](repeating: 1 / Double(max(negatives, 1)), count: negatives)
            }
        return positiveSplit.map { $0 * p } + negativeSplit.map { $0 * (1 - p) }
    }

    static func pick(_ shares: [Double], _ x: Double) -> Int {
        var cumulative = 0.0
        for (index, share) in shares.enumerated() {
            cumulative += share
            if x < cumulative { return index }
        }
        return shares.count - 1
    }

    /// A single answer on a levels scale (positive levels first in the scale), positive share by region.
    mutating func levels(
        column: String, scale: AnswerScale?, national: Double, fixed: [String: Double], eligible: [Bool]
    ) {
        guard let scale else { return }
        let ordered =
            scale.levels.filter { scale.positive.contains($0.code) }
            + scale.levels.filter { !scale.positive.contains($0.code) }
        let regional = byRegion(national: national, fixed: fixed, spread: 0.04, bounds: 0.005...0.995)
        let cells = self.cells
        for (row, cell, x) in uniforms(eligible: { eligible[$0] }) {
            let shares = Self.levelShares(scale: scale, positive: regional[cells[cell].region])
            respondents[row].answers[column] = [ordered[Self.pick(shares, x)].code]
        }
    }

    /// Partnership status: the rate by region plus a segment effect (employer associations, larger
    /// companies) centred on the universe so that the national rate holds.
    mutating func practice(column: String, eligible: [Bool]) {
        let national = targets.value(actor, "partnership_rate", "all") ?? 0.35
        let none = targets.value(actor, "partnership_status", "aucun") ?? 0.5
        let intentionShare = max(0, (1 - national - none) / (1 - national))
        let regional = byRegion(
            national: national, fixed: publishedByRegion("partnership_rate", "all"), spread: 0.04, bounds: 0.02...0.98)
        var effects: [String: Double] = [:]
        if let segmentVariable, let profile = profiles.first(where: { $0.variable == segmentVariable }) {
            var raw = parameters.partnershipEffects
            for (level, territory) in parameters.partnershipEffectTargets {
                if let rate = targets.value(actor, "partnership_rate", "all", territory: territory) {
                    raw[level] = rate - national
                }
            }
            // The remaining level takes the effect that centres them on the universe.
            let fixedMass = zip(profile.levels, profile.population).reduce(0.0) { $0 + (raw[$1.0] ?? 0) * $1.1 }
            let freeLevels = profile.levels.filter { raw[$0] == nil }
            let freeShare = zip(profile.levels, profile.population).filter { raw[$0.0] == nil }.reduce(0.0) {
                $0 + $1.1
            }
            for level in freeLevels { raw[level] = freeShare > 0 ? -fixedMass / freeShare : 0 }
            effects = raw
        }
        let cells = self.cells
        for (row, cell, x) in uniforms(eligible: { eligible[$0] }) {
            let p = min(max(regional[cells[cell].region] + (effects[cells[cell].segment] ?? 0), 0.01), 0.99)
            let answer = x < p ? "partenariat" : (x < p + intentionShare * (1 - p) ? "intention" : "aucun")
            respondents[row].answers[column] = [answer]
        }
    }

    /// Co-construction dynamic: a distribution by region (published levels fixed, the rest in
    /// proportion to the national distribution).
    mutating func dynamic(column: String, scale: AnswerScale?, eligible: [Bool]) {
        guard let scale else { return }
        let codes = scale.levels.map(\.code)
        var national = codes.map { targets.value(actor, "dynamic", $0) }
        let positive = targets.value(actor, "dynamic", "positive")
        // Fill unpublished levels: positive levels from the positive total, the others from the rest.
        for (isPositive, total) in [(true, positive ?? 0.75), (false, 1 - (positive ?? 0.75))] {
            let group = codes.indices.filter { scale.positive.contains(codes[$0]) == isPositive }
            let known = group.compactMap { national[$0] }.reduce(0, +)
            let unknown = group.filter { national[$0] == nil }
            for index in unknown { national[index] = max(0, total - known) / Double(unknown.count) }
        }
        let nationalShares = national.map { $0 ?? 0 }
        let shares = regionShares
        var fixed: [Int: [Double]] = [:]
        for (region, code) in regions.enumerated() {
            let published = codes.map { targets.value(actor, "dynamic", $0, territory: code) }
            guard published.contains(where: { $0 != nil }) else { continue }
            let known = published.compactMap { $0 }.reduce(0, +)
            let restNational = codes.indices.filter { published[$0] == nil }.reduce(0.0) { $0 + nationalShares[$1] }
            fixed[region] = codes.indices.map {
                published[$0] ?? max(0, 1 - known) * nationalShares[$0] / max(restNational, 1e-9)
            }
        }
        let freeShare = regions.indices.filter { fixed[$0] == nil }.reduce(0.0) { $0 + shares[$1] }
        let free = codes.indices.map { level in
            max(
                0,
                nationalShares[level] - fixed.keys.sorted().reduce(0.0) { $0 + shares[$1] * (fixed[$1]?[level] ?? 0) })
                / freeShare
        }
        let cells = self.cells
        for (row, cell, x) in uniforms(eligible: { eligible[$0] }) {
            let distribution = fixed[cells[cell].region] ?? free
            respondents[row].answers[column] = [codes[Self.pick(distribution, x)]]
        }
    }

    /// Rating distribution on 1…10: p(k) ∝ exp(αk + γ·[k ≥ 7] − (k − 5.5)²/(2·2.2²)), α set for the
    /// mean and γ for the share of 7 or more when one is published.
    static func ratingShares(mean: Double, shareAtLeast7: Double?, gamma fixedGamma: Double? = nil) -> (
        shares: [Double], gamma: Double
    ) {
        func shares(_ alpha: Double, _ gamma: Double) -> [Double] {
            let raw = (1...10).map { k -> Double in
                let k = Double(k)
                return exp(alpha * k + (k >= 7 ? gamma : 0) - (k - 5.5) * (k - 5.5) / (2 * 2.2 * 2.2))
            }
            let total = raw.reduce(0, +)
            return raw.map { $0 / total }
        }
        func meanOf(_ p: [Double]) -> Double { p.enumerated().reduce(0) { $0 + Double($1.0 + 1) * $1.1 } }
        func alpha(for gamma: Double) -> Double {
            var low = -6.0
            var high = 6.0
            for _ in 0..<80 {
                let middle = (low + high) / 2
                if meanOf(shares(middle, gamma)) < mean { low = middle } else { high = middle }
            }
            return (low + high) / 2
        }
        var gamma = fixedGamma ?? 0
        if fixedGamma == nil, let target = shareAtLeast7 {
            var low = -6.0
            var high = 6.0
            for _ in 0..<60 {
                gamma = (low + high) / 2
                let p = shares(alpha(for: gamma), gamma)
                if p[6...].reduce(0, +) < target { low = gamma } else { high = gamma }
            }
        }
        return (shares(alpha(for: gamma), gamma), gamma)
    }

    mutating func rating(column: String, domain: String, scale: AnswerScale?, eligible: [Bool]) {
        let national = domainRating(domain)
        let (_, gamma) = Self.ratingShares(
            mean: national, shareAtLeast7: targets.value(actor, "share_rating_above_6", domain))
        let regional = byRegion(national: national, fixed: [:], spread: 0.3, bounds: 1.5...9.5)
        let distributions = regional.map { Self.ratingShares(mean: $0, shareAtLeast7: nil, gamma: gamma).shares }
        let minimum = scale?.minimum ?? 1
        let cells = self.cells
        for (row, cell, x) in uniforms(eligible: { eligible[$0] }) {
            respondents[row].answers[column] = [String(minimum + Self.pick(distributions[cells[cell].region], x))]
        }
    }

    /// Exactly `maximum` distinct domains per respondent with inclusion probabilities by region × domain
    /// (published values fixed, the rest balanced so that every region's row adds up to `maximum` and
    /// every domain's national share holds), drawn by systematic sampling on the cumulated probabilities.
    mutating func choices(
        column: String, measure: String, eligible: [Bool], maximum: Int, target: DemoActorParameters? = nil
    ) {
        let domains = framework.domains
        let total = Double(maximum)
        var national = domains.map { targets.value(actor, measure, $0.code) }
        let known = national.compactMap { $0 }.reduce(0, +)
        let relevance = domains.map { domain -> Double in
            guard let target else { return max(domainRating(domain.code) - 4, 0.3) }
            return target.mobiliseAxisWeights[domain.axis] ?? 1
        }
        let unknownRelevance = domains.indices.filter { national[$0] == nil }.reduce(0.0) { $0 + relevance[$1] }
        for index in domains.indices where national[index] == nil {
            national[index] = max(0, total - known) * relevance[index] / unknownRelevance
        }
        let shares = regionShares
        let fixed = domains.indices.map { publishedByRegion(measure, domains[$0].code) }
        // Region × domain matrix: start from the national share with some noise, then balance.
        var matrix = regions.indices.map { region in
            domains.indices.map { domain in
                fixed[domain][regions[region]] ?? (national[domain] ?? 0) * (0.85 + 0.3 * random.nextUniform())
            }
        }
        let isFree = regions.indices.map { region in domains.indices.map { fixed[$0][regions[region]] == nil } }
        for _ in 0..<300 {
            for domain in domains.indices {
                let fixedMass = regions.indices.filter { !isFree[$0][domain] }.reduce(0.0) {
                    $0 + shares[$1] * matrix[$1][domain]
                }
                let freeMass = regions.indices.filter { isFree[$0][domain] }.reduce(0.0) {
                    $0 + shares[$1] * matrix[$1][domain]
                }
                guard freeMass > 0 else { continue }
                let factor = max(0, (national[domain] ?? 0) - fixedMass) / freeMass
                for region in regions.indices where isFree[region][domain] {
                    matrix[region][domain] = min(0.95, matrix[region][domain] * factor)
                }
            }
            for region in regions.indices {
                let fixedSum = domains.indices.filter { !isFree[region][$0] }.reduce(0.0) { $0 + matrix[region][$1] }
                let freeSum = domains.indices.filter { isFree[region][$0] }.reduce(0.0) { $0 + matrix[region][$1] }
                guard freeSum > 0 else { continue }
                let factor = (total - fixedSum) / freeSum
                for domain in domains.indices where isFree[region][domain] {
                    matrix[region][domain] = min(0.95, matrix[region][domain] * factor)
                }
            }
        }
        let orders = cells.map { _ in domains.indices.map { ($0, random.nextUniform()) }.sorted { $0.1 < $1.1 }.map(\.0)
        }
        let cells = self.cells
        for (row, cell, x) in uniforms(eligible: { eligible[$0] }) {
            let inclusion = matrix[cells[cell].region]
            let order = orders[cell]
            let sum = inclusion.reduce(0, +)
            var picked: [String] = []
            var cumulative = 0.0
            var point = x
            for index in order {
                cumulative += inclusion[index] * total / sum
                while point < cumulative && picked.count < maximum {
                    if !picked.contains(domains[index].code) { picked.append(domains[index].code) }
                    point += 1
                }
            }
            respondents[row].answers[column] = picked
        }
    }

    /// Any number of options, each with its share among respondents asked; options are drawn
    /// independently with probabilities q (from q_t = p_t − P(none)·p_t/Σp) and a respondent who
    /// picked none gets one option in proportion to p, so that the shares among respondents hold.
    mutating func multiple(column: String, options: [String], shares: [Double], eligible: [Bool]) {
        let sum = shares.reduce(0, +)
        var q = shares
        for _ in 0..<200 {
            let none = q.reduce(1) { $0 * (1 - $1) }
            q = shares.map { max(0.001, $0 - none * $0 / sum) }
        }
        var picked = [[String]](repeating: [], count: respondents.count)
        for (index, option) in options.enumerated() {
            for (row, _, x) in uniforms(eligible: { eligible[$0] }) {
                if x < q[index] { picked[row].append(option) }
            }
        }
        let normalised = shares.map { $0 / sum }
        for (row, _, x) in uniforms(eligible: { eligible[$0] && picked[$0].isEmpty }) {
            picked[row] = [options[Self.pick(normalised, x)]]
        }
        for row in respondents.indices where eligible[row] {
            respondents[row].answers[column] = options.filter { picked[row].contains($0) }
        }
    }

    /// The weighting plan of the sample: raking to the universe by region and profile.
    func plan() -> WeightingPlan {
        if answersForCommune, let sizeClasses {
            // Communes of the metropolitan regions by region and by population class.
            let codes = sizeClasses.levels.map(\.code)
            var byClass = [Double](repeating: 0, count: codes.count)
            for pool in communes {
                for commune in pool {
                    if let code = sizeClasses.populationClass(commune.population),
                        let index = codes.firstIndex(of: code)
                    {
                        byClass[index] += 1
                    }
                }
            }
            return WeightingPlan(
                method: .rake,
                margins: [
                    PopulationMargin(variable: "region", categories: regions, counts: universe),
                    PopulationMargin(variable: sizeClasses.variable, categories: codes, counts: byClass),
                ],
                settings: RakingSettings(maxIterations: 50, epsilon: 1e-9),
                source: "territory tree: communes of metropolitan France by region and by population class"
            )
        }
        let total = universe.reduce(0, +)
        return WeightingPlan(
            method: .rake,
            margins: [PopulationMargin(variable: "region", categories: regions, counts: universe)]
                + profiles.map {
                    PopulationMargin(
                        variable: $0.variable, categories: $0.levels, counts: $0.population.map { $0 * total })
                },
            settings: RakingSettings(maxIterations: 50, epsilon: 1e-9),
            source: "synthetic demo universe: regions from the territory tree, profile shares approximated for the demo"
        )
    }
}
