import ArgumentParser
import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareRender
import PhareStore

struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Statistical indicators: the catalogue, imported values and their aggregates up the territory tree.",
        subcommands: [Catalogue.self, List.self, Import.self, Values.self, Trend.self, Datasets.self, Sources.self]
    )

    struct Catalogue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the indicator catalogue.",
            subcommands: [CatalogueImport.self]
        )
    }

    struct CatalogueImport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract:
                "Add indicator definitions from a catalogue file (see docs/DATA-FORMATS.md); same codes are replaced."
        )

        @OptionGroup var database: DatabaseOption
        @Argument(help: "The catalogue file (CSV, ; or , separated).")
        var file: String
        @Flag(help: "Check the file and report every problem without writing anything.")
        var dryRun = false

        func run() throws {
            try reportingErrors {
                let store = try database.open()
                let definitions = try IndicatorCatalogueFile.read(
                    path: file, framework: store.framework(), existing: store.indicatorCatalogue())
                if dryRun {
                    note("\(file): \(definitions.count) valid indicator definitions (dry run: nothing written)")
                    return
                }
                let summary = try store.saveCatalogue(definitions)
                try recordAudit(
                    store, action: "catalogue.import", file: file,
                    counts: ["added": summary.added, "replaced": summary.replaced], detail: "")
                note("\(file): \(summary.added) indicators added, \(summary.replaced) replaced")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the indicators of the catalogue.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "Only the indicators of this domain (a code from `phare framework show`).")
        var domain: String?
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let store = try database.open()
                if let domain, try store.framework().domain(domain) == nil {
                    throw ValidationError(
                        "unknown domain \"\(domain)\" (known: \(try store.framework().domains.map(\.code).joined(separator: ", ")))"
                    )
                }
                let indicators = try store.indicatorCatalogue().indicators.filter {
                    domain == nil || $0.domain == domain
                }
                var table = DataTable(columns: [
                    "code", "domain", "label_fr", "label_en", "unit", "polarity", "aggregation", "numerator",
                    "denominator",
                    "scale", "source", "vintage", "levels", "diagnosed",
                ])
                table.rows = indicators.map { indicator in
                    [
                        .text(indicator.code), Cell(indicator.domain), .text(indicator.label.fr),
                        .text(indicator.label.en),
                        .text(indicator.unit), .text(indicator.polarity.rawValue),
                        .text(indicator.aggregation.rawValue),
                        Cell(indicator.numerator), Cell(indicator.denominator), .number(indicator.scale),
                        .text(indicator.source),
                        .text(indicator.vintage), .text(indicator.levels.map(\.rawValue).joined(separator: "|")),
                        .bool(indicator.diagnosed),
                    ]
                }
                emit(table.render(output.resolved))
                if indicators.isEmpty {
                    note(
                        domain == nil
                            ? "the catalogue is empty: load one with `phare indicators catalogue import FILE` (or `phare init --demo`)"
                            : "no indicator in the domain \(domain ?? "")")
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Import indicator values: long layout territory;indicator;year;value, or an INSEE wide file with --mapping.",
            discussion: """
                One transaction: if any line is wrong, every problem is listed (file, line, column) and \
                nothing is written. Aggregates up the territory tree are recomputed for the indicators touched. \
                Real values of an indicator replace its illustrative (demo) values.
                """
        )

        @OptionGroup var database: DatabaseOption
        @Argument(help: "The values file (CSV: ; , or tab separated, UTF-8 or Windows-1252, decimal comma accepted).")
        var file: String
        @Option(
            help: "Wide layout: the mapping file column;indicator;year giving the indicator and year of each column.")
        var mapping: String?
        @Option(
            help:
                "Level of bare territory codes (long layout: default resolves 44 as the region, use departement:44 otherwise; wide layout: default commune)."
        )
        var level: TerritoryLevel?
        @Option(help: "Wide layout: the column naming the territories.")
        var codeColumn = "CODGEO"
        @Option(help: "A name for this dataset (default: the file name).")
        var dataset: String?
        @Flag(help: "Mark these values as illustrative (demo), not real statistics.")
        var illustrative = false
        @Flag(help: "Check the file and show the summary without writing anything.")
        var dryRun = false
        @Flag(
            help:
                ArgumentHelp(
                    "Combine values of older codes that cannot be summed (medians, rates without counts) by "
                        + "population weight, flagged approximate, instead of refusing them.")
        )
        var approximate = false
        @Flag(help: "Import the rest of the file when a code is unknown after translation, and list what was skipped.")
        var skipUnknown = false

        func run() throws {
            try reportingErrors {
                let store = try database.open()
                let catalogue = try store.indicatorCatalogue()
                let options = TranslationOptions(
                    history: try CommuneHistory.bundled(), approximate: approximate, skipUnknown: skipUnknown)
                guard catalogue.count > 0 else {
                    throw StoreError(
                        "the catalogue is empty: load one with `phare indicators catalogue import FILE` first")
                }
                let index = TerritoryIndex(tree: try store.territoryTree())
                let contents: IndicatorFileContents
                if let mapping {
                    let entries = try IndicatorValueFile.readMapping(path: mapping, catalogue: catalogue)
                    contents = try IndicatorValueFile.readWide(
                        path: file, mapping: entries, codeColumn: codeColumn, level: level ?? .commune, index: index,
                        catalogue: catalogue, options: options)
                    if !contents.unmappedColumns.isEmpty {
                        note(
                            "\(file): \(contents.unmappedColumns.count) column\(contents.unmappedColumns.count > 1 ? "s" : "") not in the mapping, left aside: \(contents.unmappedColumns.prefix(10).joined(separator: ", "))\(contents.unmappedColumns.count > 10 ? "…" : "")"
                        )
                    }
                } else {
                    contents = try IndicatorValueFile.readLong(
                        path: file, level: level, index: index, catalogue: catalogue, options: options)
                }
                for line in contents.translation.lines { note("\(file): \(line)") }
                if !contents.approximateRows.isEmpty {
                    note(
                        "\(file): note: the \(contents.approximateRows.count) approximate values are "
                            + "population-weighted combinations; the store keeps them as imported values"
                    )
                }
                let described =
                    "\(contents.records) lines, \(contents.observations.count) values, \(contents.emptyCells) empty cells skipped (\(contents.encoding.rawValue), separator \"\(contents.separator == "\t" ? "tab" : String(contents.separator))\")"
                if dryRun {
                    note("\(file): valid: \(described) (dry run: nothing written)")
                    return
                }
                let summary = try store.importIndicatorValues(
                    contents.observations,
                    dataset: NewIndicatorDataset(
                        name: dataset ?? URL(fileURLWithPath: file).lastPathComponent, sourceFile: file,
                        format: mapping == nil ? "long" : "wide", illustrative: illustrative
                    ),
                    index: index, catalogue: catalogue,
                    aggregate: AnalysisPipeline.treeAggregator(catalogue: catalogue, index: index)
                )
                try recordAudit(
                    store, action: "indicators.import", file: file,
                    counts: [
                        "lines": contents.records, "values": contents.observations.count,
                        "replaced": summary.replacedValues,
                    ], detail: "dataset \(summary.datasetID)")
                note(
                    "\(file): imported \(described); dataset \(summary.datasetID)\(illustrative ? " (illustrative)" : ""); \(summary.replacedValues) earlier values replaced, \(summary.removedIllustrative) illustrative values superseded, \(summary.aggregates) aggregates recomputed"
                )
            }
        }
    }

    struct Values: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Values of the indicators at one level (latest year), imported or aggregated, with their flags.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "pays, region, departement, epci or commune.")
        var level: TerritoryLevel = .region
        @Option(help: "Only this indicator.")
        var indicator: String?
        @Option(help: "Only this territory (an INSEE code at the level).")
        var territory: String?
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let store = try database.open()
                let catalogue = try store.indicatorCatalogue()
                if let indicator, !catalogue.contains(indicator) {
                    throw ValidationError("unknown indicator \"\(indicator)\" (see `phare indicators list`)")
                }
                let tree = try store.territoryTree()
                let series = try store.indicatorSeries(level: level, indicators: indicator.map { [$0] })
                var table = DataTable(columns: ["territory", "name", "indicator", "year", "value", "unit", "flags"])
                for entry in series {
                    for (code, value) in entry.values.sorted(by: { $0.key < $1.key })
                    where territory == nil || territory == code {
                        table.rows.append([
                            .text(code), Cell(tree[TerritoryID(level, code)]?.name), .text(entry.indicator),
                            .integer(entry.year),
                            .number(value.value), Cell(catalogue[entry.indicator]?.unit),
                            .text(value.flags.words.joined(separator: " ")),
                        ])
                    }
                }
                emit(table.render(output.resolved))
                if series.contains(where: { $0.values.values.contains { $0.flags.contains(.illustrative) } }) {
                    note("note: values flagged illustrative are demonstration data, not real statistics")
                }
            }
        }
    }

    struct Trend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Change of the indicators between two years, per territory: both values, the annual change and the "
                + "average annual growth rate.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "pays, region, departement, epci or commune.")
        var level: TerritoryLevel = .region
        @Option(help: "Only this indicator (default: every indicator held for two years or more).")
        var indicator: String?
        @Option(help: "The earlier year (default: the first year held by each indicator).")
        var from: Int?
        @Option(help: "The later year (default: the last year held by each indicator).")
        var to: Int?
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let store = try database.open()
                let catalogue = try store.indicatorCatalogue()
                if let indicator, !catalogue.contains(indicator) {
                    throw ValidationError("unknown indicator \"\(indicator)\" (see `phare indicators list`)")
                }
                let history = try store.indicatorHistory(level: level, indicators: indicator.map { [$0] })
                let trends = try IndicatorTrend.between(history, indicator: indicator, from: from, to: to)
                let tree = try store.territoryTree()
                var names: [String: String] = [IndicatorTrend.national: tree.france?.name ?? "France"]
                for territory in tree.territories(at: level) { names[territory.code] = territory.name }
                emit(
                    ChangeTables.indicatorTrend(trends, names: names, catalogue: catalogue).dataTable.render(
                        output.resolved))
                if history.contains(where: { $0.values.values.contains { $0.flags.contains(.illustrative) } }) {
                    note("note: values flagged illustrative are demonstration data, not real statistics")
                }
            }
        }
    }

    struct Datasets: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The datasets imported so far.")

        @OptionGroup var database: DatabaseOption
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let datasets = try database.open().indicatorDatasets()
                var table = DataTable(columns: [
                    "id", "name", "source_file", "format", "illustrative", "imported_at", "values",
                ])
                table.rows = datasets.map {
                    [
                        .integer($0.id), .text($0.name), .text($0.sourceFile), .text($0.format), .bool($0.illustrative),
                        .text($0.importedAt), .integer($0.valueCount),
                    ]
                }
                emit(table.render(output.resolved))
            }
        }
    }

    struct Sources: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Where the real values come from: each producer's file with its attribution, vintage and licence.",
            discussion: "With --indicators, one line per indicator: real (its sources) or not (no open source here)."
        )

        @OptionGroup var database: DatabaseOption
        @Flag(help: "One line per indicator of the catalogue instead of one per source file.")
        var indicators = false
        @OptionGroup var output: FormatOption

        func run() throws {
            try reportingErrors {
                let store = try database.open()
                let provenance = try store.openDataProvenance()
                if indicators {
                    let catalogue = try store.indicatorCatalogue()
                    var table = DataTable(columns: ["indicator", "domain", "real", "vintage", "sources", "producers"])
                    for definition in catalogue.indicators {
                        let sources = provenance?.sources(of: definition, in: catalogue) ?? []
                        table.rows.append([
                            .text(definition.code), Cell(definition.domain), .bool(!sources.isEmpty),
                            .text(definition.vintage),
                            .text(sources.map(\.key).joined(separator: " ")),
                            .text(Array(Set(sources.map(\.producer))).sorted().joined(separator: "; ")),
                        ])
                    }
                    emit(table.render(output.resolved))
                    return
                }
                guard let provenance else {
                    throw StoreError("this observatory holds no open-data baseline (created with --empty?)")
                }
                var table = DataTable(columns: [
                    "key", "producer", "dataset", "vintage", "licence", "repository", "commit", "path", "sha256",
                    "indicators",
                ])
                table.rows = provenance.sources.map {
                    [
                        .text($0.key), .text($0.producer), .text($0.dataset), .text($0.vintage), .text($0.licence),
                        Cell($0.repository), Cell($0.commit), Cell($0.path), Cell($0.sha256),
                        .text(($0.indicators ?? []).joined(separator: " ")),
                    ]
                }
                emit(table.render(output.resolved))
            }
        }
    }
}
