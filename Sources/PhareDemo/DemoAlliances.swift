import Foundation
import PhareCore
import PhareImport

/// The registry's demo entries: alliances the programme's documents cite as examples, each flagged
/// `example` (their stage, dates and some domains are illustrative, as their descriptions say).
public enum DemoAlliances {
    public static func examples(framework: Framework, territories: TerritoryTree) throws -> [Alliance] {
        guard let url = Bundle.module.url(forResource: "alliances-demo", withExtension: "csv") else {
            throw InputError(file: "alliances-demo.csv", message: "the bundled demo registry is missing")
        }
        let document = try CSVDocument.read(path: url.path)
        return try AllianceFile.parse(document: document, framework: framework, territories: territories)
    }
}
