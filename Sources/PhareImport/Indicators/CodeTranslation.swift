import Foundation
import PhareCore

/// How an indicator value file is brought into today's geography (see docs/DATA-FORMATS.md,
/// « Import rules: any COG vintage »).
public struct TranslationOptions: Sendable {
    /// Older commune codes and their current commune; empty: no translation, older codes are unknown.
    public var history: CommuneHistory
    /// Combine values that cannot be summed (medians, rates without their counts, means) by
    /// population weight, flagged approximate, instead of refusing them.
    public var approximate: Bool
    /// Import the rest of the file when a code is unknown, and list what was skipped.
    public var skipUnknown: Bool

    public init(history: CommuneHistory = .empty, approximate: Bool = false, skipUnknown: Bool = false) {
        self.history = history
        self.approximate = approximate
        self.skipUnknown = skipUnknown
    }
}

/// What the import did to bring the file into today's geography, for the summary of `phare
/// indicators import`.
public struct TranslationSummary: Sendable, Hashable {
    /// A group of translated codes: same kind, same geography of the change.
    public struct Group: Sendable, Hashable {
        public var kind: FormerCommuneKind
        public var since: Int?
        public var codes: [String]
    }

    /// Older codes (not arrondissements) moved to their current commune, by kind and vintage.
    public var translated: [Group] = []
    /// Arrondissement codes summed into their commune, and those communes.
    public var arrondissementsSummed: [String] = []
    public var communesFromArrondissements: [String] = []
    /// Arrondissement codes set aside because the file has a line for their commune.
    public var arrondissementsSetAside: [String] = []
    /// Lines (wide layout) or values (long layout) repeating an earlier one exactly: read once.
    public var duplicates = 0
    /// Values skipped as missing or secret (empty cells and INSEE markers `s`, `nd`, `NA`…),
    /// and translated values left out because one of their parts was.
    public var suppressed = 0
    /// A code still unknown after translation, with the first line naming it.
    public struct UnknownCode: Sendable, Hashable {
        public var code: String
        public var line: Int
    }
    /// Codes still unknown after translation, skipped (`--skip-unknown`).
    public var unknown: [UnknownCode] = []
    /// Values combined by population weight (`--approximate`), flagged approximate.
    public var approximate = 0
    /// Sentences: what was set aside or left out, and why.
    public var notes: [String] = []

    public var translatedCount: Int { translated.reduce(0) { $0 + $1.codes.count } }

    /// The summary's lines as printed by `phare indicators import` (format in docs/DATA-FORMATS.md).
    public var lines: [String] {
        var lines: [String] = []
        if translated.isEmpty {
            lines.append("translated: no older commune code")
        } else {
            let parts = translated.map { group in
                "\(group.codes.count) \(group.codes.count > 1 ? group.kind.pluralLabel : group.kind.label)"
                    + (group.since.map { " (merged in \($0): codes of COG \($0 - 1) or older)" } ?? " (date unknown)")
            }
            lines.append(
                "translated: \(translatedCount) older commune code\(translatedCount > 1 ? "s" : "") "
                    + "to today's communes: \(parts.joined(separator: ", "))")
        }
        lines.append(
            "arrondissements: \(arrondissementsSummed.count) summed into "
                + "\(communesFromArrondissements.count) commune\(communesFromArrondissements.count == 1 ? "" : "s")"
                + (communesFromArrondissements.isEmpty
                    ? "" : " (\(communesFromArrondissements.joined(separator: ", ")))")
                + ", \(arrondissementsSetAside.count) set aside")
        lines.append("repeated: \(duplicates) identical repetition\(duplicates == 1 ? "" : "s") read once")
        lines.append("suppressed: \(suppressed) missing or secret value\(suppressed == 1 ? "" : "s") skipped")
        if approximate > 0 {
            lines.append(
                "approximate: \(approximate) value\(approximate == 1 ? "" : "s") combined by population weight")
        }
        if unknown.isEmpty {
            lines.append("unknown: none")
        } else {
            let shown = unknown.prefix(50).map { "\($0.code) (line \($0.line))" }.joined(separator: ", ")
            lines.append(
                "unknown: \(unknown.count) code\(unknown.count > 1 ? "s" : "") skipped: \(shown)"
                    + (unknown.count > 50 ? "…" : ""))
        }
        return lines + notes.map { "note: " + $0 }
    }
}

/// The markers INSEE and other producers write for a missing or secret value.
public enum SuppressedValue {
    public static let markers: Set<String> = ["", "s", "nd", "na", "n/a", "secret", "-"]

