import ArgumentParser
import CouplingTheory
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

    @Option(help: "Two 0-based column indices to use, e.g. 0,2 (default: the file must have exactly two columns).")
    var columns: String?

    func validate() throws {
        guard angles >= 1 else { throw ValidationError("--angles must be ≥ 1, got \(angles)") }
        guard bins >= 1 else { throw ValidationError("--bins must be ≥ 1, got \(bins)") }
        if columns != nil { _ = try parsedColumns() }
    }

    func run() throws {
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

    /// A one-line error on stderr and exit status 1.
    private func failure(_ message: String) -> Error {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode.failure
    }
}
