import Foundation

extension StageRunner {
    /// Runs one stage (or takes it from the cache) with `parameters` set and publishes its figures; never
    /// throws. `onNews` is called whenever the running stage reports progress or a finished job.
    func runOne(_ stage: any Stage, label: String, profile: Profile, parameters: [String: ParameterValue] = [:], force: Bool,
                budget: WorkerBudget, onNews: (@Sendable () -> Void)? = nil) -> StageResult {
        let configJSON: Data
        do { configJSON = try stage.configJSON(for: profile, parameters: parameters) } catch {
            let reason = ReportError.configEncoding(stage: stage.id, reason: "\(error)").description
            printer.line("\(label) \(stage.id) FAILED: \(reason)")
            return failed(stage, configJSON: Data(), seconds: 0, error: reason)
        }
        let key = keyer.key(for: stage, seed: seed(of: stage), profile: profile, configJSON: configJSON)
        if !force, let verified = cache.lookup(stageID: stage.id, key: key) {
            do {
                try cache.publishFigures(of: verified)
                printer.line("\(label) \(stage.id) cached (ran in \(ProgressPrinter.formatDuration(verified.entry.seconds)))")
                return result(stage, entry: verified.entry, configJSON: configJSON, cached: true, warnings: [])
            } catch {
                printer.line("warning: cannot publish cached figures of \(stage.id) (\(error)); recomputing \(stage.id)")
            }
        }
        printer.line("\(label) \(stage.id) running…")
        return execute(stage, label: label, profile: profile, parameters: parameters, key: key, configJSON: configJSON,
                       budget: budget, onNews: onNews)
    }

    /// Runs the stage in a staging folder; on success stores it in the cache and publishes figures.
    func execute(_ stage: any Stage, label: String, profile: Profile, parameters: [String: ParameterValue], key: String,
                 configJSON: Data, budget: WorkerBudget, onNews: (@Sendable () -> Void)?) -> StageResult {
        let printer = self.printer, id = stage.id
        let usedJobs = JobKeyRecorder()
        let start = Date()
        printer.started(id)
        var staging: URL?
        defer { if let staging { try? FileManager.default.removeItem(at: staging) } }
        let outcome = Result { () throws -> StageOutput in
            let folder = try layout.makeStagingFolder(for: id)
            staging = folder
            return try stage.runErased(profile: profile, parameters: parameters,
                                       context: makeContext(stage, profile: profile, staging: folder, shard: nil, budget: budget,
                                                            used: usedJobs, onNews: onNews))
        }
        printer.finished(id)   // before the result line, so the bar is not redrawn for a finished stage
        let seconds = Date().timeIntervalSince(start)
        do {
            let output = try outcome.get()
            guard let staging else { throw ReportError.writeFailed(path: layout.stagingDirectory.path, reason: "no staging folder") }
            let (files, warnings) = collectFigures(of: stage, output: output, in: staging)
            let contents = try files.map { (name: $0, data: try Data(contentsOf: staging.appendingPathComponent($0))) }
            let verified = try cache.store(stageID: id, key: key, seconds: seconds, output: output,
                                           files: contents, jobs: usedJobs.all)
            try cache.publishFigures(of: verified)
            let entry = verified.entry
            let primary = CheckTally(output.checks.filter { $0.kind == .claim && $0.primary })
            printer.line("\(label) \(id) done in \(ProgressPrinter.formatDuration(seconds))"
                         + (primary.total == 0 ? "" : " (primary checks: \(primary.text))"))
            warnings.forEach { printer.line("warning: \($0)") }
            return result(stage, entry: entry, configJSON: configJSON, cached: false, warnings: warnings)
        } catch {
            printer.line("\(label) \(id) FAILED after \(ProgressPrinter.formatDuration(seconds)): \(error)")
            return failed(stage, configJSON: configJSON, seconds: seconds, error: "\(error)")
        }
    }

    /// The context a stage runs in: its staging folder, its job cache (if it declares job sources), the
    /// run's worker budget, progress and finished jobs (to the status line, and `onNews`) and the job report.
    func makeContext(_ stage: any Stage, profile: Profile, staging: URL, shard: Shard?, budget: WorkerBudget,
                     used: JobKeyRecorder? = nil, onNews: (@Sendable () -> Void)? = nil) -> StageContext {
        let printer = self.printer, id = stage.id, jobEvents = self.jobEvents
        let jobs = keyer.jobCodeDigest(for: stage).map {
            JobStore(directory: layout.jobsDirectory.appendingPathComponent(id, isDirectory: true), codeDigest: $0,
                     warn: { printer.line($0) }, used: used)
        }
        return StageContext(profile: profile, seed: seed(of: stage), seedOffset: seedOffset, stageID: id, figuresDirectory: staging, jobs: jobs,
                            shard: shard, workers: budget,
                            progress: {
                                printer.progress(id, fraction: $0, message: $1)
                                onNews?()
                            },
                            log: { printer.line("\(id): \($0)") },
                            jobFinished: { event in
                                printer.work(id, WorkUpdate(event))
                                jobEvents?(id, event)
                                onNews?()
                            },
                            work: {
                                printer.work(id, $0)
                                onNews?()
                            })
    }

