import ArgumentParser
import Foundation
import Paper
import PlotCairo
import Report
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Profile: ExpressibleByArgument {}

/// Options shared by `report`, `list` and `figure`: the profile and the output root.
struct ReportLocationOptions: ParsableArguments {
    @Option(help: "Hyperparameter profile: paper (the paper's settings) or fast (small, for tests and CI).")
    var profile: Profile = .paper

    @Option(help: "Output root: report/, figures/ and .couplinglab-cache/ are written under it.")
    var out: String = "."

    @Option(help: ArgumentHelp("Run every stage at fresh seeds: stage seed + K·2³² (0: the stages' own seeds). For a "
                               + "confirming run whose verdicts come from seeds the margins were not chosen on; "
                               + "it never reuses a stage or job cached at another offset.", valueName: "K"))
    var seedOffset: UInt32 = 0

    var layout: OutputLayout { OutputLayout(root: URL(fileURLWithPath: out)) }

    /// A runner over the paper's stages that prints to standard output (on a terminal, status lines as
    /// wide as it is).
    func makeRunner() throws -> StageRunner {
        let isTerminal = isatty(STDOUT_FILENO) != 0
        var size = winsize()
        let columns = isTerminal && ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 100
        let printer = ProgressPrinter(isTerminal: isTerminal, width: columns) { text in
            fputs(text, stdout)
            fflush(stdout)
        }
        var runner = try StageRunner(stages: StageCatalog.stages(), layout: layout, printer: printer)
        runner.statements = StageCatalog.statements()
        runner.claimTableDigest = ClaimCatalog.table.digest
        runner.seedOffset = UInt64(seedOffset)
        return runner
    }
}

/// Runs `body`, printing a `ReportError` or `ParameterError` as one `error: …` line and exiting with status 2.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ReportError {
        fputs("error: \(error.description)\n", stderr)
        throw ExitCode(2)
    } catch let error as ParameterError {
        fputs("error: \(error.description)\n", stderr)
        throw ExitCode(2)
    }
}

/// Provenance entries only the CLI can know (it links the Cairo backend; Report does not).
/// Reported under "extra" in results.json and in the report's provenance appendix.
func extraProvenanceEntries(seedOffset: UInt32 = 0) -> [String: String] {
    var entries = ["Cairo": CairoRenderer.cairoVersion, "couplinglab": CouplingLabVersion.string]
    if seedOffset != 0 { entries["Seed offset"] = "\(seedOffset) (every stage seed + \(seedOffset)·2³²)" }
    return entries
}

