import ArgumentParser
import CouplingTheory
import FlowCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FitMethod: ExpressibleByArgument {}

/// `couplinglab fit`: a flow for the numeric columns of a CSV file, saved as a JSON model.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit an affine coupling flow to the numeric columns of a CSV file and save it as JSON.",
        discussion: """
            Columns are standardised (mean and scale stored in the model). A random \(Int(100 * FitConfig().testFraction))% \
            of the rows (at least \(FitConfig.minimumRows) rows needed) is held out; the held-out NLL (nats per row, \
            original units) is printed after every layer. Every block is a rotation followed by an affine coupling \
            with one passive coordinate. Methods: lw-oas (layer-wise, OAS rotations), lw-rnd (layer-wise, random \
            rotations), closed-form (layer-wise, OAS rotations, Lemma 1 layers from estimated conditional moments, \
            no training), e2e (all layers trained jointly).
            """)

    @Option(help: "CSV file, one sample per line (header optional).")
    var input: String

    @Option(help: "Columns to use, by 0-based index or header name, comma-separated (default: all).")
    var columns: String?

    @Option(help: "Number of blocks.")
    var layers: Int = 8

    @Option(help: "lw-oas, lw-rnd, closed-form or e2e.")
    var method: FitMethod = .lwOAS

    @Option(help: "Model file to write (JSON, written atomically).")
    var out: String = "model.json"

    @Option(help: "Seed of the split, rotations and training.")
    var seed: UInt64 = 1

    @Option(help: "Adam steps per layer (trained methods; e2e trains layers × steps).")
    var steps: Int = 1000

    func validate() throws {
        guard layers >= 1 else { throw ValidationError("--layers must be ≥ 1, got \(layers)") }
        guard steps >= 1 else { throw ValidationError("--steps must be ≥ 1, got \(steps)") }
        guard !out.isEmpty else { throw ValidationError("--out must name a file") }
    }

    func run() throws {
        let text = try CLIFailure.readText(input)
        let table = try CLIFailure.reporting(file: input) {
            try TableCSV.parse(text: text, columns: columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                               minimumColumns: 2)
        }
        let config = FitConfig(method: method, layers: layers, seed: seed, stepsPerLayer: steps)
        print("fit: \(table.values.rows) rows × \(table.values.cols) columns (\(table.names.joined(separator: ", "))), "
              + "method \(method.rawValue), \(layers) layers, \(Int(100 * config.testFraction))% held out")
        let bar = ProgressLine(isTerminal: isatty(STDOUT_FILENO) != 0)
        let started = Date()
        let model = try CLIFailure.reporting(file: input) {
            try FlowFitter.fit(table: table, config: config) { p in
                bar.show(p, seconds: Date().timeIntervalSince(started))
            }
        }
        try CLIFailure.reporting(file: out) { try model.save(path: out) }
        print(String(format: "saved %@ (held-out NLL %.4f nats, %.1f s)", out, model.heldOutNLL.last!, Date().timeIntervalSince(started)))
    }
}

/// One line per progress report; on a terminal prefixed with a bar.
struct ProgressLine {
    let isTerminal: Bool

    func show(_ p: FitProgress, seconds: Double) {
        let line = String(format: "%@  held-out NLL %.4f nats  (%.1f s)", p.label, p.heldOutNLL, seconds)
        if isTerminal {
            let width = 20, filled = Int((p.fraction * Double(width)).rounded())
            print("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] " + line)
        } else {
            print(line)
        }
        fflush(stdout)
    }
}
