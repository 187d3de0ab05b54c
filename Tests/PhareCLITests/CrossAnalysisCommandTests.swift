import Foundation
import PhareTestSupport
import Testing

/// The cross analysis on the demo observatory (illustrative indicators, synthetic surveys).
@Suite(.serialized) struct CrossAnalysisCommandTests {

    func phare(_ kind: StoreKind, _ arguments: String...) throws -> PhareRun {
        try PhareProcess.run(arguments, in: PhareProcess.demoFolder(kind))
    }

    @Test(arguments: StoreKind.allCases) func everyRegionGetsACompleteProfileWithoutNaN(_ kind: StoreKind) throws {
        let result = try phare(kind, "profile", "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("NaN") && !result.stdout.contains("Infinity"))
        let profiles = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(profiles.count == 18)
        for profile in profiles {
            let name = profile["name"] as? String ?? "?"
            for part in ["identity", "fragilities", "coConstruction", "practices", "synthesis", "provenance"] {
                #expect(profile[part] != nil, "\(name) lacks \(part)")
            }
            let cells = (profile["fragilities"] as? [String: Any])?["cells"] as? [[String: Any]]
            #expect(cells?.count == 16, "\(name)")
            let sentences = (profile["synthesis"] as? [String: Any])?["sentences"] as? [[String: String]]
            #expect((sentences?.count ?? 0) >= 4, "\(name)")
            #expect(sentences?.allSatisfy { !($0["fr"] ?? "").isEmpty && !($0["en"] ?? "").isEmpty } == true)
            let provenance = profile["provenance"] as? [String: Any]
            #expect(
                provenance?["illustrativeIndicators"] as? Bool == true
                    || (profile["territory"] as? String)?.hasPrefix("region:0") == true)
            #expect(provenance?["syntheticSurveys"] as? Bool == true)
        }
    }

    @Test(arguments: StoreKind.allCases) func provenceProfileReadsLikeARegionalReport(_ kind: StoreKind) throws {
        let result = try phare(kind, "profile", "--territory", "93", "--format", "markdown")
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(text.hasPrefix("# Profil de territoire — Provence-Alpes-Côte d'Azur"))
        for heading in [
            "## 1. Carte d'identité", "## 2. Fragilités mesurées et ressenties",
            "## 3. État de la co-construction (maires)", "## 4. Pratiques partenariales", "## 5. Synthèse",
        ] {
            #expect(text.contains(heading), "missing \(heading)")
        }
        // Figures carry their base and interval; demo data is labelled.
        #expect(text.contains("n = "))
        #expect(text.contains("n eff."))
        #expect(text.contains("Données de démonstration"))
        #expect(text.contains("illustratif"))
        // French typography: narrow no-break space before ';' in intervals.
        #expect(text.contains("\u{202F};"))
        #expect(text.contains("Domaines où des alliances"))
        let english = try phare(kind, "profile", "--territory", "93", "--format", "markdown", "--lang", "en")
        #expect(english.stdout.hasPrefix("# Territory profile — Provence-Alpes-Côte d'Azur"))
        #expect(english.stdout.contains("## 5. Synthesis"))
    }

    @Test(arguments: StoreKind.allCases) func thinMayorSamplesAreFlaggedAndDecideNothing(_ kind: StoreKind) throws {
        let result = try phare(kind, "profile", "--territory", "94", "--format", "json")
        let profile = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let co = try #require(profile["coConstruction"] as? [String: Any])
        let mayors = try #require(co["mayorsRespondents"] as? Int)
        #expect(mayors < 30)
        let dynamic = try #require(co["dynamic"] as? [[String: Any]])
        #expect(dynamic.allSatisfy { ($0["figure"] as? [String: Any])?["belowThreshold"] as? Bool == true })
        let sentences =
            ((profile["synthesis"] as? [String: Any])?["sentences"] as? [[String: String]])?.compactMap { $0["fr"] }
            ?? []
        #expect(sentences.contains { $0.hasPrefix("Trop peu de maires ont répondu (\(mayors), moins de 30)") })
        // The relevance score says the mayors' component is missing rather than using it.
        let relevance = try #require(co["relevance"] as? [[String: Any]])
        #expect(relevance.allSatisfy { ($0["missing"] as? [String])?.contains("mayors") == true })
    }

    @Test(arguments: StoreKind.allCases) func crossViewGivesSixteenClassifiedDomains(_ kind: StoreKind) throws {
        let result = try phare(kind, "crossview", "--territory", "44", "--format", "csv")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 17)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let classColumn = try #require(header.firstIndex(of: "class"))
        let allowed: Set<String> = ["felt-and-measured", "felt-not-measured", "measured-not-felt", "neither", ""]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(allowed.contains(fields[classColumn]), "\(line)")
        }
        let json = try phare(kind, "crossview", "--territory", "44", "--format", "json")
        let document = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["cells"] as? [Any])?.count == 16)
        #expect((document["correlationAcrossRegionsByDomain"] as? [String: Any])?.count == 16)
    }

    @Test(arguments: StoreKind.allCases) func coConstructionRanksSixteenDomainsWithIntervals(_ kind: StoreKind) throws {
        let result = try phare(
            kind,
            "coconstruction", "--territory", "44", "--format", "json", "--runs", "200", "--seed", "3")
        let document = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let relevance = try #require(document["relevance"] as? [[String: Any]])
        #expect(relevance.count == 16)
        for item in relevance {
            let low = try #require(item["rankLow"] as? Double)
            let high = try #require(item["rankHigh"] as? Double)
            let median = try #require(item["medianRank"] as? Double)
            #expect(low <= median && median <= high)
            #expect(low >= 1 && high <= 16)
        }
        #expect((document["recommendedDomains"] as? [String])?.count == 3)
        let again = try phare(
            kind, "coconstruction", "--territory", "44", "--format", "json", "--runs", "200", "--seed", "3")
        #expect(again.stdout == result.stdout)
    }

    @Test(arguments: StoreKind.allCases) func practicesAgainstFranceWithSegments(_ kind: StoreKind) throws {
        let result = try phare(kind, "practices", "--format", "csv")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines[0].hasPrefix(
                "region,name,part,code,label,value,lower,upper,n,n_effective,below_threshold,france,difference,difference_lower,difference_upper,significant"
            ))
        #expect(lines.contains { $0.hasPrefix("44,Grand Est,partnership_rate,associations,") })
        #expect(lines.contains { $0.hasPrefix("FR,France,partnership_rate_by_segment,associations:employeur=oui,") })
        #expect(
            lines.contains { $0.hasPrefix("FR,France,partnership_rate_by_segment,entreprises:taille_entreprise=tpe,") })
    }

    @Test(arguments: StoreKind.allCases) func aCommuneResolvesToItsRegionAndUnknownCodesFail(_ kind: StoreKind) throws {
        let commune = try phare(kind, "crossview", "--territory", "67482", "--format", "csv")
        #expect(commune.status == 0)
        #expect(commune.stderr.contains("showing Grand Est, which holds Strasbourg"))
        let unknown = try phare(kind, "profile", "--territory", "999")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown territory \"999\""))
    }
}
