import Foundation
import PhareCore

/// The figures the synthetic demo surveys are generated to reproduce: those the PHARE programme
/// published (nationally, by region, by segment) and a few assumed ones, from the bundled
/// `survey-demo-targets.csv` (built by `tools/build_demo_survey_targets.py`).
struct DemoTargets: Sendable {
    /// actor|measure|item|territory → value (shares as proportions, ratings as scores).
    private var values: [String: Double] = [:]

    static func key(_ actor: String, _ measure: String, _ item: String, _ territory: String) -> String {
        [actor, measure, item, territory].joined(separator: "|")
    }

    static func key(_ actor: ActorCode, _ measure: String, _ item: String, _ territory: String) -> String {
        key(actor.rawValue, measure, item, territory)
    }

    static func bundled() throws -> DemoTargets {
        guard let url = Bundle.module.url(forResource: "survey-demo-targets", withExtension: "csv") else {
            throw DemoError.missingResource("survey-demo-targets.csv")
        }
        return try parse(String(decoding: Data(contentsOf: url), as: UTF8.self))
    }

    static func parse(_ text: String) throws -> DemoTargets {
        var targets = DemoTargets()
        for (offset, line) in text.split(separator: "\n").enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 6, let value = Double(fields[4]) else {
                throw DemoError.malformedTargets(line: offset + 1)
            }
            let scaled = fields[5] == "percent" ? value / 100 : value
            targets.values[key(fields[0], fields[2], fields[3], fields[1])] = scaled
        }
        return targets
    }

    /// The targets moved by `changes` (see `DemoTargetChange`): shares by points / 100, ratings by
    /// rating points. A change that moves no target is an error (the file names a target that
    /// does not exist).
    func applying(_ changes: [DemoTargetChange]) throws -> DemoTargets {
        var moved = self
        for change in changes {
            let prefix = [change.actor, change.measure, change.item].joined(separator: "|") + "|"
            let keys = values.keys.filter {
                $0.hasPrefix(prefix) && (change.territory == "*" || $0 == prefix + change.territory)
            }
            guard !keys.isEmpty else {
                throw DemoError.unknownTarget("\(change.actor) \(change.measure) \(change.item) \(change.territory)")
            }
            let step = change.measure == "mean_rating" ? change.change : change.change / 100
            for key in keys { moved.values[key] = (values[key] ?? 0) + step }
        }
        return moved
    }

    func value(_ actor: ActorCode, _ measure: String, _ item: String, territory: String = "FR") -> Double? {
        values[Self.key(actor, measure, item, territory)]
    }

    /// Published values of one measure item by region (territory codes other than FR and segments).
    func regional(_ actor: ActorCode, _ measure: String, _ item: String, regions: [String]) -> [String: Double] {
        var result: [String: Double] = [:]
        for region in regions {
            if let value = values[Self.key(actor, measure, item, region)] { result[region] = value }
        }
        return result
    }
}

/// The demo cannot be generated, in one sentence.
public enum DemoError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingResource(String)
    case malformedTargets(line: Int)
    case unknownActor(ActorCode)
    case noCommunes
    case unknownTarget(String)

    public var description: String {
        switch self {
        case .missingResource(let name): "the bundled \(name) is missing from this build"
        case .malformedTargets(let line):
            "survey-demo-targets.csv:\(line): expected actor,territory,measure,item,value,unit,source"
        case .unknownActor(let actor): "no demo sample for the actor \(actor)"
        case .noCommunes: "the territory tree lacks communes for the demo regions"
        case .unknownTarget(let target):
            "demo-waves.json moves the target \(target), which survey-demo-targets.csv lacks"
        }
    }
}
