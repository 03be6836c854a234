import ArgumentParser
import Foundation
import Report

/// `couplinglab cache verify|prune`: check and tidy `.couplinglab-cache/`.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Check (verify) or tidy (prune) the stage and job cache under .couplinglab-cache/.",
        subcommands: [CacheVerifyCommand.self, CachePruneCommand.self]
    )
}

/// `couplinglab cache verify`: every stage entry and job file checked; one line per problem, then counts.
struct CacheVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every cache entry (entry.json, each file's size and SHA-256) and job file (header checksum).",
        discussion: "Prints one line per damaged file, then counts; exits 1 when anything is damaged. "
            + "A damaged entry is recomputed by the next `report` anyway; `cache prune` removes it.")

    @OptionGroup var location: ReportLocationOptions

    func run() throws {
        let verification = try reportingErrors { try location.makeRunner().verifyCache() }
        verification.problems.forEach { print("damaged: \($0)") }
        print(verification.summary)
        if !verification.isClean { throw ExitCode(1) }
    }
}

/// `couplinglab cache prune`: removes what no current stage config can use.
struct CachePruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove stage entries no current config can hit, damaged job files, stale claims and leftovers.",
        discussion: """
            Stage entries are kept only for the current key of each stage under each profile. Job files \
            that verify are kept: their keys hash the code they ran, which cannot be matched to a \
            configuration without running the stage. With --unused-jobs, a job file that the stage's \
            current entry did not use and that is older than that entry is removed too (run it after a \
            full report of every profile you want to keep warm).
            """)

    @OptionGroup var location: ReportLocationOptions

    @Flag(help: "Also remove job files the current stage entries did not use and that are older than them.")
    var unusedJobs = false

    func run() throws {
        let pruning = try reportingErrors { try location.makeRunner().pruneCache(unusedJobs: unusedJobs) }
        pruning.removed.forEach { print("removed \($0)") }
        print(pruning.summary)
    }
}