    /// Whether `text` is such a marker (case and surrounding spaces ignored).
    public static func isMarker(_ text: String) -> Bool {
        if text.isEmpty { return true }
        if text.utf8.count > 8 { return false }
        return markers.contains(text.trimmingCharacters(in: .whitespaces).lowercased())
    }
}

/// Gathers the values of a file as its reader finds them: codes of today's tree go straight to
/// the observations; older codes wait in `pending` until the whole file is read, then
/// `finish()` applies the rules (arrondissements, merged communes, what can be summed).
struct ValueCollector {
    let file: String
    let index: TerritoryIndex
    let options: TranslationOptions
    let catalogue: IndicatorCatalogue
    var observations = IndicatorObservations(indicators: [])
    var summary = TranslationSummary()
    var errors: [InputError] = []

    /// A value (nil: suppressed) given under an older code.
    struct Pending {
        var former: FormerCommune
        var indicator: Int
        var year: Int
        var value: Double?
        var line: Int
        var column: String
    }
    var pending: [Pending] = []
    /// First line of each commune of today's tree named in the file, and its suppressed cells.
    var communeLines: [Int: Int] = [:]
    var suppressedOfCommune: [Int: [(indicator: Int, year: Int)]] = [:]
    var unknownSeen: Set<String> = []

    init(file: String, index: TerritoryIndex, options: TranslationOptions, catalogue: IndicatorCatalogue) {
        self.file = file
        self.index = index
        self.options = options
        self.catalogue = catalogue
    }

    /// The former commune a code names, when it is not a territory of the tree.
    func former(_ text: String, level: TerritoryLevel?) -> FormerCommune? {
        guard !options.history.entries.isEmpty else { return nil }
        var code = text
        if let colon = text.firstIndex(of: ":") {
            guard String(text[..<colon]).lowercased() == "commune" else { return nil }
            code = String(text[text.index(after: colon)...])
        } else if let level, level != .commune {
            return nil
        }
        if code.count < 5, code.count >= 4, code.allSatisfy(\.isNumber) { code = "0" + code }
        guard let found = options.history[code],
            index.positions[TerritoryID(.commune, found.currentCommune)] != nil
        else { return nil }
        return found
    }

    /// Records an unknown code: an error, or (with `--skip-unknown`) a code skipped.
    mutating func unknown(_ code: String, line: Int, column: String, message: String) {
        if options.skipUnknown && !code.isEmpty {
            if unknownSeen.insert(code).inserted { summary.unknown.append(.init(code: code, line: line)) }
        } else {
            errors.append(InputError(file: file, line: line, column: column, message: message))
        }
    }

    mutating func noteCommune(_ territory: Int, line: Int) {
        guard index.ids[territory].level == .commune, communeLines[territory] == nil else { return }
        communeLines[territory] = line
    }

    mutating func suppressedCell(territory: Int, indicator: Int, year: Int) {
        summary.suppressed += 1
        if index.ids[territory].level == .commune {
            suppressedOfCommune[territory, default: []].append((indicator, year))
        }
    }

