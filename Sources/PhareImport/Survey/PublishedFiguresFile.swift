import Foundation
import PhareCore

/// A published-figures file: one row per figure published from a past survey whose microdata is not
/// held, columns `wave`, `year`, `actor`, `measure`, `item`, `territory`, `value`, `n`, `source`
/// (docs/DATA-FORMATS.md). Shares are given in percent (0 to 100), mean ratings on the rating scale.
/// Every problem is listed with its line and column; nothing is returned when there is one.
public enum PublishedFiguresFile {
    public static let columns = ["wave", "year", "actor", "measure", "item", "territory", "value", "n", "source"]

    /// - Parameter microdataWaves: the waves the observatory holds respondents for, which cannot
    ///   also be published-figure waves.
    public static func read(
        _ document: CSVDocument, questionnaire: Questionnaire, framework: Framework, territories: TerritoryTree,
        microdataWaves: Set<String>
    ) throws -> [PublishedFigure] {
        var errors: [InputError] = []
        func fail(_ line: Int, _ column: String, _ message: String) {
            errors.append(InputError(file: document.file, line: line, column: column, message: message))
        }
        for name in columns where document.column(name) == nil {
            fail(1, name, "missing column \(name) (expected \(columns.joined(separator: ", ")))")
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        let index = Dictionary(uniqueKeysWithValues: columns.map { ($0, document.column($0) ?? 0) })
        let regions = Set(territories.territories(at: .region).map(\.code))
        var figures: [PublishedFigure] = []
        var seen: [String: Int] = [:]
        var yearOfWave: [String: (year: Int, line: Int)] = [:]
        for record in document.records {
            func field(_ name: String) -> String {
                record.fields[index[name] ?? 0].trimmingCharacters(in: .whitespaces)
            }
            let line = record.line
            let count = errors.count
            let wave = field("wave")
            if wave.isEmpty { fail(line, "wave", "missing wave code") }
            if microdataWaves.contains(wave) {
                fail(
                    line, "wave",
                    "wave \(wave) is already held as microdata (respondents): give the published figures another "
                        + "wave code")
            }
            let year = Int(field("year"))
            if year == nil { fail(line, "year", "\"\(field("year"))\" is not a year") }
            if let year, let known = yearOfWave[wave], known.year != year {
                fail(line, "year", "wave \(wave) has the year \(known.year) on line \(known.line), \(year) here")
            }
            let actor = ActorCode(field("actor"))
            if framework.actor(actor) == nil {
                fail(
                    line, "actor",
                    "unknown actor \"\(actor)\" (known: \(framework.actors.map(\.code.rawValue).joined(separator: ", ")))"
                )
            }
            let measureCode = MeasureCode(field("measure"))
            let measure = MeasureCatalogue.named(measureCode, questionnaire: questionnaire, framework: framework)
            let item = field("item")
            if let measure {
                if framework.actor(actor) != nil,
                    !MeasureCatalogue.available(for: actor, questionnaire: questionnaire, framework: framework)
                        .contains(measure)
                {
                    fail(line, "measure", "the measure \(measureCode) is not asked to \(actor)")
                } else {
                    let items = MeasureCatalogue.items(of: measure, questionnaire: questionnaire, framework: framework)
                    if !items.contains(item) {
                        fail(
                            line, "item",
                            "\"\(item)\" is not an item of \(measureCode) (items: "
                                + "\(items.prefix(20).joined(separator: ", "))\(items.count > 20 ? ", …" : ""))")
                    }
                }
            } else {
                let known = MeasureCatalogue.published(questionnaire: questionnaire, framework: framework)
                fail(
                    line, "measure",
                    "unknown measure \"\(measureCode)\" (known: \(known.map(\.code.rawValue).joined(separator: ", ")))")
            }
            let territory = field("territory")
            if territory != "FR" && !regions.contains(territory) {
                fail(line, "territory", "unknown territory \"\(territory)\": give FR or a region code")
            }
            var value = NumberText.parse(field("value"))
            if value == nil {
                fail(line, "value", "\"\(field("value"))\" is not a number")
            } else if let measure, let given = value {
                if measure.unit == "proportion" {
                    if given < 0 || given > 100 {
                        fail(line, "value", "\(field("value")) is outside [0, 100]: a share is given in percent")
                    }
                    value = given / 100
                } else if let scale = questionnaire.item(measure.item)?.scale.flatMap({ questionnaire.scale($0) }),
                    let minimum = scale.minimum, let maximum = scale.maximum,
                    given < Double(minimum) || given > Double(maximum)
                {
                    fail(line, "value", "\(field("value")) is outside the rating scale [\(minimum), \(maximum)]")
                }
            }
            let n = Int(field("n"))
            if n == nil || n! < 1 {
                fail(line, "n", "\"\(field("n"))\" is not a base: give the number of respondents (1 or more)")
            }
            if field("source").isEmpty { fail(line, "source", "missing source (where the figure was published)") }
            let key = [wave, actor.rawValue, measureCode.rawValue, item, territory].joined(separator: "|")
            if let first = seen[key] {
                fail(
                    line, "item",
                    "\(wave) \(actor) \(measureCode) \(item) \(territory) is already given on line \(first)")
            }
            guard errors.count == count, let year, let value, let n else { continue }
            seen[key] = line
            yearOfWave[wave] = (year, line)
            figures.append(
                PublishedFigure(
                    wave: wave, year: year, actor: actor, measure: measureCode, item: item, territory: territory,
                    value: value, sampleSize: n, source: field("source")))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        if figures.isEmpty { throw InputError(file: document.file, message: "no published figure in the file") }
        return figures
    }
}
