import Foundation
import Testing

@testable import PhareCore
@testable import PhareImport

/// A seeded mutator over valid files: random mutations of valid long, wide, mapping and catalogue
/// files go through `CSVDocument` and the indicator importers. Every case either parses or throws
/// `InputError`/`InputErrors` (anything else is recorded); none crashes, none hangs (each case is
/// timed, the whole run is bounded). `PHARE_FUZZ_CASES` changes the number of cases (100,000).
@Suite struct ImportFuzzTests {
    static let framework = try! FrameworkLoader.bundled()
    static let index = TerritoryIndex(tree: try! TerritoryTree.bundled())
    static let catalogue = IndicatorCatalogue(try! IndicatorCatalogueFile.bundled(framework: framework))

    /// SplitMix64: small, fast and the same on every platform.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    enum Kind: CaseIterable { case long, wide, mapping, catalogue }

    static let seeds: [(Kind, String)] = [
        (
            .long,
            "territory;indicator;year;value\n44;taux-chomage-localise;2023;\"7,9\"\ndepartement:44;"
                + "taux-chomage-localise;2023;6,1\n93;revenu-median-uc;2021;23 450\n11;taux-pauvrete-60;2021;\n"
                + "2A004;population;2021;s\n"
        ),
        (
            .long,
            "level,territory,indicator,year,value\ndepartement,44,taux-chomage-localise,2023,6.1\n"
                + "commune,1001,population,2021,776\ncommune,2B033,population,2021,-1.5e3\n"
        ),
        (
            .wide,
            "CODGEO;P21_CHOM1564;P21_ACT1564;LIBGEO\n01001;12;380;L'Abergement\n2A004;3000;30000;Ajaccio\n"
                + "2B033;2 000,5;25000;\"Bastia; ville\"\n75056;nd;;Paris\n"
        ),
        (.mapping, "column;indicator;year\nP21_CHOM1564;chomeurs-15-64;2021\nP21_ACT1564;actifs-15-64;2021\n"),
        (
            .catalogue,
            "code;label_fr;label_en;domain;unit;polarity;aggregation;numerator;denominator;scale;source;vintage;"
                + "levels;diagnosed\n"
                + "fuzz-num;Effectif;Count;;personnes;higher-is-fragile;sum;;;;test;2021;commune;non\n"
                + "fuzz-den;Base;Base;;personnes;higher-is-robust;sum;;;;test;2021;commune|region;non\n"
                + "fuzz-taux;Taux;Rate;emploi;%;higher-is-fragile;ratio;fuzz-num;fuzz-den;100;test;2021;commune;oui\n"
        ),
    ]

    static let mapping = try! IndicatorValueFile.readMapping(
        CSVDocument.parse(data: Data(seeds[3].1.utf8), file: "mapping.csv"), catalogue: catalogue)

    /// Bytes and pieces that matter to a CSV reader and to French numbers.
    static let pieces: [[UInt8]] =
        [
            ";", ",", "\"", "\n", "\r", "\r\n", "\t", " ", "-", "+", "e", "E", ".", "0", "9", "s", "nd", "NA", "=1+1",
            "1e309", "99999999999999999999999", "-0", "\"\"", "\u{A0}", "é", "2A", "commune:", "département:",
        ].map { Array($0.utf8) } + [[0xC3], [0xA9], [0xFF], [0xFE], [0xEF, 0xBB, 0xBF], [0x00], [0x80]]

    static func mutate(_ input: [UInt8], _ random: inout Generator) -> [UInt8] {
        var bytes = input
        for _ in 0...random.below(4) {
            let at = random.below(bytes.count + 1)
            switch random.below(8) {
            case 0 where !bytes.isEmpty:  // flip a bit
                let i = min(at, bytes.count - 1)
                bytes[i] ^= UInt8(1 << random.below(8))
            case 1:  // insert a piece
                bytes.insert(contentsOf: pieces[random.below(pieces.count)], at: at)
            case 2 where !bytes.isEmpty:  // delete a run
                let end = min(bytes.count, at + 1 + random.below(12))
                bytes.removeSubrange(min(at, bytes.count - 1)..<end)
            case 3 where !bytes.isEmpty:  // duplicate a run (repeated lines, long fields)
                let start = min(at, bytes.count - 1)
                let run = Array(bytes[start..<min(bytes.count, start + 1 + random.below(40))])
                bytes.insert(contentsOf: run, at: random.below(bytes.count + 1))
            case 4:  // cut the file
                bytes = Array(bytes.prefix(at))
            case 5 where !bytes.isEmpty:  // replace a byte by a random one
                bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: random.next())
            case 6:  // swap two lines
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                if lines.count > 2 {
                    lines.swapAt(random.below(lines.count), random.below(lines.count))
                    bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
                }
            default:  // a long field
                bytes.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "7"), count: random.below(400)), at: at)
            }
        }
        return bytes
    }

    /// Runs one case; returns what went wrong, if anything did.
    static func run(_ kind: Kind, _ bytes: [UInt8]) -> String? {
        do {
            let document = try CSVDocument.parse(data: Data(bytes), file: "fuzz.csv")
            switch kind {
            case .long:
                _ = try IndicatorValueFile.readLong(document, level: nil, index: index, catalogue: catalogue)
            case .wide:
                _ = try IndicatorValueFile.readWide(
                    document, mapping: mapping, level: .commune, index: index, catalogue: catalogue)
            case .mapping:
                _ = try IndicatorValueFile.readMapping(document, catalogue: catalogue)
            case .catalogue:
                _ = try IndicatorCatalogueFile.read(document, framework: framework, existing: catalogue)
            }
            return nil
        } catch is InputError {
            return nil
        } catch is InputErrors {
            return nil
        } catch {
            return "\(type(of: error)): \(error)"
        }
    }

    @Test(.timeLimit(.minutes(5))) func mutatedFilesParseOrAreRefusedCleanly() {
        let cases = ProcessInfo.processInfo.environment["PHARE_FUZZ_CASES"].flatMap { Int($0) } ?? 100_000
        // The tree, the catalogue and the mapping are read once, before the clock starts.
        #expect(Self.index.count > 0 && Self.catalogue.indicators.count > 0 && Self.mapping.count == 2)
        var random = Generator(state: 2026)
        let seeds = Self.seeds.map { ($0.0, Array($0.1.utf8)) }
        var failures: [String] = []
        var slowest = 0.0
        let start = Date()
        for number in 0..<cases {
            let (kind, seed) = seeds[number % seeds.count]
            let bytes = Self.mutate(seed, &random)
            let caseStart = Date()
            if let failure = Self.run(kind, bytes), failures.count < 10 {
                failures.append("case \(number) (\(kind)): \(failure): \(String(decoding: bytes, as: UTF8.self))")
            }
            slowest = max(slowest, Date().timeIntervalSince(caseStart))
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        // No case may take long: a quadratic or looping path on a small file shows here.
        #expect(slowest < 2, "slowest case \(slowest) s")
        print("ImportFuzzTests: \(cases) cases in \(Date().timeIntervalSince(start)) s, slowest \(slowest) s")
    }
}
