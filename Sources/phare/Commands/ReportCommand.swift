import ArgumentParser
import Foundation
import PhareAnalysis
import PhareCore
import PhareImport
import PhareRender
import PhareStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the regional, synthesis, sector (domain) and national reports, as HTML or PDF.",
        discussion: """
            HTML is one self-contained file (inline CSS and SVG). PDF is made from it by WeasyPrint \
            (sudo apt-get install weasyprint). Examples:
              phare report --territory 44 --format pdf --out grand-est.pdf
              phare report --territory 44 --kind synthesis --lang en --format html --out ge.html
              phare report --kind domain --domain emploi --format pdf --out emploi.pdf
              phare report --kind national --format pdf --out france.pdf
              phare report --all --format pdf --out reports/
            """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable { case full, synthesis, domain, national }
    enum Format: String, ExpressibleByArgument, CaseIterable { case html, pdf }

    @OptionGroup var analysis: AnalysisArguments
    @Option(help: "The region (INSEE code, e.g. 44) for full and synthesis reports.")
    var territory: String?
    @Option(help: "full (regional report), synthesis (two pages), domain (one domain across regions) or national.")
    var kind: Kind = .full
    @Option(help: "The domain of a domain report (e.g. emploi).")
    var domain: String?
    @Option(help: "Language: fr or en.")
    var lang: Language = .fr
    @Option(help: "html or pdf.")
    var format: Format = .html
    @Option(help: "The file to write (a folder with --all).")
    var out: String
    @Flag(
        help: ArgumentHelp(
            "Every region's full report and synthesis, the national report and the 16 domain reports, into the --out "
                + "folder.")
    )
    var all = false

    func validate() throws {
        if all {
            guard territory == nil, domain == nil else {
                throw ValidationError("--all writes every report: give no --territory or --domain")
            }
            return
        }
        switch kind {
        case .full, .synthesis:
            guard territory != nil else {
                throw ValidationError("a \(kind.rawValue) report needs --territory CODE (a region, e.g. 44)")
            }
        case .domain:
            guard domain != nil else { throw ValidationError("a domain report needs --domain CODE (e.g. emploi)") }
        case .national: break
        }
    }

    /// One report to write: its file name (without extension) and how to make its HTML.
    struct Job {
        var name: String
        var html: () -> String
    }

    func run() throws {
        try reportingErrors {
            if format == .pdf { _ = try PDFExport.requireWeasyPrint() }
            let result = try analysis.analyse()
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.locale = Locale(identifier: "en_US_POSIX")
            let context = ReportContext(
                framework: result.framework, catalogue: result.catalogue, analysis: result.analysis,
                diagnoses: result.diagnoses,
                measures: result.measures, wave: result.wave, geometry: try? MapGeometry.bundled(),
                date: formatter.string(from: Date()), provenance: result.provenance,
                evolution: result.evolution, coherence: result.coherence
            )
            let regional = RegionReport(context: context, language: lang)
            var jobs: [Job] = []
            if all {
                for profile in result.analysis.profiles {
                    let base = "region-\(profile.territory.code)-\(Self.slug(profile.name))"
                    jobs.append(Job(name: base) { regional.full(profile) })
                    jobs.append(
                        Job(name: base + (lang == .fr ? "-synthese" : "-synthesis")) {
                            regional.synthesisDocument(profile)
                        })
                }
                jobs.append(Job(name: "national") { NationalReport(context: context, language: lang).document() })
                for domain in result.framework.domains {
                    jobs.append(
                        Job(name: (lang == .fr ? "domaine-" : "domain-") + domain.code) {
                            DomainReport(context: context, language: lang).document(domain: domain.code)
                        })
                }
                try writeAll(jobs, folder: out)
                return
            }
            let html: String
            switch kind {
            case .full, .synthesis:
                let profile = try analysis.profile(territory ?? "", in: result)
                html = kind == .full ? regional.full(profile) : regional.synthesisDocument(profile)
            case .domain:
                guard let domain, result.framework.domain(domain) != nil else {
                    throw ValidationError(
                        "unknown domain \"\(domain ?? "")\" (known: "
                            + "\(result.framework.domains.map(\.code).joined(separator: ", ")))"
                    )
                }
                html = DomainReport(context: context, language: lang).document(domain: domain)
            case .national:
                html = NationalReport(context: context, language: lang).document()
            }
            let seconds = try write(html, to: out)
            note("wrote \(out)" + (format == .pdf ? String(format: " (WeasyPrint %.1f s)", seconds) : ""))
        }
    }

    /// Writes one report; returns the seconds spent in WeasyPrint.
    func write(_ html: String, to path: String) throws -> Double {
        switch format {
        case .pdf:
            return try PDFExport.write(html: html, to: path)
        case .html:
            let url = URL(fileURLWithPath: path)
            let folder = url.deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw StoreError("cannot write \(path): the folder \(folder) does not exist")
            }
            do {
                try AtomicFile.write(html, to: path)
            } catch {
                throw StoreError("cannot write \(path): \(error.reason)")
            }
            return 0
        }
    }

    /// Progress and totals of `--all`, shared by the workers that write the reports.
    final class Progress: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var done = 0, bytes = 0, weasyPrint = 0.0
        var failures: [String] = []
        let total: Int, terminal: Bool

        init(total: Int, terminal: Bool) {
            self.total = total
            self.terminal = terminal
        }

        func finished(_ name: String, bytes size: Int, seconds: Double, failure: String?) {
            lock.lock()
            defer { lock.unlock() }
            done += 1
            bytes += size
            weasyPrint += seconds
            if let failure { failures.append(failure) }
            if terminal {
                let width = 30
                let filled = width * done / total
                FileHandle.standardError.write(
                    Data(
                        ("\r[\(String(repeating: "=", count: filled))\(String(repeating: " ", count: width - filled))] "
                            + "\(done)/\(total) \(name)\u{1B}[K").utf8))
            }
        }
    }

    /// Writes every report: the HTML of all of them first (fast, one thread), then the files,
    /// two at a time — the PDF time is WeasyPrint's, one process per report, so two processes
    /// use the two cores of the machine.
    func writeAll(_ jobs: [Job], folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let documents = jobs.map {
            (path: folder + "/" + $0.name + "." + format.rawValue, name: $0.name, html: $0.html())
        }
        let progress = Progress(total: documents.count, terminal: isatty(STDERR_FILENO) == 1)
        let start = Date()
        let workers = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let command = self
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: documents.count, by: workers) {
                let document = documents[index]
                do {
                    let seconds = try command.write(document.html, to: document.path)
                    let size = ((try? FileManager.default.attributesOfItem(atPath: document.path)[.size]) as? Int) ?? 0
                    progress.finished(document.name, bytes: size, seconds: seconds, failure: nil)
                } catch {
                    progress.finished(document.name, bytes: 0, seconds: 0, failure: "\(document.name): \(error)")
                }
            }
        }
        if progress.terminal { FileHandle.standardError.write(Data("\n".utf8)) }
        let seconds = Date().timeIntervalSince(start)
        if !progress.failures.isEmpty {
            throw StoreError(
                "\(progress.failures.count) of \(documents.count) reports failed:\n"
                    + progress.failures.joined(separator: "\n"))
        }
        note(
            String(
                format: "wrote %d reports (%@) to %@ in %.1f s", documents.count,
                ByteCountFormatter.string(fromByteCount: Int64(progress.bytes), countStyle: .file), folder, seconds)
                + (format == .pdf
                    ? String(format: ", %.1f s of WeasyPrint time on %d parallel workers", progress.weasyPrint, workers)
                    : ""))
    }

    /// `Provence-Alpes-Côte d'Azur` → `provence-alpes-cote-d-azur`.
    static func slug(_ name: String) -> String {
        let folded = name.folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")
        ).lowercased()
        var slug = ""
        for character in folded {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if slug.last != "-" {
                slug.append("-")
            }
        }
        return slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}
