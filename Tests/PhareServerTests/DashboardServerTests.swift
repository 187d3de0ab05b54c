import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhareAnalysis
import PhareCore
import PhareRender
import PhareStore
import Testing

@testable import PhareServer

@Suite struct DashboardRouteTests {
    /// Every page type answers 200 in HTML, with its own content.
    @Test func everyPageAnswers() async throws {
        let pages: [(String, [String])] = [
            (
                "/",
                [
                    "<html lang=\"fr\">", "id=\"map-regions\"", "href=\"/region/44?layer=population\"", "Grand Est",
                    "Chiffres clés des enquêtes", "Aucun résultat d’enquête",
                ]
            ),
            ("/?layer=density", ["<option value=\"density\" selected>", "Densité de population"]),
            (
                "/region/44",
                [
                    "<h1>Grand Est</h1>", "1. Carte d’identité", "2. Fragilités mesurées et ressenties",
                    "3. État de la co-construction", "4. Pratiques partenariales", "5. Synthèse", "Meurthe-et-Moselle",
                    "id=\"map-departements\"", "href=\"/departement/54?layer=population\"",
                ]
            ),
            ("/region/03", ["<h1>Guyane</h1>", "href=\"/departement/973?layer=population\""]),
            (
                "/departement/54",
                [
                    "<h1>Meurthe-et-Moselle (54)</h1>", "Nancy", "href=\"/region/44?layer=population\"",
                    "stroke=\"#000\"",
                ]
            ),
            ("/departement/2A", ["Corse-du-Sud"]),
            ("/domain", ["Emploi", "href=\"/domain/emploi\""]),
            ("/domain/emploi", ["Aucun indicateur de ce domaine"]),
            ("/actor", ["href=\"/actor/citoyens\""]),
            ("/actor/maires", ["Aucune enquête de cet acteur"]),
            ("/compare", ["Choisissez deux régions", "<option value=\"44\">Grand Est</option>"]),
            (
                "/compare?a=44&b=region:11",
                ["Grand Est", "Île-de-France", "<option value=\"11\" selected>", "Population municipale"]
            ),
            ("/indicators", ["Catalogue des indicateurs", "population"]),
            ("/methodology", ["Lambert-93", "quantiles"]),
            ("/framework", ["mecenat", "innovation-societale", "Transition énergétique"]),
            ("/weights", ["name=\"w-emploi\"", "id=\"weights-shares\"", "value=\"1\""]),
            // 16 domains: emploi 5, culture 0, 14 others 1 → total 19; 5/19 = 26.3 %, 1/19 = 5.3 %.
            (
                "/weights?w-emploi=5&w-culture=0",
                ["value=\"5\"", ">26,3</td>", ">5,3</td>", ">0,0</td>", ">26,3\u{202F}%</text>"]
            ),
        ]
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            for (uri, expected) in pages {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                    for fragment in expected { #expect(response.text.contains(fragment), "\(uri) lacks \(fragment)") }
                    #expect(response.text.hasPrefix("<!DOCTYPE html>"))
                    #expect(!response.text.contains("<script>"), "\(uri) has an inline script")
                    #expect(!response.text.contains("style=\""), "\(uri) has an inline style")
                }
            }
        }
    }

    @Test func englishEverywhereWithALanguageSwitch() async throws {
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            try await client.execute(uri: "/region/44?lang=en", method: .get) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
                #expect(response.text.contains("1. Identity card"))
                #expect(response.text.contains("href=\"/departement/54?layer=population&amp;lang=en\""))
                #expect(response.text.contains("class=\"lang\" href=\"/region/44\""))
                #expect(response.text.contains("5,561,287"))
            }
            try await client.execute(uri: "/region/44", method: .get) { response in
                #expect(response.text.contains("class=\"lang\" href=\"/region/44?lang=en\""))
                #expect(response.text.contains("5\u{202F}561\u{202F}287"))
            }
        }
    }

    /// 404 for unknown codes and addresses, 400 for bad parameters; HTML for pages, JSON for the API.
    @Test func unknownCodesAndBadParameters() async throws {
        let cases: [(String, HTTPResponse.Status, String)] = [
            ("/region/99", .notFound, "Aucune région n’a le code « 99 »"),
            ("/region/54", .notFound, "« 54 »"),
            ("/departement/999", .notFound, "Aucun département"),
            ("/domain/nope", .notFound, "Aucun domaine"),
            ("/actor/nope", .notFound, "Aucun acteur"),
            ("/nowhere", .notFound, "Aucune page"),
            ("/region/44/extra", .notFound, "Aucune page"),
            ("/?lang=de", .badRequest, "Langue inconnue « de »"),
            ("/?layer=nope", .badRequest, "Couche inconnue « nope »"),
            ("/?layer=a&layer=b", .badRequest, "plusieurs fois"),
            ("/weights?w-emploi=9", .badRequest, "entier de 0 à 5"),
            ("/weights?w-emploi=1.5", .badRequest, "entier de 0 à 5"),
            ("/weights?w-nope=1", .badRequest, "aucun domaine"),
            (
                "/weights?" + ServerFixture.framework.domains.map { "w-\($0.code)=0" }.joined(separator: "&"),
                .badRequest, "Au moins un domaine"
            ),
            ("/compare?a=commune:54395", .badRequest, "la comparaison porte"),
            ("/compare?a=region:99&b=44", .notFound, "Territoire inconnu"),
            ("/compare?a=44", .badRequest, "Le paramètre « b » manque"),
            ("/compare?b=44", .badRequest, "Le paramètre « a » manque"),
            ("/compare?a=44&b=54", .badRequest, "deux régions"),
            ("/compare?a=44&b=region:44", .badRequest, "deux régions différentes"),
            ("/?layer=%zz", .badRequest, "Adresse mal formée"),
            ("/region/99?lang=en", .notFound, "No region has the code \"99\""),
        ]
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            for (uri, status, message) in cases {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                    #expect(response.text.contains(HTML.escape(message)), "\(uri): \(response.text.prefix(0))")
                    #expect(response.headers[.cacheControl] == "no-store")
                    #expect(response.headers[.eTag] == nil)
                }
            }
            let api: [(String, HTTPResponse.Status)] = [
                ("/api/v1/territories/region/99", .notFound), ("/api/v1/territories/planet/1", .badRequest),
                ("/api/v1/territories?level=commune", .badRequest),
                ("/api/v1/territories?level=region&parent=departement:54", .badRequest),
                ("/api/v1/layers/nope", .notFound), ("/api/v1/layers/density?level=commune", .badRequest),
                ("/api/v1/nothing", .notFound),
                ("/api/v1/tables/nope", .notFound), ("/api/v1/tables/departements", .badRequest),
                ("/download/regions.pdf", .notFound),
                ("/download/regions", .notFound), ("/download/communes.csv?departement=999", .notFound),
            ]
            for (uri, status) in api {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8", "\(uri)")
                    let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
                    let error = object?["error"] as? [String: Any]
                    #expect(error?["status"] as? Int == Int(status.code), "\(uri)")
                    #expect((error?["message"] as? String)?.isEmpty == false)
                }
            }
        }
    }

    /// The downloads carry the same numbers as the territory tree, summed here independently
    /// from the communes of the bundled file.
    @Test func downloadsMatchTheTerritoryTree() async throws {
        var grandEst = 0
        var departements: Set<String> = []
        for territory in ServerFixture.tree.territories where territory.level == .commune {
            guard let departement = territory.parent, let region = ServerFixture.tree[departement]?.parent,
                region.code == "44"
            else { continue }
            grandEst += territory.population ?? 0
            departements.insert(departement.code)
        }
        #expect(grandEst > 5_000_000)
        let expectedPopulation = grandEst
        let expectedDepartements = departements
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            try await client.execute(uri: "/download/regions.csv", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"phare-regions.csv\"")
                let lines = response.text.split(separator: "\n")
                #expect(lines[0] == "name,code,rank,population")
                #expect(lines.count == 1 + 18 + 1)
                #expect(lines.contains { $0 == "Grand Est,44,6,\(expectedPopulation)" })
            }
            try await client.execute(uri: "/download/departements.csv?region=44&layer=density", method: .get) {
                response in
                let rows = response.text.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("France,") }
                #expect(Set(rows.map { String($0.split(separator: ",")[1]) }) == expectedDepartements)
            }
            try await client.execute(uri: "/download/regions.xlsx?layer=density", method: .get) { response in
                #expect(response.status == .ok)
                #expect(
                    response.headers[.contentType]
                        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
            try await client.execute(uri: "/api/v1/tables/regions", method: .get) { response in
                let rows = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]])
                let row = try #require(rows.first { $0["code"] as? String == "44" })
                #expect((row["population"] as? NSNumber)?.intValue == expectedPopulation)
                #expect((row["rank"] as? NSNumber)?.intValue == 6)
            }
            try await client.execute(uri: "/download/communes.csv?departement=54", method: .get) { response in
                let lines = response.text.split(separator: "\n")
                #expect(lines[0] == "name,code,epci,population,area_km2,density")
                #expect(
                    lines.count - 1
                        == ServerFixture.tree.children(of: TerritoryID(.departement, "54")).filter {
                            $0.level == .commune
                        }.count)
                #expect(lines[1].hasPrefix("Nancy,54395,"))
            }
        }
    }

    @Test func jsonAPI() async throws {
        let tree = ServerFixture.tree
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            try await client.execute(uri: "/api/v1/territories", method: .get) { response in
                let list = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]])
                #expect(list.count == 18)
                #expect(list.first?["code"] as? String == "01")
            }
            try await client.execute(uri: "/api/v1/territories?level=departement&parent=44", method: .get) { response in
                let list = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]])
                #expect(list.count == 10)
            }
            try await client.execute(uri: "/api/v1/territories/region/44", method: .get) { response in
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
                #expect(object["name"] as? String == "Grand Est")
                #expect((object["children"] as? [Any])?.count == 10)
                let counts = object["counts"] as? [String: Int]
                #expect(counts?["commune"] == tree.descendants(of: TerritoryID(.region, "44"), at: .commune).count)
                #expect((object["population"] as? NSNumber)?.intValue == tree[TerritoryID(.region, "44")]?.population)
            }
            try await client.execute(uri: "/api/v1/layers/density?level=region", method: .get) { response in
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
                let values = try #require(object["values"] as? [[String: Any]])
                #expect(values.count == 18)
                let region = try #require(tree[TerritoryID(.region, "11")])
                let expected = Double(try #require(region.population)) / (try #require(region.areaKm2))
                let idf = try #require(values.first { $0["code"] as? String == "11" })
                #expect(abs(((idf["value"] as? NSNumber)?.doubleValue ?? 0) - expected) < 1e-9)
                #expect((idf["rank"] as? NSNumber)?.intValue == 1)
            }
            try await client.execute(uri: "/api/v1/framework", method: .get) { response in
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
                #expect((object["domains"] as? [Any])?.count == 16)
            }
            try await client.execute(uri: "/api/v1/layers", method: .get) { response in
                #expect(response.text.contains("\"id\":\"density\""))
            }
        }
    }

    /// The OpenAPI document is accepted by openapi-spec-validator (installed by scripts/install-dependencies).
    @Test func openAPIDocumentValidates() async throws {
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let file = ServerFixture.temporaryFolder() + "/openapi.json"
                try response.text.write(toFile: file, atomically: true, encoding: .utf8)
                let result = try run([
                    "python3", "-c",
                    "import json,sys; from openapi_spec_validator import validate; d=json.load(open(sys.argv[1])); validate(d); print(d['openapi'], len(d['paths']))",
                    file,
                ])
                #expect(result.status == 0, "\(result.output)")
                #expect(result.output.hasPrefix("3.1.0 20"))
            }
        }
    }
}

func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