    /// Runs the jobs of `stage` that belong to `shard` into its job cache; the stage's output is
    /// discarded (nothing is published or stored as a stage entry). A stage that stops where it needs other
    /// shards' results (`ShardRunComplete`) has done its part. Returns an error message or nil.
    func runShard(_ stage: any Stage, label: String, profile: Profile, parameters: [String: ParameterValue], shard: Shard,
                  budget: WorkerBudget) -> String? {
        let start = Date()
        printer.line("\(label) \(stage.id) shard \(shard) running…")
        printer.started(stage.id)
        var staging: URL?
        defer { if let staging { try? FileManager.default.removeItem(at: staging) } }
        let outcome = Result { () throws -> StageOutput in
            let folder = try layout.makeStagingFolder(for: stage.id)
            staging = folder
            return try stage.runErased(profile: profile, parameters: parameters,
                                       context: makeContext(stage, profile: profile, staging: folder, shard: shard, budget: budget))
        }
        printer.finished(stage.id)
        let seconds = ProgressPrinter.formatDuration(Date().timeIntervalSince(start))
        if case .failure(let error) = outcome, !(error is ShardRunComplete) {
            printer.line("\(label) \(stage.id) shard \(shard) FAILED after \(seconds): \(error)")
            return "\(error)"
        }
        printer.line("\(label) \(stage.id) shard \(shard) done in \(seconds)")
        return nil
    }

    /// The result of a stage not selected to run (with `parameters` set): from the cache if fresh and
    /// verified, else nil. Its figures are republished from the verified entry, so the report never links
    /// a damaged file.
    func cachedResult(_ stage: any Stage, profile: Profile, parameters: [String: ParameterValue] = [:]) -> StageResult? {
        guard let configJSON = try? stage.configJSON(for: profile, parameters: parameters),
              let verified = cache.lookup(stageID: stage.id,
                                          key: keyer.key(for: stage, seed: seed(of: stage), profile: profile, configJSON: configJSON))
        else { return nil }
        do { try cache.publishFigures(of: verified) } catch {
            printer.line("warning: cannot publish cached figures of \(stage.id) (\(error)); leaving it out of the report")
            return nil
        }
        return result(stage, entry: verified.entry, configJSON: configJSON, cached: true, warnings: [])
    }

    /// The figure files present in `folder`: every declared name in every format, plus extras.
    func collectFigures(of stage: any Stage, output: StageOutput, in folder: URL) -> ([String], [String]) {
        let exists = { (file: String) in FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) }
        var files: [String] = [], warnings: [String] = []
        for name in stage.figureNames {
            let found = FigureFileFormat.allCases.map { "\(name).\($0.rawValue)" }.filter(exists)
            if found.isEmpty { warnings.append("stage \(stage.id) declared figure '\(name)' but wrote no file for it") }
            files += found
        }
        for extra in output.extraFigures {
            if exists(extra) { files.append(extra) } else { warnings.append("stage \(stage.id) listed '\(extra)' but did not write it") }
        }
        return (files, warnings)
    }

    func result(_ stage: any Stage, entry: CacheEntry, configJSON: Data, cached: Bool, warnings: [String]) -> StageResult {
        StageResult(id: stage.id, title: stage.title, status: .ok, seconds: entry.seconds, cached: cached,
                    seed: seed(of: stage), output: entry.output, figures: entry.figures.map { "figures/\($0)" },
                    configJSON: configJSON, error: nil, warnings: warnings, sourceFile: stage.sourceFile)
    }

    func failed(_ stage: any Stage, configJSON: Data, seconds: Double, error: String) -> StageResult {
        StageResult(id: stage.id, title: stage.title, status: .failed, seconds: seconds, cached: false,
                    seed: seed(of: stage), output: StageOutput(), figures: [], configJSON: configJSON,
                    error: error, warnings: [], sourceFile: stage.sourceFile)
    }
}
