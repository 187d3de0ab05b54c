import Foundation
import PhareCore
import PhareImport

/// Reads the demo parameters `indicator;national;spread` bundled with PhareCore.
public enum DemoParametersFile {
    public static func bundled() throws -> [String: DemoParameter] {
        guard let url = Bundle.module.url(forResource: "indicators-demo", withExtension: "csv") else {
            throw DemoError.missingResource("indicators-demo.csv")
        }
        let document = try CSVDocument.parse(data: Data(contentsOf: url), file: "indicators-demo.csv (bundled)")
        let indicator = try document.requireColumn("indicator")
        let national = try document.requireColumn("national")
        let spread = try document.requireColumn("spread")
        var result: [String: DemoParameter] = [:]
        var errors: [InputError] = []
        for record in document.records {
            guard let level = NumberText.parse(record.fields[national]),
                let cv = NumberText.parse(record.fields[spread])
            else {
                errors.append(
                    InputError(file: document.file, line: record.line, message: "national and spread must be numbers"))
                continue
            }
            result[record.fields[indicator]] = DemoParameter(national: level, spread: cv)
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return result
    }
}
