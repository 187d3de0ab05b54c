import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhareAnalysis
import PhareCore
import PhareTestSupport
import Testing

@testable import PhareRender
@testable import PhareServer

/// The coherence of the demo regions' indicators: computed once in the snapshot, equal to numpy
/// and scipy, shown on `/coherence`, downloadable, and linked from the weights and methodology pages.
@Suite struct CoherencePageTests {
    static var analysis: AnalysedObservatory { DemoFixture.snapshot.analysis! }

    /// Every domain and axis of the 13 metropolitan demo regions against np.corrcoef,
    /// scipy.stats.spearmanr, alpha by its variance formula and np.linalg.eigh, to 1e-9.
    @Test(.enabled(if: CoherenceReference.available, Comment(rawValue: CoherenceReference.missing)))
    func demoRegionsEqualNumpy() throws {
        let diagnosis = try #require(Self.analysis.metropolitanDiagnosis)
        let groups = Self.analysis.coherence
        let framework = DemoFixture.snapshot.framework
        #expect(groups.count == framework.domains.count + framework.axes.count)
        let computed = groups.filter { $0.problem == nil }
        #expect(computed.count > framework.axes.count)
        let values: [[[Double]]] = computed.map { group in
            group.indicators.map { code in
                diagnosis.territories.map { territory in
                    guard let position = territory.indicators.first(where: { $0.indicator == code }),
                        let value = position.value
                    else { return .nan }
                    return position.polarity.sign * value
                }
            }
        }
        let reference = try CoherenceReference.run(values)
        for (group, expected) in zip(computed, reference) {
            let differences = CoherenceReference.differences(group, expected)
            #expect(differences.isEmpty, "\(differences)")
        }
        // An axis holds the indicators of all its domains.
        let economic = try #require(groups.first { $0.kind == .axis && $0.code == "economique" })
        let economicDomains = framework.domains.filter { $0.axis == "economique" }.map(\.code)
        let inDomains = groups.filter { $0.kind == .domain && economicDomains.contains($0.code) }
        #expect(
            economic.indicators.count + economic.constant.count
                == inDomains.map { $0.indicators.count + $0.constant.count }.reduce(0, +))
    }

    @Test func pageTablesAndLinks() async throws {
        let group = try #require(Self.analysis.coherence.first { $0.kind == .domain && $0.problem == nil })
        try await ServerFixture.application(ServerFixture.server(DemoFixture.snapshot)).test(.router) { client in
            try await client.execute(uri: "/coherence", method: .get) { response in
                #expect(response.status == .ok)
                let page = response.text
                #expect(page.contains("class=\"coherence-group\""))
                #expect(page.contains("id=\"coherence-domain-\(group.code)-heatmap\""))
                #expect(page.contains("class=\"heat-cell\""))
                #expect(page.contains("/download/coherence.csv"))
                #expect(page.contains("/download/coherence-pairs.csv?group=domain"))
            }
            try await client.execute(uri: "/api/v1/tables/coherence", method: .get) { response in
                #expect(response.status == .ok)
                let rows = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]])
                #expect(rows.count == Self.analysis.coherence.count)
            }
            try await client.execute(
                uri: "/api/v1/tables/coherence-pairs?group=domain:\(group.code)", method: .get
            ) { response in
                #expect(response.status == .ok)
                let rows = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]])
                let k = group.indicators.count
                #expect(rows.count == k * (k - 1) / 2)
                #expect(abs((rows.first?["pearson"] as? Double ?? .nan) - group.pearson[0][1]) < 1e-12)
                #expect(abs((rows.first?["spearman"] as? Double ?? .nan) - group.spearman[0][1]) < 1e-12)
            }
            try await client.execute(uri: "/api/v1/tables/coherence-pairs?group=domain:nowhere", method: .get) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/download/coherence-pairs.csv", method: .get) {
                #expect($0.status == .badRequest)
            }
            for path in ["/weights", "/methodology"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.text.contains("class=\"coherence-link\"><a href=\"/coherence\""), "\(path)")
                }
            }
        }
    }
}