/// `couplinglab report`: runs the stages (cached, in parallel) and writes the report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run the paper's stages and write report/results.json, report/index.md and report/index.html.")

    @OptionGroup var location: ReportLocationOptions

    @Option(parsing: .upToNextOption, help: "Run only these stage ids (others appear only if fresh in the cache).")
    var only: [String] = []

    @Option(help: "Stages to run in parallel (default: the number of cores); they share the --threads compute threads.")
    var jobs: Int?

    @Option(help: ArgumentHelp("Compute threads at most, shared by the stages and their training jobs (default: the number "
                               + "of cores, whatever --jobs says; more than the cores oversubscribes them)."))
    var threads: Int?

    @Flag(help: "Rerun every selected stage even when its cache entry is fresh.")
    var force = false

    @Option(name: .customLong("set"),
            help: ArgumentHelp("Set a stage parameter for this run, e.g. --set ex7.seeds=12 --set ex7.toys=moons,rings "
                               + "(repeatable; only the parameters a stage declares; an unknown key lists the valid ones). "
                               + "The values are part of the stage's cache key.", valueName: "STAGE.KEY=VALUE"))
    var settings: [String] = []

    @Option(help: ArgumentHelp("Run only shard K of N of the training jobs into the cache and write no report "
                               + "(shards may run at once, on hosts sharing the cache folder); a plain "
                               + "`report` afterwards assembles everything. See docs/cluster.md.", valueName: "K/N"))
    var shard: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if let shard { _ = try reportingErrors { try Shard(parsing: shard) } }
    }

    func run() throws {
        let started = Date()
        // Before anything runs or is written: a bad --set ends the command here.
        let runner = try reportingErrors { try location.makeRunner() }
        let parameters = try reportingErrors { try SetArguments.overrides(settings, stages: runner.stages) }
        if let shard {
            let failed = try reportingErrors { () throws -> [String] in
                let options = RunOptions(profile: location.profile, only: only, jobs: jobs, threads: threads, force: force,
                                         shard: try Shard(parsing: shard), parameters: parameters)
                return try runner.runShard(options: options)
            }
            print(String(format: "shard %@: training jobs in %@; %.1f s; assemble with `couplinglab report`",
                         shard, location.layout.jobsDirectory.path, Date().timeIntervalSince(started)))
            if !failed.isEmpty {
                fputs("error: the shard failed in stage(s): \(failed.joined(separator: ", "))\n", stderr)
                throw ExitCode(1)
            }
            return
        }
        let document = try reportingErrors {
            let options = RunOptions(profile: location.profile, only: only, jobs: jobs, threads: threads, force: force,
                                     extraProvenance: extraProvenanceEntries(seedOffset: location.seedOffset),
                                     repository: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                     parameters: parameters)
            return try runner.runReport(options: options)
        }
        let checks = document.results.flatMap(\.output.checks)
        let primaries = checks.filter { $0.kind == .claim && $0.primary }
        let failedChecks = primaries.filter { $0.status == .fail }
        let inconclusive = primaries.filter { $0.status == .inconclusive }
        let failedSelfChecks = checks.filter { $0.kind == .selfCheck && $0.status == .fail }
        let failedStages = document.results.filter { $0.status == .failed }
        print("report: \(location.layout.reportDirectory.appendingPathComponent("index.html").path)")
        print(document.scoreboardSummary)
        if !failedChecks.isEmpty { print("findings: " + failedChecks.map(\.id).joined(separator: ", ")) }
        if !inconclusive.isEmpty { print("undecided: " + inconclusive.map(\.id).joined(separator: ", ")) }
        if !failedSelfChecks.isEmpty { print("self-checks that fail: " + failedSelfChecks.map(\.id).joined(separator: ", ")) }
        print("stage times: " + document.results.map { r in
            "\(r.id) " + String(format: "%.1f s", r.seconds) + (r.cached ? " (cached)" : "")
        }.joined(separator: ", "))
        print(String(format: "stages: %d ok, %d failed, %d cached; %.1f s",
                     document.results.count - failedStages.count, failedStages.count,
                     document.results.filter(\.cached).count, Date().timeIntervalSince(started)))
        if !failedStages.isEmpty {
            fputs("error: \(failedStages.count) stage(s) failed: \(failedStages.map(\.id).joined(separator: ", "))\n", stderr)
            throw ExitCode(1)
        }
    }
}

/// `couplinglab list`: stages, their figures, and whether each is fresh in the cache.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the stages, their figures, and whether each is fresh or stale.")

    @OptionGroup var location: ReportLocationOptions

    func run() throws {
        let statuses = try reportingErrors { try location.makeRunner().statuses(profile: location.profile) }
        let width = max(5, statuses.map(\.id.count).max() ?? 0)
        print("stage".padding(toLength: width, withPad: " ", startingAt: 0) + "  state  figures")
        for status in statuses {
            print(status.id.padding(toLength: width, withPad: " ", startingAt: 0)
                  + "  " + (status.fresh ? "fresh" : "stale") + "  "
                  + status.figureNames.joined(separator: " ") + "  — " + status.title)
        }
    }
}

/// `couplinglab figure NAME`: regenerates one figure by running only the stage that owns it.
struct FigureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure", abstract: "Regenerate one figure (from the cache when its stage is fresh).")

    @Argument(help: "Figure name, e.g. fig4 (see `couplinglab list`).")
    var name: String

    @OptionGroup var location: ReportLocationOptions

    @Flag(help: "Rerun the stage even when its cache entry is fresh.")
    var force = false

    func run() throws {
        let result = try reportingErrors {
            try location.makeRunner().regenerateFigure(name, profile: location.profile, force: force)
        }
        guard result.status == .ok else {
            fputs("error: stage \(result.id) failed: \(result.error ?? "unknown error")\n", stderr)
            throw ExitCode(1)
        }
        let files = result.figures.filter { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent == name }
        for file in files { print(location.layout.root.appendingPathComponent(file).path) }
    }
}
