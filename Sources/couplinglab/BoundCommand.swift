import ArgumentParser
import CouplingTheory
import FlowCore
import Foundation

/// `couplinglab bound`: Theorem 1's Δ(θ) (Eq. 20) for the user's 2D samples, estimated by binning
/// (Example 4) on an angle grid, and the best rotation (Algorithm 1), as a table or JSON.
struct BoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bound",
        abstract: "Theorem 1 loss reduction Δ(θ) of a single affine coupling for 2D samples, and the best rotation.",
        discussion: """
            Reads samples from a CSV file (header optional; exactly two numeric columns, or choose two \
            with --columns). Δ(θ) is estimated by binning the passive coordinate p of [p, a] = Q(θ)x, \
            Q(θ) = [[cos θ, −sin θ], [sin θ, cos θ]], for θ = k·180°/angles.
            """
    )

    @Option(help: "CSV file with one 2D sample per line.")
    var input: String

    @Option(help: "Number of angles in [0°, 180°).")
    var angles: Int = 180

    @Option(help: "Number of equal-width bins over p (at least 4 samples per bin are required).")
    var bins: Int = 32

    @Flag(help: "Print JSON: {\"angles_deg\", \"delta\", \"best_angle_deg\", \"best_delta\"}.")
    var json = false

    @Option(help: ArgumentHelp("Two 0-based column indices to use, e.g. 0,2 (default: the file must have exactly two "
                               + "columns). With --passive: any number of indices or header names."))
    var columns: String?

    @Option(help: ArgumentHelp("D > 2 (or any D ≥ 2): the number K of passive coordinates; searches all rotations "
                               + "(general OAS: best of --candidates random rotations, then a Givens local search on held-out Δ̂)."))
    var passive: Int?

    @Option(help: "With --passive: Haar-random starting candidates.")
    var candidates: Int = 64

    func validate() throws {
        guard angles >= 1 else { throw ValidationError("--angles must be ≥ 1, got \(angles)") }
        guard bins >= 1 else { throw ValidationError("--bins must be ≥ 1, got \(bins)") }
        if let passive {
            guard passive >= 1 else { throw ValidationError("--passive must be ≥ 1, got \(passive)") }
            guard candidates >= 1 else { throw ValidationError("--candidates must be ≥ 1, got \(candidates)") }
        } else if columns != nil {
            _ = try parsedColumns()
        }
    }

    func run() throws {
        if let passive { return try runGeneral(passive: passive) }
        let text: String
        do {
            text = try String(contentsOfFile: input, encoding: .utf8)
        } catch {
            throw failure("cannot read '\(input)': no such file or not readable UTF-8 text")
        }
        do {
            let samples = try SampleCSV.parse(text: text, columns: try parsedColumns())
            let result = try BoundAnalysis.run(samples: samples, config: BoundAnalysisConfig(angleCount: angles, bins: bins))
            print(json ? BoundAnalysis.json(result) : BoundAnalysis.table(result))
        } catch let error as TheoryError {
            throw failure("\(input): \(error)")
        }
    }

    /// `--columns i,j` as two 0-based indices.
    func parsedColumns() throws -> (Int, Int)? {
        guard let columns else { return nil }
        let parts = columns.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let i = parts[0], let j = parts[1], i >= 0, j >= 0, i != j else {
            throw ValidationError("--columns must be two different 0-based indices like 0,1; got '\(columns)'")
        }
        return (i, j)
    }

    /// `--passive K`: the general OAS over SO(D) (`GeneralOAS`), as a summary or JSON.
    func runGeneral(passive: Int) throws {
        let text = try CLIFailure.readText(input)
        let tokens = columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let result = try CLIFailure.reporting(file: input) { () throws -> GeneralOASResult in
            let table = try TableCSV.parse(text: text, columns: tokens, minimumColumns: 2)
            guard passive < table.values.cols else {
                throw TheoryError.invalidArgument(name: "--passive", value: "\(passive)",
                                                  reason: "must be below the number of columns, \(table.values.cols)")
            }
            guard table.values.rows >= 128 else {
                throw TheoryError.tooFewSamples(needed: 128, got: table.values.rows, reason: "two halves of ≥ 64 rows for the kNN Δ̂")
            }
            var rng = SeededGenerator(seed: 1)
            return try GeneralOAS.search(samples: table.values, passiveDimension: passive,
                                         config: GeneralOASConfig(candidates: candidates), using: &rng)
        }
        let q = result.rotation
        if json {
            func list(_ xs: [Double]) -> String { "[" + xs.map { "\($0)" }.joined(separator: ", ") + "]" }
            let rows = (0..<q.rows).map { list(q.row($0)) }
            print("{\"dimension\": \(q.rows), \"passive\": \(passive), \"best_random_delta\": \(result.bestRandomDelta), "
                  + "\"delta\": \(result.delta), \"moves\": \(result.moves), \"rotation\": [\(rows.joined(separator: ", "))], "
                  + "\"passive_basis\": [\(rows.prefix(passive).joined(separator: ", "))]}")
        } else {
            print("dimension \(q.rows), passive \(passive); held-out delta (kNN, half of the rows):")
            print(String(format: "best of %d random rotations: delta %.6f", candidates, result.bestRandomDelta))
            print(String(format: "after local search (%d Givens moves): delta %.6f", result.moves, result.delta))
            print("passive subspace (rows of Q, in the data coordinates):")
            for i in 0..<passive {
                print("  p\(i + 1): " + q.row(i).map { String(format: "%+.4f", $0) }.joined(separator: " "))
            }
        }
    }

    /// A one-line error on stderr and exit status 1.
    private func failure(_ message: String) -> Error {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode.failure
    }
}
