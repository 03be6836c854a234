import ArgumentParser
import CouplingTheory
import FlowCore
import Foundation

/// `couplinglab sample`: draws from a fitted model, CSV on standard output.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "Draw samples from a model written by `fit` (CSV with a header, original units).")

    @Option(help: "Model file written by `couplinglab fit`.")
    var model: String

    @Option(name: .short, help: "Number of samples.")
    var n: Int

    @Option(help: "Seed of the draw.")
    var seed: UInt64 = 1

    func validate() throws {
        guard n >= 1 else { throw ValidationError("-n must be ≥ 1, got \(n)") }
    }

    func run() throws {
        let fitted = try CLIFailure.reporting(file: model) { try FittedModel.load(path: model) }
        var rng = SeededGenerator(seed: seed)
        let x = try CLIFailure.reporting(file: model) { try fitted.sample(count: n, using: &rng) }
        print(CLIFailure.csv(header: fitted.columns, rows: x.rows) { x[$0, $1] }, terminator: "")
    }
}

/// `couplinglab density`: log-density of each row of a CSV file under a fitted model.
struct DensityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "density",
        abstract: "Log-density (nats, original units) of each row of a CSV file under a model written by `fit`.",
        discussion: "The CSV must hold the model's columns: by header name when the file has a header naming them, "
            + "else exactly as many numeric columns as the model, in the model's order. Output: `log_density`, one row each.")

    @Option(help: "Model file written by `couplinglab fit`.")
    var model: String

    @Option(help: "CSV file of points.")
    var input: String

    func run() throws {
        let fitted = try CLIFailure.reporting(file: model) { try FittedModel.load(path: model) }
        let text = try CLIFailure.readText(input)
        let table = try CLIFailure.reporting(file: input) { () throws -> NumericTable in
            let all = try TableCSV.parse(text: text)
            if Set(fitted.columns).isSubset(of: all.names) && all.names != fitted.columns {
                return try TableCSV.parse(text: text, columns: fitted.columns)
            }
            guard all.values.cols == fitted.dimension else {
                throw TheoryError.csv(line: all.lines[0], problem: "\(all.values.cols) columns, but the model has "
                                      + "\(fitted.dimension) (\(fitted.columns.joined(separator: ", ")))")
            }
            return all
        }
        let logp = try CLIFailure.reporting(file: input) { try fitted.logDensity(at: table.values) }
        print(CLIFailure.csv(header: ["log_density"], rows: logp.count) { r, _ in logp[r] }, terminator: "")
    }
}