    /// Applies the translation rules to the pending values; fills `observations`, `summary`
    /// and `errors`. `indicators` are the codes of the indicator positions.
    mutating func finish(indicators: [String]) {
        observations.indicators = indicators
        guard !pending.isEmpty else { return }
        func code(_ t: Int) -> String { index.ids[t].code }
        func indicatorPosition(_ code: String?) -> Int? { code.flatMap { indicators.firstIndex(of: $0) } }
        let populationIndicator = indicatorPosition("population")

        // Pending values by target commune, in file order.
        var targets: [Int] = []
        var byTarget: [Int: [Int]] = [:]
        for (offset, entry) in pending.enumerated() {
            guard let t = index.positions[TerritoryID(.commune, entry.former.currentCommune)] else { continue }
            if byTarget[t] == nil { targets.append(t) }
            byTarget[t, default: []].append(offset)
        }
        // The target communes' own values in the file.
        var directRows: [Int: [Int]] = [:]
        for row in 0..<observations.count where byTarget[Int(observations.territory[row])] != nil {
            directRows[Int(observations.territory[row]), default: []].append(row)
        }
        var removed = Set<Int>()
        var translated: [FormerCommuneKind: [Int?: [String]]] = [:]
        var summedArrondissements: [String] = []
        var communesFromArrondissements: [String] = []
        var setAside: [String] = []

        for t in targets {
            let entries = byTarget[t] ?? []
            let currentName = index.ids[t].code
            let ownLine = communeLines[t]
            let arrondissements = entries.filter { pending[$0].former.kind == .arrondissement }
            var merged = entries.filter { pending[$0].former.kind != .arrondissement }
            if let ownLine, !arrondissements.isEmpty {
                let codes = orderedUnique(arrondissements.map { pending[$0].former.code })
                setAside += codes
                summary.notes.append(
                    "\(codes.count) arrondissement\(codes.count > 1 ? "s" : "") of \(currentName) "
                        + "(\(codes.joined(separator: ", "))) set aside: the file has a line for \(currentName) "
                        + "itself (line \(ownLine)), which already counts them")
            }
            // An older code whose merger date is unknown beside its current commune: the file
            // mixes geographies, and the current commune's value may already include it.
            if let ownLine {
                let mixing = merged.filter { pending[$0].former.since == nil && pending[$0].value != nil }
                let currentHasValue = !(directRows[t] ?? []).isEmpty
                if currentHasValue, !mixing.isEmpty {
                    for code in orderedUnique(mixing.map { pending[$0].former.code }) {
                        guard let first = mixing.first(where: { pending[$0].former.code == code }) else { continue }
                        let entry = pending[first]
                        errors.append(
                            InputError(
                                file: file, line: entry.line, column: entry.column,
                                message:
                                    "\(code) (\(entry.former.kind.label) \(entry.former.name), now part of "
                                    + "\(currentName)) and \(currentName) itself (line \(ownLine)) both have values: "
                                    + "the file mixes geography vintages, and \(currentName)'s values may already "
                                    + "count \(entry.former.name); adding them would count it twice. Keep the "
                                    + "lines of one geography only"))
                    }
                    merged.removeAll { mixing.contains($0) }
                    continue
                }
            }
            let usedArrondissements = ownLine == nil ? arrondissements : []
            let contributing = merged + usedArrondissements
            guard !contributing.isEmpty else { continue }

            // Every part of today's commune: its own code (when in the file) and the older codes.
            var partCodes: [String] = []
            if ownLine != nil { partCodes.append(code(t)) }
            partCodes += orderedUnique(contributing.map { pending[$0].former.code })
            // part code → (indicator, year) → value (nil: suppressed)
            var values: [String: [Int64: Double?]] = [:]
            var lines: [String: (line: Int, column: String)] = [:]
            func key(_ indicator: Int, _ year: Int) -> Int64 { Int64(indicator) << 16 | Int64(year) }
            var keys: [Int64] = []
            var keySet = Set<Int64>()
            func addKey(_ k: Int64) { if keySet.insert(k).inserted { keys.append(k) } }
            for row in directRows[t] ?? [] {
                let k = key(Int(observations.indicator[row]), Int(observations.year[row]))
                values[code(t), default: [:]][k] = observations.value[row]
                addKey(k)
            }
            for cell in suppressedOfCommune[t] ?? [] {
                let k = key(cell.indicator, cell.year)
                values[code(t), default: [:]][k] = .some(nil)
                addKey(k)
            }
            for offset in contributing {
                let entry = pending[offset]
                let k = key(entry.indicator, entry.year)
                values[entry.former.code, default: [:]][k] = entry.value
                if lines[entry.former.code] == nil { lines[entry.former.code] = (entry.line, entry.column) }
                addKey(k)
            }
            removed.formUnion(directRows[t] ?? [])

            for k in keys {
                let indicator = Int(k >> 16)
                let year = Int(k & 0xFFFF)
                let indicatorCode = indicators[indicator]
                let given = partCodes.map { values[$0]?[k] }
                // A part without the value (not in the file, or secret): the commune's total is unknown.
                guard given.allSatisfy({ $0 != nil && $0! != nil }) else {
                    summary.suppressed += 1
                    let missing = zip(partCodes, given).filter { $0.1 == nil || $0.1! == nil }.map(\.0)
                    summary.notes.append(
                        "\(indicatorCode) \(year) of \(currentName) left out: no value for "
                            + "\(missing.joined(separator: ", ")), one of its parts")
                    continue
                }
                let parts = given.map { ($0 ?? nil) ?? 0 }
                guard let definition = catalogue[indicatorCode] else { continue }
                var result: Double?
                var reason = ""
                switch definition.aggregation {
                case .sum:
                    result = parts.reduce(0, +)
                case .ratio:
                    let numerator = indicatorPosition(definition.numerator)
                    let denominator = indicatorPosition(definition.denominator)
                    if let numerator, let denominator {
                        let num = partCodes.map { values[$0]?[key(numerator, year)] ?? nil }
                        let den = partCodes.map { values[$0]?[key(denominator, year)] ?? nil }
                        if num.allSatisfy({ $0 != nil }), den.allSatisfy({ $0 != nil }) {
                            let total = den.reduce(0) { $0 + ($1 ?? 0) }
                            if total > 0 { result = definition.scale * num.reduce(0) { $0 + ($1 ?? 0) } / total }
                        }
                    }
                    reason =
                        "a rate cannot be summed, and the file does not give its counts "
                        + "(\(definition.numerator ?? "?"), \(definition.denominator ?? "?")) for every part"
                case .mean:
                    reason = "a median, rate or mean cannot be summed"
                }
                if result == nil {
                    let first = contributing.first { pending[$0].indicator == indicator && pending[$0].year == year }
                    let entry = first.map { pending[$0] } ?? pending[contributing[0]]
                    let partList = partCodes.joined(separator: " + ")
                    guard options.approximate else {
                        errors.append(
                            InputError(
                                file: file, line: entry.line, column: entry.column,
                                message:
                                    "\(indicatorCode) \(year) of \(entry.former.code) (\(entry.former.kind.label) "
                                    + "\(entry.former.name)) cannot be moved to its current commune "
                                    + "\(currentName) (\(partList)): \(reason); give the counts, or pass "
                                    + "--approximate to combine by population weight (flagged approximate)"))
                        continue
                    }
                    if parts.count == 1 {
                        result = parts[0]
                    } else if let populationIndicator {
                        let weights = partCodes.map { values[$0]?[key(populationIndicator, year)] ?? nil }
                        if weights.allSatisfy({ $0 != nil }) {
                            let total = weights.reduce(0) { $0 + ($1 ?? 0) }
                            if total > 0 {
                                result = zip(parts, weights).reduce(0) { $0 + $1.0 * ($1.1 ?? 0) } / total
                            }
                        }
                    }
                    guard let combined = result else {
                        errors.append(
                            InputError(
                                file: file, line: entry.line, column: entry.column,
                                message:
                                    "\(indicatorCode) \(year) of \(entry.former.code) (\(entry.former.kind.label) "
                                    + "\(entry.former.name)) cannot be combined into \(currentName) (\(partList)): "
                                    + "the file gives no population \(year) for every part to weight it by"))
                        continue
                    }
                    result = combined
                    summary.approximate += 1
                    approximateRows.append(observations.count)
                }
                if let result {
                    observations.append(territory: t, indicator: indicator, year: year, value: result)
                }
            }
            for offset in merged {
                let former = pending[offset].former
                translated[former.kind, default: [:]][former.since, default: []].append(former.code)
            }
            if !usedArrondissements.isEmpty {
                summedArrondissements += usedArrondissements.map { pending[$0].former.code }
                communesFromArrondissements.append(currentName)
            }
        }
        if !removed.isEmpty {
            var kept = IndicatorObservations(indicators: observations.indicators)
            kept.reserve(observations.count - removed.count)
            var newApproximate: [Int] = []
            let approximateSet = Set(approximateRows)
            for row in 0..<observations.count where !removed.contains(row) {
                if approximateSet.contains(row) { newApproximate.append(kept.count) }
                kept.append(
                    territory: Int(observations.territory[row]), indicator: Int(observations.indicator[row]),
                    year: Int(observations.year[row]), value: observations.value[row])
            }
            observations = kept
            approximateRows = newApproximate
        }
        for kind in FormerCommuneKind.allCases {
            guard let bySince = translated[kind] else { continue }
            for since in bySince.keys.sorted(by: { ($0 ?? 0) > ($1 ?? 0) }) {
                summary.translated.append(
                    TranslationSummary.Group(kind: kind, since: since, codes: orderedUnique(bySince[since] ?? [])))
            }
        }
        summary.arrondissementsSummed = orderedUnique(summedArrondissements)
        summary.communesFromArrondissements = communesFromArrondissements
        summary.arrondissementsSetAside = orderedUnique(setAside)
    }

    /// Rows of `observations` combined by population weight.
    var approximateRows: [Int] = []
}

func orderedUnique(_ codes: [String]) -> [String] {
    var seen = Set<String>()
    return codes.filter { seen.insert($0).inserted }
}
