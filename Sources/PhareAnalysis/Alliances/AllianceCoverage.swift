import Foundation
import PhareCore

/// A territory's fragile domains crossed with the registry: which alliances act on each, and where
/// none is registered (docs/METHODOLOGY.md, "Fragile domains without an alliance").
public struct AllianceCoverage: Sendable, Hashable {
    public struct FragileDomain: Sendable, Hashable {
        public var domain: String
        /// Among the most fragile third of the peers on the indicators (cross view).
        public var measured: Bool
        /// Felt above the reference by the actors (cross view).
        public var felt: Bool
        /// Registered alliances of the territory acting on the domain.
        public var alliances: [Alliance]
    }

    /// What the registered projects at one stage have, and what the needs matrix says they lack.
    public struct StageSupport: Sendable, Hashable {
        public var stage: InnovationStage
        public var alliances: [Alliance]
        /// Partner kinds the matrix asks for at the stage's phase (needs of intensity ≥ 2) that no
        /// registered project at this stage has among its partners.
        public var missingPartnerKinds: [PartnerKind]
    }

    public var territory: TerritoryID
    /// Alliances registered in the territory or in a territory inside it.
    public var alliances: [Alliance]
    public var fragile: [FragileDomain]
    public var stages: [StageSupport]

    /// The fragile domains on which no alliance of the territory is registered.
    public var withoutAlliance: [FragileDomain] { fragile.filter { $0.alliances.isEmpty } }

    /// Builds the coverage of a region from its profile's cross-view cells.
    public static func build(
        profile: RegionProfile, registry: [Alliance], territories: TerritoryTree, framework: Framework,
        diagnostic: StageDiagnostic
    ) -> AllianceCoverage {
        let inside = registry.filter {
            $0.territory == profile.territory || territories.ancestors(of: $0.territory).contains(profile.territory)
        }
        var fragile: [FragileDomain] = []
        for domain in framework.domains {
            guard let cell = profile.fragilities.cells.first(where: { $0.domain == domain.code }) else { continue }
            let measured = cell.measuredVerdict == .fragile
            let felt = cell.feltVerdict == .felt
            guard measured || felt else { continue }
            fragile.append(
                FragileDomain(
                    domain: domain.code, measured: measured, felt: felt,
                    alliances: inside.filter { $0.domains.contains(domain.code) }))
        }
        let stages = InnovationStage.allCases.map { stage in
            let atStage = inside.filter { $0.stage == stage }
            let present = Set(atStage.flatMap { $0.partners.map(\.kind) })
            var wanted: [PartnerKind] = []
            for need in diagnostic.needs(of: stage.phase) where need.intensity >= 2 {
                for kind in need.partners where !wanted.contains(kind) { wanted.append(kind) }
            }
            return StageSupport(
                stage: stage, alliances: atStage, missingPartnerKinds: wanted.filter { !present.contains($0) })
        }
        return AllianceCoverage(territory: profile.territory, alliances: inside, fragile: fragile, stages: stages)
    }
}

extension AnalysedObservatory {
    /// The coverage of a region by the registry.
    public func allianceCoverage(_ profile: RegionProfile) throws -> AllianceCoverage {
        AllianceCoverage.build(
            profile: profile, registry: alliances, territories: territories, framework: framework,
            diagnostic: try StageDiagnostic.bundled())
    }
}
